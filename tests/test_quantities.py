"""find_quantities: the real-sentence table (exact), tricky cases, and span invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction_cases import CASES, HELDOUT, quantity_differences
from verify.quantities import find_quantities

ROOTS = (Path(__file__).resolve().parents[1], Path("/work/shared"))


def _source_text(source: str) -> str | None:
    for root in ROOTS:
        path = root / source
        if path.exists():
            return path.read_text(encoding="utf-8")
    return None


def test_table_is_large_enough_and_quotes_its_sources():
    assert len(CASES) >= 100 and len(HELDOUT) >= 25
    for case in CASES:
        source = _source_text(case.source)
        if source is not None:
            assert case.text in source, (case.source, case.text[:60])


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.source.split('/')[-1]}:{c.text[:40]}")
def test_real_sentences(case):
    found = find_quantities(case.text)
    assert [q.surface for q in found] == [e["surface"] for e in case.quantities]
    for expected, actual in zip(case.quantities, found):
        assert quantity_differences(expected, actual) == [], expected["surface"]


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [q.surface for q in found]
    return found[0]


@pytest.mark.parametrize("text, value, step", [
    ("$14.1 billion", 14.1e9, 1e8),
    ("61 billion", 61e9, 1e9),
    ("$60.84 billion", 60.84e9, 1e7),
    ("1,500", 1500, 1),
    ("26.4 billion", 26.4e9, 1e8),
    ("a dozen", 12, 12),
    ("a hundred", 100, 100),
    ("three hundred and twelve", 312, 1),
])
def test_value_and_step_as_written(text, value, step):
    q = _one(text)
    assert q.value == pytest.approx(value) and q.step == pytest.approx(step)


@pytest.mark.parametrize("text, unit, value", [
    ("£200m", "GBP", 200e6),
    ("200 million-pound", "GBP", 200e6),
    ("€225.988 million", "EUR", 225.988e6),
    ("226 million euros", "EUR", 226e6),
    ("11,000 m²", "m2", 11000),
    ("5,000 tonnes", "t", 5000),
    ("30 percent", "%", 30),
    ("US$5 million", "USD", 5e6),
    ("UAH 500", "UAH", 500),
    ("120 miles", "mi", 120),
])
def test_units_and_currencies(text, unit, value):
    q = _one(text)
    assert (q.unit, q.value) == (unit, pytest.approx(value))


@pytest.mark.parametrize("text, approx, low, high", [
    ("more than 7,000", "more than", 7000, None),
    ("over 80", "more than", 80, None),
    ("at least 13", "at least", 13, None),
    ("up to 500", "up to", None, 500),
    ("fewer than 10", "less than", None, 10),
    ("nearly 800", "nearly", None, None),
    ("approximately 476", "about", None, None),
    ("500 or more", "at least", 500, None),
])
def test_open_bounds_keep_the_stated_value(text, approx, low, high):
    q = _one(text)
    assert (q.approx, q.low, q.high) == (approx, low, high) and q.value is not None


def test_ranges_and_tallies():
    assert (_one("10-12 people").low, _one("10-12 people").high) == (10, 12)
    q = _one("between $5 billion and $7 billion")
    assert (q.value, q.low, q.high, q.unit) == (None, 5e9, 7e9, "USD")
    assert _one("passed in a 311-112 vote").tally == (311, 112)
    assert _one("failed 215-99").kind == "tally"
    assert _one("a 99-215 vote").tally == (99, 215)          # a vote even when the first figure is smaller
    assert [q.surface for q in find_quantities("the death toll rose from 16 to 25")] == ["16", "25"]


def test_multipliers():
    assert (_one("tenfold").kind, _one("tenfold").value) == ("multiplier", 10)
    q = _one("three times more products")
    assert (q.kind, q.value, q.counts) == ("multiplier", 3, "products")


@pytest.mark.parametrize("text", [
    "Shahed-136, Shahed-131, L119, PD-2, F-16, Mirage-2000, Kh-101, FP-1 and the 1Force consortium",
    "155-mm artillery shells and 105mm howitzers",
    "at about 7 a.m., as of 12:00, at 18:00, 12:17 GMT",
    "in 2023 and in February 2024, on Feb. 25 and November 19, the night of 18–19 November",
    "the 1st Ukrainian drone factory, from the third to the ninth floor",
    "nine-story apartment blocks",            # an adjectival modifier, not a count
    "call +44 20 7946 0958 or see https://menafn.com/1110371636/x",
    "Banner Size 300 X 250 pixels",
    "one of the deadliest, one of the buildings, no one",
    "dozens of residents and tens of thousands of people; billions in military aid",
    "Challenger 2 tanks, Journalism 2023, the two-thirds majority",
])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_what_a_number_counts():
    found = {q.surface: q.counts for q in find_quantities(
        "Authorities said that six of the 31 confirmed dead are children.")}
    assert found == {"six": "children", "31": "confirmed dead"}
    assert _one("up to 500 British jobs").counts == "British jobs"
    assert _one("one Republican abstained").counts == "Republican"
    assert _one("all but six").approx == "all but"
    assert _one("1,500 interceptor drones per day").rate == "day"


def test_offsets_slice_back_on_whole_articles():
    texts = [_source_text(source) for source in sorted({case.source for case in CASES})]
    texts = [text for text in texts if text is not None]
    assert texts
    for text in texts:
        found = find_quantities(text)
        assert all(text[q.start:q.end] == q.surface for q in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–$£€%mkbnxX:aeiorstdlyofu\n")), max_size=60))
def test_spans_are_exact_sorted_and_disjoint(text):
    found = find_quantities(text)
    assert all(text[q.start:q.end] == q.surface and q.start < q.end for q in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# The extraction gaps of issue 11, as written in reports of the 2014 Ludian earthquake and in Indian outlets.
@pytest.mark.parametrize("text, surface, value, unit", [
    ("A 6.1-magnitude earthquake struck Ludian county", "6.1-magnitude", 6.1, "magnitude"),
    ("a magnitude-6.1 earthquake hit Yunnan", "magnitude-6.1", 6.1, "magnitude"),
    ("The magnitude 6.5 quake struck at a depth of 12 km", "magnitude 6.5", 6.5, "magnitude"),
    ("6.5-Magnitude Earthquake In China", "6.5-Magnitude", 6.5, "magnitude"),
])
def test_magnitudes(text, surface, value, unit):
    q = find_quantities(text)[0]
    assert (q.surface, q.value, q.unit, q.kind) == (surface, pytest.approx(value), unit, "measure")


@pytest.mark.parametrize("text, value, unit, scale", [
    ("2.5 lakh people were evacuated", 2.5e5, None, "lakh"),
    ("a compensation of Rs 5 crore", 5e7, "INR", "crore"),
    ("₹1.5 lakh crore budget", 1.5e12, "INR", "lakh crore"),
    ("Rs. 20 lakh each", 2e6, "INR", "lakh"),
    ("three crore voters", 3e7, None, "crore"),
])
def test_lakh_and_crore_are_scale_words(text, value, unit, scale):
    q = _one(text)
    assert (q.value, q.unit, q.scale) == (pytest.approx(value), unit, scale)


@pytest.mark.parametrize("text, surface, approx", [
    ("Quake death toll nears 400", "nears 400", "nearly"),
    ("the toll was approaching 600 on Monday", "approaching 600", "nearly"),
    ("some 300 people were missing", "some 300", "about"),
])
def test_verbs_of_approach_are_approximators(text, surface, approx):
    q = _one(text)
    assert (q.surface, q.approx) == (surface, approx)


def test_title_case_headline_reads_its_figures():
    # In Title Case every word is capitalised: "Kills 398" is a verb and a toll, not a model name.
    found = find_quantities("China Quake Kills 398, Injures Over 1,800")
    assert [(q.surface, q.value, q.approx) for q in found] == [("398", 398, None), ("Over 1,800", 1800, "more than")]
    # Outside a headline a capitalised word before digits still names a model or an edition.
    assert find_quantities("The army received Challenger 2 tanks.") == []


def test_signed_figures_and_table_cells():
    assert [(q.surface, q.value) for q in find_quantities("Conservatives\n121\n-244")] == [("121", 121), ("-244", -244)]
    assert [q.value for q in find_quantities("Lib Dems\n72\n+61")] == [72, 61]
    assert find_quantities("a Boeing 737-800 jet") == []          # a designation's second part


@pytest.mark.parametrize("text, surface, value, counts", [
    ("authorities had recovered122 dead bodies", "122", 122, "dead"),        # a space lost after a verb
    ("there have been 309detainments and 134 preventive arrests", "309", 309, "detainments"),
    ("the studio laid off 100 staff from its then 1200-strong workforce", "1200-strong", 1200, "workforce"),
])
def test_scraping_typos_and_strength(text, surface, value, counts):
    q = [q for q in find_quantities(text) if q.surface == surface][0]
    assert (q.value, q.counts, q.unit) == (value, counts, None)


@pytest.mark.parametrize("text", ["covid19 cases", "the 1990s", "a Boeing 787-8 Dreamliner"])
def test_glued_letters_still_name_things(text):
    assert find_quantities(text) == []
