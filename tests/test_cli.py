"""The command line's error contract: every error is exit status 2 and one line on stderr starting "verify: error:",
never a traceback, never a half-written output. Tested through click's CliRunner and through a real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main

ARTICLE = "The strike on Ternopil killed 25 people and injured 93 more on Wednesday, officials said.\n"


def invoke(*args, **kwargs):
    # click 8.2+ keeps stderr apart from stdout on every Result (the mix_stderr argument is gone).
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="verify", **kwargs)


def assert_one_line_error(result, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, and exactly one line on stderr that names the problem."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception   # not an uncaught exception
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture
def inputs(tmp_path):
    """A folder of problem inputs, one per error the CLI must report; each test gets its own."""
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8)
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n', encoding="utf-8")
    (tmp_path / "notext.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "out").mkdir()
    return tmp_path


# (arguments, fragments the one line must contain); "{d}" is the inputs folder. None of these loads the model.
ERRORS = {
    "missing input": (["check", "{d}/missing.txt"], ["missing.txt: no such file or folder"]),
    "empty file": (["check", "{d}/empty.txt"], ["empty.txt: empty file"]),
    "binary file": (["extract", "{d}/binary.txt"], ["binary.txt: not a text file"]),
    "malformed JSONL": (["check", "{d}/bad.jsonl"], ["bad.jsonl:2: not valid JSON"]),
    "JSONL without text": (["extract", "{d}/notext.jsonl"], ["notext.jsonl:1: missing 'text'"]),
    "unknown file type": (["check", "{d}/notes.pdf"], ["notes.pdf: unsupported file type '.pdf'"]),
    "folder named like a file": (["check", "{d}/folder.txt"], ["folder.txt: no ", "files in this folder"]),
    "dangling symlink": (["check", "{d}/dangling.txt"], ["dangling.txt: no such file or folder"]),
    "output in a missing folder": (["check", "{d}/ok.txt", "-o", "{d}/nowhere/report.md"],
                                   ["report.md: folder ", "does not exist"]),
    "JSONL output in a missing folder": (["check", "{d}/ok.txt", "--jsonl", "{d}/nowhere/f.jsonl"],
                                         ["f.jsonl: folder "]),
    "output is a folder": (["check", "{d}/ok.txt", "-o", "{d}/out"], ["'-o'", "is a directory", "--help"]),
    "unknown option": (["check", "{d}/ok.txt", "--no-such-option"], ["No such option", "verify check --help"]),
    "no input": (["check"], ["Missing argument 'PATHS...'"]),
    "unknown command": (["chek", "{d}/ok.txt"], ["No such command 'chek'"]),
    "output replaces an input": (["check", "{d}/ok.txt", "-o", "{d}/ok.txt"], ["would replace input"]),
    "both outputs one file": (["check", "{d}/ok.txt", "-o", "{d}/out/r.md", "--jsonl", "{d}/out/../out/r.md"],
                              ["would replace output"]),
}


@pytest.mark.parametrize("case", ERRORS)
def test_every_error_is_one_line_and_status_2(inputs, case):
    args, fragments = ERRORS[case]
    assert_one_line_error(invoke(*(arg.format(d=inputs) for arg in args)), *fragments)


def test_output_errors_come_before_the_work_and_write_nothing(inputs, monkeypatch):
    """A missing folder, an unwritable one, an output that would replace an input file or the other output."""
    def no_run(*args, **kwargs):
        raise AssertionError("the pipeline ran although the output cannot be written")

    monkeypatch.setattr("verify.pipeline.check", no_run)
    before = sorted(os.listdir(inputs))
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", inputs / "nowhere" / "r.md"), "does not exist")
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", "/proc/verify-report.md"), "cannot write")
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", inputs / "ok.txt"), "would replace input")
    assert_one_line_error(invoke("extract", inputs / "ok.txt", "--jsonl", inputs / "ok.txt"), "would replace input")
    assert (inputs / "ok.txt").read_text(encoding="utf-8") == ARTICLE
    assert sorted(os.listdir(inputs)) == before and not (inputs / "nowhere").exists()


def test_a_failed_write_is_one_line_and_leaves_no_temporary_file(inputs, monkeypatch):
    """A full disk while writing: the error names the output; the previous file stays; no temporary file."""
    import errno

    out = inputs / "out" / "sentences.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("verify.output.os.fsync", disk_full)
    line = assert_one_line_error(invoke("extract", inputs / "ok.txt", "--jsonl", out), "sentences.jsonl")
    assert "No space left on device" in line
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(out.parent) == ["sentences.jsonl"]


def test_an_os_error_anywhere_is_one_line(inputs, monkeypatch):
    """A permission problem in a stage (here: reading the file) is not a bug to print a traceback for."""
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/some/cache/file")

    monkeypatch.setattr("verify.pipeline.segment", denied)
    line = assert_one_line_error(invoke("extract", inputs / "ok.txt"))
    assert line == "verify: error: /some/cache/file: Permission denied"


def test_multi_line_messages_are_folded_into_one(inputs, monkeypatch):
    from verify.errors import InputError

    def multi(*args, **kwargs):
        raise InputError("feed.jsonl:3: bad\nthing\n  here")

    monkeypatch.setattr("verify.ingest.read_corpus", multi)
    assert assert_one_line_error(invoke("extract", inputs / "ok.txt")) == "verify: error: feed.jsonl:3: bad thing here"


def test_help_and_version_are_not_errors():
    for args in (["--help"], ["check", "--help"], ["extract", "--help"], ["eval", "--help"], ["--version"]):
        result = invoke(*args)
        assert result.exit_code == 0 and result.stderr == "", (args, result.output)


def test_skip_bad_is_offered_by_check_and_extract():
    for command in ("check", "extract"):
        assert "--skip-bad" in invoke(command, "--help").stdout


def test_extract_writes_to_stdout_or_the_jsonl_file(inputs):
    to_stdout = invoke("extract", inputs / "ok.txt")
    assert to_stdout.exit_code == 0 and to_stdout.stderr == ""
    [record] = [json.loads(line) for line in to_stdout.stdout.splitlines()]
    assert record["sentence"] == ARTICLE.strip()
    out = inputs / "out" / "s.jsonl"
    to_file = invoke("extract", inputs / "ok.txt", "--jsonl", out)
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


# ---------------------------------------------------------------- a real process

def run_verify(*args, cwd=None, env=None):
    """`python -m verify.cli ...` in a fresh interpreter: what a user's shell sees."""
    return subprocess.run([sys.executable, "-m", "verify.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize("case", ["missing input", "empty file", "binary file", "malformed JSONL",
                                  "output in a missing folder", "unknown option"])
