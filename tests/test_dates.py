"""find_dates: the real-sentence table (exact), resolution against the publication date, and span invariants."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction_cases import CASES, date_differences
from verify.dates import find_dates


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.source.split('/')[-1]}:{c.text[:40]}")
def test_real_sentences(case):
    found = find_dates(case.text, case.published_date)
    assert [d.surface for d in found] == [e["surface"] for e in case.dates]
    for expected, actual in zip(case.dates, found):
        assert date_differences(expected, actual) == [], expected["surface"]


def _one(text: str, published: dt.date | None = None):
    found = find_dates(text, published)
    assert len(found) == 1, [d.surface for d in found]
    return found[0]


SUNDAY = dt.date(2024, 4, 21)


def test_day_without_year_needs_the_publication_date():
    assert _one("announced on Feb. 25").value is None
    assert _one("announced on Feb. 25", dt.date(2026, 2, 25)).value == "2026-02-25"
    # Across the new year: a December date in a January article is last December.
    assert _one("on December 30", dt.date(2026, 1, 3)).value == "2025-12-30"


def test_weekday_follows_the_tense():
    assert _one("the House passed it on Tuesday", SUNDAY).value == "2024-04-16"
    assert _one("The Senate is poised to address the bills on Tuesday", SUNDAY).value == "2024-04-23"
    # AP style names the day itself by its weekday: a Sunday article's "will vote on Sunday" is that day.
    assert _one("The Senate will vote on Sunday", SUNDAY).value == "2024-04-21"
    assert _one("The Senate will vote next Sunday", SUNDAY).value == "2024-04-28"
    assert _one("It happened on Sunday", SUNDAY).value == "2024-04-21"
    assert _one("next Tuesday", SUNDAY).resolution == "weekday after publication"
    assert _one("last Sunday", SUNDAY).value == "2024-04-14"


def test_stated_granularity_is_kept():
    assert (_one("in February 2024").value, _one("in February 2024").granularity) == ("2024-02", "month")
    assert _one("in 2023").granularity == "year"
    assert _one("in September", dt.date(2026, 2, 26)).value == "2025-09"
    q = _one("in the first quarter of 2025")
    assert (q.value, q.first, q.last) == ("2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def test_fuzzy_qualifiers_shape_the_interval():
    early = _one("starting in early 2026")
    assert (early.value, early.fuzzy, early.first, early.last) == ("2026", "early", dt.date(2026, 1, 1),
                                                                  dt.date(2026, 4, 30))
    by_end = _one("by the end of 2025")
    assert (by_end.first, by_end.last) == (None, dt.date(2025, 12, 31))
    since = _one("since February 2022")
    assert (since.first, since.last, since.fuzzy) == (dt.date(2022, 2, 1), None, "since")
    end_of_year = _one("by the end of the year", dt.date(2025, 9, 8))
    assert (end_of_year.value, end_of_year.last) == ("2025", dt.date(2025, 12, 31))
    mid = _one("in mid-2026")
    assert (mid.first, mid.last) == (dt.date(2026, 5, 1), dt.date(2026, 8, 31))


def test_relative_periods():
    ago = _one("more than two months ago", SUNDAY)
    assert (ago.value, ago.first, ago.last) == ("2024-02", None, dt.date(2024, 2, 21))
    assert _one("last year", SUNDAY).value == "2023"
    assert _one("next week", SUNDAY).value == "2024-W17"
    assert _one("this week").value is None


def test_ranges():
    months = _one("During December–January, supply grew", dt.date(2026, 2, 10))
    assert (months.value, months.granularity) == ("2025-12/2026-01", "range")
    assert (months.range_start, months.range_end) == ("2025-12", "2026-01")
    night = _one("the night of 18–19 November", dt.date(2025, 11, 23))
    assert (night.first, night.last) == (dt.date(2025, 11, 18), dt.date(2025, 11, 19))
    years = _one("the 2022-2024 plan")
    assert (years.value, years.first, years.last) == ("2022/2024", dt.date(2022, 1, 1), dt.date(2024, 12, 31))


def test_timestamps():
    assert _one("Tuesday, 02 January 2024 12:17 GMT").value == "2024-01-02"
    stamp = _one("2026-02-26 02:01:45")
    assert (stamp.surface, stamp.value) == ("2026-02-26 02:01:45", "2026-02-26")
    assert _one("Saturday, April 20, 2024").value == "2024-04-20"


@pytest.mark.parametrize("text", [
    "Ukraine may assemble BMPs",
    "the Shahed-2023 drone and a $34 trillion debt",
    "Mirage-2000 jets",
    "the 100 Year Partnership",
    "Award in International Journalism 2023",
    "killed 476 people in 1500 villages",
    "March organisers said",
])
def test_not_dates(text):
    assert find_dates(text, SUNDAY) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.-–/:") + [
    "May", "June", "Feb.", " in ", "since ", "early ", "Tuesday", " ago", "two", " months", " last ", "year"]),
    max_size=25).map("".join))
def test_spans_are_exact_sorted_and_disjoint(text):
    found = find_dates(text, SUNDAY)
    assert all(text[d.start:d.end] == d.surface and d.start < d.end for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, surface, clock, zone, fuzzy", [
    ("The crash occurred at around 9:03 a.m. local time", "around 9:03 a.m. local time", "09:03", "local", "about"),
    ("The flight took off at 13:39 local time", "13:39 local time", "13:39", "local", None),
    ("took off from Ahmedabad's Sardar Vallabhai Patel Airport around 2 pm", "around 2 pm", "14:00", None, "about"),
    ("the quake struck at 16:30 BJT", "16:30 BJT", "16:30", "BJT", None),
    ("the polls closed at 09.30 BST, officials said", "09.30 BST", "09:30", "BST", None),
    ("the quake struck at 00:37 BJT", "00:37 BJT", "00:37", "BJT", None),
    ("shortly after 2 a.m. local time", "shortly after 2 a.m. local time", "02:00", "local", "after"),
    ("the blaze was out by 1 p.m.", "by 1 p.m.", "13:00", None, "by"),
    ("set for 5:30 p.m. local Texas time", "5:30 p.m. local Texas time", "17:30", "local", None),
    ("at 08:15 UTC+8", "08:15 UTC+8", "08:15", "UTC+8", None),
])
def test_clock_times_are_times_of_day(text, surface, clock, zone, fuzzy):
    mention = _one(text, SUNDAY)
    assert (mention.surface, mention.granularity, mention.value, mention.time, mention.zone, mention.fuzzy) == (
        surface, "time", clock, clock, zone, fuzzy)
    assert (mention.first, mention.last) == (None, None)   # a time alone does not say which day


@pytest.mark.parametrize("text", ["rose 3.50 percent", "a 2.30 ratio", "won 2:1", "at 25:00", "at 13 p.m.",
                                  "a time of 2:03:45"])
def test_not_clock_times(text):
    assert find_dates(text, SUNDAY) == []


def test_a_day_keeps_its_time():
    stamp = _one("Tuesday, 02 January 2024 12:17 GMT")
    assert (stamp.granularity, stamp.value, stamp.time, stamp.zone) == ("day", "2024-01-02", "12:17", "GMT")
    iso = _one("2026-02-26 02:01:45")
    assert (iso.value, iso.time) == ("2026-02-26", "02:01")


@pytest.mark.parametrize("text, surface, value", [
    ("nearly double the company's initial December estimates", "December", "2023-12"),
    ("his role of the 2022 collapse of the FTX cryptocurrency exchange", "2022", "2022"),
    ("social cuts in the 2026 budget", "2026", "2026"),
    ("almost identical to January’s Flight Test 7", "January", "2024-01"),
])
def test_attributive_and_possessive_dates(text, surface, value):
    mention = _one(text, SUNDAY)
    assert (mention.surface, mention.value) == (surface, value)


@pytest.mark.parametrize("text", ["March organisers said", "the 2000 people", "killed 476 people in 1500 villages"])
def test_attributive_dates_need_a_month_or_a_singular_noun(text):
    assert find_dates(text, SUNDAY) == []
