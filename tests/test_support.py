"""The graph evidence of verify/support.py (third-source support, rival margins) and the matcher's second stage
that reads it."""
import math
from pathlib import Path

import numpy as np
import pytest

from verify.match import FEATURES, Matcher
from verify.support import GRAPH_EVIDENCE, graph_evidence, rival_margins, third_source_support

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason=f"the dev benchmark is not at {BENCH}")

# Claims 0..5: "121 seats" (A), "122 seats" (B), a third report's "122 seats" (C) and its "412 seats" (C),
# a fourth report's "121 seats" (D), and another figure of B.
DOCS = ["A", "B", "C", "C", "D", "B"]


def _support(edges):
    pairs = np.array([e[:2] for e in edges])
    return dict(zip(map(tuple, pairs.tolist()), third_source_support(DOCS, pairs, np.array([e[2] for e in edges]))))


def test_a_third_report_tying_both_claims_to_one_of_its_own_supports_the_pair():
    support = _support([(0, 1, 0.3), (0, 2, 0.9), (1, 2, 0.8), (0, 3, 0.1), (1, 3, 0.2)])
    # Only C speaks of such figures; its "122 seats" matches both: 0.9 * 0.8.
    assert support[(0, 1)] == pytest.approx(0.72)
    # (0, 2): B's claim 1 is C's partner too: 0.3 * 0.8 over the one other document B.
    assert support[(0, 2)] == pytest.approx(0.24)


def test_look_alikes_matched_by_different_claims_of_the_third_report_get_little_support():
    # "179 killed" (0) and "181 aboard" (1): C's "179 dead" (2) matches the first, its "181 on board" (3) the second.
    support = _support([(0, 1, 0.6), (0, 2, 0.9), (1, 2, 0.1), (0, 3, 0.1), (1, 3, 0.9)])
    assert support[(0, 1)] == pytest.approx(0.09)


def test_support_is_divided_by_the_reports_that_speak_of_such_figures_not_by_the_corpus():
    edges = [(0, 1, 0.3), (0, 2, 0.9), (1, 2, 0.8)]
    assert _support(edges)[(0, 1)] == pytest.approx(0.72)
    # D has a partner of claim 0 but none of claim 1: two reports speak of such figures, one ties both.
    assert _support(edges + [(0, 4, 0.9)])[(0, 1)] == pytest.approx(0.36)
    # Claims of the pair's own documents never count as third sources.
    assert _support(edges + [(0, 5, 0.9), (1, 5, 0.9)])[(0, 1)] == pytest.approx(0.72)


def test_support_does_not_depend_on_the_order_of_the_pairs():
    edges = [(0, 1, 0.3), (0, 2, 0.9), (1, 2, 0.8), (0, 3, 0.4), (1, 3, 0.7), (0, 4, 0.5), (1, 4, 0.6)]
    forward = _support(edges)
    backward = _support(edges[::-1])
    assert all(forward[k] == backward[k] for k in forward)


def test_with_no_third_report_the_support_is_unknown():
    support = third_source_support(["A", "B"], np.array([[0, 1]]), np.array([0.7]))
    assert np.isnan(support).all()


def test_no_pairs_no_support():
    assert third_source_support([], np.zeros((0, 2), dtype=int), np.zeros(0)).shape == (0,)
    assert graph_evidence([], np.zeros((0, 2), dtype=int), np.zeros(0)).shape == (0, len(GRAPH_EVIDENCE))


def _margins(docs, edges):
    pairs = np.array([e[:2] for e in edges])
    margins = rival_margins(docs, pairs, np.array([e[2] for e in edges]))
    return dict(zip(map(tuple, pairs.tolist()), map(tuple, margins)))