def test_errors_in_a_real_process_have_no_traceback(inputs, case):
    args, fragments = ERRORS[case]
    done = run_verify(*(arg.format(d=inputs) for arg in args))
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), done.stderr
    assert all(fragment in lines[0] for fragment in fragments), lines[0]


def test_the_verify_script_reports_errors_the_same_way(inputs):
    script = Path(sys.executable).with_name("verify")
    if not script.exists():
        pytest.skip(f"no console script at {script}")
    done = subprocess.run([str(script), "check", str(inputs / "empty.txt")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stderr == f"verify: error: {inputs / 'empty.txt'}: empty file, nothing to check\n"


def test_write_error_at_the_end_in_a_real_process(inputs):
    """/dev/full accepts the open and fails the write: the message names it, no traceback. (A character device is
    written to directly, never renamed over, so this is safe even as root.)"""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    done = run_verify("extract", inputs / "ok.txt", "--jsonl", "/dev/full")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == "verify: error: /dev/full: cannot write (No space left on device)\n"
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


def test_output_through_a_symlink_and_to_a_pipe(inputs):
    """A symlinked output keeps its link and updates the file it points to; /dev/stdout and pipes are written to."""
    real = inputs / "out" / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = inputs / "link.jsonl"
    link.symlink_to(real)
    assert invoke("extract", inputs / "ok.txt", "--jsonl", link).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["doc"] == "ok.txt"

    done = run_verify("extract", inputs / "ok.txt", "--jsonl", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sentence"] == ARTICLE.strip()

    fifo = inputs / "pipe.jsonl"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    try:
        done = run_verify("extract", inputs / "ok.txt", "--jsonl", fifo)
        out, _ = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert done.returncode == 0, done.stderr
    assert json.loads(out)["doc"] == "ok.txt"
    assert not fifo.is_file()            # still the pipe, not a regular file put in its place


def test_new_outputs_get_the_usual_permissions(inputs):
    """Temporary files are private (0600); the report renamed from one is as readable as any file the user makes."""
    out = inputs / "out" / "s.jsonl"
    old_umask = os.umask(0o022)
    try:
        assert invoke("extract", inputs / "ok.txt", "--jsonl", out).exit_code == 0
    finally:
        os.umask(old_umask)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    assert invoke("extract", inputs / "ok.txt", "--jsonl", out).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640          # an existing file keeps its mode


def test_a_closed_pipe_is_not_an_error_message(inputs):
    """`verify extract ... | head`: the reader goes away; no traceback and no error line, as for other tools."""
    big = inputs / "big.txt"
    big.write_text(ARTICLE * 3000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "verify.cli", "extract", str(big)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()                     # before a byte is read: the write fails with EPIPE
    stderr = process.stderr.read()
    assert process.wait(timeout=120) in (0, 1)
    assert "Traceback" not in stderr and "verify: error" not in stderr, stderr
