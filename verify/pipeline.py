"""The whole run, stage after stage: ingest -> segment -> extract -> embed -> group -> compare."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .claims import Claim, build_claims
from .compare import Comparison, compare
from .embed import Embedder
from .extract import ExtractedSentence, extract
from .group import ClaimGroup, group_sentences
from .ingest import Corpus, Document, read_corpus
from .segment import Sentence, segment


@dataclass
class Result:
    documents: list[Document]
    sentences: list[Sentence]
    extracted: list[ExtractedSentence]
    groups: list[ClaimGroup]
    claims: list[Claim]
    comparison: Comparison
    skipped: list[str] = field(default_factory=list)
    model: str = ""


def check_documents(documents: list[Document], embedder: Embedder, skipped: Sequence[str] = ()) -> Result:
    sentences = [s for doc in documents for s in segment(doc)]
    extracted = extract(documents, sentences)
    claims = build_claims(documents, extracted)
    # One encode call for sentences and claim contexts: the model batches them together.
    vectors = embedder.encode([s.text for s in sentences] + [c.context for c in claims])
    sentence_vectors, context_vectors = vectors[: len(sentences)], vectors[len(sentences):]
    groups = group_sentences(sentences, sentence_vectors)
    outlets = {d.id: d.outlet for d in documents}
    comparison = compare(
        claims, context_vectors, sentence_vectors, [(s.doc, s.index) for s in sentences], groups, outlets
    )
    return Result(documents, sentences, extracted, groups, claims, comparison,
                  list(skipped), embedder.model_name)


def check(paths: Sequence[str], model: str | None = None, embedder: Embedder | None = None,
          cache_dir: str | None = None, use_cache: bool = True) -> Result:
    """Read the articles under `paths` and cross-check them; the Python API behind `verify check`.

    `cache_dir`/`use_cache` set up the embedding cache when no `embedder` is given (see `Embedder`).
    """
    corpus: Corpus = read_corpus(paths)
    embedder = embedder or Embedder(model, cache_dir=cache_dir, use_cache=use_cache)
    return check_documents(corpus.documents, embedder, corpus.skipped)
