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


def rival_margins(docs: Sequence[str], pairs: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Per pair (a, b), the lower and the higher of: P(a, b) minus the best P(a, b') over a's other candidate
    partners b' in b's document, and the same for b in a's document (minus 0 where there is none)."""
    p = np.asarray(probabilities, dtype=float).tolist()
    pair_list = pairs.tolist()
    # The two best partners of each claim in each other document: the best rival of a pair is the first of
    # them that is not the pair itself.
    top: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for (a, b), q in zip(pair_list, p):
        for x, y in ((a, b), (b, a)):
            best = top.setdefault((x, docs[y]), [])
            best.append((q, -y))
            if len(best) > 2:
                best.sort(reverse=True)
                del best[2:]
    out = np.zeros((len(pair_list), 2))
    for n, ((a, b), q) in enumerate(zip(pair_list, p)):
        margins = []
        for x, y in ((a, b), (b, a)):
            rivals = [r for r, other in sorted(top[(x, docs[y])], reverse=True) if -other != y]
            margins.append(q - (rivals[0] if rivals else 0.0))
        out[n] = sorted(margins)
    return out


def third_source_support(docs: Sequence[str], pairs: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One support value per pair, NaN where no third document speaks of such figures. `docs[claim id]` is the
    claim's document; `pairs[k]` two claim ids, `probabilities[k]` the first stage's P(same quantity) of that
    pair."""
    n = len(pairs)
    out = np.zeros(n)
    if n == 0:
        return out
    partners: dict[int, dict[int, float]] = {}
    for (i, j), p in zip(pairs.tolist(), np.asarray(probabilities, dtype=float).tolist()):
        partners.setdefault(i, {})[j] = p
        partners.setdefault(j, {})[i] = p
    partner_docs = {x: {docs[c] for c in near} for x, near in partners.items()}
    for k, (a, b) in enumerate(pairs.tolist()):
        doc_a, doc_b = docs[a], docs[b]
        neighbourhood = partner_docs[a] | partner_docs[b]
        neighbourhood.discard(doc_a)
        neighbourhood.discard(doc_b)
        if not neighbourhood:
            out[k] = math.nan      # no third report speaks of such figures: nothing to read either way
            continue
        small, large = partners[a], partners[b]
        if len(small) > len(large):
            small, large = large, small
        best: dict[str, float] = {}
        for c, p in small.items():
            other = docs[c]
            if other == doc_a or other == doc_b:
                continue
            q = large.get(c)
            if q is not None and p * q > best.get(other, 0.0):
                best[other] = p * q
        # Summed in document order, so the value does not depend on the order the pairs came in.
        out[k] = sum(best[d] for d in sorted(best)) / len(neighbourhood)
    return out
