"""Sentence splitting: exact offsets, abbreviations, numbers, quotes, headlines, long lines."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.ingest import Document, read_corpus
from verify.segment import MAX_SENTENCE_CHARS, segment, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def seed_line(name: str, beginning: str) -> str:
    """The line of a seed file that starts with `beginning` (real article text)."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(beginning))


def test_uk_abbreviation_does_not_end_the_sentence():
    line = seed_line("004_1813ec40aa6a27d0.txt", "U.K. Defence Journal reported")
    assert sentences(line) == [line]


def test_month_abbreviation_before_a_day():
    line = seed_line("004_1813ec40aa6a27d0.txt", "The Ukrainian drone company Ukrspecsystems")
    assert line.endswith("announced on Feb. 25.")
    assert sentences(line) == [line]
    assert sentences("It happened on Feb. 24, 2026. Then it rained.") == [
        "It happened on Feb. 24, 2026.", "Then it rained."]


def test_typo_inside_a_number_is_not_a_boundary():
    line = seed_line("001_4cafb03c0bc694a9.txt", "Ukrzaliznytsia reported that in February 2024")
    assert "a record 14. 5 million tons of cargo" in line
    assert sentences(line) == [line]


def test_decimals_and_year_endings():
    assert sentences("It grew 14.5 percent in 2023. Digitalization followed.") == [
        "It grew 14.5 percent in 2023.", "Digitalization followed."]


def test_quote_ending_with_comma_and_attribution_stays_one_sentence():
    line = seed_line("004_1813ec40aa6a27d0.txt", '"We are creating a new quality of partnership')
    assert line.endswith('industrial security base," Zaluzhnyi said.')
    assert sentences(line) == [line]


def test_split_after_closing_quote():
    text = '"It is an expansion of production." It is also a second line of defense.'
    assert sentences(text) == ['"It is an expansion of production."', "It is also a second line of defense."]
    line = seed_line("003_6857bf80342c0cbf.txt", "“We are keeping engineering expertise")
    assert sentences(line) == [
        "“We are keeping engineering expertise in Ukraine while integrating manufacturing into the UK defense "
        "space,” Zaluzhnyi wrote.",
        "“We are creating a new quality of partnership, when allies not only support each other, but also form a "
        "common industrial security base.”",
    ]


def test_ellipsis_inside_quotes_does_not_split():
    text = "He said: “We will wait … Then we act.” The talks ended."
    assert sentences(text) == ["He said: “We will wait … Then we act.”", "The talks ended."]
    closing = "the bills represent a “slide into the abyss of a larger financial crisis…”."
    assert sentences(closing) == [closing]


def test_headlines_and_list_items_end_at_line_breaks():
    text = "Air shield: daily supply of 1,500 interceptor drones\n\nDuring December–January, supply reached 1,500 units."
    assert sentences(text) == ["Air shield: daily supply of 1,500 interceptor drones",
                               "During December–January, supply reached 1,500 units."]
    assert sentences("Press release\r\nAdvertorial\u2028Video content") == ["Press release", "Advertorial",
                                                                           "Video content"]


@pytest.mark.parametrize("text", [
    "Mr. Smith and Dr. Jones met in St. Petersburg.",
    "Gen. Zaluzhnyi and Lt. Col. Ivanenko spoke.",
    "Rep. Michael McCaul and Sen. Chuck Schumer agreed.",
    "Speaker Mike Johnson, R-La., speaks to reporters.",
    "Speaker Mike Johnson (R-La.) says the package comes now.",
    "Drones, e.g. Shahed and Geran, were launched.",
    "The rule applies, i.e. Ukraine pays nothing.",
    "It was Ukraine vs. Russia again.",
    "At about 7 a.m., the Russians attacked.",
    "The report by J. Smith was published.",
    "The U.S. Senate passed it.",
    "Bill No. 5 passed.",
])
def test_abbreviations_do_not_split(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("The plant opened in the U.K. The company said so.", ["The plant opened in the U.K.", "The company said so."]),
    ("They attacked at 7 a.m. The toll rose.", ["They attacked at 7 a.m.", "The toll rose."]),
    ("Is it over? No. It goes on!", ["Is it over?", "No.", "It goes on!"]),
    ("He left. (Reuters reported it.)", ["He left.", "(Reuters reported it.)"]),
    ("Production rose. 2025 was a record.", ["Production rose.", "2025 was a record."]),
    ("It passed, said Mike Johnson, R-La. The Senate is next.",
     ["It passed, said Mike Johnson, R-La.", "The Senate is next."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_lowercase_after_a_period_continues_the_sentence():
    assert sentences("The firm, i.e. the plant. and more text.") == ["The firm, i.e. the plant. and more text."]


def test_spans_respect_start_and_end():
    text = "Skip. One sentence here. Two here. Tail."
    start, end = text.index("One"), text.index(" Tail")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == ["One sentence here.", "Two here."]


def test_very_long_line_is_cut_at_whitespace():
    text = "word " * 1_000_000                   # 5 MB on one line, no sentence boundary
    spans = split_sentences(text)
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[start:end].startswith("word") and text[start:end].endswith("word") for start, end in spans)
    assert sum(text[start:end].count("word") for start, end in spans) == 1_000_000


def test_very_long_token_is_cut_hard():
    text = "x" * (3 * MAX_SENTENCE_CHARS + 5)
    assert [end - start for start, end in split_sentences(text)] == [MAX_SENTENCE_CHARS] * 3 + [5]


def test_segment_reads_only_the_body():
    doc = next(d for d in read_corpus([SEEDS]).documents if d.id == "004_1813ec40aa6a27d0.txt")
    found = segment(doc)
    assert [s.index for s in found] == list(range(len(found)))
    assert all(doc.text[s.start:s.end] == s.text and s.doc == doc.id for s in found)
    assert all(any(a <= s.start and s.end <= b for a, b in doc.body) for s in found)
    texts = [s.text for s in found]
    assert texts[0] == "1st Ukrainian drone factory starts production in UK, Zaluzhnyi says"
    assert texts.count(texts[0]) == 1            # the repeated headline is read once
    assert "2 min read" not in texts
    assert not any("Getty Images" in t or "reporter at the Kyiv Independent" in t for t in texts)
    assert any(t.startswith("U.K. Defence Journal reported in September 2025") for t in texts)


def test_segment_without_body_has_no_sentences():
    assert segment(Document(id="x", text="Some text.", outlet="x")) == []


# Characters that drive the splitter, mixed with arbitrary Unicode.
_TRICKY = st.sampled_from(list(".!?…\"'“”‘’«»()[] \t\n\r\u2028\x85\xa0") + ["U.K.", "Feb.", "14. 5", "a.m.", "A", "7"])
_TEXT = st.lists(st.one_of(st.characters(), _TRICKY), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, data=st.data())
def test_spans_are_sorted_trimmed_and_cover_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = split_sentences(text, start, end)
    covered = set()
    previous_end = start
    for span_start, span_end in spans:
        piece = text[span_start:span_end]
        assert previous_end <= span_start < span_end <= end
        assert piece and piece == piece.strip()
        covered.update(range(span_start, span_end))
        previous_end = span_end
    # Nothing is lost: every non-space character of the range is in some sentence.
    assert all(i in covered for i in range(start, end) if not text[i].isspace())
