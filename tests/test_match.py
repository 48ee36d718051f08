"""The match stage and its training: value relations, the verdicts on scored pairs, the shipped model, and a
matcher trained without an event judging that event."""
import datetime as dt
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from verify.compare import Thresholds, compare
from verify.ingest import document_from_text
from verify.match import FEATURES, Matcher
from verify.quantities import find_quantities
from verify.values import relation

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason=f"the dev benchmark is not at {BENCH}")


def q(text):
    (found,) = find_quantities(text)
    return found


@pytest.mark.parametrize("a,b,expected", [
    ("34%", "33.7%", "rounding"),
    ("$14 billion", "$14.1 billion", "rounding"),
    ("190 million people", "192.7 million people", "rounding"),
    ("120 seats", "121 seats", "different"),
    ("$60 billion", "$61 billion", "rounding"),   # a scale word's trailing zero is rounded (the aid key)
    ("61 billion", "60.84 billion", "rounding"),
    ("$14 billion", "$14.9 billion", "different"),
    ("nearly $270 million", "$268 million", "compatible"),
    ("1,500 jobs", "1,500 jobs", "equal"),
    # A hedge word replaces the figure's rounding (the keys' conflicts and agreements between hedged figures).
    ("nearly 200,000 protesters", "175,000 protesters", "different"),
    ("about 8%", "7%", "different"),
    ("an estimated $2.2 billion", "$2,077,618,725", "different"),
    ("beyond £450 million", "just shy of £450 million", "different"),
    ("about 125 miles", "120 miles", "compatible"),
    ("almost 90%", "89%", "compatible"),
    ("over 240", "247", "compatible"),
])
def test_value_relations_follow_the_answer_key_convention(a, b, expected):
    assert relation(q(a), q(b)) == expected
    assert relation(q(b), q(a)) == expected


def test_the_shipped_model_loads_offline_and_matches_the_features():
    matcher = Matcher.load()
    assert matcher.features == FEATURES
    assert 0 < matcher.conflict_threshold_ < 1
    assert len(matcher.trained_on_) >= 20
    p = matcher.predict_proba(np.zeros((3, len(FEATURES))))
    assert p.shape == (3, 2) and np.allclose(p.sum(axis=1), 1)


def test_a_model_file_of_another_version_is_refused(tmp_path):
    from verify.errors import InputError

    path = tmp_path / "m.json"
    path.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(InputError, match="not a verify matcher model"):
        Matcher.load(path)


def _population(n_agree, n_differ, seed=0):
    """Feature rows where one similarity means the opposite in the two populations."""
    rng = np.random.default_rng(seed)
    X = np.zeros((n_agree + n_differ, len(FEATURES)))
    differ = np.arange(len(X)) >= n_agree
    X[:, FEATURES.index("values_differ")] = differ
    x = rng.normal(size=len(X))
    X[:, FEATURES.index("clause_similarity")] = x
    return X, np.where(differ, x < 0, x > 0).astype(int)


def test_pairs_whose_values_differ_get_their_own_regression(tmp_path):
    X, y = _population(600, 200)
    matcher = Matcher().fit(X, y)
    probe = np.zeros((2, len(FEATURES)))
    probe[:, FEATURES.index("clause_similarity")] = 2.0
    probe[1, FEATURES.index("values_differ")] = 1.0
    agree, differ = matcher.predict_proba(probe)[:, 1]
    assert agree > 0.6 and differ < 0.1
    matcher.save(tmp_path / "m.json")
    assert np.allclose(Matcher.load(tmp_path / "m.json").predict_proba(X), matcher.predict_proba(X), atol=1e-8)


def test_differing_pairs_of_one_class_are_scored_by_the_regression_of_all_pairs():
    X, y = _population(600, 50)
    y[600:] = 0
    matcher = Matcher().fit(X, y)
    rows = X[600:]
    assert np.allclose(matcher.heads_["values differ"].decision_function(rows),
                       matcher.heads_["all pairs"].decision_function(rows))


def test_a_flag_rare_in_training_does_not_overrule_the_evidence():
    """Three tallies among 2,000 pairs, all three different quantities: a new event full of tallies must still
    be judged on its similarities (standardised, that flag would weigh 14 logits; left raw, 3)."""
    rng = np.random.default_rng(0)
    X = np.zeros((2000, len(FEATURES)))
    x = rng.normal(size=len(X))
    x[:3] = 2.0
    X[:, FEATURES.index("clause_similarity")] = x
    y = (x > 1).astype(int)
    X[:3, FEATURES.index("is_tally")] = 1.0
    y[:3] = 0
    matcher = Matcher().fit(X, y)
    probe = np.zeros((2, len(FEATURES)))
    probe[:, FEATURES.index("clause_similarity")] = 2.0
    probe[1, FEATURES.index("is_tally")] = 1.0
    plain, tally = matcher.decision_function(probe)
    assert plain - tally < 5
    assert matcher.predict_proba(probe)[1, 1] > 0.9


