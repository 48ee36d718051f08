"""The match stage: for two claims from different documents, the probability that they state the same quantity.

Three parts, each a function or class below:
1. `candidate_pairs`: which pairs are worth scoring. Claims are blocked by what no model is needed to rule out
   (a number is never a date, dollars are never pounds, a rate per day is never a total); within a block of
   at most `FULL_COMPARISON_LIMIT` claims every cross-document pair is scored, above it only each claim's
   nearest `NEIGHBOURS` by sentence and context embedding, so large inputs stay near-linear.
2. `pair_features`: one row of numbers per pair, from both claims' frames (verify/frames.py), their vectors and
   their values. `FEATURES` names the columns.
3. `Matcher`: logistic regressions over those features (scikit-learn), one for pairs whose values differ and
   one for all pairs (it scores those whose values agree), in two stages: the second also reads how strongly
   third documents tie both claims to one of theirs and how far the pair stands above each claim's rivals
   (verify/support.py, from the first stage's probabilities).
   Fitted on answer keys by `verify train` (verify/train.py) and saved as JSON (verify/models/matcher.json), so
   a saved model is readable, diffable and byte-identical when retrained on the same data. Its probability is
   the finding's confidence.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .claims import Claim
from .dates import DateMention
from .support import GRAPH_EVIDENCE, document_numbers, graph_evidence
from .values import interval, minutes, relation, specificity

FULL_COMPARISON_LIMIT = 400
NEIGHBOURS = 40
DEFAULT_MODEL_PATH = Path(__file__).parent / "models" / "matcher.json"
MODEL_FORMAT = "verify-matcher/4"

# Function words dropped from slot texts before two slots are compared ("the Labour Party" ~ "Labour").
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "its", "their", "his", "her", "'s", "’s", "party", "and"})
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class ClaimVectors:
    """Embeddings of each claim, rows by claim id: its sentence, the words around the value, the word that
    governs it, and its own clause."""

    sentence: np.ndarray
    context: np.ndarray     # the words either side of the value (Claim.context)
    predicate: np.ndarray   # the governing word (frame.predicate), or the context when the frame has none
    clause: np.ndarray      # the value's own clause (frame.clause), or the context when the frame has none


VECTOR_NAMES = ("context", "predicate", "clause")


def vector_texts(claims: Sequence[Claim]) -> dict[str, list[str]]:
    """The texts the embedding model encodes for each claim beyond its sentence, by `ClaimVectors` field."""
    return {"context": [c.context for c in claims],
            "predicate": [c.frame.predicate.text if c.frame.predicate else c.context for c in claims],
            "clause": [c.frame.clause or c.context for c in claims]}


# ---------------------------------------------------------------- blocking

def block_key(claim: Claim) -> tuple:
    """Claims in different blocks can never state the same quantity."""
    m = claim.mention
    if isinstance(m, DateMention):
        return ("date", m.granularity == "time")
    return ("number", m.kind, m.unit, m.rate)


def candidate_pairs(claims: Sequence[Claim], vectors: ClaimVectors, neighbours: int = NEIGHBOURS,
                    full_limit: int = FULL_COMPARISON_LIMIT) -> np.ndarray:
    """Pairs (i, j), i < j, of claim ids from different documents worth scoring, sorted; shape (n, 2)."""
    blocks: dict[tuple, list[int]] = {}
    for claim in claims:
        blocks.setdefault(block_key(claim), []).append(claim.id)
    # Documents numbered in order of first claim, once (no dependence on string hashing).
    number = {doc: i for i, doc in enumerate(dict.fromkeys(c.doc for c in claims))}
    docs = np.array([number[c.doc] for c in claims], dtype=np.int64)
    found: list[np.ndarray] = []
    for ids in blocks.values():
        ids_arr = np.array(ids, dtype=np.int64)
        if len(ids) <= full_limit:
            i, j = np.triu_indices(len(ids), k=1)
            pairs = np.stack([ids_arr[i], ids_arr[j]], axis=1)
        else:
            joint = np.hstack([vectors.sentence[ids_arr], vectors.context[ids_arr]])
            k = min(neighbours, len(ids) - 1)
            rows = []
            for start in range(0, len(ids), 1024):
                block = joint[start:start + 1024] @ joint.T
                block[np.arange(block.shape[0]), start + np.arange(block.shape[0])] = -np.inf
                nearest = np.argpartition(-block, k, axis=1)[:, :k]
                left = np.repeat(ids_arr[start:start + block.shape[0]], k)
                rows.append(np.stack([left, ids_arr[nearest.ravel()]], axis=1))
            pairs = np.sort(np.concatenate(rows), axis=1)
        found.append(pairs[docs[pairs[:, 0]] != docs[pairs[:, 1]]])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found), axis=0)


# ---------------------------------------------------------------- features

FEATURES = (
    "sentence_similarity", "context_similarity", "predicate_similarity", "clause_similarity",
    "lead_position", "value_elsewhere",
    "same_counted", "same_predicate", "same_holder", "same_place", "same_time",
    "same_modality", "either_forecast", "date_plan_mismatch",
    "both_parts", "one_part", "one_whole", "one_listed", "either_headline",
    "same_sentence_group", "word_overlap",
    "log_value_ratio", "values_agree", "values_equal", "values_differ", "min_specificity",
    "is_date", "is_money", "is_percent", "is_measure", "is_tally",
    "same_granularity", "best_in_other_document", "mutual_best", "similarity_margin", "values_in_sentences",
)


# Pairs whose vectors are gathered at a time: memory stays flat however many pairs there are.
_DOT_CHUNK = 65536


def _row_dots(vectors: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cosine of each pair (the vectors are unit length), `vectors[i[k]] . vectors[j[k]]`, a chunk at a time."""
    out = np.empty(len(i), dtype=np.float64)
    for start in range(0, len(i), _DOT_CHUNK):
        a, b = vectors[i[start:start + _DOT_CHUNK]], vectors[j[start:start + _DOT_CHUNK]]
        out[start:start + _DOT_CHUNK] = np.einsum("ij,ij->i", a, b)
    return out


