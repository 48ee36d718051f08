"""`verify train`: fit the matcher (verify/match.py) on events with answer keys.

Each event's candidate pairs (the same ones the tool scores at run time) are labelled from its key:
- same quantity (1): the pair names both sides of a gold conflict, agreement or rounding;
- different (0): the pair names both sides of a trap, or it is any other pair whose values differ. The key's
  conflicts are exhaustive (FORMAT.md), so two different figures that no conflict names are not one quantity;
- unknown (left out): other pairs with equal or compatible values, since agreements are not exhaustive.
A pair names a side strictly (the claim is the quoted value) or leniently (the same figure elsewhere in the same
document); strict evidence wins when both apply.

Both stages of the matcher are fitted on those pairs: the first on their features; the second on their features
and their graph evidence (verify/support.py: third-source support, rival margins), read off the probabilities of
a first stage fitted without the pair's event (`out_of_fold_support`, folds of events), as it will be on new
events.

Training is deterministic: documents, claims and pairs come in a fixed order and the solver has no randomness,
so the same keys give a byte-identical model file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .embed import Embedder
from .keys import NEGATIVE, POSITIVE, GoldPair, covers, event_dirs, gold_pairs, load_event, matches
from .match import Matcher
from .parse import Parser
from .compare import Thresholds
from .pipeline import Prepared, prepare, probabilities
from .support import graph_evidence
from .values import relation

UNKNOWN = -1


@dataclass
class EventData:
    name: str
    prepared: Prepared
    gold: dict
    pairs: list[GoldPair]
    labels: np.ndarray      # per candidate pair: 1 same quantity, 0 different, -1 unknown


def _sides(claims, pairs: list[GoldPair], test) -> list[set[tuple[int, str]]]:
    by_doc: dict[str, list[tuple[int, str, object]]] = {}
    for k, pair in enumerate(pairs):
        for name, side in (("a", pair.a), ("b", pair.b)):
            by_doc.setdefault(side.doc, []).append((k, name, side))
    return [{(k, name) for k, name, side in by_doc.get(c.doc, ()) if test(c, side)} for c in claims]


def label_pairs(prepared: Prepared, pairs: list[GoldPair]) -> np.ndarray:
    claims = prepared.claims
    strict, lenient = _sides(claims, pairs, covers), _sides(claims, pairs, matches)
    positive = {k for k, p in enumerate(pairs) if p.category in POSITIVE}
    negative = {k for k, p in enumerate(pairs) if p.category in NEGATIVE}

    def named(index, i, j) -> set[int]:
        a, b = index[i], index[j]
        return {k for k, side in a if (k, "b" if side == "a" else "a") in b and pairs[k].kind == claims[i].kind}

    labels = np.full(len(prepared.pairs), UNKNOWN, dtype=np.int64)
    for n, (i, j) in enumerate(prepared.pairs.tolist()):
        for index in (strict, lenient):
            hits = named(index, i, j)
            if hits & positive:
                labels[n] = 1
                break
            if hits & negative:
                labels[n] = 0
                break
        else:
            if relation(claims[i].mention, claims[j].mention) == "different":
                labels[n] = 0
    return labels


def event_data(event_dir: Path, embedder: Embedder, parser: Parser | None = None) -> EventData:
    documents, gold = load_event(event_dir)
    prepared = prepare(documents, embedder, parser)
    pairs = gold_pairs(gold, prepared.documents)
    return EventData(event_dir.name, prepared, gold, pairs, label_pairs(prepared, pairs))


def load_events(bench_dirs: Sequence[str | Path], embedder: Embedder, parser: Parser | None = None) -> list[EventData]:
    return [event_data(d, embedder, parser) for bench in bench_dirs for d in event_dirs(bench)]


# Conflict thresholds tried when fitting; the one with the best F(0.5) of conflict flagging on the training events
# is kept. F(0.5) weighs precision twice as much as recall: a false alarm costs a reviewer more than a missed
# dispute. (Cross-validated, F1 would pick a lower threshold: precision 0.39, recall 0.44, 25 traps flagged.)
THRESHOLD_GRID = tuple(round(0.1 + 0.05 * k, 2) for k in range(11))
F_BETA = 0.5


def conflict_counts(event: EventData, probabilities: np.ndarray, threshold: float) -> tuple[int, int, int, int]:
    """(conflicts flagged, of them right, gold conflicts, gold conflicts found) at a conflict threshold."""
    from .evaluate import score_event
    from .pipeline import judge_with

    comparison = judge_with(event.prepared, probabilities, Thresholds(conflict=threshold))
    score = score_event(event.name, comparison.findings, event.pairs)
    return score.conflicts_found, score.true_conflicts, score.gold_conflicts, score.gold_found


def choose_threshold(events: Sequence[EventData], matcher: Matcher) -> float:
    scored = [probabilities(e.prepared, matcher) for e in events]
    best = (-1.0, THRESHOLD_GRID[0])
    for threshold in THRESHOLD_GRID:
        found = right = gold = hit = 0
        for event, p in zip(events, scored):
            counts = conflict_counts(event, p, threshold)
            found, right, gold, hit = found + counts[0], right + counts[1], gold + counts[2], hit + counts[3]
        precision, recall = right / found if found else 0.0, hit / gold if gold else 0.0
        b2 = F_BETA ** 2
        f = (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0
        if f > best[0] + 1e-12:
            best = (f, threshold)
    return best[1]


# The second stage learns from the support that first-stage probabilities give, so those must be the kind it
# meets at run time: each training event's come from a first stage fitted on the other training events (in
# folds of events; with one training event, its own). One first stage per training event measured the same as
# five folds (cross-validated average precision on differing pairs 0.404 against 0.406) at four times the cost.
INNER_FOLDS = 5


def _labelled(events: Sequence[EventData]) -> tuple[np.ndarray, np.ndarray]:
    return (np.concatenate([e.prepared.features[e.labels >= 0] for e in events]),
            np.concatenate([e.labels[e.labels >= 0] for e in events]))


def out_of_fold_support(events: Sequence[EventData], C: float = 1.0, folds: int | None = None) -> list[np.ndarray]:
    """Each event's graph evidence (verify/support.py: a row per pair), from a first stage that did not train
    on it."""
    fold = [k % (folds or INNER_FOLDS) for k in range(len(events))]
    supports: list[np.ndarray] = [np.zeros(0)] * len(events)
    for f in sorted(set(fold)):
        held = [k for k in range(len(events)) if fold[k] == f]
        rest = [e for k, e in enumerate(events) if fold[k] != f] or list(events)
        first = Matcher(C=C).fit(*_labelled(rest))
        for k in held:
            prepared = events[k].prepared
            p = first.predict_proba(prepared.features)[:, 1]
            supports[k] = graph_evidence([c.doc for c in prepared.claims], prepared.pairs, p)
    return supports


def fit(events: Sequence[EventData], C: float = 1.0) -> Matcher:
    """A matcher fitted on the labelled pairs of `events` (unknown pairs left out), both stages, with the
    conflict threshold that does best on those events."""
    X, y = _labelled(events)
    matcher = Matcher(C=C).fit(X, y)
    support = np.concatenate([s[e.labels >= 0] for e, s in zip(events, out_of_fold_support(events, C))])
    matcher.fit_support(X, support, y)
    matcher.trained_on_ = [e.name for e in events]
    matcher.conflict_threshold_ = choose_threshold(events, matcher)
    return matcher


def train(bench_dirs: Sequence[str | Path], output: str | Path, embedder: Embedder | None = None) -> Matcher:
    matcher = fit(load_events(bench_dirs, embedder or Embedder()))
    matcher.save(output)
    return matcher
