"""The compare stage: align the claims of different documents that state the same quantity or date, and judge them.

Steps, each a function below:
1. `slots`: within one document, claims that restate one quantity (the toll in the lead and again in the body)
   become one slot; its representative is the document's most precise, most repeated, earliest figure.
2. `align`: for each pair of documents, slots are matched one-to-one, best match first. A match needs hard
   compatibility (same kind of value, unit, rate, role, subject, level, scope, plan vs fact) and a context
   similarity from the embedding model over the words around the value and over the whole sentence.
3. `judge`: a matched pair agrees when the values are equal within the stated approximation or ordinary
   rounding, and conflicts otherwise.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields

import numpy as np

from .claims import CASUALTY_ROLES, PERSON_SUBJECTS, Claim
from .dates import DateMention
from .group import ClaimGroup
from .quantities import Quantity

# Weights of the match score between two claims (each similarity is a cosine in [-1, 1]).
CONTEXT_WEIGHT = 0.5
SENTENCE_WEIGHT = 0.5
SAME_ROLE_BONUS = 0.1
SAME_SUBJECT_BONUS = 0.1
SAME_GROUP_BONUS = 0.05
SAME_SCOPE_BONUS = 0.1       # both sums or votes are "for Ukraine"; both dates are acts of "the House"
# A conflict needs a closer match than an agreement: a false alarm costs a reviewer more than a missed echo.
NUMBER_THRESHOLD = 0.55
DATE_THRESHOLD = 0.62
AGREEMENT_THRESHOLD = 0.45
AGREEMENT_PRIOR = 0.15
SPECIFIC_AGREEMENT_EASING = 0.1
# Above this many slots of one kind, each is scored only against its nearest neighbours (see candidate_pairs).
FULL_COMPARISON_LIMIT = 400
NEIGHBOURS = 40
# Slots of one document: restatements of one quantity.
SLOT_THRESHOLD = 0.45
# Above this many distinct claims of one bucket and value (or role) in a document, each is tested as a restatement
# only against its nearest neighbours (see build_slots).
SLOT_FULL_LIMIT = 2000

# Tolerances for approximations, as fractions of the stated value.
APPROX_SPREAD = 0.1         # "about", "roughly", "approximately": +/- 10 %
NEAR_SPREAD = 0.1           # "nearly", "almost": up to 10 % below
# Two reports of one budget line rarely differ by more than a quarter unless one counts a component the
# other leaves out (aid with or without its humanitarian part): beyond this ratio money is not compared.
MONEY_SCOPE_RATIO = 1.25

_LOWER = {"more than", "over", "at least", "above", "exceeding", "in excess of", "upwards of", "no fewer than"}
_UPPER = {"up to", "less than", "under", "fewer than", "as many as", "no more than", "at most", "below"}
_NEAR = {"nearly", "almost", "just under", "close to", "nearly a", "almost a"}
_VAGUE = re.compile(r"dozens?|hundreds|thousands|millions|billions|several|a few|scores|many", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
    """The claims of one document about one quantity or date; `claim` is the figure the document stands by."""

    id: int
    doc: str
    claim: Claim
    members: tuple[Claim, ...]

    @property
    def alternatives(self) -> tuple[Claim, ...]:
        """Other values the same document gives for this quantity (an earlier toll, a rounded figure)."""
        return tuple(c for c in self.members if _value_key(c) != _value_key(self.claim))


@dataclass(frozen=True)
class Finding:
    type: str                      # "conflict" or "agreement"
    kind: str                      # "number" or "date"
    group: str                     # id of the ValueGroup both claims belong to
    claims: tuple[Claim, Claim]    # in document order
    score: float                   # 0..1: how sure and how important
    explanation: str
    what: str                      # the quantity in plain words
    newer: str | None = None       # id of the later-published document, when the two dates differ
    also: tuple[tuple[Claim, ...], tuple[Claim, ...]] = ((), ())  # other values each document gives


@dataclass(frozen=True)
class Comparison:
    findings: list[Finding]          # conflicts first, then agreements, each by score
    value_groups: list[ValueGroup]
    slots: list[Slot]
    copy_of: dict[str, str] = field(default_factory=dict)  # document id -> representative of its copy set

    def single_source(self) -> list[Slot]:
        """Slots no other document was matched with: claims a checker should verify next.

        A copy's claims are its original's, so they are not listed again under the copy.
        """
        grouped = {c.id for g in self.value_groups for c in g.claims}
        return [s for s in self.slots if s.claim.id not in grouped and self.copy_of.get(s.doc, s.doc) == s.doc]


@dataclass(frozen=True)
class ValueGroup:
    """One quantity or date across documents: every slot aligned with another, transitively."""

    id: str
    what: str
    claims: tuple[Claim, ...]      # each document's representative claim, in document order

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.doc for c in self.claims))


# ---------------------------------------------------------------- compatibility

def _is_future(claim: Claim) -> bool | None:
    mention = claim.mention
    if not isinstance(mention, DateMention) or claim.published is None:
        return None
    if mention.first is not None and mention.first > claim.published:
        return True
    if mention.last is not None and mention.last <= claim.published:
        return False
    return None


def _bare_year(d: DateMention) -> bool:
    return d.granularity == "year" and not d.fuzzy


def compatible(a: Claim, b: Claim) -> bool:
    """Hard rules: could these two claims be about the same quantity or date at all?"""
    if a.kind != b.kind:
        return False
    if a.kind == "number" and a.role and b.role and a.role != b.role:
        return False
    if a.kind == "date":
        if a.role and b.role and a.role != b.role:
            return False    # the day of the strike and the day it was reported are different facts
        if _bare_year(a.mention) != _bare_year(b.mention):
            return False    # "this year" does not confirm (nor dispute) "in September 2025"
        if a.planned != b.planned:
            return False
        fa, fb = _is_future(a), _is_future(b)
        return fa is None or fb is None or fa == fb
    qa, qb = a.mention, b.mention
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    if qa.kind != qb.kind or qa.unit != qb.unit or qa.rate != qb.rate:
        return False
    if a.subject and b.subject and a.subject != b.subject:
        return False
    # A toll counts people: it is never the same quantity as a count of regions, blocks or drones.
    for x, y in ((a, b), (b, a)):
        if x.role in CASUALTY_ROLES and y.subject not in PERSON_SUBJECTS:
            return False
    if (a.part_of is None) != (b.part_of is None):
        return False
    if a.scope and b.scope and not (a.scope & b.scope):
        return False
    return True


# ---------------------------------------------------------------- values

def interval(q: Quantity) -> tuple[float, float]:
    """The values a stated quantity allows, given its approximation and the precision it was written with."""
    if q.value is None:
        low = q.low if q.low is not None else -math.inf
        high = q.high if q.high is not None else math.inf
        return (low, high)
    v = q.value
    half = (q.step or 1.0) / 2
    approx = (q.approx or "").lower()
    if approx in _LOWER or approx in _UPPER:
        # "at least 25", "more than 160", "up to 500": in news these state the figure reported so far, so a
        # later "31" is an updated toll, not a compatible one; only vague words ("more than a dozen") leave
        # the bound open.
        if _VAGUE.search(q.surface):
            return (v, math.inf) if approx in _LOWER else (-math.inf, v)
        return (v, v + half) if approx in _LOWER else (v - half, v)
    if approx in _NEAR:
        return (v * (1 - NEAR_SPREAD) - half, v + half)
    if approx:
        return (v * (1 - APPROX_SPREAD) - half, v * (1 + APPROX_SPREAD) + half)
    return (v - half, v + half)


def values_agree(a: Claim, b: Claim) -> bool:
    if a.kind == "date":
        (a0, a1), (b0, b1) = (a.mention.first, a.mention.last), (b.mention.first, b.mention.last)
        return (a1 is None or b0 is None or b0 <= a1) and (b1 is None or a0 is None or a0 <= b1)
    qa, qb = a.mention, b.mention
    if qa.tally is not None or qb.tally is not None:
        return qa.tally == qb.tally
    (a0, a1), (b0, b1) = interval(qa), interval(qb)
    # Strict: "$60 billion" allows [59.5, 60.5) and "$61 billion" [60.5, 61.5); touching is not agreeing.
    return b0 < a1 and a0 < b1


def _same_scope_of_money(a: Claim, b: Claim) -> bool:
    qa, qb = a.mention, b.mention
    if a.kind != "number" or qa.kind != "money" or not qa.value or not qb.value:
        return True
    return max(qa.value, qb.value) / min(qa.value, qb.value) <= MONEY_SCOPE_RATIO


def _comparable_for_conflict(a: Claim, b: Claim) -> bool:
    """Extra evidence a conflict needs beyond a close match."""
    if a.kind == "date":
        # A date conflict needs both sentences to say what happened on the date, and the same kind of act:
        # "founded in 2014" and "reported in September 2025" are both about the company, not one event.
        if a.role is None or a.role != b.role:
            return False
        # Outlets quote statements made on different days ("police reported on Friday"); the day of a
        # statement corroborates when it matches but is not a disputed fact when it differs.
        if a.role == "announced":
            return False
        # Two dates in similar sentences often date different acts of different actors (the Senate's
        # vote, the House's vote): a date conflict needs the same names around both dates, or none.
        return not (a.actors and b.actors) or bool(a.actors & b.actors)
    return _same_scope_of_money(a, b)


def _value_key(claim: Claim):
    m = claim.mention
    if isinstance(m, DateMention):
        return (m.value, m.first, m.last)
    return (m.value, m.low, m.high, m.tally, m.unit)


def _specificity(claim: Claim) -> float:
    """0 for a round figure ("two", "100"), 1 for a specific one ("311-112", "476", "60.84 billion", a day)."""
    m = claim.mention
    if isinstance(m, DateMention):
        return 1.0 if m.granularity == "day" else 0.0
    if m.tally is not None:
        return 1.0
    if m.value is None or m.step is None or m.step <= 0:
        return 0.0
    digits = len(str(int(round(abs(m.value) / m.step))).rstrip("0"))
    return min(1.0, max(0.0, (digits - 1) / 2))


def _figure(claim: Claim):
    m = claim.mention
    if isinstance(m, DateMention):
        return (m.first, m.last)
    return (m.value, m.tally, m.unit)


def display_value(claim: Claim) -> str:
    """The normalised value as text: '1500', '14100000000', '311-112', '2026-02-25', '2025-11-18/2025-11-19'."""
    m = claim.mention
    if isinstance(m, DateMention):
        if m.range_start and m.range_end:
            return f"{m.range_start}/{m.range_end}"
        return m.value or ""
    if m.tally is not None:
        return f"{m.tally[0]}-{m.tally[1]}"
    if m.value is not None:
        return _number(m.value)
    return f"{_number(m.low) if m.low is not None else ''}..{_number(m.high) if m.high is not None else ''}"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


# ---------------------------------------------------------------- matching

class _Similarity:
    def __init__(self, context_vectors, sentence_vectors, sentence_row, sentence_group):
        self.context = context_vectors
        self.sentence = sentence_vectors
        self.row = sentence_row
        self.group = sentence_group

    def __call__(self, a: Claim, b: Claim) -> float:
        ctx = float(self.context[a.id] @ self.context[b.id])
        ra, rb = self.row[(a.doc, a.sentence.index)], self.row[(b.doc, b.sentence.index)]
        sent = float(self.sentence[ra] @ self.sentence[rb])
        score = CONTEXT_WEIGHT * ctx + SENTENCE_WEIGHT * sent
        if a.role and a.role == b.role:
            score += SAME_ROLE_BONUS
        if a.subject and a.subject == b.subject:
            score += SAME_SUBJECT_BONUS
        if self.group.get(ra) is not None and self.group.get(ra) == self.group.get(rb):
            score += SAME_GROUP_BONUS
        shared = (a.scope & b.scope) if a.kind == "number" else (a.actors & b.actors)
        if shared:
            score += SAME_SCOPE_BONUS
        return score


def _precision_rank(claim: Claim) -> int:
    m = claim.mention
    if isinstance(m, DateMention):
        return {"day": 0, "range": 1, "week": 2, "month": 3}.get(m.granularity, 4)
    approx = (m.approx or "").lower()
    if not approx:
        return 0
    if approx in _LOWER or approx in _UPPER:
        return 1
    return 2


def build_slots(claims: list[Claim], similarity) -> list[Slot]:
    """Group each document's restatements of one quantity; pick the figure the document stands by.

    Two claims of a document in different sentences are restatements when they are compatible, state the same
    value (or a count with the same known role), and their similarity reaches SLOT_THRESHOLD; slots are the
    connected sets. Only pairs that can pass are looked at: claims that are copies of one another (a sentence
    repeated word for word) are tested once for all, and only within a block of one bucket and one value, or one
    bucket and one role. Above SLOT_FULL_LIMIT claims in a block, each is tested against its nearest neighbours
    only (as in `candidate_pairs`), so a long document costs time near linear in its length.
    """
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    slots: list[Slot] = []
    for doc, doc_claims in by_doc.items():
        parent = list(range(len(doc_claims)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            parent[find(j)] = find(i)

        def linked(a: Claim, b: Claim) -> bool:
            """Would two claims in different sentences be restatements of one quantity?"""
            if not compatible(a, b):
                return False
            # A count with a known role and subject restated with another value is the document's own
            # update ("at least 13 dead", later "16 died"); two different dates are two events.
            known = a.kind == "number" and a.role is not None and a.role == b.role
            return (known or _value_key(a) == _value_key(b)) and similarity(a, b) >= SLOT_THRESHOLD

        sentence = [c.sentence.index for c in doc_claims]
        classes = _copies_of_claims(doc_claims, similarity)
        # Copies of one claim lie in different sentences: all restatements of one another, or none.
        whole = []
        for members in classes:
            whole.append(len(members) == 1 or linked(doc_claims[members[0]], doc_claims[members[0]]))
            if len(members) > 1 and whole[-1]:
                for i in members[1:]:
                    union(members[0], i)
        for ca, cb in _slot_candidates(classes, doc_claims, similarity):
            A, B = classes[ca], classes[cb]
            if whole[ca] and whole[cb] and find(A[0]) == find(B[0]):
                continue                       # already one slot: nothing to learn from this pair
            if not linked(doc_claims[A[0]], doc_claims[B[0]]):
                continue
            # Every pair of A x B in different sentences is linked; link enough of them to connect what they
            # connect. Two copies of a claim never share a sentence, so each claim has at most one partner in
            # the other class that it may not be linked with.
            if whole[ca] and len(A) > 1:
                for j in B:
                    union(A[0] if sentence[A[0]] != sentence[j] else A[1], j)
            elif whole[cb] and len(B) > 1:
                for i in A:
                    union(B[0] if sentence[B[0]] != sentence[i] else B[1], i)
            else:
                for i in A[:2]:
                    for j in B:
                        if sentence[i] != sentence[j]:
                            union(i, j)
                for j in B[:2]:
                    for i in A:
                        if sentence[i] != sentence[j]:
                            union(i, j)
        members: dict[int, list[Claim]] = {}
        for i, claim in enumerate(doc_claims):
            members.setdefault(find(i), []).append(claim)
        for group in members.values():
            # The figure a document stands by: stated most precisely, then most often (whatever the
            # qualifier: "at least 31" and "31" are the same figure), then first.
            counts: dict = {}
            for c in group:
                counts[_figure(c)] = counts.get(_figure(c), 0) + 1
            best = min(group, key=lambda c: (_precision_rank(c), -counts[_figure(c)], c.id))
            slots.append(Slot(id=len(slots), doc=doc, claim=best, members=tuple(group)))
    return slots


def _copies_of_claims(claims: list[Claim], similarity) -> list[list[int]]:
    """Indices of `claims` in sets of claims that compare alike: the same value, wording, vectors and roles, so
    that each is linked with a third claim exactly when the others are (a sentence repeated word for word)."""
    if not isinstance(similarity, _Similarity):
        return [[i] for i in range(len(claims))]
    sets: dict[tuple, list[int]] = {}
    for i, c in enumerate(claims):
        m = c.mention
        row = similarity.row[(c.doc, c.sentence.index)]
        key = (type(m), tuple(getattr(m, f.name) for f in fields(m) if f.name not in ("start", "end")), c.kind,
               c.role, c.subject, c.part_of is None, c.scope, c.actors, c.planned, c.published,
               similarity.context[c.id].tobytes(), similarity.sentence[row].tobytes(), similarity.group.get(row))
        sets.setdefault(key, []).append(i)
    return list(sets.values())


def _slot_candidates(classes: list[list[int]], claims: list[Claim], similarity):
    """Pairs of classes (indices into `classes`, first < second) whose claims may be restatements: in one
    bucket, with the same value or a count's same role; within a block of more than SLOT_FULL_LIMIT, only
    each class's nearest neighbours."""
    by_value: dict[tuple, list[int]] = {}
    by_role: dict[tuple, list[int]] = {}
    for k, members in enumerate(classes):
        c = claims[members[0]]
        by_value.setdefault((_bucket(c), _value_key(c)), []).append(k)
        if c.kind == "number" and c.role is not None:
            by_role.setdefault((_bucket(c), c.role), []).append(k)
    whole_blocks = {key for key, block in by_value.items() if len(block) <= SLOT_FULL_LIMIT}
    for blocks, same_value_again in ((by_value, False), (by_role, True)):
        for block_key, block in blocks.items():
            if len(block) <= SLOT_FULL_LIMIT or not isinstance(similarity, _Similarity):
                pairs = ((a, b) for n, a in enumerate(block) for b in block[n + 1:])
            else:
                reps = [claims[classes[k][0]] for k in block]
                joint = _joint_vectors(reps, similarity.context, similarity.sentence, similarity.row)
                pairs = ((block[i], block[j]) for i, j in _neighbour_pairs(joint, NEIGHBOURS).tolist())
            for a, b in pairs:
                # A pair of one value was a candidate already, in its value's block when that was searched whole.
                if same_value_again:
                    value = _value_key(claims[classes[a][0]])
                    if value == _value_key(claims[classes[b][0]]) and (block_key[0], value) in whole_blocks:
                        continue
                yield a, b


