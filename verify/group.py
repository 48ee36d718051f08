"""Cluster sentences across sources so that the same statement told by several outlets lands in one group.

The groups are those of average linkage on cosine distance cut at `threshold` (scikit-learn's
AgglomerativeClustering(metric="cosine", linkage="average", distance_threshold=threshold)), computed without
its n-by-n distance matrix, which for the ~100,000 sentences of 5,000 articles would take 40 GB. Four facts
make that possible:

1. Identical vectors (page boilerplate, syndicated copy) merge first, at distance 0: each distinct vector is
   one point, weighted by its number of copies.
2. For unit vectors the cosine distance is 1 - a.b, so the average distance between two clusters is
   1 - mean(A).mean(B): at any stage a cluster is fully described by its mean vector and its weight.
3. Two clusters can only merge below height h if some pair across them is closer than h. So merges below h
   never cross a connected component of the graph of pairs closer than h, and each component is clustered
   on its own, with a distance matrix of its own size.
4. Merges happen in order of height. A component too large for one matrix is clustered up to a lower height
   first (again component by component, in smaller pieces), and clustering resumes from those clusters
   (fact 2): the same result, in pieces.

Close pairs are found by comparing points within the leaves of random-projection trees (nearby points share
a leaf, and a pair split in one tree is together in another): exhaustive, hence exact, up to `EXHAUSTIVE_LIMIT`
distinct sentences, and a near-exact approximation in time and memory linear in the number of sentences
beyond. Everything is seeded: the same input gives the same groups.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .segment import Sentence

# Up to this many distinct sentences every pair is compared (a 16 MB matrix): small inputs are exact.
EXHAUSTIVE_LIMIT = 2048
# Beyond it, points are compared with the others in their leaf of a random-projection tree.
LEAF_SIZE = 384
# Trees of random projections: a close pair that one tree splits apart is likely together in another.
TREES = 8
# The largest component clustered with one distance matrix (float64: 32 MB).
MAX_COMPONENT = 2048
# A component that stays too large even when clustered up to a height this close to the last one has no
# structure to split it by: it is then clustered in pieces of nearby points, an approximation.
MIN_HEIGHT_STEP = 0.01
# Pairs are found with float32 dot products and judged with float64 distances: take a hair more.
_PAIR_MARGIN = 1e-5
_SEED = 0


@dataclass(frozen=True)
class ClaimGroup:
    id: str                          # "g1", "g2", ... in order of first appearance
    members: tuple[Sentence, ...]    # sorted by (document order, sentence index)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.doc for s in self.members))


def group_sentences(sentences: list[Sentence], vectors: np.ndarray, threshold: float = 0.3) -> list[ClaimGroup]:
    """Average-linkage clustering on cosine distance; a group's members are all within `threshold` on average.

    Sentences of one document may share a group (a restatement), but a group is only a cross-source
    claim when it holds two or more documents (`ClaimGroup.docs`).
    """
    if not sentences:
        return []
    points, weights, point_of = _distinct(np.asarray(vectors))
    roots = _average_linkage(points, weights, threshold, np.random.default_rng(_SEED))
    labels = roots[point_of]
    # dicts keep insertion order: groups are numbered by their first sentence in input order,
    # not by the clustering's arbitrary labels, so output is stable.
    by_label: dict[int, list[Sentence]] = {}
    for sentence, label in zip(sentences, labels):
        by_label.setdefault(int(label), []).append(sentence)
    ordered = list(by_label.values())
    return [ClaimGroup(id=f"g{i}", members=tuple(members)) for i, members in enumerate(ordered, 1)]


def _distinct(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct vectors as float64 unit vectors (as scipy's cosine distance normalises them), how many times
    each occurs, and which one each input row is."""
    index: dict[bytes, int] = {}
    point_of = np.fromiter((index.setdefault(row.tobytes(), len(index)) for row in vectors),
                           dtype=np.intp, count=len(vectors))
    first = np.zeros(len(index), dtype=np.intp)
    first[point_of[::-1]] = np.arange(len(vectors) - 1, -1, -1)  # the last write wins: the first occurrence
    points = vectors[first].astype(np.float64)
    norms = np.linalg.norm(points, axis=1, keepdims=True)
    points /= np.where(norms > 0, norms, 1.0)  # a zero vector stays zero: at distance 1 from everything
    return points, np.bincount(point_of).astype(np.float64), point_of


