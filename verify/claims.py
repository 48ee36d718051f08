"""What each extracted value is about: its event role, subject, parent total, entities and context phrase.

This is the first half of the compare stage: it turns the numbers and dates of the extract stage into
claims that can be matched across documents. Two values are only the same quantity when they count the
same thing (subject), in the same role (killed vs injured, launched vs shot down), at the same level (a
total vs a part "including three children"), about the same entities, over the same time window. No
library reads these relations off news text at the granularity we need, so they are small explicit rules
over the sentence, each general to news English rather than to one article.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateMention
from .extract import ExtractedSentence
from .ingest import Document
from .quantities import Quantity
from .segment import Sentence

# Event roles a number or date can play. Order matters only for readability; matching picks the nearest.
ROLE_PATTERNS: dict[str, str] = {
    "killed": r"kill(?:ed|ing|s)?|dead|deaths?|died|death toll|lost (?:their|his|her) lives?|lives lost"
    r"|fatalit(?:y|ies)|bodies|perished|victims",
    "injured": r"injur(?:ed|ies|y|ing)|wounded|wounding|hurt|hospitali[sz]ed",
    "missing": r"missing|unaccounted|yet to be (?:located|found)",
    "rescued": r"rescued|extracted|pulled (?:out|from)|evacuated",
    "launched": r"launch(?:ed|es|ing)?|fired",
    "intercepted": r"intercept(?:ed|ing|s)?|shot down|downed|neutrali[sz]ed",
    "destroyed": r"destroy(?:ed|ing|s)?",
    "voted for": r"in favou?r|voted for|voting for|approval from|backed by",
    "voted against": r"opposed|voting against|voted against|against it|no votes",
    "planned": r"plans? to|planned|will|expected to|aims? to|poised to|to begin|set to|intends? to",
}
# What happened on a date: two dates can only conflict when they date the same kind of act.
DATE_EVENT_PATTERNS: dict[str, str] = {
    "founded": r"found(?:ed|ing)|establish(?:ed|ment)|created|set up|incorporated",
    "announced": r"announc(?:ed|es|ing|ement)|said|says|stated|reported|told|confirmed|declared|revealed|wrote"
    r"|posted|unveiled",
    "started": r"beg(?:an|in|un|ins)|start(?:ed|s|ing)?|launch(?:ed|es)?|open(?:ed|s|ing)|commenced|kicked off",
    "ended": r"end(?:ed|s)|complet(?:ed|es)|finish(?:ed|es)|conclud(?:ed|es)|clos(?:ed|es)",
    "passed": r"pass(?:ed|es|ing)|approv(?:ed|es|al)|adopt(?:ed|s)|vot(?:ed|es)|signed|cleared",
    "attacked": r"attack(?:ed|s)?|struck|strikes?|hit|shelled|bombed|assault(?:ed)?",
}
_DATE_EVENT_RE = re.compile(
    "|".join(f"(?P<{event}>\\b(?:{pattern})\\b)" for event, pattern in DATE_EVENT_PATTERNS.items()),
    re.IGNORECASE,
)
_ROLE_RE = re.compile(
    "|".join(f"(?P<{re.sub(r'[^a-z]', '_', role)}>\\b(?:{pattern})\\b)" for role, pattern in ROLE_PATTERNS.items()),
    re.IGNORECASE,
)
_ROLE_BY_GROUP = {re.sub(r"[^a-z]", "_", role): role for role in ROLE_PATTERNS}
# "planned" marks a future/intended event; it is a modality, not a quantity role.
_MODALITY_ROLES = {"planned"}

# "37 Democrats and 21 Republicans voting against it": items of one list share the list's event word.
_LIST_GAP = re.compile(
    r"^\s*(?:[\w'’\-]+\s*){0,4}?(?:,\s*(?:and\s+|along with\s+|as well as\s+)?|\b(?:and|along with|as well as|plus)\s+)$",
    re.IGNORECASE,
)
# A conjunction or clause break between a value and a role word makes that word less likely to govern it.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|but|while|whereas|after|before|when)\b", re.IGNORECASE)

# "including three children", "among them 18 children", "of whom six" mark a part of the preceding total.
_PART_BEFORE = re.compile(r"\b(?:including|includes|included|among them|among whom|of whom|incl\.)\s*$", re.IGNORECASE)
# "Among these, 47 were cruise missiles": a part of the previous sentence's total.
_PART_SENTENCE_START = re.compile(r"^\s*(?:among (?:these|them|those)|of (?:these|them|those)|of which)\b", re.IGNORECASE)
# "six of the 31 confirmed dead are children": the first number is a part of the second.
_PART_OF_NEXT = re.compile(r"^\s*of (?:the|those|these)\s*$", re.IGNORECASE)
_PREDICATE_NOUN = re.compile(r"\b(?:are|were|was|is)\s+(?:all\s+)?([a-z]+)", re.IGNORECASE)

CASUALTY_ROLES = frozenset({"killed", "injured", "missing", "rescued"})
# Counts a casualty word can describe: people, children, or a number that names nothing ("rose to 26").
PERSON_SUBJECTS = {"people", "children", None}
# Words naming people in casualty counts; all of them count the same thing.
_PEOPLE = {
    "people", "person", "persons", "individuals", "individual", "others", "residents", "civilians",
    "victims", "adults", "men", "women", "more", "dead", "casualties", "citizens", "inhabitants",
    # "33 dead and 6 missing": the role word stands for the people it describes.
    "missing", "injured", "wounded", "killed",
}
_CHILDREN = {"children", "child", "kids", "kid", "minors", "minor", "teenagers", "infants", "babies", "boys", "girls"}

_WORD = re.compile(r"[\w'’\-]+")
_PROPER = re.compile(r"\b[A-Z][\w\-]*[a-z][\w\-]*\b")
# Beneficiary / scope of a sum or vote: "$61 billion for Ukraine", "aid to Taiwan", "support Israel".
_SCOPE_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:for|to|to support|earmarked for|in aid to|in)\s+(?:the\s+)?((?:[A-Z][\w\-]*\s*)+)"
)
_SCOPE_BEFORE = re.compile(
    r"((?:[A-Z][\w\-]*\s+)+)(?:aid|funding|package|bill|money)\b"
    r"|\b(?:aid|funding|package|bill|money)\s+(?:for|to)\s+(?:the\s+)?((?:[A-Z][\w\-]*\s*)+)"
)
_STOP_PROPER = {
    "The", "A", "An", "In", "On", "At", "Of", "And", "But", "He", "She", "It", "They", "We", "This", "That",
    "These", "Those", "Among", "According", "However", "Notably", "Lastly", "Meanwhile", "Also",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}
_CONTEXT_WORDS = 8
# "April 20 (UPI) --": a dateline dates the dispatch, it is not a claim about an event.
_DATELINE_AFTER = re.compile(r"^\s*\([A-Z][\w .&-]*\)\s*(?:--|—|–)")


@dataclass(frozen=True)
class Claim:
    """One number or date as stated in one sentence of one document, with what it is about."""

    id: int
    doc: str
    sentence: Sentence
    kind: str                            # "number" or "date"
    mention: Quantity | DateMention      # spans are document offsets
    context: str                         # the words around the value, the value itself left out
    role: str | None = None              # nearest governing event word: "killed", "launched" (numbers);
                                         # "announced", "started", "passed" (dates)
    subject: str | None = None           # what is counted, normalised: "people", "children", "drones", ...
    part_of: int | None = None           # id of the total this value is a part of
    scope: frozenset[str] = frozenset()  # names the value is for / about ("ukrai", "israe")
    actors: frozenset[str] = frozenset()  # names in the words around the value ("house", "senat")
    planned: bool = False                # stated as a plan or expectation, not as something that happened
    published: dt.date | None = None

    @property
    def surface(self) -> str:
        return self.mention.surface


def subject_class(counts: str | None) -> str | None:
    """Normalise what a number counts to a comparable head word: 'strike and decoy drones' -> 'drones'."""
    if not counts:
        return None
    words = _WORD.findall(counts.lower())
    if not words:
        return None
    head = words[-1]
    if head in _CHILDREN or any(w in _CHILDREN for w in words):
        return "children"
    if head in _PEOPLE:
        return "people"
    return head[:-1] if head.endswith("s") and len(head) > 3 and not head.endswith("ss") else head


def _name_key(word: str) -> str:
    """'Israeli' and 'Israel', 'Ukrainian' and 'Ukraine' share a key: compare names by their first letters."""
    return word.lower()[:5]


def _names(text: str) -> set[str]:
    return {_name_key(w) for w in _PROPER.findall(text) if w not in _STOP_PROPER}


def _scope(sentence_text: str, start: int, end: int) -> frozenset[str]:
    after = _SCOPE_AFTER.match(sentence_text[end:end + 60])
    keys: set[str] = set()
    if after:
        keys |= _names(after.group(1))
    before = _SCOPE_BEFORE.search(sentence_text[max(0, start - 60):start])
    if before:
        keys |= _names(before.group(1) or before.group(2))
    return frozenset(keys)


def _context(text: str, start: int, end: int) -> str:
    left = _WORD.findall(text[:start])[-_CONTEXT_WORDS:]
    right = _WORD.findall(text[end:])[:_CONTEXT_WORDS]
    return " ".join(left + ["…"] + right)


def _role_near(text: str, start: int, end: int, zone: tuple[int, int], pattern: re.Pattern = _ROLE_RE,
               exclude: frozenset[str] = frozenset()) -> str | None:
    """The event word nearest the value inside its zone, counting clause breaks as extra distance."""
    best: tuple[int, str] | None = None
    lo, hi = zone
    for match in pattern.finditer(text, lo, hi):
        role = _ROLE_BY_GROUP.get(match.lastgroup, match.lastgroup)
        if role in _MODALITY_ROLES or role in exclude:
            continue
        gap = text[match.end():start] if match.end() <= start else text[end:match.start()]
        distance = len(_WORD.findall(gap)) + 3 * len(_CLAUSE_BREAK.findall(gap))
        if best is None or distance < best[0]:
            best = (distance, role)
    return best[1] if best else None


def _is_planned(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 80):end + 40]
    return any(m.lastgroup == "planned" for m in _ROLE_RE.finditer(window))


def _own_event(text: str, numbers: list[Quantity], i: int, base: int) -> bool:
    """Does the i-th number have an event word of its own before the next number?"""
    end = numbers[i + 1].start - base if i + 1 < len(numbers) else len(text)
    return any(m.lastgroup != "planned" for m in _ROLE_RE.finditer(text, numbers[i].end - base, end))


def build_claims(documents: list[Document], extracted: list[ExtractedSentence]) -> list[Claim]:
    """Claims in document and sentence order; ids are positions in the returned list."""
    published = {d.id: d.published for d in documents}
    claims: list[Claim] = []
    last_total: dict[str, Claim] = {}   # per document: the last top-level count, for "Among these, ..."
    for item in extracted:
        sentence = item.sentence
        text, base = sentence.text, sentence.start
        numbers = [q for q in item.quantities if q.kind != "multiplier"]
        # Pass 1: which numbers are parts of which totals.
        parent_index: dict[int, int | None] = {}
        for i, q in enumerate(numbers):
            s = q.start - base
            before = text[:s]
            if i > 0 and _PART_BEFORE.search(before[-40:]):
                j = i - 1
                while j >= 0 and parent_index.get(j) is not None:
                    j -= 1
                parent_index[i] = j if j >= 0 else None
            elif i + 1 < len(numbers) and _PART_OF_NEXT.match(text[q.end - base:numbers[i + 1].start - base]):
                parent_index[i] = i + 1
            elif i > 0 and parent_index.get(i - 1) is not None and parent_index[i - 1] < i - 1 and \
                    _LIST_GAP.match(text[numbers[i - 1].end - base:s]) and not _own_event(text, numbers, i, base):
                # "including 442 drones, 34 Kh-101 cruise missiles, and seven Kalibr missiles": the whole list,
                # but not "including one child, and 64 more people were injured", which starts a new clause.
                parent_index[i] = parent_index[i - 1]
            else:
                parent_index[i] = None
        tops = [i for i, p in parent_index.items() if p is None]
        # Pass 2: zones for role words run between neighbouring totals; parts inherit their total's role.
        # Casualty words are about people: "people killed by a strike on two apartment blocks ... has risen to 26"
        # gives "killed" to 26, not to the blocks, so a person count's zone runs over counts of things.
        persons = [i for i in tops if subject_class(numbers[i].counts) in PERSON_SUBJECTS]
        roles: dict[int, str | None] = {}
        for k, i in enumerate(tops):
            lo = numbers[tops[k - 1]].end - base if k > 0 else 0
            hi = numbers[tops[k + 1]].start - base if k + 1 < len(tops) else len(text)
            q = numbers[i]
            if i in persons:
                p = persons.index(i)
                lo = numbers[persons[p - 1]].end - base if p > 0 else 0
                hi = numbers[persons[p + 1]].start - base if p + 1 < len(persons) else len(text)
            roles[i] = _role_near(text, q.start - base, q.end - base, (lo, hi),
                                  exclude=frozenset() if i in persons else CASUALTY_ROLES)
        for k in range(len(tops)):
            # A list item with no event word of its own takes its neighbour's, through the list separators.
            for step in (1, -1, 2, -2, 3, -3):
                if roles[tops[k]] is not None or not 0 <= k + step < len(tops):
                    continue
                left, right = sorted((tops[k], tops[k + step]))
                between = range(left, right)
                if all(_LIST_GAP.match(text[numbers[j].end - base:numbers[j + 1].start - base]) for j in between):
                    roles[tops[k]] = roles[tops[k + step]]
        first_id = len(claims)
        sentence_claims: list[Claim] = []
        for i, q in enumerate(numbers):
            s, e = q.start - base, q.end - base
            parent = parent_index[i]
            part_of = first_id + parent if parent is not None else None
            if parent is None and i == 0 and _PART_SENTENCE_START.match(text) and sentence.doc in last_total:
                part_of = last_total[sentence.doc].id
            # Event roles (killed, launched, voted for) describe counted things, not sums, votes or distances.
            # A part shares its total's event ("Among these, 47 were cruise missiles": launched, like the 48).
            role = roles.get(parent if parent is not None else i) if q.kind == "count" else None
            if part_of is not None and parent is None and q.kind == "count" and last_total[sentence.doc].role:
                role = last_total[sentence.doc].role
            subject = subject_class(q.counts)
            if subject is None and parent is not None and parent == i + 1:
                predicate = _PREDICATE_NOUN.search(text[numbers[parent].end - base:])
                subject = subject_class(predicate.group(1)) if predicate else None
            claim = Claim(
                id=len(claims), doc=sentence.doc, sentence=sentence, kind="number", mention=q,
                context=_context(text, s, e), role=role, subject=subject, part_of=part_of,
                scope=_scope(text, s, e), actors=frozenset(_names(_context(text, s, e))),
                planned=_is_planned(text, s, e), published=published.get(sentence.doc),
            )
            claims.append(claim)
            sentence_claims.append(claim)
        for d in item.dates:
            s, e = d.start - base, d.end - base
            if d.first is None and d.last is None:
                continue
            if _DATELINE_AFTER.match(text[e:]) and s < 3:
                continue
            claims.append(Claim(
                id=len(claims), doc=sentence.doc, sentence=sentence, kind="date", mention=d,
                context=_context(text, s, e), role=_role_near(text, s, e, (0, len(text)), _DATE_EVENT_RE),
                actors=frozenset(_names(_context(text, s, e))), planned=_is_planned(text, s, e),
                published=published.get(sentence.doc),
            ))
        totals = [c for c in sentence_claims if c.part_of is None and c.mention.kind == "count"]
        if totals:
            last_total[sentence.doc] = totals[-1]
    return claims
