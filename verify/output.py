"""Write output files atomically: a run that fails or is interrupted leaves the previous file intact."""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import InputError


def check_writable(path: str | os.PathLike) -> None:
    """Raise InputError now, before the slow work, if `write_atomic(path, ...)` cannot succeed."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    if _is_stream(target):
        return                                    # /dev/stdout, a named pipe: opened when written, not probed
    folder = Path(os.path.realpath(target)).parent
    if not folder.is_dir():
        raise InputError(f"{path}: folder {str(folder)!r} does not exist")
    try:
        # Creating a file is the only reliable test (root passes os.access; read-only mounts and quotas do not).
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise InputError(f"{path}: cannot write in {str(folder)!r} ({error.strerror or error})") from None


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed over it (see `write_all_atomic`)."""
    write_all_atomic({path: text})


def write_all_atomic(outputs: Mapping[str | os.PathLike, str]) -> None:
    """Write each text to its path through a temporary file, renaming them over the targets only once all are
    written: a full disk or an error leaves every previous file intact, not a new report beside an old JSONL.

    A symbolic link keeps pointing where it did and the file it points to is replaced; a path that is not a
    regular file (/dev/stdout, a named pipe) is written to directly, since it cannot be renamed over.
    """
    staged: list[tuple[str | os.PathLike, str, Path]] = []   # (path as given, temporary file, target)
    shown = None
    try:
        streams = []
        for shown, text in outputs.items():
            if _is_stream(Path(shown)):
                streams.append((shown, text))
            else:
                target = Path(os.path.realpath(shown))
                staged.append((shown, _stage(target, text, shown), target))
        for shown, tmp, target in staged:
            os.replace(tmp, target)
        for shown, text in streams:
            with open(shown, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as error:
        raise InputError(f"{shown}: cannot write ({error.strerror or error})") from None
    finally:
        for _, tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)   # renamed ones are gone already


def _stage(target: Path, text: str, shown) -> str:
    """A temporary file beside `target` holding `text`, with the mode the target has or a new file would get."""
    if not target.parent.is_dir():
        raise InputError(f"{shown}: folder {str(target.parent)!r} does not exist")
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)                       # mkstemp makes 0600 files; a report is as readable as any file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _is_stream(target: Path) -> bool:
    """An existing path (links followed) that is neither a regular file nor a folder."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _mode_for(target: Path) -> int:
    """The mode the file keeps when it exists, else what a plain open() would give under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
