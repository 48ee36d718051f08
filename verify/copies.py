"""Copies: documents that are mostly the same text, such as a wire story republished by several sites, a repost
under a new headline, or an article lightly edited.

A copy repeats its source's claims; it does not corroborate them. Five sites running one agency story are one
source, and the report should say so rather than count five agreeing outlets.

Two documents are copies when most of the smaller one's text appears in the other: of its word 5-grams
("shingles", taken over the article body with boilerplate left out, lower-cased, punctuation ignored), at least
`min_overlap` are also in the other document. Measuring against the smaller document catches a story embedded in a
longer page or cut short. Independent reports of one event share names, numbers and the odd quoted sentence, but
few runs of five words in a row: on the dev benchmark the closest pair of outlets shares 43% (two rewrites of one
agency story, with their own paragraphs), the others under 12%.

A copy set is built around its representative, the earliest published document: every other member is a copy of
the representative itself. Chains are not followed, so a news digest that reprints two unrelated briefs does not
put the two briefs into one set. Documents are taken in order of publication; each joins the representative it
overlaps most, or becomes a representative. Candidates come from an index of the representatives' shingles, so
the cost grows with the text rather than with the number of pairs; an index entry keeps only a shingle's first few
representatives, which bounds the work on phrases every article uses.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from .ingest import Document

SHINGLE_WORDS = 5
MIN_OVERLAP = 0.6
# A copy shares at least this many shingles (about two sentences in a row): short texts that happen to share a
# phrase ("the strike killed 25 people, officials said") are not copies of each other.
MIN_SHARED_SHINGLES = 20
_MAX_HOLDERS = 32   # representatives kept per shingle in the index
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CopySet:
    docs: tuple[str, ...]   # document ids: the representative first, then the others in input order
    representative: str     # the earliest published (then the first in input order): the one to cite
    overlap: float          # 0..1: the lowest overlap between a member and the representative (see find_copies)


def find_copies(documents: Sequence[Document], min_overlap: float = MIN_OVERLAP) -> list[CopySet]:
    """Sets of two or more documents that copy one another, in input order of their first member.

    The overlap of two documents is the share of the smaller one's shingles that the other also has. A document is
    a copy of a representative when their overlap is at least `min_overlap` and they share at least
    MIN_SHARED_SHINGLES; of several such representatives it joins the one it overlaps most (the earlier on a tie).
    """
    vocabulary: dict[str, int] = {}
    shingles = [_shingles(doc, vocabulary) for doc in documents]
    order = sorted(range(len(documents)), key=lambda i: (_date_key(documents[i].published), i))
    rank = {i: position for position, i in enumerate(order)}
    index: dict[int, list[int]] = {}                       # shingle -> representatives holding it
    members: dict[int, list[tuple[int, float]]] = {}       # representative -> [(member, overlap)]
    for i in order:
        shared = Counter(chain.from_iterable(filter(None, map(index.get, shingles[i]))))
        # The representative it overlaps most; on a tie, the earlier one.
        overlap, _, representative = max(
            ((count / min(len(shingles[i]), len(shingles[r])), -rank[r], r)
             for r, count in shared.items() if count >= MIN_SHARED_SHINGLES), default=(0.0, 0, None))
        if representative is not None and overlap >= min_overlap:
            members[representative].append((i, overlap))
            continue
        members[i] = []
        for shingle in shingles[i]:
            holders = index.setdefault(shingle, [])
            if len(holders) < _MAX_HOLDERS:
                holders.append(i)

    copies = []
    for representative, copied in members.items():
        if copied:
            others = sorted(member for member, _ in copied)
            copies.append((min(representative, others[0]), CopySet(
                docs=tuple(documents[i].id for i in [representative, *others]),
                representative=documents[representative].id,
                overlap=round(min(overlap for _, overlap in copied), 3))))
    return [copy for _, copy in sorted(copies, key=lambda item: item[0])]


def copy_of(copies: Sequence[CopySet]) -> dict[str, str]:
    """Document id -> the representative of its copy set, for the documents in one. Two documents are copies of
    each other when both are keys and map to the same representative."""
    return {doc: copy.representative for copy in copies for doc in copy.docs}


def _shingles(doc: Document, vocabulary: dict[str, int]) -> set[int]:
    """The hashes of the document's word 5-grams. Words become numbers first (`vocabulary` numbers them as they
    come), because the hash of a tuple of numbers, unlike that of a string, is the same in every process: runs
    are reproducible. Two different 5-grams share a 64-bit hash too rarely to matter."""
    words = [vocabulary.setdefault(word, len(vocabulary))
             for start, end in doc.body for word in _WORD.findall(doc.text[start:end].casefold())]
    return set(map(hash, zip(*(words[k:] for k in range(SHINGLE_WORDS)))))


def _date_key(published: dt.date | None) -> dt.date:
    return published or dt.date.max   # undated documents after dated ones