def _slot_key(slot) -> str | None:
    if slot is None:
        return None
    words = [w for w in _WORD.findall(slot.text.lower()) if w not in _FUNCTION_WORDS]
    return " ".join(words) or None


def _agreement(keys: list, pairs: np.ndarray, overlap: bool = False) -> np.ndarray:
    """+1 when both claims have the slot and it is the same, -1 when both have it and it differs, else 0.
    With `overlap`, a slot whose words are all in the other counts as the same ("Labour Party" ~ "Labour"),
    but "the Eaton Fire" and "the Palisades Fire" differ."""
    if len(pairs) == 0:
        return np.zeros(0)
    names = sorted({k for k in keys if k is not None})
    number = {k: n for n, k in enumerate(names)}
    code = np.array([number[k] if k is not None else -1 for k in keys], dtype=np.int64)
    a, b = code[pairs[:, 0]], code[pairs[:, 1]]
    both = (a >= 0) & (b >= 0)
    out = np.where(both, np.where(a == b, 1.0, -1.0), 0.0)
    if overlap:
        # The subset test once per distinct pair of slot texts, not once per pair of claims.
        differ = np.flatnonzero(both & (a != b))
        combos, inverse = np.unique(np.stack([a[differ], b[differ]], axis=1), axis=0, return_inverse=True)
        words = [set(k.split()) for k in names]
        nested = np.array([words[x] <= words[y] or words[y] <= words[x] for x, y in combos.tolist()], dtype=bool)
        out[differ[nested[inverse.ravel()]]] = 1.0
    return out


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if len(w) > 3 and not w.isdigit())


