"""Sentences with exact character offsets into their document's text.

Written by hand rather than taken from a library: the rules this tool needs are few and specific (line breaks are
hard boundaries, "14. 5 million" is one number, spans must index the original text, a 5 MB line must not blow up),
and the candidates each miss some: pysbd is unmaintained since 2021, nltk's punkt needs a data download, spaCy is
heavy; sentencex and nupunkt are alive but tuned for other text (Wikipedia, legal) and would still need these rules
on top. The scan is linear: one regex pass over each line, with a bounded look back at the word before a period.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .boilerplate import iter_lines
from .ingest import Document

# Later stages (embeddings, extraction) work per sentence; a longer run of text without boundaries is cut at
# whitespace so their cost stays bounded.
MAX_SENTENCE_CHARS = 2000

# A run of sentence punctuation, with the closing quotes and brackets that belong to it: '.', '?"', '.”', '.)'.
_TERMINATOR = re.compile(r"[.!?…][.!?…\"'”’»)\]]*")
_SPACE = re.compile(r"\s+")
_OPENERS = "\"'“‘«(["
_WORD_LOOKBACK = 40   # longer "words" before a period are never abbreviations

# Before a period, these never end a sentence: "Mr. Smith", "Gen. Zaluzhnyi", "St. Petersburg", "Johnson vs. Jeffries".
_TITLES = frozenset("Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Cpl Adm Cmdr Rep Reps Sen Gov Pres Rev Hon St Mt Ft "
                    "vs Messrs".split())
# Before a period and a number: "Feb. 25", "No. 5", "p. 12".
_BEFORE_NUMBER = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Art Fig Vol Ch Sec p pp".split())
# "U.K.", "U.S.", "e.g.", "a.m.": letters with periods between (the last period is the terminator).
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# After a dotted abbreviation, a capitalised word usually continues the sentence ("U.K. Defence Journal"); these
# words start a new one ("... production in the U.K. The company ...").
_SENTENCE_STARTERS = frozenset(
    "The A An It Its He She They We I You This That These Those There Here In On At But And Or So However Meanwhile "
    "Earlier Later After Before As According Since While When If His Her Their Our Officials Authorities".split())


@dataclass(frozen=True)
class Sentence:
    doc: str      # document id
    index: int    # position among the document's sentences
    start: int    # document.text[start:end] == text
    end: int
    text: str


def segment(doc: Document) -> list[Sentence]:
    """The sentences of a document's body (boilerplate left out), numbered 0..n-1, with offsets into doc.text."""
    sentences: list[Sentence] = []
    for body_start, body_end in doc.body:
        for start, end in split_sentences(doc.text, body_start, body_end):
            sentences.append(Sentence(doc.id, len(sentences), start, end, doc.text[start:end]))
    return sentences


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end]: sorted, non-overlapping, non-empty, trimmed of
    whitespace. Line breaks always end a sentence (headlines and list items have no final period)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line_start, line_end in iter_lines(text, start, end):
        for piece_start, piece_end in _line_sentences(text, line_start, line_end):
            spans.extend(_capped(text, piece_start, piece_end))
    return spans


def _line_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for terminator in _TERMINATOR.finditer(text, start, end):
        space = _SPACE.match(text, terminator.end(), end)
        if space is None or space.end() == end:
            continue                          # no whitespace after it, or nothing follows on this line
        if _ends_sentence(text, start, terminator.start(), terminator.end(), space.end(), end):
            yield sentence_start, terminator.end()
            sentence_start = space.end()
    yield sentence_start, end


def _ends_sentence(text: str, line_start: int, term_start: int, term_end: int, next_start: int, line_end: int) -> bool:
    """Whether the punctuation at text[term_start:term_end], followed by whitespace and then text[next_start],
    ends a sentence."""
    following = text[next_start]
    if not (following.isupper() or following.istitle() or following.isdigit() or following in _OPENERS):
        return False                          # "R-La., speaks", "... and so on. and": a lower-case word goes on
    terminator = text[term_start:term_end]
    if terminator != "." and set(terminator) <= {".", "…"}:
        return False                          # an ellipsis, "..." or "…", marks words left out, not a sentence end
    if terminator != ".":
        return True                           # "?", '."', ".)": the quote or bracket closes the sentence
    word = _word_before(text, max(line_start, term_start - _WORD_LOOKBACK), term_start)
    if not word:
        return True
    if word[-1].isdigit() and following.isdigit():
        return False                          # "14. 5 million tons": a typo inside a number
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBER:
        return not following.isdigit()
    if len(word) == 1 and word.isupper():
        return False                          # an initial: "J. Smith"
    if _DOTTED.fullmatch(word):
        if word.islower() and word not in ("a.m", "p.m"):
            return False                      # "e.g.", "i.e."
        return _next_word(text, next_start, line_end) in _SENTENCE_STARTERS
    return True


def _word_before(text: str, lower: int, end: int) -> str:
    """The word ending at `end` (opening quotes and brackets stripped), or "" if it starts before `lower`."""
    start = end
    while start > lower and not text[start - 1].isspace():
        start -= 1
    if start == lower and lower > 0 and not text[lower - 1].isspace():
        return ""
    return text[start:end].lstrip(_OPENERS)


def _next_word(text: str, start: int, end: int) -> str:
    stop = start
    limit = min(end, start + _WORD_LOOKBACK)
    while stop < limit and text[stop].isalpha():
        stop += 1
    return text[start:stop]


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The trimmed span, cut at whitespace into pieces of at most MAX_SENTENCE_CHARS."""
    span = _trim(text, start, end)
    while span is not None:
        start, end = span
        if end - start <= MAX_SENTENCE_CHARS:
            yield span
            return
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for space in _SPACE.finditer(text, start + 1, limit):
            cut = space.start()
        head = _trim(text, start, cut)
        if head is not None:
            yield head
        span = _trim(text, cut, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
