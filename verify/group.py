"""Cluster sentences across sources so that the same statement told by several outlets lands in one group."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .segment import Sentence


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
    if len(sentences) == 1:
        labels = np.zeros(1, dtype=int)
    else:
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
        )
        labels = model.fit_predict(vectors)
    # dicts keep insertion order: groups are numbered by their first sentence in input order,
    # not by the clustering's arbitrary labels, so output is stable.
    by_label: dict[int, list[Sentence]] = {}
    for sentence, label in zip(sentences, labels):
        by_label.setdefault(int(label), []).append(sentence)
    ordered = list(by_label.values())
    return [ClaimGroup(id=f"g{i}", members=tuple(members)) for i, members in enumerate(ordered, 1)]
