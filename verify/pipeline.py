"""The whole run, stage after stage: ingest -> segment -> extract -> parse/frames -> embed -> group -> match -> compare."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterator, Sequence

import numpy as np

from .claims import Claim, build_claims, parsed_items
from .compare import Comparison, Finding, Slot, Thresholds, compare
from .copies import CopySet, copy_of, find_copies
from .embed import Embedder, require_model
from .extract import ExtractedSentence, extract, sentence_record
from .group import ClaimGroup, group_sentences
from .frames import build_frame
from .ingest import Corpus, Document, JsonlFields, read_corpus
from .match import VECTOR_NAMES, ClaimVectors, Matcher, candidate_pairs, pair_features, vector_texts
from .parse import Parser
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


@dataclass
class Prepared:
    """Everything up to the match stage: what `verify eval --cross-validate` scores with many matchers."""

    documents: list[Document]
    sentences: list[Sentence]
    extracted: list[ExtractedSentence]
    groups: list[ClaimGroup]
    claims: list[Claim]
    vectors: ClaimVectors
    pairs: np.ndarray             # candidate pairs of claim ids
    features: np.ndarray          # one row of match.FEATURES per pair
    copies: list[CopySet]


def prepare(documents: list[Document], embedder: Embedder, parser: Parser | None = None) -> Prepared:
    copies = find_copies(documents)
    sentences = [s for doc in documents for s in segment(doc)]
    extracted = extract(documents, sentences)
    claims = build_claims(documents, extracted, (parser or Parser()).parse)
    # One encode call for sentences, claim contexts and frame phrases: the model batches them together.
    texts = vector_texts(claims)
    vectors = embedder.encode([s.text for s in sentences] + [t for name in VECTOR_NAMES for t in texts[name]])
    n, m = len(sentences), len(claims)
    sentence_vectors = vectors[:n]
    groups = group_sentences(sentences, sentence_vectors)
    row = {(s.doc, s.index): k for k, s in enumerate(sentences)}
    claim_rows = np.array([row[(c.doc, c.sentence.index)] for c in claims], dtype=np.int64)
    claim_vectors = ClaimVectors(
        sentence=sentence_vectors[claim_rows] if m else np.zeros((0, vectors.shape[1]), dtype=np.float32),
        **{name: vectors[n + k * m:n + (k + 1) * m] for k, name in enumerate(VECTOR_NAMES)})
    group_of: dict[tuple[str, int], int] = {}
    for k, g in enumerate(groups):
        if len(g.docs) > 1:
            for s in g.members:
                group_of[(s.doc, s.index)] = k
    sentence_group = [group_of.get((c.doc, c.sentence.index), -1) for c in claims]
    pairs = candidate_pairs(claims, claim_vectors)
    features = pair_features(claims, claim_vectors, pairs, sentence_group)
    return Prepared(documents, sentences, extracted, groups, claims, claim_vectors, pairs, features, copies)


def probabilities(prepared: Prepared, matcher: Matcher) -> np.ndarray:
    """The matcher's P(same quantity) of each candidate pair, both stages."""
    if not len(prepared.pairs):
        return np.zeros(0)
    return matcher.predict_pairs(prepared.features, prepared.pairs, [c.doc for c in prepared.claims])


def judge(prepared: Prepared, matcher: Matcher) -> Comparison:
    """The compare stage on the matcher's probabilities, at the matcher's conflict threshold."""
    return judge_with(prepared, probabilities(prepared, matcher), Thresholds(conflict=matcher.conflict_threshold_))


def judge_with(prepared: Prepared, probabilities: np.ndarray, thresholds: Thresholds) -> Comparison:
    outlets = {d.id: d.outlet for d in prepared.documents}
    return compare(prepared.claims, prepared.pairs, probabilities, outlets, copy_of(prepared.copies), thresholds)


def extract_records(documents: list[Document], parser: Parser | None = None) -> Iterator[dict]:
    """What `verify extract` writes: each sentence's numbers and dates, each with its frame (what it is about)."""
    sentences = [s for doc in documents for s in segment(doc)]
    extracted = extract(documents, sentences)
    valued = iter(parsed_items([item for item in extracted if item.quantities or item.dates],
                               (parser or Parser()).parse))
    for item in extracted:
        frames: dict = {}
        if item.quantities or item.dates:
            _, parsed = next(valued)
            mentions = [*item.quantities, *item.dates]
            spans = [(m.start, m.end) for m in mentions]
            for k, mention in enumerate(mentions):
                frame = build_frame(parsed, item.sentence.text, item.sentence.start, mention, spans[:k] + spans[k + 1:])
                frames[(mention.start, mention.end)] = frame.record()
        yield sentence_record(item, frames)


def check_documents(documents: list[Document], embedder: Embedder, skipped: Sequence[str] = (),
                    problems: Sequence[str] = (), matcher: Matcher | None = None,
                    parser: Parser | None = None) -> Result:
    prepared = prepare(documents, embedder, parser)
    comparison = judge(prepared, matcher or Matcher.load())
    return Result(documents, prepared.sentences, prepared.extracted, prepared.groups, prepared.claims, comparison,
                  list(skipped), embedder.model_name, prepared.copies, list(problems))


def check(paths: str | os.PathLike | Sequence[str | os.PathLike], model: str | None = None,
          embedder: Embedder | None = None, cache_dir: str | None = None, use_cache: bool = True,
          fields: JsonlFields | None = None, skip_bad: bool = False,
          outputs: Sequence[str | os.PathLike] = (), matcher: str | Matcher | None = None) -> Result:
    """Read the articles under `paths` (a path or a list of them) and cross-check them; the Python API behind
    `verify check`.

    `model` is checked before anything is read: a name that is neither a folder nor cached fails at once.
    `cache_dir`/`use_cache` set up the embedding and parse caches when no `embedder` is given (see `Embedder`);
    `fields`, `skip_bad` and `outputs` (the files this run will write) are passed to `read_corpus`; `matcher` is a
    `Matcher` or the path of a model file from `verify train` (default: the model shipped in verify/models/).
    """
    if embedder is None:
        require_model(model)     # before the reading: a model that is not on this machine fails at once
        embedder = Embedder(model, cache_dir=cache_dir, use_cache=use_cache)
    if not isinstance(matcher, Matcher):
        matcher = Matcher.load(matcher)
    corpus: Corpus = read_corpus(paths, fields, skip_bad=skip_bad, outputs=outputs)
    return check_documents(corpus.documents, embedder, corpus.skipped, corpus.problems, matcher=matcher,
                           parser=Parser(cache_dir=cache_dir, use_cache=use_cache))