def _average_linkage(means: np.ndarray, weights: np.ndarray, height: float, rng: np.random.Generator,
                     done: float = 0.0) -> np.ndarray:
    """For each point, the index of the point that stands for its cluster, merging below `height`.

    Points are clusters already complete up to height `done`, given by their mean vector and weight.
    """
    roots = np.arange(len(means))
    for members in _components(means, height, rng):
        if len(members) <= MAX_COMPONENT:
            local = _nn_chain(means[members], weights[members], height)
        elif height - done > MIN_HEIGHT_STEP:
            # Too large for one matrix: cluster up to half way first, then resume from those clusters.
            middle = (done + height) / 2
            lower = _average_linkage(means[members], weights[members], middle, rng, done)
            clusters, cluster_of = np.unique(lower, return_inverse=True)
            cluster_means, cluster_weights = _merged(means[members], weights[members], cluster_of, len(clusters))
            upper = _average_linkage(cluster_means, cluster_weights, height, rng, middle)
            local = clusters[upper[cluster_of]]
        else:
            local = np.arange(len(members))
            for piece in _leaves(means[members], MAX_COMPONENT // 2, rng):  # pieces of at most MAX_COMPONENT
                local[piece] = piece[_nn_chain(means[members][piece], weights[members][piece], height)]
        roots[members] = members[local]
    return roots


def _merged(means: np.ndarray, weights: np.ndarray, cluster_of: np.ndarray,
            count: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean vector and weight of each cluster: all that average linkage needs to know of it."""
    cluster_weights = np.bincount(cluster_of, weights=weights, minlength=count)
    cluster_means = np.zeros((count, means.shape[1]))
    np.add.at(cluster_means, cluster_of, means * weights[:, None])
    return cluster_means / cluster_weights[:, None], cluster_weights


def _components(means: np.ndarray, height: float, rng: np.random.Generator) -> list[np.ndarray]:
    """Connected components of two or more points in the graph of pairs closer than `height`."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(means)
    points = means.astype(np.float32)
    min_similarity = 1.0 - height - _PAIR_MARGIN
    exhaustive = n <= EXHAUSTIVE_LIMIT
    labels = np.arange(n)  # component of each point, as far as the trees so far have seen
    for _ in range(1 if exhaustive else TREES):
        # Edges are kept as stars (first member -> each member) of the components known so far and of
        # those each leaf sees: enough to connect them, in memory linear in n however many pairs are close.
        heads, tails = [_first_of(labels)], [np.arange(n)]
        for leaf in _leaves(points, n if exhaustive else LEAF_SIZE, rng):
            close = points[leaf] @ points[leaf].T > min_similarity
            count, local = connected_components(coo_matrix(close), directed=False)
            if count < len(leaf):
                heads.append(leaf[_first_of(local)])
                tails.append(leaf)
        heads, tails = np.concatenate(heads), np.concatenate(tails)
        graph = coo_matrix((np.ones(len(heads), dtype=bool), (heads, tails)), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    components = np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)
    return [members for members in components if len(members) > 1]


def _first_of(labels: np.ndarray) -> np.ndarray:
    """For labels 0..k-1, the position of the first point with each point's label."""
    _, first = np.unique(labels, return_index=True)
    return first[labels]


def _leaves(points: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Split the points into leaves of nearby points, about `size` each (size/sqrt 2 to size*sqrt 2, so that
    the work per point does not depend on how n falls between powers of two): halve every node at the
    median of its points' projections on a random direction, one direction per depth."""
    depth = max(0, int(np.ceil(np.log2(len(points) / (size * np.sqrt(2))))))
    projections = points @ rng.standard_normal((points.shape[1], depth)).astype(points.dtype)
    leaves, nodes = [], [np.arange(len(points))]
    for level in range(depth + 1):
        larger = []
        for node in nodes:
            if len(node) <= size * np.sqrt(2) or level == depth:
                leaves.append(node)
                continue
            half = len(node) // 2
            order = np.argpartition(projections[node, level], half)
            larger += [node[order[:half]], node[order[half:]]]
        nodes = larger
    return leaves


def _nn_chain(means: np.ndarray, weights: np.ndarray, height: float) -> np.ndarray:
    """Exact weighted average linkage of a few thousand clusters by nearest-neighbour chain, stopped at
    `height`: for each, the index of the one its final cluster is filed under."""
    distances = 1.0 - means @ means.T
    np.fill_diagonal(distances, np.inf)
    weights = weights.copy()
    parent = np.arange(len(means))
    open_ = np.ones(len(means), dtype=bool)   # still able to merge below `height`
    chain: list[int] = []
    start = 0
    while True:
        if not chain:
            while start < len(means) and not open_[start]:
                start += 1
            if start == len(means):
                break
            chain.append(start)
        a = chain[-1]
        b = int(np.argmin(distances[a]))
        if len(chain) > 1 and distances[a, chain[-2]] <= distances[a, b]:
            b = chain[-2]  # on a tie, prefer the chain: it guarantees progress
        if not distances[a, b] < height:
            # a's nearest cluster is at `height` or beyond, and so is every earlier link of the chain
            # (distances only shrink along it). A merge elsewhere never brings a cluster closer than the
            # nearer of its two parts, so none of these will merge again: close them.
            for c in chain:
                open_[c] = False
                distances[c, :] = np.inf
                distances[:, c] = np.inf
            chain.clear()
        elif len(chain) > 1 and b == chain[-2]:
            chain[-2:] = []
            # Lance-Williams for average linkage: the merged cluster's distance is the weighted mean.
            merged = (weights[a] * distances[a] + weights[b] * distances[b]) / (weights[a] + weights[b])
            distances[a, :] = merged
            distances[:, a] = merged
            distances[a, a] = np.inf
            distances[b, :] = np.inf
            distances[:, b] = np.inf
            weights[a] += weights[b]
            open_[b] = False
            parent[b] = a
        else:
            chain.append(b)
    while not np.array_equal(parent[parent], parent):
        parent = parent[parent]
    return parent
