"""The whole run, stage after stage: ingest -> segment -> extract -> embed -> group -> compare."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Sequence

from .claims import Claim, build_claims
from .compare import Comparison, Finding, Slot, compare
from .copies import CopySet, copy_of, find_copies
from .embed import Embedder, require_model
from .extract import ExtractedSentence, extract
from .group import ClaimGroup, group_sentences
from .ingest import Corpus, Document, JsonlFields, read_corpus
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
    copies: list[CopySet] = field(default_factory=list)  # documents that copy one another: one source, not several
    problems: list[str] = field(default_factory=list)   # bad inputs left out (--skip-bad): "feed.jsonl:3: reason"

    @property
    def conflicts(self) -> list[Finding]:
        """Pairs of claims from two sources that give different values for one quantity or date, surest first."""
        return self._findings("conflict")

    @property
    def agreements(self) -> list[Finding]:
        """Pairs of claims from two independent sources that give the same value (within rounding)."""
        return self._findings("agreement")

    @property
    def rounding(self) -> list[Finding]:
        """Pairs where one source states the other's figure rounded."""
        return self._findings("rounding")

    @property
    def single_source(self) -> list[Slot]:
        """Claims no other source states: what to verify next (`Slot.claim` is the document's figure)."""
        return self.comparison.single_source()

    def _findings(self, kind: str) -> list[Finding]:
        return [finding for finding in self.comparison.findings if finding.type == kind]


def check_documents(documents: list[Document], embedder: Embedder, skipped: Sequence[str] = (),
                    problems: Sequence[str] = ()) -> Result:
    copies = find_copies(documents)
    sentences = [s for doc in documents for s in segment(doc)]
    extracted = extract(documents, sentences)
    claims = build_claims(documents, extracted)
    # One encode call for sentences and claim contexts: the model batches them together.
    vectors = embedder.encode([s.text for s in sentences] + [c.context for c in claims])
    sentence_vectors, context_vectors = vectors[: len(sentences)], vectors[len(sentences):]
    groups = group_sentences(sentences, sentence_vectors)
    outlets = {d.id: d.outlet for d in documents}
    comparison = compare(
        claims, context_vectors, sentence_vectors, [(s.doc, s.index) for s in sentences], groups, outlets,
        copy_of(copies),
    )
    return Result(documents, sentences, extracted, groups, claims, comparison,
                  list(skipped), embedder.model_name, copies, list(problems))


def check(paths: str | os.PathLike | Sequence[str | os.PathLike], model: str | None = None,
          embedder: Embedder | None = None, cache_dir: str | None = None, use_cache: bool = True,
          fields: JsonlFields | None = None, skip_bad: bool = False,
          outputs: Sequence[str | os.PathLike] = ()) -> Result:
    """Read the articles under `paths` (a path or a list of them) and cross-check them; the Python API behind
    `verify check`.

    `model` is checked before anything is read: a name that is neither a folder nor cached fails at once.
    `cache_dir`/`use_cache` set up the embedding cache when no `embedder` is given (see `Embedder`);
    `fields`, `skip_bad` and `outputs` (the files this run will write) are passed to `read_corpus`.
    """
    if embedder is None:
        require_model(model)     # before the reading: a model that is not on this machine fails at once
        embedder = Embedder(model, cache_dir=cache_dir, use_cache=use_cache)
    corpus: Corpus = read_corpus(paths, fields, skip_bad=skip_bad, outputs=outputs)
    return check_documents(corpus.documents, embedder, corpus.skipped, corpus.problems)