def _best_evidence(sa: Slot, sb: Slot, similarity) -> tuple[float, Claim, Claim]:
    """The closest pair of sentences in which the two documents state their figures.

    A document often gives its figure more than once (headline, lead, body); the best-matching
    statements are the fairest comparison and the clearest evidence for a reader.
    """
    fa = [c for c in sa.members if _figure(c) == _figure(sa.claim)]
    fb = [c for c in sb.members if _figure(c) == _figure(sb.claim)]
    return max(((similarity(a, b), a, b) for a in fa for b in fb), key=lambda t: (t[0], -t[1].id, -t[2].id))


def describe(claim: Claim) -> str:
    """The quantity in plain words: 'people killed', 'USD amount for Ukrai…', 'vote tally', 'date'."""
    if claim.kind == "date":
        return f"date ({claim.role})" if claim.role else "date"
    q = claim.mention
    if q.kind == "tally":
        return "vote tally"
    head = claim.subject or (q.counts or "").strip()
    if q.kind == "money":
        head = f"amount in {q.unit}" if q.unit else "amount of money"
    elif q.kind == "percent":
        head = f"percentage{' of ' + head if head else ''}"
    elif not head:
        head = f"quantity in {q.unit}" if q.unit else "number"
    parts = [head]
    if claim.role:
        parts.append(claim.role)
    if q.rate:
        parts.append(f"per {q.rate}")
    return " ".join(parts)


