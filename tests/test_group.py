"""Grouping: the same statement from different outlets lands in one group, the same groups as exact average
linkage, in memory linear in the number of sentences."""
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import verify.group as group_module
from verify.group import group_sentences, shared_statements, split_by_values
from verify.segment import Sentence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences_of(texts, docs=None):
    docs = docs or [f"doc{i}" for i in range(len(texts))]
    return [Sentence(doc=doc, index=i, start=0, end=len(text), text=text) for i, (doc, text) in enumerate(zip(docs, texts))]


def partition(groups, sentences):
    """Groups as sorted tuples of input positions: comparable whatever the group ids."""
    position = {id(s): i for i, s in enumerate(sentences)}
    return sorted(tuple(sorted(position[id(m)] for m in group.members)) for group in groups)


def exact_partition(vectors, threshold=0.3):
    """What the n-by-n reference computes: scikit-learn's average linkage on the full distance matrix."""
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=threshold).fit_predict(vectors)
    by_label = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    return sorted(tuple(members) for members in by_label.values())


@pytest.fixture(scope="module")
def seed_sentences(embedder):
    """The seed articles cut into sentences at ., ! and ? (about 200), with their vectors."""
    texts = [piece for path in sorted(SEEDS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()
             for piece in re.split(r"(?<=[.!?])\s+", line.strip()) if piece]
    return sentences_of(texts), embedder.encode(texts)


def test_the_same_claim_from_several_outlets_is_one_group(embedder):
    texts = [
        "Russia launched 476 drones and 48 missiles at Ukraine overnight, the air force said.",
        "The House passed a $95 billion foreign aid package for Ukraine, Israel and Taiwan on Saturday.",
        "Overnight, Russia attacked Ukraine with 476 drones and 48 missiles, according to Ukraine's air force.",
        "The drone factory in Britain will employ about 100 people.",
        "On Saturday the House of Representatives approved $95 billion in foreign aid for Ukraine, Israel and Taiwan.",
        "Ukraine's air force said Russia fired 48 missiles and 476 drones at the country overnight.",
        "Rescuers pulled the bodies of three more people from the rubble in Ternopil.",
    ]
    sentences = sentences_of(texts, docs=["kyiv", "upi", "bbc", "trt", "voz", "unn", "menafn"])
    groups = group_sentences(sentences, embedder.encode(texts))
    assert [(g.id, g.docs) for g in groups] == [
        ("g1", ("kyiv", "bbc", "unn")),   # numbered by first member, in input order
        ("g2", ("upi", "voz")),
        ("g3", ("trt",)),
        ("g4", ("menafn",)),
    ]


def test_same_groups_as_exact_average_linkage_on_the_seeds(seed_sentences):
    sentences, vectors = seed_sentences
    assert partition(group_sentences(sentences, vectors), sentences) == exact_partition(vectors)


def test_repeated_sentences_count_as_often_as_they_occur(seed_sentences):
    # Syndicated copy: the first 60 sentences once more. Copies are one weighted point inside group_sentences;
    # the reference sees every copy.
    sentences, vectors = seed_sentences
    sentences = sentences + sentences_of([s.text for s in sentences[:60]], docs=["copy"] * 60)
    vectors = np.concatenate([vectors, vectors[:60]])
    assert partition(group_sentences(sentences, vectors), sentences) == exact_partition(vectors)


def test_trees_and_resumed_clustering_give_the_exact_groups(seed_sentences, monkeypatch):
    # Parameters scaled down so that 200 sentences take the paths of 100,000: pairs found in random-projection
    # trees, components too large for one matrix clustered up to a lower height first, then resumed.
    sentences, vectors = seed_sentences
    monkeypatch.setattr(group_module, "EXHAUSTIVE_LIMIT", 0)
    monkeypatch.setattr(group_module, "LEAF_SIZE", 32)
    monkeypatch.setattr(group_module, "MAX_COMPONENT", 8)
    resumed_from = []
    average_linkage = group_module._average_linkage

    def spy(means, weights, height, rng, done=0.0):
        resumed_from.append(done)
        return average_linkage(means, weights, height, rng, done)

    monkeypatch.setattr(group_module, "_average_linkage", spy)
    assert partition(group_sentences(sentences, vectors), sentences) == exact_partition(vectors)
    assert any(done > 0 for done in resumed_from)


def test_a_component_without_structure_is_cut_in_pieces(seed_sentences, monkeypatch):
    # The last resort (pieces of nearby points, no merge across them) only approximates; it stays close.
    sentences, vectors = seed_sentences
    monkeypatch.setattr(group_module, "EXHAUSTIVE_LIMIT", 0)
    monkeypatch.setattr(group_module, "LEAF_SIZE", 32)
    monkeypatch.setattr(group_module, "MAX_COMPONENT", 8)
    monkeypatch.setattr(group_module, "MIN_HEIGHT_STEP", 1.0)
    found, exact = partition(group_sentences(sentences, vectors), sentences), exact_partition(vectors)
    differing = sum(len(members) for members in set(exact) - set(found))
    assert differing <= 0.1 * len(sentences)


def test_output_is_deterministic(seed_sentences):
    sentences, vectors = seed_sentences
    first = group_sentences(sentences, vectors)
    assert group_sentences(sentences, vectors.copy()) == first
    firsts = [sentences.index(group.members[0]) for group in first]
    assert firsts == sorted(firsts)  # g1, g2, ... follow the input order of their first sentence


def test_small_inputs():
    assert group_sentences([], np.zeros((0, 4), dtype=np.float32)) == []
    one = sentences_of(["alone"])
    assert [g.members for g in group_sentences(one, np.eye(1, 4, dtype=np.float32))] == [tuple(one)]


def test_memory_grows_linearly():
    # 12,000 sentences: an n-by-n float64 matrix alone would take 1.1 GB.
    rng = np.random.default_rng(1)
    centers = rng.standard_normal((1200, 48))
    vectors = (np.repeat(centers, 10, axis=0) + 0.15 * rng.standard_normal((12000, 48))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sentences = sentences_of([f"s{i}" for i in range(len(vectors))])
    tracemalloc.start()
    try:
        groups = group_sentences(sentences, vectors)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150 * 2**20
    assert 1150 <= len(groups) <= 1250  # the planted clusters, give or take a few


def test_a_statement_is_only_shown_when_its_sentences_state_the_same_values(embedder):
    """Real sentences of two seed articles, close in words, far in what they say: "85 trucks" destroyed is not
    "85 Ukrainian drones" downed. The same statement told twice with the same figures stays one."""
    from verify.ingest import document_from_text
    from verify.pipeline import check_documents

    texts = {
        "001.txt": "Over the past week, Ukrainian drones destroyed 26 Russian tanks, 54 armored vehicles, 85 trucks, "
                   "and 87 Russian soldiers.\nThe plant will employ 500 people, the company said.\n",
        "002.txt": "The Russian side claimed to have downed 85 Ukrainian drones, though numerous damages to "
                   "infrastructure were officially confirmed.\nThe plant will employ 500 people, the company said.\n",
    }
    result = check_documents([document_from_text(doc, text) for doc, text in texts.items()], embedder)
    shown = shared_statements(result.groups, result.claims, {})
    assert [[s.text for s in statement] for statement in shown] == [
        ["The plant will employ 500 people, the company said."] * 2]
    # The two drone sentences are within the group threshold of each other, or this test shows nothing.
    drones = [s for s in result.sentences if "85" in s.text]
    vectors = embedder.encode([s.text for s in drones])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert 1 - float(vectors[0] @ vectors[1]) < 0.3


def test_values_decide_between_close_sentences(embedder):
    from verify.ingest import document_from_text
    from verify.pipeline import check_documents

    sentences = {"a.txt": "Kerr County Sheriff Larry Leitha confirmed that 10 campers and one counselor remain missing.\n",
                 "b.txt": "Sheriff Larry Leitha confirmed that five campers and one counselor remain missing.\n",
                 "c.txt": "Sheriff Larry Leitha confirmed that ten campers and one counselor remain missing.\n"}
    result = check_documents([document_from_text(d, t) for d, t in sentences.items()], embedder)
    claims_of = {}
    for claim in result.claims:
        claims_of.setdefault((claim.doc, claim.sentence.start), []).append(claim)
    pieces = split_by_values(result.sentences, claims_of)
    assert [[s.doc for s in piece] for piece in pieces] == [["a.txt", "c.txt"], ["b.txt"]]