def _claims(embedder, texts):
    from verify.pipeline import prepare

    docs = [document_from_text(name, text, outlet=name, published=dt.date(2025, 7, 8)) for name, text in texts]
    return prepare(docs, embedder)


def test_verdicts_follow_the_probability_and_the_values(embedder):
    prepared = _claims(embedder, [("a.txt", "The flood killed 120 people and the tour grossed $14 billion."),
                                  ("b.txt", "The flood killed 121 people and the tour grossed $14.1 billion.")])
    pairs = prepared.pairs
    claims = prepared.claims
    same = np.array([claims[i].mention.unit == claims[j].mention.unit and
                     (claims[i].mention.value > 1e6) == (claims[j].mention.value > 1e6) for i, j in pairs])
    outlets = {"a.txt": "A", "b.txt": "B"}
    findings = compare(claims, pairs, np.where(same, 0.9, 0.05), outlets).findings
    kinds = sorted((f.type, *sorted(c.surface for c in f.claims)) for f in findings)
    assert kinds == [("conflict", "120", "121"), ("rounding", "$14 billion", "$14.1 billion")] or \
        kinds == [("conflict", "120", "121"), ("rounding", "$14.1 billion", "$14 billion")]
    conflict = next(f for f in findings if f.type == "conflict")
    assert conflict.score == 0.9 and "'120' (A) vs '121' (B)" in conflict.explanation
    # Below the conflict threshold nothing is flagged.
    low = compare(claims, pairs, np.where(same, 0.3, 0.05), outlets, thresholds=Thresholds(0.5, 0.5))
    assert not [f for f in low.findings if f.type == "conflict"]


@pytest.fixture(scope="module")
def small_events(bench_events):
    names = ["pylos-shipwreck-2023", "flood-texas-hill-country-2025", "layoffs-intel-2024", "election-uk-2024",
             "launch-starship-flight8-2025", "seeds"]
    return {name: bench_events[name] for name in names}


@needs_bench
def test_training_is_deterministic(small_events, tmp_path):
    from verify.train import fit

    events = list(small_events.values())
    fit(events).save(tmp_path / "one.json")
    fit(events).save(tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


@needs_bench
@pytest.mark.parametrize("held_out", ["pylos-shipwreck-2023", "flood-texas-hill-country-2025"])
def test_a_matcher_trained_without_an_event_gets_its_plain_cases(bench_events, held_out):
    """Trained on the other events only, the matcher ranks the event's gold conflicts above its traps and
    flags some of those conflicts, with more right than wrong."""
    from verify.evaluate import score_event
    from verify.pipeline import judge
    from verify.train import fit

    matcher = fit([e for name, e in bench_events.items() if name != held_out])
    event = bench_events[held_out]
    score = score_event(held_out, judge(event.prepared, matcher).findings, event.pairs)
    assert score.gold_found >= 3, score.missed
    assert score.true_conflicts > score.conflicts_found - score.true_conflicts, score.false_positives
    assert score.traps_flagged <= 0.2 * score.traps, score.flagged_traps


@needs_bench
def test_eval_cross_validate_runs_on_a_tiny_bench(tmp_path):
    from click.testing import CliRunner

    from verify.cli import main

    for name in ("seeds", "launch-starship-flight8-2025", "ukrspecsystems-uk-plant"):
        shutil.copytree(BENCH / name, tmp_path / name)
    result = CliRunner().invoke(main, ["eval", "--cross-validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "| launch-starship-flight8-2025 |" in result.output and "**overall**" in result.output
    assert "| launch |" in result.output     # the per-domain table


def test_slot_agreement_same_different_missing_and_nested():
    from verify.match import _agreement

    keys = ["labour", "labour party", "conservatives", None, "eaton fire", "palisades fire"]
    pairs = np.array([[0, 1], [0, 2], [0, 3], [4, 5], [1, 1]])
    assert _agreement(keys, pairs).tolist() == [-1.0, -1.0, 0.0, -1.0, 1.0]
    # With overlap, "Labour" ~ "Labour Party", but two fires with one word in common still differ.
    assert _agreement(keys, pairs, overlap=True).tolist() == [1.0, -1.0, 0.0, -1.0, 1.0]


def test_ranks_best_mutual_and_margin_per_other_document():
    from types import SimpleNamespace

    from verify.match import _ranks

    claims = [SimpleNamespace(doc=d) for d in ("A", "B", "B", "C", "B", "A")]
    pairs = np.array([[0, 1], [0, 2], [1, 3], [0, 3], [0, 4], [4, 5]])
    best, mutual, margin = _ranks(claims, pairs, np.array([0.9, 0.5, 0.4, 0.7, 0.3, 0.8]))
    # (0, 2) trails claim 0's best in B, (0, 1), but is claim 2's only match in A: the best of one of its claims.
    # (0, 4) trails both: claim 0's (0, 1) in B and claim 4's (4, 5) in A, the larger by 0.6.
    assert best.tolist() == [1.0, 1.0, 1.0, 1.0, 0.0, 1.0]
    assert mutual.tolist() == [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
    assert margin.tolist() == pytest.approx([0.0, 0.4, 0.0, 0.0, 0.6, 0.0])