def _explain(kind: str, what: str, a: Claim, b: Claim, outlets: dict[str, str], newer: str | None,
             copies: bool = False) -> str:
    sa, sb = f"'{a.surface}' ({outlets[a.doc]})", f"'{b.surface}' ({outlets[b.doc]})"
    if kind == "agreement":
        if display_value(a) == display_value(b):
            return f"Same value: {sa} and {sb}."
        return f"Compatible within rounding or the stated approximation: {sa} and {sb}."
    text = f"Different values for the same {what}: {sa} vs {sb}"
    if a.kind == "number" and a.mention.tally is None:
        text += " — beyond rounding and the stated approximation"
    if copies:
        text += "; the two documents are copies of one story, so one of them changed the figure"
    if newer is not None:
        later = a if newer == a.doc else b
        text += f"; {outlets[newer]} published later ({later.published.isoformat()}): possibly an updated figure"
    return text + "."


def _score(kind: str, a: Claim, b: Claim, match: float) -> float:
    """0.6 x how sure the match is + 0.4 x how much the quantity matters to a reader."""
    confidence = max(0.0, min(1.0, match))
    roles = {a.role, b.role}
    if a.kind == "number" and roles & CASUALTY_ROLES:
        # Deaths first, then the missing and the injured; a part ("including three children") after its total.
        importance = 1.0 if "killed" in roles else 0.9 if "missing" in roles else 0.85
        if a.part_of is not None:
            importance -= 0.15
    elif a.kind == "number" and a.mention.kind in ("money", "tally"):
        importance = 0.8
    elif a.kind == "date":
        importance = 0.7
    else:
        importance = 0.6
    if kind == "agreement":
        importance *= 0.8
    return round(0.6 * confidence + 0.4 * importance, 3)