def test_a_rival_margin_is_how_far_a_pair_stands_above_each_claims_best_other_partner():
    # A's "179 killed" (0); B's "179 dead" (1) and "181 aboard" (2); C's "181 on board" (3).
    docs = ["A", "B", "B", "C"]
    margins = _margins(docs, [(0, 1, 0.9), (0, 2, 0.3), (0, 3, 0.2), (2, 3, 0.8)])
    # (0, 1): claim 0's rival in B is claim 2 (0.9 - 0.3); claim 1 has no other partner in A (0.9 - 0).
    assert margins[(0, 1)] == pytest.approx((0.6, 0.9))
    # (0, 2) trails claim 0's better partner in B; claim 2's only partner in A is claim 0.
    assert margins[(0, 2)] == pytest.approx((-0.6, 0.3))
    # Rivals are looked for in the other claim's document only: C's claim 3 is no rival of B's claims.
    assert margins[(0, 3)] == pytest.approx((0.2, 0.2))
    assert margins[(2, 3)] == pytest.approx((0.8, 0.8))


def test_rival_margins_do_not_depend_on_the_order_of_the_pairs():
    docs = ["A", "B", "B", "B", "C"]
    edges = [(0, 1, 0.5), (0, 2, 0.5), (0, 3, 0.7), (1, 4, 0.4), (0, 4, 0.9), (2, 4, 0.1)]
    assert _margins(docs, edges) == _margins(docs, edges[::-1])
    # Ties: a pair that shares the best score with a rival has margin 0 on that side.
    assert _margins(docs, edges)[(0, 1)][0] == pytest.approx(-0.2)
    # The lower margin comes first, whichever claim it is of: (1, 4) is 0.4 for claim 1, 0.4 - 0.1 for claim 4.
    assert _margins(docs, edges)[(1, 4)] == pytest.approx((0.3, 0.4))
    assert _margins(docs, [(0, 1, 0.5), (0, 2, 0.5)])[(0, 1)] == pytest.approx((0.0, 0.5))


def test_the_second_stage_reads_the_support_and_survives_a_save(tmp_path):
    rng = np.random.default_rng(0)
    sim = FEATURES.index("clause_similarity")
    # First stage: similar clauses state one quantity. Second stage: so do pairs that third reports tie together.
    X = np.zeros((800, len(FEATURES)))
    X[:, sim] = rng.normal(size=800)
    matcher = Matcher().fit(X, (X[:, sim] > 0).astype(int))
    support = rng.uniform(size=800)
    X2 = np.zeros((800, len(FEATURES)))
    X2[:, sim] = rng.normal(size=800)
    y2 = (support + 0.05 * rng.normal(size=800) > 0.5).astype(int)
    # Three documents, a claim each, all pairs; the pair (0, 1) itself is neither similar nor dissimilar.
    docs, pairs = ["A", "B", "C"], np.array([[0, 1], [0, 2], [1, 2]])
    tied = np.zeros((3, len(FEATURES)))
    tied[:, sim] = [0.0, 3.0, 3.0]      # C's claim is close to both
    loose = np.zeros((3, len(FEATURES)))
    loose[:, sim] = [0.0, 3.0, -3.0]    # ... to one only
    # Fitted with `fit` alone, the matcher is its first stage: the pair scores the same either way.
    assert np.allclose(matcher.predict_pairs(tied, pairs, docs), matcher.predict_proba(tied)[:, 1])
    matcher.fit_support(X2, np.column_stack([support, np.zeros((800, len(GRAPH_EVIDENCE) - 1))]), y2)
    assert matcher.predict_pairs(tied, pairs, docs)[0] > 0.8 > 0.2 > matcher.predict_pairs(loose, pairs, docs)[0]
    # Two sources only: no third report to read, the first stage's probability stands.
    two = np.zeros((1, len(FEATURES)))
    assert np.allclose(matcher.predict_pairs(two, np.array([[0, 1]]), ["A", "B"]), matcher.predict_proba(two)[:, 1])
    matcher.save(tmp_path / "m.json")
    again = Matcher.load(tmp_path / "m.json")
    assert np.allclose(again.predict_pairs(tied, pairs, docs), matcher.predict_pairs(tied, pairs, docs), atol=1e-8)


