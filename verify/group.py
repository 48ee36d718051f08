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


# Within a group, sentences shown together as one statement are all this close (complete linkage): a group's
# average of 0.3 lets a toll sentence and another outlet's headline, or two facts of one story, share a group.
# Measured on a labelled sample of the dev benchmark (benchmarks/shared_statements.py).
STATEMENT_THRESHOLD = 0.24


@dataclass(frozen=True)
class ClaimGroup:
    id: str                          # "g1", "g2", ... in order of first appearance
    members: tuple[Sentence, ...]    # sorted by (document order, sentence index)
    # The members cut into statements, as positions in `members`: every two sentences of a statement are within
    # STATEMENT_THRESHOLD of each other. In order of their first member.
    statements: tuple[tuple[int, ...], ...] = ()

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
    by_label: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        by_label.setdefault(int(label), []).append(row)
    rng = np.random.default_rng(_SEED)
    groups = []
    for i, rows in enumerate(by_label.values(), 1):
        statements = _statements(points, point_of[rows], rng) if len(rows) > 1 else ((0,),)
        groups.append(ClaimGroup(id=f"g{i}", members=tuple(sentences[r] for r in rows), statements=statements))
    return groups


def _statements(points: np.ndarray, member_points: np.ndarray, rng: np.random.Generator) -> tuple[tuple[int, ...], ...]:
    """Complete linkage of a group's members at STATEMENT_THRESHOLD, on their distinct vectors: positions of the
    members of each statement."""
    distinct, member_of = np.unique(member_points, return_inverse=True)
    if len(distinct) <= 2:  # most groups: one distance decides
        apart = len(distinct) == 2 and 1.0 - points[distinct[0]] @ points[distinct[1]] > STATEMENT_THRESHOLD
        label = np.arange(len(distinct)) if apart else np.zeros(len(distinct), dtype=np.intp)
    else:
        label = _complete_linkage(points[distinct], rng)
    by_label: dict[int, list[int]] = {}
    for position, point in enumerate(member_of.ravel()):
        by_label.setdefault(int(label[point]), []).append(position)
    return tuple(tuple(positions) for positions in by_label.values())


