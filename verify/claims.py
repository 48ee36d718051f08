"""Claims: each extracted number or date with its frame (verify/frames.py) and the words around it.

A claim is what the match stage compares across documents: one value as stated in one sentence, what it is
about (the frame, read off the parse), and a context phrase (the words around the value, the value left out)
that the embedding model encodes.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from .dates import DateMention
from .extract import ExtractedSentence
from .frames import Frame, build_frame, parse_text
from .ingest import Document
from .quantities import Quantity
from .segment import Sentence

_WORD = re.compile(r"[\w'’\-]+")
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
    frame: Frame = Frame()
    published: dt.date | None = None

    @property
    def surface(self) -> str:
        return self.mention.surface

    @property
    def role(self) -> str | None:
        """What happened, as the lemma of the frame's predicate ("kill", "win", "price"), or None."""
        return self.frame.predicate.lemma if self.frame.predicate else None

    @property
    def subject(self) -> str | None:
        """What is counted, as the lemma of the frame's counted noun ("seat", "people"), or None."""
        return self.frame.counted.lemma if self.frame.counted else None


def _context(text: str, start: int, end: int, words: int = _CONTEXT_WORDS) -> str:
    left = _WORD.findall(text[:start])[-words:]
    right = _WORD.findall(text[end:])[:words]
    return " ".join(left + ["…"] + right)


def valued_sentences(extracted: list[ExtractedSentence]) -> list[ExtractedSentence]:
    """The sentences the parse stage reads: those with a number or a date."""
    return [item for item in extracted if any(q.kind != "multiplier" for q in item.quantities) or item.dates]


# Sentences parsed at a time: only this many parses are held in memory at once.
PARSE_CHUNK = 2000


def parsed_items(items: list[ExtractedSentence], parse) -> Iterator[tuple[ExtractedSentence, object]]:
    """Each item with its sentence's parse; `parse` maps a list of `parse_text`s to spaCy Docs (Parser.parse),
    called a chunk at a time so that memory does not grow with the corpus."""
    for start in range(0, len(items), PARSE_CHUNK):
        chunk = items[start:start + PARSE_CHUNK]
        yield from zip(chunk, parse([parse_text(item.sentence.text) for item in chunk]))


def build_claims(documents: list[Document], extracted: list[ExtractedSentence], parse) -> list[Claim]:
    """Claims in document and sentence order; ids are positions in the returned list.

    `parse` is the parse stage (`Parser.parse`, verify/parse.py): a list of texts to their spaCy Docs.
    """
    published = {d.id: d.published for d in documents}
    claims: list[Claim] = []
    for item, parsed in parsed_items(valued_sentences(extracted), parse):
        sentence = item.sentence
        text, base = sentence.text, sentence.start
        numbers = [q for q in item.quantities if q.kind != "multiplier"]
        # A date must say when; a time of day ("4:30 p.m.") is compared with other times by its clock value.
        dates = [d for d in item.dates if d.first is not None or d.last is not None or d.granularity == "time"]
        # A dateline ("April 20 (UPI) --") dates the dispatch, not an event.
        dates = [d for d in dates if not (_DATELINE_AFTER.match(text[d.end - base:]) and d.start - base < 3)]
        values: list[Quantity | DateMention] = [*numbers, *dates]
        spans = [(v.start, v.end) for v in values]
        for k, mention in enumerate(values):
            others = spans[:k] + spans[k + 1:]
            s, e = mention.start - base, mention.end - base
            claims.append(Claim(
                id=len(claims), doc=sentence.doc, sentence=sentence,
                kind="date" if isinstance(mention, DateMention) else "number", mention=mention,
                context=_context(text, s, e), frame=build_frame(parsed, text, base, mention, others),
                published=published.get(sentence.doc),
            ))
    return claims
