"""What the whole candidate graph says of one pair, read off the first stage's probabilities: the evidence the
matcher's second stage (verify/match.py) reads beside the pair's own features (`graph_evidence`, columns
`GRAPH_EVIDENCE`).

Third-source support: how strongly the other documents tie both claims of a candidate pair to one claim of
their own.

Two figures that state one quantity are usually each matched by the same figure in a third report ("121 seats"
here, "122 seats" there, and a third outlet's "122 Conservative seats" close to both), while two look-alikes
("179 killed", "181 aboard") are each matched by a different claim of the third report. The support of a pair
(a, b) is, for each other document C, the best product p(a, c) * p(b, c) over the claims c of C (the first
stage's probabilities; a pair that is not a candidate counts 0), summed over the documents and divided by the
number of documents other than those two in which a or b has any candidate partner: "of the reports that speak
of such figures, how many tie both to one claim of theirs". The divisor is that neighbourhood, not the corpus,
so the figure means the same in a folder of ten reports on one story and in a feed of a thousand on many.
Where no third document has a candidate partner of either claim (two sources only), the support is unknown
(NaN) and the first stage's probability stands.

Leave-one-event-out over the dev events, the second stage raised the average precision of the matcher on
labelled differing pairs from 0.34 to 0.40, conflict recall from 0.31 to 0.34 at the same precision (0.52), and
cut the look-alikes corroborated as agreements from 38 to 32, while 86 % of the keys' agreements are found
against 89 % (verify/train.py fits it on out-of-fold first-stage probabilities).

Rival margins: how far the pair's probability stands above the best rival of each of its claims, the claim's
other candidate partners in the other claim's document. A document states one figure for one quantity, so a
claim has one true partner there; a pair that is the clear best of both claims is more likely it than a pair
that ties with, or trails, another. (The compare stage keeps a conflict only for a pair that is the best of one
of its claims; the margin says by how much.) Leave-one-event-out over the dev events, adding the margins moved
conflict precision from 0.52 to 0.58 and recall from 0.34 to 0.32, with 9 traps flagged against 10.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np


GRAPH_EVIDENCE = ("third_source_support", "rival_margin_low", "rival_margin_high")


def graph_evidence(docs: Sequence[str], pairs: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One row of `GRAPH_EVIDENCE` per pair (arguments as for `third_source_support`); the support is NaN where no
    third document speaks of such figures."""
    return np.column_stack([third_source_support(docs, pairs, probabilities),
                            rival_margins(docs, pairs, probabilities)]) if len(pairs) else np.zeros((0, 3))


# Pairs whose common partners are gathered at a time: memory stays flat however many pairs there are.
_CHUNK = 16384


def document_numbers(docs: Sequence[str]) -> np.ndarray:
    """Each claim's document as a number, in the order of the document ids (sums run in that order)."""
    number = {d: k for k, d in enumerate(sorted(set(docs)))}
    return np.array([number[d] for d in docs], dtype=np.int64)


def rival_margins(docs: Sequence[str], pairs: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Per pair (a, b), the lower and the higher of: P(a, b) minus the best P(a, b') over a's other candidate
    partners b' in b's document, and the same for b in a's document (minus 0 where there is none)."""
    n = len(pairs)
    if n == 0:
        return np.zeros((0, 2))
    p = np.asarray(probabilities, dtype=float)
    doc = document_numbers(docs)
    # Directed edges: (a -> b) for the first margin, (b -> a) for the second. Grouped by (claim, other
    # document), best first (ties: the lower claim id first), so each group's first two are its two best.
    x = np.concatenate([pairs[:, 0], pairs[:, 1]])
    y = np.concatenate([pairs[:, 1], pairs[:, 0]])
    q = np.concatenate([p, p])
    group = x * (int(doc.max()) + 1) + doc[y]
    order = np.lexsort((y, -q, group))
    sorted_group = group[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = sorted_group[1:] != sorted_group[:-1]
    starts = np.flatnonzero(first)
    size = np.diff(np.append(starts, len(order)))
    head = np.repeat(starts, size)                   # position of each edge's group's best edge
    best_q = q[order[head]]
    second_q = np.where(np.repeat(size, size) > 1, q[order[np.minimum(head + 1, len(order) - 1)]], 0.0)
    rival = np.empty(len(order))
    rival[order] = np.where(np.arange(len(order)) == head, second_q, best_q)
    margins = q - rival
    return np.sort(np.stack([margins[:n], margins[n:]], axis=1), axis=1)


def third_source_support(docs: Sequence[str], pairs: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One support value per pair, NaN where no third document speaks of such figures. `docs[claim id]` is the
    claim's document; `pairs[k]` two claim ids, `probabilities[k]` the first stage's P(same quantity) of that
    pair.

    On sparse matrices (scipy): a pair's common partners are the non-zeros of the product of its two claims'
    rows, so a thousand articles' half a million pairs take seconds, not the minute a loop over partners took."""
    from scipy import sparse

    n = len(pairs)
    if n == 0:
        return np.zeros(0)
    p = np.asarray(probabilities, dtype=float)
    doc = document_numbers(docs)
    m, n_docs = len(docs), int(doc.max()) + 1
    a, b = pairs[:, 0], pairs[:, 1]
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    edges = sparse.csr_matrix((np.concatenate([p, p]), (rows, cols)), shape=(m, m))
    # Which documents each claim has a candidate partner in; a pair's neighbourhood is the union of its two
    # claims' less their own two documents (each claim's partners include the other claim's document).
    near = sparse.csr_matrix((np.ones(len(rows)), (rows, doc[cols])), shape=(m, n_docs))
    near.sum_duplicates()
    near.data[:] = 1.0
    per_claim = np.asarray(near.sum(axis=1)).ravel()
    out = np.zeros(n)
    for start in range(0, n, _CHUNK):
        ca, cb = a[start:start + _CHUNK], b[start:start + _CHUNK]
        both = np.asarray(near[ca].multiply(near[cb]).sum(axis=1)).ravel()
        neighbourhood = per_claim[ca] + per_claim[cb] - both - 2
        common = edges[ca].multiply(edges[cb]).tocoo()
        row, col, value = common.row, common.col, common.data
        # A claim of either document of the pair is no third source; nor is a zero product.
        keep = (value > 0) & (doc[col] != doc[ca[row]]) & (doc[col] != doc[cb[row]])
        row, other, value = row[keep], doc[col[keep]], value[keep]
        # The best product per (pair, third document), then summed over the documents in document order.
        key = row.astype(np.int64) * n_docs + other
        order = np.argsort(key, kind="stable")
        key, value = key[order], value[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        starts = np.flatnonzero(first)
        best = np.maximum.reduceat(value, starts) if len(starts) else np.zeros(0)
        total = np.bincount(key[starts] // n_docs, weights=best, minlength=len(ca))
        out[start:start + len(ca)] = np.where(neighbourhood > 0, total / np.maximum(neighbourhood, 1), math.nan)
    return out