def pair_features(claims: Sequence[Claim], vectors: ClaimVectors, pairs: np.ndarray,
                  sentence_group: Sequence[int] | None = None) -> np.ndarray:
    """One row of `FEATURES` per pair of claim ids. `sentence_group[claim id]` is the id of the cross-document
    sentence group the claim's sentence belongs to, or -1."""
    n = len(pairs)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    i, j = pairs[:, 0], pairs[:, 1]
    cos = {name: _row_dots(getattr(vectors, name), i, j) for name in ("sentence", "context", "predicate", "clause")}
    frames = [c.frame for c in claims]
    columns: dict[str, np.ndarray] = {f"{name}_similarity": cos[name] for name in cos}
    # Figures in the lead are the story's main facts; later ones are more often background.
    index = np.array([c.sentence.index for c in claims], dtype=float)
    columns["lead_position"] = np.log1p(np.minimum(index[i], index[j]))
    # Does the other document state this very figure somewhere? Then a different figure it gives in similar
    # words is more likely another quantity than a dispute.
    figures: set[tuple[str, object]] = {(c.doc, _value_key(c)) for c in claims}
    columns["value_elsewhere"] = np.array([float((claims[b].doc, _value_key(claims[a])) in figures or
                                                 (claims[a].doc, _value_key(claims[b])) in figures)
                                           for a, b in pairs])
    lemma = lambda name: [(getattr(f, name).lemma or None) if getattr(f, name) else None for f in frames]  # noqa: E731
    columns["same_counted"] = _agreement(lemma("counted"), pairs)
    columns["same_predicate"] = _agreement(lemma("predicate"), pairs)
    columns["same_holder"] = _agreement([_slot_key(f.holder) for f in frames], pairs, overlap=True)
    columns["same_place"] = _agreement([_slot_key(f.place) for f in frames], pairs, overlap=True)
    columns["same_time"] = _agreement([_slot_key(f.time) for f in frames], pairs)
    modality = np.array([f.modality_kind for f in frames])
    columns["same_modality"] = (modality[i] == modality[j]).astype(float)
    future = np.isin(modality, ("forecast", "planned"))
    columns["either_forecast"] = (future[i] | future[j]).astype(float)
    # A date stated as a plan is a schedule, one stated as a fact an occurrence: rarely the same date.
    dated = np.array([c.kind == "date" for c in claims])
    columns["date_plan_mismatch"] = (dated[i] & (future[i] != future[j])).astype(float)
    part = np.array([f.part_of is not None for f in frames])
    columns["both_parts"] = (part[i] & part[j]).astype(float)
    columns["one_part"] = (part[i] ^ part[j]).astype(float)
    whole = np.array([f.whole for f in frames])
    columns["one_whole"] = (whole[i] ^ whole[j]).astype(float)
    listed = np.array([f.listed for f in frames])
    columns["one_listed"] = (listed[i] ^ listed[j]).astype(float)
    headline = np.array([f.position == "headline" for f in frames])
    columns["either_headline"] = (headline[i] | headline[j]).astype(float)
    groups = np.array(sentence_group if sentence_group is not None else [-1] * len(claims))
    columns["same_sentence_group"] = ((groups[i] == groups[j]) & (groups[i] >= 0)).astype(float)
    words = [_content_words(c.sentence.text) for c in claims]
    columns["word_overlap"] = np.array([len(words[a] & words[b]) / max(1, min(len(words[a]), len(words[b])))
                                        for a, b in pairs])

    values = np.array([_value(c) for c in claims])
    va, vb = values[i], values[j]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(np.log(np.abs(va) + 1e-9) - np.log(np.abs(vb) + 1e-9))
    columns["log_value_ratio"] = np.where(np.isfinite(ratio), np.minimum(ratio, 5.0), 0.0)
    bounds = np.array([_bounds(c) for c in claims])
    lo_a, hi_a, lo_b, hi_b = bounds[i, 0], bounds[i, 1], bounds[j, 0], bounds[j, 1]
    columns["values_agree"] = ((lo_b < hi_a) & (lo_a < hi_b)).astype(float)
    keys = [_value_key(c) for c in claims]
    columns["values_equal"] = np.array([keys[a] == keys[b] for a, b in pairs], dtype=float)
    # The compare stage's own test: a matched pair with this is a conflict (the matcher splits on it).
    columns["values_differ"] = np.array([relation(claims[a].mention, claims[b].mention) == "different"
                                         for a, b in pairs], dtype=float)
    spec = np.array([specificity(c.mention) for c in claims])
    columns["min_specificity"] = np.minimum(spec[i], spec[j])
    kinds = np.array([_kind(c) for c in claims])
    for kind in ("date", "money", "percent", "measure", "tally"):
        columns[f"is_{kind}"] = (kinds[i] == kind).astype(float)
    granularity = np.array([c.mention.granularity if c.kind == "date" else "" for c in claims])
    columns["same_granularity"] = (granularity[i] == granularity[j]).astype(float)
    score = cos["sentence"] + cos["context"] + cos["clause"]
    best_a, mutual, margin = _ranks(claims, pairs, score)
    columns["best_in_other_document"] = best_a
    columns["mutual_best"] = mutual
    columns["similarity_margin"] = margin
    counts = _values_per_sentence(claims)
    columns["values_in_sentences"] = np.log1p(counts[i] + counts[j])
    return np.stack([columns[name] for name in FEATURES], axis=1)


