"""The compare stage: judge the pairs the match stage scored as the same quantity.

A matched pair (P(same quantity) from verify/match.py at or above the threshold of its verdict) is
- an **agreement** when the values are equal, or compatible within a stated approximation ("nearly $270 million"
  and "$268 million");
- a **rounding** when one figure is the other rounded ("34%" and "33.7%"): shown apart, never as a conflict;
- a **conflict** otherwise: different values for the same quantity or date ("at least 177" and "179" is an
  updated toll: the newer report is named).
Copies of one story (verify/copies.py) never corroborate each other, and a copy is compared with other documents
only through its original. Each document pair states a pair of figures once: restatements (the toll in the lead
and in the body) give one finding, the best-matched. Claims that no other document matches are single-source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .claims import Claim
from .dates import DateMention
from .labels import group_label
from .match import block_key
from .values import display_value as _display, relation

# The conflict threshold is the matcher's own (fitted by `verify train`); this one is for models without one.
CONFLICT_THRESHOLD = 0.5
# Equal values make a match likely, so an agreement needs a sure one. Across the dev events (leave-one-event-out,
# matcher of 2026-12-02) 0.5 corroborated 38 of the 218 look-alike traps and found 90 % of the key's agreements;
# 0.7: 38 traps, 89 %; 0.8: 34, 85 %; 0.9: 27, 71 %. 0.7 keeps a margin for events unlike the dev ones.
AGREEMENT_THRESHOLD = 0.7


@dataclass(frozen=True)
class Thresholds:
    conflict: float = CONFLICT_THRESHOLD
    agreement: float = AGREEMENT_THRESHOLD    # also for rounding


@dataclass(frozen=True)
class Slot:
    """The claims of one document that state one figure about one thing; `claim` is the first statement."""

    id: int
    doc: str
    claim: Claim
    members: tuple[Claim, ...]


@dataclass(frozen=True)
class Finding:
    type: str                      # "conflict", "agreement" or "rounding"
    kind: str                      # "number" or "date"
    group: str                     # id of the ValueGroup both claims belong to
    claims: tuple[Claim, Claim]    # in document order
    score: float                   # 0..1: the matcher's probability that both state the same quantity
    explanation: str
    what: str                      # the quantity in plain words
    newer: str | None = None       # id of the later-published document, when the two dates differ


@dataclass(frozen=True)
class ValueGroup:
    """One quantity or date across documents: every claim linked to another by a finding, transitively."""

    id: str
    what: str
    claims: tuple[Claim, ...]      # the first statement of each figure a document gives for it, in order

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.doc for c in self.claims))


@dataclass(frozen=True)
class Comparison:
    findings: list[Finding]          # conflicts first, then roundings, then agreements, each by score
    value_groups: list[ValueGroup]
    slots: list[Slot]
    copy_of: dict[str, str] = field(default_factory=dict)  # document id -> representative of its copy set

    def single_source(self) -> list[Slot]:
        """Figures no other document was matched with: claims a checker should verify next.

        A copy's claims are its original's, so they are not listed again under the copy.
        """
        linked = {c.id for f in self.findings for c in f.claims}
        return [s for s in self.slots if not any(m.id in linked for m in s.members)
                and self.copy_of.get(s.doc, s.doc) == s.doc]


def display_value(claim: Claim) -> str:
    """The normalised value as text: '1500', '14100000000', '311-112', '2026-02-25'."""
    return _display(claim.mention)


def _value_key(claim: Claim):
    m = claim.mention
    if isinstance(m, DateMention):
        return (m.first, m.last, m.time, m.zone)
    return (m.value, m.low, m.high, m.tally, m.unit)


def _explain(kind: str, a: Claim, b: Claim, outlets: dict[str, str], newer: str | None, copies: bool) -> str:
    sa, sb = f"'{a.surface}' ({outlets[a.doc]})", f"'{b.surface}' ({outlets[b.doc]})"
    if kind == "agreement":
        if display_value(a) == display_value(b):
            return f"Same value: {sa} and {sb}."
        return f"Compatible within the stated approximation: {sa} and {sb}."
    if kind == "rounding":
        return f"One figure is the other rounded: {sa} and {sb}."
    text = f"Different values: {sa} vs {sb}"
    if copies:
        text += "; the two documents are copies of one story, so one of them changed the figure"
    if newer is not None:
        later = a if newer == a.doc else b
        text += f"; {outlets[newer]} published later ({later.published.isoformat()}): possibly an updated figure"
    return text + "."


def values_agree(a: Claim, b: Claim) -> bool:
    """Equal, or compatible within rounding or a stated approximation."""
    return relation(a.mention, b.mention) != "different"


def _verdict(a: Claim, b: Claim) -> str:
    r = relation(a.mention, b.mention)
    return {"equal": "agreement", "compatible": "agreement", "rounding": "rounding"}.get(r, "conflict")


def build_slots(claims: Sequence[Claim]) -> list[Slot]:
    """Each document's statements of one figure about one thing (same value, same block, same counted word)."""
    slots: dict[tuple, list[Claim]] = {}
    for claim in claims:
        counted = claim.frame.counted.lemma if claim.frame.counted else None
        slots.setdefault((claim.doc, block_key(claim), _value_key(claim), counted), []).append(claim)
    return [Slot(id=k, doc=members[0].doc, claim=members[0], members=tuple(members))
            for k, members in enumerate(slots.values())]


