"""The frame stage: what each number or date is about, read off the sentence's dependency parse.

A frame has one slot per question a reader asks of a figure: what is counted ("seats", "annualized growth of
consumer spending"), the predicate that governs it ("won", "killed", "priced"), whose figure it is (the holder:
"Labour", "Reddit"), where (the place), when (the time window: "the second quarter", "last year"), how it is
stated (modality: a forecast, a plan, an estimate, a claim) and whether it is a part of a larger total
("including three children"). Every slot is a span of the document text, like all evidence. Beside the slots, a
frame says whether the value is the total a part is taken from ("six of the 31 dead": `whole`) or one count of
a list ("175 passengers and six crew": `listed`), and holds the value's own clause for the match stage.

The rules walk spaCy's dependency tree (Universal-style labels of en_core_web_sm) and its entity labels; the
only word lists are closed classes of general English (modal and reporting verbs, partitive prepositions), named
as such where they are defined.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .boilerplate import is_headline
from .dates import DateMention
from .quantities import Quantity

# Modality classes by the lemma of a governing verb, auxiliary or noun: the general English words for
# foreseeing, planning, estimating and claiming. A figure under none of them is stated as a fact.
_MODALITY_LEMMAS: dict[str, str] = {
    **dict.fromkeys(("forecast", "project", "projection", "predict", "prediction", "expect", "expectation",
                     "anticipate", "poll", "outlook", "guidance", "target"), "forecast"),
    **dict.fromkeys(("plan", "aim", "intend", "propose", "proposal", "seek", "schedule", "will", "shall",
                     "'ll", "pledge", "promise", "vow", "poise", "due", "upcoming"), "planned"),
    **dict.fromkeys(("estimate", "estimation", "approximate", "believe", "suggest", "likely", "could", "may",
                     "might", "possible"), "estimated"),
    **dict.fromkeys(("claim", "allege", "assert", "insist", "purport"), "claimed"),
}
# Verbs of saying: a figure under one is reported by the verb's subject ("police said", "officials told").
_REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "confirm", "state", "add", "note", "according",
                               "write", "post", "disclose", "reveal", "declare"})
# Prepositions and participles that make what follows a part of what precedes: a closed class.
_PART_LEMMAS = frozenset({"include", "including", "among", "incl"})
# Entity labels that can own a figure (a party's seats, a company's revenue, a country's GDP).
_HOLDER_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Prepositions that attach a place: "in Kerr County", "at Muan airport", "across Texas".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "throughout", "from", "inside", "outside", "within"})
# Dependency labels of a number's modifier link to the noun it counts.
_NUMBER_TO_NOUN = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos", "npadvmod", "det"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})


@dataclass(frozen=True)
class FrameSlot:
    text: str
    start: int      # document offsets: text[start:end] == text
    end: int
    lemma: str = ""  # the slot's head word, lower-cased lemma: what features compare

    def record(self) -> dict:
        return {"text": self.text, "span": [self.start, self.end]}


@dataclass(frozen=True)
class Frame:
    counted: FrameSlot | None = None
    predicate: FrameSlot | None = None
    holder: FrameSlot | None = None
    place: FrameSlot | None = None
    time: FrameSlot | None = None
    modality: FrameSlot | None = None
    part_of: FrameSlot | None = None
    modality_kind: str = "stated"     # "stated", "reported", "forecast", "planned", "estimated", "claimed"
    position: str = "body"            # "body" or "headline"
    # The value's own clause, the clauses of the sentence's other values cut out ("another eight had been
    # killed in the Palisades Fire"): the match stage embeds it.
    clause: str = ""
    whole: bool = False               # the value is the total a part is taken from ("six of the 31 dead")
    listed: bool = False              # one count of a list of counts ("175 passengers and six crew members")

    SLOTS = ("counted", "predicate", "holder", "place", "time", "modality", "part_of")

    def record(self) -> dict:
        """The frame as `verify extract` writes it (schema in README.md)."""
        record = {name: (slot.record() if slot else None) for name in self.SLOTS for slot in [getattr(self, name)]}
        if record["modality"] is not None:
            record["modality"]["kind"] = self.modality_kind
        record["position"] = self.position
        return record


def headline_text(text: str) -> str:
    """A Title Case headline in sentence case, same length, so the parser reads verbs as verbs.

    "Jeju Air Crash Injures Over 1,800" is tagged as one long proper noun; lower-cased, "injures" is the verb.
    Words in capitals (acronyms) keep them; the first word keeps its capital.
    """
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        if i == 0 or word.isupper() or len(word.lower()) != len(word):
            out.append(word)
        else:
            out.append(word.lower())
    return " ".join(out)


def parse_text(sentence_text: str) -> str:
    """The text handed to the parser for a sentence: headlines in sentence case (`headline_text`)."""
    if _is_title_case_headline(sentence_text):
        return headline_text(sentence_text)
    return sentence_text


def _is_title_case_headline(text: str) -> bool:
    if not is_headline(text):
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class _Sentence:
    """One parsed sentence with the helpers the slot rules share; offsets into the document."""

    def __init__(self, parsed, sentence_text: str, base: int):
        self.doc = parsed
        self.text = sentence_text
        self.base = base
        self.ent_of = {}
        for ent in parsed.ents:
            for token in ent:
                self.ent_of[token.i] = ent

    def tokens_in(self, start: int, end: int) -> list:
        s, e = start - self.base, end - self.base
        return [t for t in self.doc if t.idx < e and s < t.idx + len(t.text)]

    def slot(self, tokens: Iterable, head=None) -> FrameSlot | None:
        tokens = sorted(set(tokens), key=lambda t: t.i)
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        head = head if head is not None else tokens[-1]
        # The slot's text comes from the sentence as written (headlines were parsed in sentence case).
        return FrameSlot(self.text[start:end], start + self.base, end + self.base, head.lemma_.lower())

    def entity_or_phrase(self, token) -> FrameSlot | None:
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return self.slot(ent, head=ent.root)
        return self.noun_phrase(token, ())


    def noun_phrase(self, noun, exclude: Iterable) -> FrameSlot | None:
        """The noun with its modifiers and an "of" complement: "annualized growth of consumer spending"."""
        excluded = {t.i for t in exclude}
        chosen = {noun.i}
        for child in noun.lefts:
            if child.dep_ in _NOUN_MODIFIERS and child.dep_ != "poss":
                chosen |= {t.i for t in child.subtree}
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                chosen |= {t.i for t in child.subtree}
                break
        chosen -= excluded
        # The contiguous run around the noun: a number inside the phrase ("a 33.7% vote share") cuts it.
        run = [noun.i]
        i = noun.i - 1
        while i in chosen:
            run.insert(0, i)
            i -= 1
        i = noun.i + 1
        while i in chosen:
            run.append(i)
            i += 1
        while run and self.doc[run[0]].pos_ in ("DET", "PUNCT", "ADP", "CCONJ"):
            run.pop(0)
        while run and self.doc[run[-1]].pos_ in ("PUNCT", "ADP", "CCONJ", "DET"):
            run.pop()
        if not run:
            return None
        return self.slot((self.doc[i] for i in run), head=noun)


def _span_head(tokens: list):
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[-1] if heads else tokens[-1]


def _verb_ancestor(token):
    """The nearest verb above `token` (the token itself excluded), and the path to it."""
    path = []
    current = token
    while current.head.i != current.i:
        current = current.head
        path.append(current)
        # "including" is tagged a verb, but a part shares its total's predicate ("three children" were killed).
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() not in _PART_LEMMAS:
            return current, path
    return None, path


def _content_predicate(verb):
    """ "were confirmed killed", "were confirmed dead": the content word under a verb of confirming or being."""
    for child in verb.rights:
        if child.dep_ in ("oprd", "xcomp", "acomp") and child.pos_ in ("VERB", "ADJ"):
            return child
    return verb


def _subject_of(verb):
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    # "179 were confirmed killed" joined by "and": a conjoined verb shares the first verb's subject only when
    # it has none of its own, which the loop above already found.
    return None


def build_frame(parsed, sentence_text: str, base: int, mention: Quantity | DateMention,
                other_values: Iterable[tuple[int, int]] = ()) -> Frame:
    """The frame of one value of one sentence. `parsed` is the spaCy Doc of `parse_text(sentence_text)`;
    `base` is the sentence's document offset; `other_values` are the document spans of the sentence's
    other values (never a slot of this one)."""
    s = _Sentence(parsed, sentence_text, base)
    tokens = s.tokens_in(mention.start, mention.end)
    position = "headline" if is_headline(sentence_text) else "body"
    if not tokens:
        return Frame(position=position)
    value_ids = {t.i for t in tokens}
    others = [s.tokens_in(a, b) for a, b in other_values]
    other_ids = {t.i for group in others for t in group}
    head = _span_head(tokens)
    is_date = isinstance(mention, DateMention)

    # What is counted: the noun the number modifies, or the noun it is the figure "of", or the subject of
    # the verb it is the object of ("Consumer spending grew 1.4%").
    counted = None
    counted_noun = None
    if not is_date:
        if isinstance(mention, Quantity) and head.pos_ in _NOUN_POS and head.lemma_.lower() not in ("%", "percent"):
            # The mention ends in its noun ("three touchdowns"): the noun is inside the span.
            counted_noun = head if head.pos_ == "NOUN" and head.i in value_ids and not head.like_num else None
        if counted_noun is None:
            up = head.head
            if head.dep_ in _NUMBER_TO_NOUN and up.pos_ in _NOUN_POS and up.i not in value_ids:
                counted_noun = up
            elif head.dep_ == "pobj" and up.dep_ == "prep" and up.lower_ == "of" and up.head.pos_ in _NOUN_POS:
                counted_noun = up.head
        if counted_noun is None:
            # Partitive: "six of the 31 people".
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUN_POS]
                    if objects:
                        counted_noun = objects[0]
                    break
        if counted_noun is not None and counted_noun.i not in other_ids:
            counted = s.noun_phrase(counted_noun, tokens)

    verb, path = _verb_ancestor(head)
    # The predicate: the first content word above the value and what it counts, a verb ("won", "killed") or a
    # noun ("the deaths of 179 people", "the exit poll forecast of 131 seats", "a toll of 85").
    predicate_token = None
    skip = value_ids | ({counted_noun.i} if counted_noun is not None else set())
    below = head
    in_part = False
    for token in path:
        child, below = below, token
        # A part shares its total's predicate: "64 people were injured, including 14 children" -> "injured";
        # neither "including" nor the total's noun is what happened to the part.
        if token.lemma_.lower() in _PART_LEMMAS or token.lower_ in _PART_LEMMAS:
            in_part = True
            continue
        if in_part and token.pos_ in _NOUN_POS:
            continue
        # "175 passengers and six crew members": a conjoined item's head is its sibling, not its predicate.
        if child.dep_ == "conj" or token.i in skip or token.pos_ not in ("NOUN", "VERB", "AUX", "ADJ", "PROPN"):
            continue
        if token.pos_ == "PROPN" or (token.pos_ == "AUX" and token is not verb):
            continue
        predicate_token = _content_predicate(token) if token.pos_ in ("VERB", "AUX") else token
        break
    # The total a part is taken from ("all but two of the 181", "of the 242 on board, 241 died"): what the
    # verb says is said of the part, not of the total.
    whole = not is_date and _is_partition_whole(head)
    predicate = s.slot([predicate_token]) if predicate_token is not None and not whole else None

    # A total a part is taken from is counted by its own words only: the verb's subject or complement is the part's.
    if counted is None and not is_date and not whole and verb is not None and verb.lemma_ == "be":
        # "at least 84 were women": what is counted is the copula's complement.
        complement = next((c for c in verb.rights if c.dep_ == "attr" and c.pos_ in _NOUN_POS
                           and c.i not in value_ids and c.i not in other_ids), None)
        if complement is not None:
            counted_noun = complement
            counted = s.noun_phrase(complement, tokens)
    if counted is None and not is_date and not whole and verb is not None:
        subject = _subject_of(verb)
        if subject is not None and subject.i not in value_ids and subject.i not in other_ids \
                and subject.pos_ in _NOUN_POS and subject.ent_type_ not in _HOLDER_LABELS:
            counted_noun = subject
            counted = s.noun_phrase(subject, tokens)

    holder = _holder(s, head, counted_noun, verb, value_ids, other_ids)
    place = _place(s, head, counted_noun, verb, path, value_ids, holder)
    time = _time(s, head, verb, value_ids, other_ids, is_date)
    modality, modality_kind = _modality(s, head, path, counted_noun)
    part_of = _part_of(s, head, path, value_ids)
    clause_tokens = _clause(s, head, verb, value_ids, others)
    return Frame(counted, predicate, holder, place, time, modality, part_of, modality_kind, position,
                 clause=" ".join(t.text for t in clause_tokens), whole=whole,
                 listed=not is_date and _is_listed(head, counted_noun, other_ids))


def _is_listed(head, counted_noun, other_ids) -> bool:
    """Is the value one item of a coordinated list of counts ("carrying 175 passengers and six crew", "230
    passengers, 10 cabin crew members, and 2 pilots")? Then it counts a part of what the list adds up to."""
    item = counted_noun if counted_noun is not None and head.head.i == counted_noun.i else head
    # The parser links list items by "conj", and sometimes the second by "appos" ("230 passengers, 10 crew").
    linked = [c for c in item.children if c.dep_ in ("conj", "appos")]
    if item.dep_ in ("conj", "appos"):
        linked.append(item.head)
        linked += [c for c in item.head.children if c.dep_ in ("conj", "appos") and c.i != item.i]
    return any(t.i in other_ids or any(c.i in other_ids for c in t.children) for t in linked)


def _is_partition_whole(head) -> bool:
    """Is the value the total of a partitive: "six of the 31 dead", "all but 2 of 181 passengers", "out of the
    181 aboard, all ...", "Of the 242 people on board, 241 ..."? The quantifier before "of" is a number, a
    pronoun or a determiner, or the "of" phrase comes before the subject of its verb."""
    if any(child.dep_ == "quantmod" and child.lower_ == "of" for child in head.children):
        return True
    anchor = head.head if head.dep_ in ("nummod", "quantmod", "compound", "amod") else head
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "of":
        return False
    of = anchor.head
    above = of.head
    if above.lower_ == "out" and above.i == of.i - 1:
        return True
    if above.pos_ in ("NUM", "PRON", "DET") or above.like_num:
        return True
    # A fronted "of" phrase: "Of the 242 people on board, 241 died", "... that of the 85 dead, 39 were men".
    subject = _subject_of(above) if above.pos_ in ("VERB", "AUX") else None
    return of.i == 0 or (subject is not None and of.i < subject.i)


# Clause-level dependency labels: a child subtree under one of them that holds another value of the sentence
# is that value's clause, not this one's.
_CLAUSE_LINKS = frozenset({"conj", "advcl", "ccomp", "relcl", "acl", "parataxis", "xcomp", "appos", "prep"})


def _clause(s: _Sentence, head, verb, value_ids, others) -> list:
    """The tokens of the value's clause: the governing verb's subtree (or the sentence's), less each
    subtree that holds another value but not this one, down to this value's own path."""
    top = verb if verb is not None else head
    while top.dep_ in ("xcomp", "aux", "auxpass") and top.head.i != top.i:
        top = top.head
    other_sets = [{t.i for t in group} for group in others if group]
    keep = []

    def walk(token):
        keep.append(token)
        for child in token.children:
            ids = {t.i for t in child.subtree}
            if child.dep_ in _CLAUSE_LINKS and not ids & value_ids and any(o & ids for o in other_sets):
                continue
            walk(child)

    walk(top)
    return sorted((t for t in keep if not t.is_punct), key=lambda t: t.i)


def _holder(s: _Sentence, head, counted_noun, verb, value_ids, other_ids) -> FrameSlot | None:
    def owner(token):
        return token is not None and token.i not in value_ids and token.i not in other_ids and (
            token.ent_type_ in _HOLDER_LABELS or token.pos_ == "PROPN")

    # A possessor of what is counted: "Labour's vote share", "its IPO" (a pronoun names no one).
    if counted_noun is not None:
        for child in counted_noun.children:
            if child.dep_ == "poss" and owner(child):
                return s.entity_or_phrase(child)
    # An apposition: "AfD — 151", "SPD (120)".
    if head.dep_ == "appos" and owner(head.head):
        return s.entity_or_phrase(head.head)
    # "X with N": "Labour with 412 seats".
    anchor = counted_noun if counted_noun is not None and counted_noun.dep_ == "pobj" else head
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "with" and owner(anchor.head.head):
        return s.entity_or_phrase(anchor.head.head)
    # The subject of the governing verb: "Labour clinched 412 seats", "Reddit priced its IPO at $34".
    # A verb without a subject of its own ("..., winning only 121 seats") takes its governing verb's.
    governing = verb
    for _ in range(3):
        if governing is None:
            break
        subject = _subject_of(governing)
        if subject is not None:
            if owner(subject):
                return s.entity_or_phrase(subject)
            break
        if governing.dep_ not in ("advcl", "xcomp", "conj", "acl") or governing.head.i == governing.i:
            break
        governing = governing.head
    # A proper-noun modifier of what is counted: "Tubi viewers", "Kellanova shareholders".
    if counted_noun is not None:
        for child in counted_noun.lefts:
            if child.dep_ == "compound" and owner(child) and child.ent_type_ in _HOLDER_LABELS:
                return s.entity_or_phrase(child)
    # Lists without verbs ("CDU 208 seats, AfD — 151, SPD — 121"): the nearest name before the value with no
    # other value in between.
    for i in range(min(value_ids) - 1, max(-1, min(value_ids) - 6), -1):
        token = s.doc[i]
        # Another value, a verb or a conjunction ends the list item: "... to the Palisades Fire and 11 resulted".
        if i in other_ids or token.pos_ in ("VERB", "AUX", "CCONJ", "ADP"):
            break
        if owner(token) and token.ent_type_ in ("ORG", "PERSON", "NORP"):
            return s.entity_or_phrase(token)
    return None


def _place(s: _Sentence, head, counted_noun, verb, path, value_ids, holder) -> FrameSlot | None:
    anchors = [head] + ([counted_noun] if counted_noun is not None else []) + list(path)
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPOSITIONS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_LABELS and obj.i not in value_ids:
                        slot = s.entity_or_phrase(obj)
                        if slot is not None and (holder is None or slot.start != holder.start):
                            return slot
        if anchor is verb:
            break
    # A place named as a modifier of what is counted: "Kerr County deaths".
    if counted_noun is not None:
        for child in counted_noun.lefts:
            if child.ent_type_ in _PLACE_LABELS and child.i not in value_ids:
                slot = s.entity_or_phrase(child)
                if slot is not None and (holder is None or slot.start != holder.start):
                    return slot
    return None


def _time(s: _Sentence, head, verb, value_ids, other_ids, is_date) -> FrameSlot | None:
    """The time expression of the value's clause nearest the value (another value's date is a time too)."""
    if is_date:
        return None
    scope = {t.i for t in (verb.subtree if verb is not None else s.doc)}
    best = None
    for ent in s.doc.ents:
        if ent.label_ not in _TIME_LABELS or any(t.i in value_ids for t in ent):
            continue
        # A bare number the tagger called a date ("11 resulted from ...") is a count, not a time; years stay.
        if all(t.like_num for t in ent) and not any(t.text.isdigit() and len(t.text) == 4 for t in ent):
            continue
        if not any(t.i in scope for t in ent):
            continue
        distance = min(abs(t.i - i) for t in ent for i in value_ids)
        if best is None or distance < best[0]:
            best = (distance, ent)
    if best is None:
        return None
    return s.slot(best[1], head=best[1].root)


def _modality(s: _Sentence, head, path, counted_noun) -> tuple[FrameSlot | None, str]:
    reported = None
    # "plans to cut 15,000 jobs", "is poised to vote on Tuesday": the verb that governs an infinitive
    # complement says how its figure is meant.
    chain = list(path)
    while chain and chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i and len(chain) < len(path) + 2:
        chain.append(chain[-1].head)
    for token in [head, *([counted_noun] if counted_noun is not None else []), *chain]:
        candidates = [token] + [c for c in token.children if c.dep_ in ("aux", "auxpass", "advmod", "amod", "compound")]
        for candidate in candidates:
            kind = _MODALITY_LEMMAS.get(candidate.lemma_.lower())
            if kind is not None:
                return s.slot([candidate]), kind
            if reported is None and candidate.lemma_.lower() in _REPORTING_LEMMAS and candidate is token:
                reported = candidate
    # "according to police"
    for token in s.doc:
        if token.lower_ == "according" and token.i + 1 < len(s.doc) and s.doc[token.i + 1].lower_ == "to":
            reported = reported or token
    if reported is not None:
        return s.slot([reported]), "reported"
    return None, "stated"


def _part_of(s: _Sentence, head, path, value_ids) -> FrameSlot | None:
    """The total a value is a part of: "27 people, including three children" -> "27 people"."""
    for token in path[:3]:
        if token.lemma_.lower() in _PART_LEMMAS or token.lower_ in _PART_LEMMAS:
            total = token.head
            if total.i != token.i and total.i not in value_ids:
                return s.slot([t for t in total.subtree if t.i < token.i and t.dep_ != "punct"] or [total],
                              head=total)
        if token.dep_ in _SUBJECTS or token.pos_ in ("VERB", "AUX"):
            break
    # Partitive: "six of the 31".
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].i not in value_ids:
                return s.slot([t for t in objects[0].subtree], head=objects[0])
    # "Among them, 47 ...", "Of these, ...": the previous sentence's total.
    first = s.doc[0] if len(s.doc) else None
    if first is not None and first.lower_ in ("among", "of") and len(s.doc) > 1 and \
            s.doc[1].lower_ in ("them", "these", "those", "whom", "which"):
        return s.slot([s.doc[0], s.doc[1]], head=s.doc[1])
    return None
