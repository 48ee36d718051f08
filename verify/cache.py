"""Embedding vectors kept on disk, so a rerun or an added article only encodes the sentences not seen before.

One SQLite file per cache folder. SQLite gives what a cache shared by several runs needs without any code of
ours: a write is one transaction, so an interrupted run leaves either the whole batch or none of it; WAL mode
lets concurrent runs read while one writes, and a writer waits its turn (`timeout`) instead of failing.

A vector is found by (model identity, hash of the exact text). The identity changes whenever the weights
behind a model name or folder may have changed, so a retrained model never reads an older model's vectors.
The cache only ever saves work: when it cannot be opened or written (read-only home, full disk, a corrupt
file) the run warns once and carries on without it.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

FILE_NAME = "embeddings.sqlite3"
# Files under this size are hashed whole (configs, tokenizer); larger ones (weights) by size and mtime, which
# changes whenever they are rewritten, without reading hundreds of MB on every run.
_HASHED_FILE_LIMIT = 1 << 20
# SQLite caps the number of `?` in one statement (32766 since 3.32, 999 before): look keys up in slices.
_KEYS_PER_QUERY = 900
# How long a run waits for another run's write transaction to finish before giving up on the cache.
_LOCK_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    id       INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS vectors (
    model  INTEGER NOT NULL REFERENCES models(id),
    key    BLOB NOT NULL,     -- text_key(text)
    vector BLOB NOT NULL,     -- float32, native byte order
    PRIMARY KEY (model, key)
) WITHOUT ROWID;
"""


def default_cache_dir() -> Path:
    """$VERIFY_CACHE_DIR, else $XDG_CACHE_HOME/verify, else ~/.cache/verify."""
    if os.environ.get("VERIFY_CACHE_DIR"):
        return Path(os.environ["VERIFY_CACHE_DIR"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "verify"


def text_key(text: str) -> bytes:
    """128 bits of BLAKE2b over the exact text: collisions are out of reach, and keys stay small."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def model_identity(name_or_path: str) -> str:
    """What a model's vectors are filed under.

    A local folder: its resolved path plus a digest of its files (content of the small ones, size and
    modification time of the weights), so re-saving other weights in the same folder starts afresh.
    Anything else is a hub name, taken as naming fixed weights; to pin a revision, pass its folder.
    """
    if not os.path.isdir(name_or_path):
        return f"name:{name_or_path}"
    root = os.path.realpath(name_or_path)
    digest = hashlib.blake2b(digest_size=16)
    for folder, subfolders, files in os.walk(root):
        # Sorted walk: the digest must not depend on the order the file system lists entries in.
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            stat = os.stat(path)
            digest.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
            if stat.st_size < _HASHED_FILE_LIMIT:
                digest.update(hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest())
            else:
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return f"dir:{root}:{digest.hexdigest()}"


class EmbeddingCache:
    """Vectors by (model identity, text), in `folder`/embeddings.sqlite3; the folder is made on first use."""

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder).expanduser() / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those `texts` that have one, by text."""
        return {text: np.frombuffer(blob, dtype=np.float32) for text, blob in self.get_bytes(model, texts).items()}

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Save one batch of vectors in one transaction."""
        rows = np.ascontiguousarray(vectors, dtype=np.float32)
        self.put_bytes(model, texts, [row.tobytes() for row in rows])

    def get_bytes(self, model: str, texts: Sequence[str]) -> dict[str, bytes]:
        """The cached values (vectors, serialised parses) of those `texts` that have one, by text.

        `model` names what made the values: an embedding model's identity, or the parser's (verify/parse.py).
        """
        db = self._connect()
        if db is None or not texts:
            return {}
        try:
            row = db.execute("SELECT id FROM models WHERE identity = ?", (model,)).fetchone()
            if row is None:
                return {}
            by_key = {text_key(text): text for text in texts}
            keys = list(by_key)
            found: dict[str, bytes] = {}
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start:start + _KEYS_PER_QUERY]
                query = f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(chunk))})"
                for key, blob in db.execute(query, (row[0], *chunk)):
                    found[by_key[key]] = bytes(blob)
            return found
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def put_bytes(self, model: str, texts: Sequence[str], blobs: Sequence[bytes]) -> None:
        """Save one batch in one transaction: after a crash either all of it is there or none of it."""
        db = self._connect()
        if db is None or not texts:
            return
        try:
            # IMMEDIATE takes the write lock up front, so two runs queue here instead of failing halfway.
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("INSERT OR IGNORE INTO models (identity) VALUES (?)", (model,))
                (model_id,) = db.execute("SELECT id FROM models WHERE identity = ?", (model,)).fetchone()
                # OR IGNORE: another run may have saved the same text meanwhile; its vector is as good.
                db.executemany(
                    "INSERT OR IGNORE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
                    _rows(model_id, texts, blobs),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._give_up(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # isolation_level=None: transactions are begun and ended explicitly.
                self._db = sqlite3.connect(self.path, timeout=_LOCK_TIMEOUT_S, isolation_level=None)
                self._set_up(self._db)
            except (OSError, sqlite3.Error) as exc:
                self._give_up(exc)
        return self._db

    @staticmethod
    def _set_up(db: sqlite3.Connection) -> None:
        # Runs that open a new cache at the same moment race to switch it to WAL, and SQLite answers the loser
        # "database is locked" at once rather than through the busy timeout: wait and retry here instead.
        deadline = time.monotonic() + _LOCK_TIMEOUT_S
        while db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            try:
                db.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        # NORMAL is crash-safe in WAL mode; a power cut may only lose the last batches, a cache can afford it.
        db.execute("PRAGMA synchronous=NORMAL")
        # IMMEDIATE: the schema is written under the write lock, which waits through the busy timeout.
        db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} COMMIT;")

    def _give_up(self, exc: Exception) -> None:
        warnings.warn(f"embedding cache {self.path} disabled for this run: {exc}", RuntimeWarning, stacklevel=3)
        self.close()
        self._broken = True


def _rows(model_id: int, texts: Iterable[str], blobs: Iterable[bytes]):
    for text, blob in zip(texts, blobs):
        yield model_id, text_key(text), blob