def _bucket(claim: Claim) -> tuple:
    """Claims in different buckets can never be compatible (see `compatible`)."""
    if claim.kind == "date":
        return ("date", claim.planned)
    q = claim.mention
    return ("number", q.kind, q.unit, q.rate, claim.part_of is None)


def candidate_pairs(slots: list[Slot], context_vectors: np.ndarray, sentence_vectors: np.ndarray,
                    row: dict, neighbours: int, full_limit: int) -> list[tuple[int, int]]:
    """Pairs of slot ids worth scoring, without an all-pairs loop on large inputs.

    Slots are split by the hard rules that need no model (kind, unit, rate, level); within a bucket of at
    most `full_limit` slots every pair is scored, above it only each slot's nearest `neighbours`
    by the match similarity (context and sentence vectors together), found by blocked matrix products so
    memory grows linearly with the number of slots.
    """
    buckets: dict[tuple, list[int]] = {}
    for slot in slots:
        buckets.setdefault(_bucket(slot.claim), []).append(slot.id)
    pairs: set[tuple[int, int]] = set()
    for ids in buckets.values():
        if len(ids) <= full_limit:
            pairs.update((a, b) for k, a in enumerate(ids) for b in ids[k + 1:])
            continue
        joint = _joint_vectors([slots[i].claim for i in ids], context_vectors, sentence_vectors, row)
        found = _neighbour_pairs(joint, neighbours)
        a, b = np.asarray(ids)[found[:, 0]], np.asarray(ids)[found[:, 1]]
        pairs.update(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist()))
    return sorted(pairs)