def _complete_linkage(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A cluster label per point: complete linkage cut at STATEMENT_THRESHOLD. More points than one matrix takes
    are first cut into leaves of nearby points."""
    from scipy.cluster.hierarchy import fcluster, linkage

    label = np.zeros(len(points), dtype=np.intp)
    next_label = 0
    pieces = [np.arange(len(points))] if len(points) <= MAX_COMPONENT else _leaves(points, MAX_COMPONENT // 2, rng)
    for piece in pieces:
        if len(piece) == 1:
            local = np.zeros(1, dtype=np.intp)
        else:
            distances = np.clip(1.0 - points[piece] @ points[piece].T, 0.0, 2.0)
            condensed = distances[np.triu_indices(len(piece), 1)]
            local = fcluster(linkage(condensed, method="complete"), STATEMENT_THRESHOLD, criterion="distance") - 1
        label[piece] = local + next_label
        next_label += int(local.max()) + 1
    return label


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


def split_by_values(members: list[Sentence], claims_of: dict[tuple[str, int], list]) -> list[list[Sentence]]:
    """Cut a statement so that the sentences of each piece state the same numbers and dates.

    Similar words are not the same statement: "drones destroyed 85 trucks" and "Russia downed 85 Ukrainian
    drones", or a toll of 16 and a headline's 12. Each sentence joins the first piece all of whose sentences
    state values that `values_match` its own; `claims_of` maps (doc, sentence start) to the sentence's claims.
    """
    pieces: list[list[Sentence]] = []
    signatures: list[dict[tuple, tuple]] = []   # per piece, its distinct signatures: a retold sentence is one
    cache: dict[tuple, bool] = {}
    for sentence in members:
        claims = claims_of.get((sentence.doc, sentence.start), [])
        signature = _signature(claims)
        for piece, piece_signatures in zip(pieces, signatures):
            if signature[0] in piece_signatures or all(
                    _cached_match(signature, other, cache) for other in piece_signatures.values()):
                piece.append(sentence)
                piece_signatures.setdefault(signature[0], signature)
                break
        else:
            pieces.append([sentence])
            signatures.append({signature[0]: signature})
    return pieces


def _signature(claims: list) -> tuple:
    """What `values_match` reads of a sentence's claims, without offsets: equal for a sentence told twice."""
    return tuple((c.kind, c.role, c.subject, _mention_key(c.mention)) for c in claims), tuple(claims)


def _mention_key(mention) -> tuple:
    fields = ("kind", "value", "low", "high", "unit", "approx", "step", "tally", "rate", "granularity", "first",
              "last")
    return tuple(getattr(mention, name, None) for name in fields)


def _cached_match(a: tuple, b: tuple, cache: dict[tuple, bool]) -> bool:
    key = (a[0], b[0])
    if key not in cache:
        cache[key] = values_match(list(a[1]), list(b[1]))
    return cache[key]


def values_match(a: list, b: list) -> bool:
    """Could two sentences with these claims state the same thing? When both give numbers, some number of one
    must agree with a number of the other (same kind, unit and what is counted); and no figure of one may be
    left facing a different figure of the same quantity in the other ("10 campers" vs "five campers", "$29
    billion" vs "$36 billion" for one deal), nor a day a different day."""
    from .compare import values_agree  # compare imports this module

    numbers_a = [c for c in a if c.kind == "number"]
    numbers_b = [c for c in b if c.kind == "number"]
    matched_a = {i for i, x in enumerate(a) if any(_same_quantity(x, y) and values_agree(x, y) for y in b)}
    matched_b = {j for j, y in enumerate(b) if any(_same_quantity(x, y) and values_agree(x, y) for x in a)}
    if numbers_a and numbers_b and not any(a[i].kind == "number" for i in matched_a):
        return False
    left_a = [x for i, x in enumerate(a) if i not in matched_a]
    left_b = [y for j, y in enumerate(b) if j not in matched_b]
    return not any(_same_quantity(x, y, strict=True) for x in left_a for y in left_b)


def _same_quantity(x, y, strict: bool = False) -> bool:
    """Whether two claims can state one quantity: same kind of value, unit, event word and counted thing (left
    unsaid by one of them, unless `strict`: a figure left unmatched faces only the same counted thing). Dates:
    for `strict`, only days face days."""
    if x.kind != y.kind:
        return False
    if x.kind == "date":
        return not strict or (x.mention.granularity == y.mention.granularity == "day"
                              and (x.role == y.role or None in (x.role, y.role)))
    qx, qy = x.mention, y.mention
    if qx.kind != qy.kind or qx.unit != qy.unit or qx.rate != qy.rate:
        return False
    if x.role and y.role and x.role != y.role:
        return False
    if strict:
        return x.subject == y.subject
    return x.subject == y.subject or None in (x.subject, y.subject)


def shared_statements(groups: list[ClaimGroup], claims: list, copy_of: dict[str, str]) -> list[tuple[Sentence, ...]]:
    """The statements two independent sources or more tell: each group's tight statements, cut again where the
    sentences state different numbers or dates; the most widely told first, then in order of first appearance.
    `copy_of` maps a copy to the document it repeats: a copy does not make a statement shared."""
    claims_of: dict[tuple[str, int], list] = {}
    for claim in claims:
        claims_of.setdefault((claim.doc, claim.sentence.start), []).append(claim)
    found: list[tuple[Sentence, ...]] = []
    for group in groups:
        if len({copy_of.get(d, d) for d in group.docs}) < 2:
            continue
        for positions in group.statements:
            members = [group.members[p] for p in positions]
            if len({copy_of.get(s.doc, s.doc) for s in members}) < 2:
                continue
            for piece in split_by_values(members, claims_of):
                if len({copy_of.get(s.doc, s.doc) for s in piece}) > 1:
                    found.append(tuple(piece))
    ranked = sorted(enumerate(found), key=lambda item: (-len({copy_of.get(m.doc, m.doc) for m in item[1]}), item[0]))
    return [statement for _, statement in ranked]
