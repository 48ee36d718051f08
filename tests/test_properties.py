"""Properties of the segmenter and the extractors over generated text: random Unicode and news-like strings built
from the tokens their parsers branch on (numbers with commas and decimals, currency, scale words, qualifiers, months,
weekdays, dashes, abbreviations). Whatever the text: no crash, offsets that slice back to the reported text, the same
answer twice, and a sentence read alone gives the mentions it gives inside its line."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from verify.dates import find_dates
from verify.extract import extract
from verify.ingest import document_from_text
from verify.quantities import find_quantities
from verify.segment import MAX_SENTENCE_CHARS, segment, split_sentences

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = ["0", "1", "2", "25", "93", "476", "1,500", "12,000", "1,234,567", "3.5", "14.1", "0.75", "60.84", "2,5",
           "1.500", "007", "1/2", "½", "311-112", "10-12", "7:30", "2025", "2026", "1999", "1st", "22nd", "#5", "No. 5",
           "one", "two", "three", "a dozen", "hundred", "a hundred", "thousand", "half a million", "tenfold", "10-fold"]
MONEY = ["$", "US$", "£", "€", "₴", "¥", "USD", "EUR", "dollars", "euros", "pounds", "hryvnias"]
SCALES = ["million", "billion", "trillion", "thousand", "bn", "mln", "m", "k", "per cent", "percent", "%",
          "percentage points", "km", "tons", "tonnes", "times", "a day", "per year", "years", "-year", "-mm",
          "lakh", "crore", "lakh crore", "-magnitude", "magnitude", "GB", "Hz", "-inch", "-word", "-strong",
          "and a half", "-point-six", "detainments"]
QUALIFIERS = ["more than", "nearly", "about", "up to", "at least", "fewer than", "some", "around", "over", "under",
              "between", "from", "to", "and", "or more", "all but", "rose from", "as many as", "-plus", "+",
              "nears", "approaching", "shortly after", "more than a", "Kills", "Injures Over"]
DATES = ["Jan.", "Feb.", "Feb", "February", "May", "March", "Sept.", "November", "Tuesday", "Wednesday", "today",
         "yesterday", "last", "next", "this", "week", "month", "year", "ago", "since", "early", "late", "mid-",
         "in", "on", "by the end of", "Q1", "H2", "summer", "spring", "2025-11-18", "18–19", "the past", "2020-2024",
         "a.m.", "GMT", "of", "4:30", "p.m.", "pm", "BST", "BJT", "UTC+8", "local time", "09.30", "hrs", "’s"]
WORDS = ["the", "strike", "killed", "people", "injured", "drones", "missiles", "officials", "said", "Mr.", "U.S.",
         "U.K.", "e.g.", "Gen.", "St.", "Kh-101", "F-16", "Shahed-136", "www.example.com", "http://x.y/1-2",
         "children", "of the", "pieces of equipment", "jobs", "homes", "A", "The", "It", "In"]
PUNCTUATION = [".", ",", ";", ":", "?", "!", "…", "...", "-", "–", "—", "(", ")", "\"", "“", "”", "'", "’", "«",
               "»", "/", "|", "*", "_", "[", "]", "<", ">"]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\u202f"]
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x85"]
TOKENS = NUMBERS + MONEY + SCALES + QUALIFIERS + DATES + WORDS + PUNCTUATION

token = st.sampled_from(TOKENS) | st.text(max_size=2)


@st.composite
def news_line(draw, max_tokens=30, glued=True):
    """Tokens joined by spaces, or also glued together ("$1,500", "25-year"), without line breaks."""
    tokens = draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=max_tokens))
    joints = SPACES + ["", "", " "] if glued else SPACES
    glue = draw(st.lists(st.sampled_from(joints), min_size=len(tokens), max_size=len(tokens)))
    line = "".join(t + g for t, g in zip(tokens, glue))
    return "".join(" " if ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" else ch for ch in line)


@st.composite
def news_text(draw):
    lines = draw(st.lists(news_line(), min_size=1, max_size=5))
    breaks = draw(st.lists(st.sampled_from(LINE_BREAKS), min_size=len(lines), max_size=len(lines)))
    return "".join(line + br for line, br in zip(lines, breaks))


any_text = st.text(max_size=400) | news_text() | st.lists(token, max_size=60).map("".join)
# Publication dates over the whole calendar: resolving "next week" against 9999-12-31 must not crash.
published = st.none() | st.dates() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def _shifted(mentions, offset):
    return [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]


# ---------------------------------------------------------------- segmenter

@SETTINGS
@given(any_text)
def test_sentences_are_sorted_trimmed_bounded_and_within_one_line(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert len(sentence) <= MAX_SENTENCE_CHARS
        assert len(sentence.splitlines()) == 1          # a line break always ends a sentence
        previous_end = end
    assert split_sentences(text) == spans


@SETTINGS
@given(any_text, st.data())
def test_sentences_of_a_region_stay_inside_it(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for s, e in split_sentences(text, start, end):
        assert start <= s < e <= end


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x", "1,500 ", "word ", "a. ", "$"]), st.integers(1, 3))
def test_a_long_run_without_boundaries_is_cut(unit, thousands):
    text = unit * (thousands * 3000 // len(unit))
    spans = split_sentences(text)
    assert spans and all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")   # nothing dropped


# ---------------------------------------------------------------- extractors

@SETTINGS
@given(any_text)
@example("$\n1,500 people")          # the currency symbol's end anchor once matched before a line break
@example("cost £\r\n3 million")
def test_quantities_slice_back_and_are_the_same_twice(text):
    quantities = find_quantities(text)
    for q in quantities:
        assert text[q.start:q.end] == q.surface
        assert q.surface and q.surface == q.surface.strip()
        for number in (q.value, q.low, q.high):
            assert number is None or math.isfinite(number)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
    assert [q.start for q in quantities] == sorted(q.start for q in quantities)
    assert find_quantities(text) == quantities


@SETTINGS
@given(any_text, published)
@example("Next week, on Tuesday, last year", dt.date(9999, 12, 31))   # ran off the calendar: OverflowError
@example("Tuesday, two weeks ago, in Q1 last year", dt.date(1, 1, 1))
@example("next summer", dt.date(9999, 1, 1))                            # ValueError: year 10000
def test_dates_slice_back_and_are_the_same_twice(text, published):
    dates = find_dates(text, published)
    for d in dates:
        assert text[d.start:d.end] == d.surface
        assert d.surface and d.surface == d.surface.strip()
        if d.first and d.last:
            assert d.first <= d.last
    assert all(a.end <= b.start for a, b in zip(dates, dates[1:]))   # sorted, never overlapping
    assert find_dates(text, published) == dates


@SETTINGS
@given(news_line(max_tokens=60, glued=False), published)
def test_a_sentence_alone_gives_the_mentions_it_gives_inside_its_line(line, published):
    """What the pipeline relies on: extracting from each sentence's text (shifted to its offset) finds what
    extracting from the whole line finds inside that sentence. (Words are spaced as in prose: glued junk such as
    "0.No. 5" splits where no writer would.)"""
    quantities, dates = find_quantities(line), find_dates(line, published)
    for start, end in split_sentences(line):
        sentence = line[start:end]
        assert _shifted(find_quantities(sentence), start) == [
            q for q in quantities if start <= q.start and q.end <= end]
        assert _shifted(find_dates(sentence, published), start) == [
            d for d in dates if start <= d.start and d.end <= end]


@SETTINGS
@given(st.lists(news_line(), min_size=1, max_size=4), st.sampled_from(LINE_BREAKS), published,
       st.sampled_from(["", " date 2025-11-19 ", "Headline\n\n"]))
def test_document_offsets_point_into_the_document_text(lines, line_break, published, head):
    """Through ingest, segment and extract: every sentence and every value is a slice of Document.text."""
    doc = document_from_text("doc.txt", head + line_break.join(lines) + "\n", published=published)
    sentences = segment(doc)
    items = extract([doc], sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for item in items:
        s = item.sentence
        assert doc.text[s.start:s.end] == s.text
        for mention in (*item.quantities, *item.dates):
            assert s.start <= mention.start < mention.end <= s.end
            assert doc.text[mention.start:mention.end] == mention.surface
    assert extract([doc], segment(doc)) == items