def _joint_vectors(claims: list[Claim], context_vectors: np.ndarray, sentence_vectors: np.ndarray,
                   row: dict) -> np.ndarray:
    """Each claim's context vector beside its sentence's vector: their dot product is the match similarity's
    part that needs the model."""
    return np.hstack([context_vectors[[c.id for c in claims]],
                      sentence_vectors[[row[(c.doc, c.sentence.index)] for c in claims]]])


def _neighbour_pairs(joint: np.ndarray, neighbours: int) -> np.ndarray:
    """Pairs (i, j), i < j, of rows of `joint` where one is among the other's `neighbours` nearest by dot
    product; found by blocks of rows, so memory grows linearly with the number of rows."""
    k = min(neighbours, len(joint) - 1)
    found = [np.zeros((0, 2), dtype=np.intp)]
    for start in range(0, len(joint), 1024):
        block = joint[start:start + 1024] @ joint.T
        rows = np.arange(len(block))
        block[rows, start + rows] = -np.inf
        nearest = np.argpartition(-block, k, axis=1)[:, :k]
        found.append(np.stack([np.repeat(start + rows, k), nearest.ravel()], axis=1))
    return np.unique(np.sort(np.concatenate(found), axis=1), axis=0)


def compare(
    claims: list[Claim],
    context_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    sentence_keys: list[tuple[str, int]],
    groups: list[ClaimGroup],
    outlets: dict[str, str],
    copy_of: dict[str, str] | None = None,
) -> "Comparison":
    """Align and judge the claims of different documents.

    `sentence_keys[i]` is the (doc, sentence index) of row i of `sentence_vectors`; `outlets` maps a
    document id to the outlet name used in explanations. `copy_of` maps each document of a copy set to the
    set's representative: copies never corroborate one another, a copy is compared with other documents only
    through its representative (its claims are not listed twice), and a figure changed between copies is a
    conflict.
    """
    copy_of = copy_of or {}
    row = {key: i for i, key in enumerate(sentence_keys)}
    group_of_row = {row[(s.doc, s.index)]: g.id for g in groups if len(g.docs) > 1 for s in g.members}
    similarity = _Similarity(context_vectors, sentence_vectors, row, group_of_row)
    slots = build_slots(claims, similarity)

    claims_by_id = {c.id: c for c in claims}
    candidates = []
    for ia, ib in candidate_pairs(slots, context_vectors, sentence_vectors, row, NEIGHBOURS, FULL_COMPARISON_LIMIT):
        sa, sb = slots[ia], slots[ib]
        if sa.doc == sb.doc or not compatible(sa.claim, sb.claim):
            continue
        rep_a, rep_b = copy_of.get(sa.doc, sa.doc), copy_of.get(sb.doc, sb.doc)
        if rep_a != rep_b and (rep_a != sa.doc or rep_b != sb.doc):
            continue
        match, a, b = _best_evidence(sa, sb, similarity)
        agree = values_agree(a, b)
        if agree and rep_a == rep_b:
            continue
        # An identical specific figure ("311-112") is itself evidence: it needs less context to corroborate.
        threshold = (AGREEMENT_THRESHOLD - SPECIFIC_AGREEMENT_EASING * _specificity(a) * _specificity(b) if agree
                     else DATE_THRESHOLD if a.kind == "date" else NUMBER_THRESHOLD)
        if match < threshold or (not agree and not _comparable_for_conflict(a, b)):
            continue
        # Prefer equal values when a document states several figures in similar words: the pair that
        # agrees is more likely the same quantity than the pair that differs, the more so when the
        # figure is specific ("311-112", "60.84 billion") rather than round ("two", "100").
        priority = match + (AGREEMENT_PRIOR * (1 + _specificity(a)) if agree else 0.0)
        candidates.append((-priority, sa.id, sb.id, match, agree, a.id, b.id))
    candidates.sort()

    used: set[tuple[int, str]] = set()
    pairs = []
    for _, ia, ib, match, agree, a_id, b_id in candidates:
        sa, sb = slots[ia], slots[ib]
        if (ia, sb.doc) in used or (ib, sa.doc) in used:
            continue
        used.add((ia, sb.doc))
        used.add((ib, sa.doc))
        pairs.append((sa, sb, match, agree, claims_by_id[a_id], claims_by_id[b_id]))

    # Value groups: slots linked by an aligned pair, transitively.
    parent = {s.id: s.id for s in slots}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for sa, sb, *_ in pairs:
        parent[find(sb.id)] = find(sa.id)
    members: dict[int, list[Slot]] = {}
    for s in slots:
        members.setdefault(find(s.id), []).append(s)
    value_groups: list[ValueGroup] = []
    group_id: dict[int, str] = {}
    for root, group_slots in sorted(members.items(), key=lambda kv: min(s.claim.id for s in kv[1])):
        if len(group_slots) < 2:
            continue
        gid = f"q{len(value_groups) + 1}"
        group_id[root] = gid
        ordered = tuple(sorted((s.claim for s in group_slots), key=lambda c: c.id))
        # Name the group after its most explicit claim: "people killed" rather than "number killed".
        named = next((c for c in ordered if c.kind == "date" or c.subject), ordered[0])
        value_groups.append(ValueGroup(id=gid, what=describe(named), claims=ordered))

    group_what = {g.id: g.what for g in value_groups}
    findings = []
    for sa, sb, match, agree, a, b in pairs:
        if b.id < a.id:
            sa, sb, a, b = sb, sa, b, a
        kind = "agreement" if agree else "conflict"
        newer = None
        if kind == "conflict" and a.published and b.published and a.published != b.published:
            newer = a.doc if a.published > b.published else b.doc
        gid = group_id[find(sa.id)]
        findings.append(Finding(
            type=kind, kind=a.kind, group=gid, claims=(a, b), score=_score(kind, a, b, match),
            explanation=_explain(kind, group_what[gid], a, b, outlets, newer,
                                 copies=copy_of.get(a.doc, a.doc) == copy_of.get(b.doc, b.doc)),
            what=group_what[gid], newer=newer, also=(sa.alternatives, sb.alternatives),
        ))
    findings.sort(key=lambda f: (f.type != "conflict", -f.score, f.claims[0].id, f.claims[1].id))
    return Comparison(findings, value_groups, slots, copy_of)