def compare(claims: Sequence[Claim], pairs: np.ndarray, probabilities: np.ndarray, outlets: dict[str, str],
            copy_of: dict[str, str] | None = None, thresholds: Thresholds = Thresholds()) -> Comparison:
    """Judge the scored candidate pairs (`pairs[k]` = two claim ids, `probabilities[k]` = P(same quantity)).

    `outlets` maps a document id to the outlet named in explanations; `copy_of` maps each document of a copy
    set to the set's representative.
    """
    copy_of = copy_of or {}
    # Each claim's best match in each other document: a conflict must be that for one of its two claims, so a
    # toll is not also disputed by every other count the other document gives in similar words, and a figure
    # the other document states too ("476 drones" in both) is not disputed by its neighbour ("48 missiles").
    pair_list, scores = pairs.tolist(), probabilities.tolist()
    verdicts = [_verdict(claims[i], claims[j]) for i, j in pair_list]
    top: dict[tuple[int, str], float] = {}
    for (i, j), p, verdict in zip(pair_list, scores, verdicts):
        if verdict != "conflict" and p < thresholds.agreement:
            continue
        for x, other in ((i, claims[j].doc), (j, claims[i].doc)):
            if p > top.get((x, other), -1.0):
                top[(x, other)] = p

    def _best_partner(i: int, j: int, p: float) -> bool:
        return p >= top[(i, claims[j].doc)] or p >= top[(j, claims[i].doc)]

    best: dict[tuple, tuple[float, int, int, str]] = {}
    for (i, j), p, verdict in zip(pair_list, scores, verdicts):
        a, b = claims[i], claims[j]
        rep_a, rep_b = copy_of.get(a.doc, a.doc), copy_of.get(b.doc, b.doc)
        if rep_a != rep_b and (rep_a != a.doc or rep_b != b.doc):
            continue    # a copy is compared with other documents only through its original
        if rep_a == rep_b:
            # Copies never corroborate one another; between copies, a conflict is a figure changed in the same
            # words (the same words around it), not two figures of one story, and it needs no matcher: the
            # text says it is the same quantity.
            if verdict == "agreement" or a.context != b.context:
                continue
            p = 1.0
        if p < (thresholds.conflict if verdict == "conflict" else thresholds.agreement):
            continue
        if verdict == "conflict" and not _best_partner(i, j, p):
            continue
        key = (a.doc, b.doc, _value_key(a), _value_key(b), block_key(a))
        if key not in best or (p, -i, -j) > (best[key][0], -best[key][1], -best[key][2]):
            best[key] = (p, i, j, verdict)
    chosen = sorted(best.values(), key=lambda t: (t[1], t[2]))

    slots = build_slots(claims)
    slot_of = {c.id: slot for slot in slots for c in slot.members}
    # Value groups: claims linked by a finding, transitively.
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j, _ in chosen:
        parent[find(j)] = find(i)
    members: dict[int, list[int]] = {}
    for x in sorted(parent):
        members.setdefault(find(x), []).append(x)
    value_groups: list[ValueGroup] = []
    group_of: dict[int, str] = {}
    for root, ids in sorted(members.items(), key=lambda kv: min(kv[1])):
        gid = f"q{len(value_groups) + 1}"
        # One claim per figure a document states (its slot's first statement): restatements count once.
        ordered = tuple(sorted({slot_of[x].claim.id: slot_of[x].claim for x in ids}.values(), key=lambda c: c.id))
        value_groups.append(ValueGroup(id=gid, what=group_label(list(ordered)), claims=ordered))
        for x in ids:
            group_of[x] = gid
    group_what = {g.id: g.what for g in value_groups}

    findings = []
    for p, i, j, verdict in chosen:
        a, b = claims[i], claims[j]
        newer = None
        if verdict == "conflict" and a.published and b.published and a.published != b.published:
            newer = a.doc if a.published > b.published else b.doc
        gid = group_of[i]
        copies = copy_of.get(a.doc, a.doc) == copy_of.get(b.doc, b.doc)
        findings.append(Finding(
            type=verdict, kind=a.kind, group=gid, claims=(a, b), score=round(float(p), 3),
            explanation=_explain(verdict, a, b, outlets, newer, copies), what=group_what[gid], newer=newer,
        ))
    order = {"conflict": 0, "rounding": 1, "agreement": 2}
    findings.sort(key=lambda f: (order[f.type], -f.score, f.claims[0].id, f.claims[1].id))
    return Comparison(findings, value_groups, slots, copy_of)