def test_training_events_of_two_sources_leave_the_matcher_its_first_stage():
    rng = np.random.default_rng(0)
    X = np.zeros((100, len(FEATURES)))
    X[:, FEATURES.index("clause_similarity")] = rng.normal(size=100)
    y = (X[:, FEATURES.index("clause_similarity")] > 0).astype(int)
    matcher = Matcher().fit(X, y).fit_support(X, np.full((100, len(GRAPH_EVIDENCE)), np.nan), y)
    assert matcher.support_heads_ == {}
    assert Matcher.from_dict(matcher.to_dict()).support_heads_ == {}


def test_the_shipped_model_has_its_second_stage():
    assert set(Matcher.load().support_heads_) == set(Matcher.HEADS)


@needs_bench
def test_support_from_a_matcher_trained_without_the_events_separates_their_same_quantity_pairs(bench_events):
    """On two events the first stage did not train on, pairs of one quantity whose values differ (the keys'
    conflicts) have more third-source support than the differing pairs the keys say are different quantities."""
    from verify.train import _labelled

    held = ("pylos-shipwreck-2023", "flood-texas-hill-country-2025")
    first = Matcher().fit(*_labelled([e for name, e in bench_events.items() if name not in held]))
    split = FEATURES.index("values_differ")
    for name in held:
        prepared, labels = bench_events[name].prepared, bench_events[name].labels
        p = first.predict_proba(prepared.features)[:, 1]
        support = np.nan_to_num(third_source_support([c.doc for c in prepared.claims], prepared.pairs, p))
        differ = prepared.features[:, split] > 0.5
        same, other = support[differ & (labels == 1)], support[differ & (labels == 0)]
        assert len(same) >= 5 and np.median(same) > 3 * np.median(other) + 0.02, (name, np.median(same), np.median(other))


def _reference(docs, pairs, p):
    """The graph evidence as its definition reads, a loop per pair: what the sparse version must equal exactly."""
    partners = {}
    for (i, j), q in zip(pairs.tolist(), p.tolist()):
        partners.setdefault(i, {})[j] = q
        partners.setdefault(j, {})[i] = q
    rows = []
    for (a, b), q in zip(pairs.tolist(), p.tolist()):
        neighbourhood = {docs[c] for c in partners[a]} | {docs[c] for c in partners[b]}
        neighbourhood -= {docs[a], docs[b]}
        best = {}
        for c, x in partners[a].items():
            y = partners[b].get(c)
            if docs[c] not in (docs[a], docs[b]) and y is not None and x * y > best.get(docs[c], 0.0):
                best[docs[c]] = x * y
        support = sum(best[d] for d in sorted(best)) / len(neighbourhood) if neighbourhood else math.nan
        margins = []
        for x, y in ((a, b), (b, a)):
            rivals = [r for other, r in partners[x].items() if other != y and docs[other] == docs[y]]
            margins.append(q - max(rivals, default=0.0))
        rows.append([support, *sorted(margins)])
    return np.array(rows)


@pytest.mark.parametrize("seed", range(6))
def test_the_sparse_evidence_equals_its_definition_exactly(seed):
    rng = np.random.default_rng(seed)
    docs = [f"d{k}" for k in rng.integers(0, 5, size=40)]
    pairs = np.array([(i, j) for i in range(40) for j in range(i + 1, 40)
                      if docs[i] != docs[j] and rng.random() < 0.3])
    # Ties and zeros as well as distinct probabilities.
    p = np.where(rng.random(len(pairs)) < 0.2, 0.0, np.round(rng.random(len(pairs)), 1 + seed % 3))
    assert np.array_equal(graph_evidence(docs, pairs, p), _reference(docs, pairs, p), equal_nan=True)