def _value(claim: Claim) -> float:
    m = claim.mention
    if isinstance(m, DateMention):
        if m.granularity == "time":
            return float(minutes(m)) if m.time else math.nan
        return float(m.first.toordinal()) if m.first else math.nan
    if m.tally is not None:
        return float(m.tally[0] * 1000 + m.tally[1])
    if m.value is not None:
        return float(m.value)
    known = [x for x in (m.low, m.high) if x is not None]
    return float(sum(known) / len(known)) if known else math.nan


def _bounds(claim: Claim) -> tuple[float, float]:
    m = claim.mention
    if isinstance(m, DateMention) and m.granularity == "time":
        v = _value(claim)
        return (v, v + 1)
    if isinstance(m, DateMention):
        lo = m.first.toordinal() if m.first else -math.inf
        hi = m.last.toordinal() + 1 if m.last else math.inf
        return (float(lo), float(hi))
    if m.tally is not None:
        v = _value(claim)
        return (v - 0.5, v + 0.5)
    return interval(m)


def _value_key(claim: Claim):
    m = claim.mention
    if isinstance(m, DateMention):
        return (m.first, m.last, m.time, m.zone)
    return (m.value, m.low, m.high, m.tally)


def _kind(claim: Claim) -> str:
    if claim.kind == "date":
        return "date"
    return claim.mention.kind


def _values_per_sentence(claims: Sequence[Claim]) -> np.ndarray:
    per: dict[tuple[str, int], int] = {}
    for c in claims:
        key = (c.doc, c.sentence.index)
        per[key] = per.get(key, 0) + 1
    return np.array([per[(c.doc, c.sentence.index)] for c in claims], dtype=float)


def _ranks(claims: Sequence[Claim], pairs: np.ndarray, score: np.ndarray):
    """Is each pair the best-scoring match of its first claim in the other document, of both (mutual), and
    by how much the pair trails the best match of either claim there (0 for the best)."""
    doc = document_numbers([c.doc for c in claims])
    n_docs = int(doc.max()) + 1
    a, b = pairs[:, 0], pairs[:, 1]
    # The best score of each claim in each other document: the maximum over its pairs with that document.
    key_a, key_b = a * n_docs + doc[b], b * n_docs + doc[a]
    keys, inverse = np.unique(np.concatenate([key_a, key_b]), return_inverse=True)
    best = np.full(len(keys), -np.inf)
    np.maximum.at(best, inverse.ravel(), np.concatenate([score, score]))
    top_a, top_b = best[inverse.ravel()[:len(a)]], best[inverse.ravel()[len(a):]]
    is_a, is_b = score >= top_a, score >= top_b
    return (is_a | is_b).astype(float), (is_a & is_b).astype(float), np.maximum(top_a, top_b) - score


# ---------------------------------------------------------------- the model

def _two_columns(logits: np.ndarray) -> np.ndarray:
    p = 1.0 / (1.0 + np.exp(-logits))
    return np.stack([1 - p, p], axis=1)


class _Head:
    """One logistic regression: standardisation, weights, intercept."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: float):
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, C: float) -> "_Head":
        from sklearn.linear_model import LogisticRegression

        # Continuous columns are standardised; flags (values in -1, 0, 1) are left as they are. A flag rare in
        # the training pairs would otherwise be divided by its tiny spread: L2 barely restrains its weight, and
        # an event where it is common gets extreme scores. (Votes: tallies whose values differ are rare
        # outside one dev event, so there "385-34" against "385-44" scored 0.0006; left raw, tallies are judged
        # by the other features. Leave-one-event-out: recall 0.30 -> 0.31, agreements 315 -> 317, the same
        # precision.)
        flag = np.all(np.isin(X, (-1.0, 0.0, 1.0)), axis=0)
        mean = np.where(flag, 0.0, X.mean(axis=0))
        scale = X.std(axis=0)
        scale = np.where(flag | (scale == 0), 1.0, scale)
        model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
        model.fit((X - mean) / scale, y)
        return cls(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.coef + self.intercept

    def to_dict(self) -> dict:
        return {"mean": [round(float(x), 10) for x in self.mean],
                "scale": [round(float(x), 10) for x in self.scale],
                "coef": [round(float(x), 10) for x in self.coef],
                "intercept": round(self.intercept, 10)}

    @classmethod
    def from_dict(cls, data: dict) -> "_Head":
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]), float(data["intercept"]))


class Matcher:
    """P(same quantity) for candidate pairs, in two stages of logistic regressions over standardised features
    (flags raw).

    First stage: the pair's own features (`FEATURES`). Pairs whose values differ get a regression of their own,
    fitted on them alone (split on the `values_differ` column): there the frames must show that two different
    figures are one quantity, and the weights that do that are not the ones that tell a coincidence of equal
    figures ("85 trucks", "85 drones") from one fact. Pairs whose values agree are scored by the regression of
    all pairs: the keys label too few of them as different quantities (64 look-alikes against 542 agreements on
    the dev events) to fit one alone. Leave-one-event-out over the dev events, the split raised conflict recall
    from 0.36 to 0.38 at the same precision (threshold 0.3) and changed nothing for agreements.

    Second stage (`fit_support`): the same features and the pair's graph evidence (verify/support.py: third-source
    support, rival margins), read off the first stage's probabilities of the whole candidate graph; split the same
    way. `predict_pairs` runs both; a matcher fitted with `fit` alone is its first stage.

    scikit-learn style: configuration in the constructor, `fit(X, y)`, `predict_proba(X)`. Prediction needs
    only NumPy (the fitted weights), so loading the shipped model does not import scikit-learn.
    """

    HEADS = ("all pairs", "values differ")
    SPLIT = "values_differ"
    SUPPORT = GRAPH_EVIDENCE

    def __init__(self, C: float = 1.0, features: Sequence[str] = FEATURES):
        self.C = C
        self.features = tuple(features)
        self.heads_: dict[str, _Head] = {}
        self.support_heads_: dict[str, _Head] = {}   # the second stage; empty when it is not fitted
        self.trained_on_: list[str] = []
        # Pairs whose values differ are flagged as conflicts from this probability on (chosen by `verify train`).
        self.conflict_threshold_: float = 0.5

    def _populations(self, X: np.ndarray) -> np.ndarray:
        """Row mask of the pairs whose values differ."""
        return X[:, self.features.index(self.SPLIT)] > 0.5

    def _fit_heads(self, X: np.ndarray, y: np.ndarray) -> dict[str, _Head]:
        differ = self._populations(X)
        heads = {"all pairs": _Head.fit(X, y, self.C)}
        # Differing pairs of one class only (a tiny training set) are scored by the regression of all pairs.
        rows = differ if len(set(y[differ].tolist())) == 2 else np.ones(len(y), dtype=bool)
        heads["values differ"] = _Head.fit(X[rows], y[rows], self.C)
        return heads

    def _decide(self, heads: dict[str, _Head], X: np.ndarray) -> np.ndarray:
        return np.where(self._populations(X), heads["values differ"].decision_function(X),
                        heads["all pairs"].decision_function(X))

    def fit(self, X: np.ndarray, y: np.ndarray) -> "Matcher":
        """The first stage, on rows of `FEATURES`."""
        self.heads_ = self._fit_heads(np.asarray(X, dtype=float), np.asarray(y, dtype=int))
        self.support_heads_ = {}
        return self

    def fit_support(self, X: np.ndarray, evidence: np.ndarray, y: np.ndarray) -> "Matcher":
        """The second stage, on rows of `FEATURES` and each pair's row of graph evidence (`support.GRAPH_EVIDENCE`,
        the support first). Fit it on evidence read off first-stage probabilities that the pairs' own event did
        not train (verify/train.py does), or it learns how well the first stage knows its training pairs."""
        evidence = np.asarray(evidence, dtype=float).reshape(len(X), len(self.SUPPORT))
        known = ~np.isnan(evidence[:, 0])     # the pairs no third document speaks of keep their first-stage score
        y = np.asarray(y, dtype=int)[known]
        # Events of two sources only give no support to learn from: the matcher stays its first stage.
        if len(set(y.tolist())) < 2:
            self.support_heads_ = {}
            return self
        X = np.column_stack([np.asarray(X, dtype=float), evidence])[known]
        self.support_heads_ = self._fit_heads(X, y)
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """The first stage's log-odds."""
        if not self.heads_:
            raise ValueError("the matcher is not fitted")
        return self._decide(self.heads_, np.asarray(X, dtype=float))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """The first stage's probabilities, one row [P(different), P(same)] per pair."""
        return _two_columns(self.decision_function(X))

    def predict_pairs(self, X: np.ndarray, pairs: np.ndarray, docs: Sequence[str]) -> np.ndarray:
        """P(same quantity) of each candidate pair (`pairs[k]` = two claim ids, `docs[claim id]` its document,
        `X[k]` its features): the first stage, then the second on the graph evidence the first gives (where no
        third document speaks of such figures, the first stage's)."""
        first = self.predict_proba(X)[:, 1]
        if not self.support_heads_ or len(first) == 0:
            return first
        evidence = graph_evidence(docs, pairs, first)
        known = ~np.isnan(evidence[:, 0])
        X = np.column_stack([np.asarray(X, dtype=float), np.nan_to_num(evidence)])
        second = _two_columns(self._decide(self.support_heads_, X))[:, 1]
        return np.where(known, second, first)

    # -- persistence: JSON with rounded numbers, keys in a fixed order, so the file is byte-reproducible.
    def to_dict(self) -> dict:
        return {
            "format": MODEL_FORMAT, "C": self.C, "features": list(self.features), "split": self.SPLIT,
            "heads": {name: self.heads_[name].to_dict() for name in self.HEADS},
            "support": ({"features": list(self.SUPPORT),
                         "heads": {name: self.support_heads_[name].to_dict() for name in self.HEADS}}
                        if self.support_heads_ else None),
            "conflict_threshold": self.conflict_threshold_,
            "trained_on": list(self.trained_on_),
        }

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), indent=1) + "\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict) -> "Matcher":
        from .errors import InputError

        if data.get("format") != MODEL_FORMAT:
            raise InputError(f"not a verify matcher model (format {data.get('format')!r}, expected {MODEL_FORMAT})")
        if tuple(data["features"]) != FEATURES:
            raise InputError("matcher model was trained on other features than this version computes: retrain it "
                             "with `verify train`")
        model = cls(C=data["C"], features=data["features"])
        model.heads_ = {name: _Head.from_dict(data["heads"][name]) for name in cls.HEADS}
        if data.get("support"):
            model.support_heads_ = {name: _Head.from_dict(data["support"]["heads"][name]) for name in cls.HEADS}
        model.trained_on_ = list(data.get("trained_on", []))
        model.conflict_threshold_ = float(data.get("conflict_threshold", 0.5))
        return model

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Matcher":
        from .errors import InputError

        path = Path(path) if path else DEFAULT_MODEL_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read matcher model ({exc})") from None
        return cls.from_dict(data)
