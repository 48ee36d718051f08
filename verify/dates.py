"""Dates in a sentence, with granularity, resolved against the publication date where relative.

Hand-written rules rather than a library: dateparser's `search_dates` reads bare numbers ("476", "2 min")
as dates and fills in the day, month and year a text does not state from today's clock, and it knows
neither granularity ("in February 2024" is a month) nor news-style resolution ("Wednesday" in a past-tense
report is the last Wednesday on or before publication). So this is a small regex grammar, tried most
specific rule first, with calendar arithmetic from `datetime`.

Conventions:
- `value` is ISO cut to the granularity the text states: "2025", "2025-09", "2025-09-18", "2025-W47" (ISO
  week), "2025-Q1", "2025-H2", "2025-summer"; a range is "START/END" ("2025-11-18/2025-11-19").
- A qualifier that changes the interval ("since", "by the end of", "early", "later this", "more than ...
  ago") is part of the span and named in `fuzzy`; plain prepositions ("in", "on") are not.
- `first`/`last` bound the days the mention can mean; an open end is None, and both are None when the
  mention needs a publication date that is unknown (then `value` is None and `resolution` "unresolved").
- A bare year ("2023") or month ("May") is a date only after a word that introduces one ("in", "since",
  "early", ...), so "Mirage-2000", "Prize 2023" and "Ukraine may assemble" are not dates; or where it
  modifies a noun: a month before a noun ("initial December estimates", not "March"/"May", also English words),
  a possessive month ("January's flight"), a year between an article and a singular noun ("the 2022 collapse").
- A clock time ("4:30 p.m.", "13:39", "09.30 BST", "00:37 BJT", "16:10 local time", "2 pm") is a mention of
  granularity "time": `value` and `time` are the 24-hour "HH:MM" as written (local to `zone`: "BST", "UTC+8",
  "local", or None when unstated), `first`/`last` are None because a time alone does not say which day.
  A time written onto a date ("Tuesday, 02 January 2024 12:17 GMT") stays part of that day's mention and
  fills its `time` and `zone`. "09.30" needs a zone or a.m./p.m. to be a time, a bare hour needs a.m./p.m.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class DateMention:
    """One date or period mentioned in a text. Offsets are into the text given to `find_dates`."""

    start: int
    end: int
    surface: str                   # text[start:end], e.g. "Feb. 25", "early 2026", "18–19 November"
    value: str | None              # ISO cut to granularity: "2025", "2025-09", "2025-09-18"; None if unresolvable
    granularity: str               # "day", "month", "year", "season", "quarter", "range", "week", "half", ...
    first: dt.date | None          # first day the mention can refer to (None: open or unresolvable)
    last: dt.date | None           # last day the mention can refer to
    resolution: str = "explicit"   # "explicit", or how it was resolved: "publication date", "weekday before publication", ...
    range_start: str | None = None # for ranges: ISO of each end ("2025-11-18", "2025-11-19")
    range_end: str | None = None
    fuzzy: str | None = None       # "early", "mid", "late", "by the end of", "before", "since", ...
    time: str | None = None        # time of day as written, 24-hour "HH:MM" ("4:30 p.m." -> "16:30")
    zone: str | None = None        # the time's zone as written: "BST", "GMT", "UTC+8", "local"; None if unstated


# How a mention was resolved (the `resolution` field).
EXPLICIT = "explicit"
PUBLICATION = "publication date"                      # "today", "this year"
YEAR_FROM_PUBLICATION = "year from publication date"  # "Feb. 25", "in September"
RELATIVE = "relative to publication date"             # "last year", "next week", "two months ago"
WEEKDAY_ON_OR_BEFORE = "weekday on or before publication"
WEEKDAY_BEFORE = "weekday before publication"         # "last Tuesday"
WEEKDAY_AFTER = "weekday after publication"           # "next Tuesday"
WEEKDAY_ON_OR_AFTER = "weekday on or after publication"  # "will ... on Tuesday": the day itself, in AP style
UNRESOLVED = "unresolved"

_MONTH_NUMBERS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_MONTH_NUMBERS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12})
_WEEKDAY_NUMBERS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month; each lasts three
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Month and weekday names are matched case-sensitively, so "may" the verb and "march" the noun never match.
_MONTH = (r"(?P<{g}>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))")
_FULL_MONTH = r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WEEKDAY = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAY = r"(?<![\d,.:])(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,]\d)"
_YEAR = r"(?:(?<=mid-)|(?<![\w$£€,.\-]))(?P<{g}>1\d{{3}}|20\d{{2}}|2100)(?![\d,]\d)"
_DASH = r"\s*[-–—]\s*"
def _g(pattern: str, group: str) -> str:
    return pattern.format(g=group)


# Time zones written after a clock time: abbreviations ending in T ("BST", "CEST", "BJT", "IST" is "IST"),
# UTC/GMT with an optional offset, or "local time".
_ZONE = (r"(?P<{g}>(?:UTC|GMT)(?:\s?[+-−]\s?\d{{1,2}}(?::?\d{{2}})?)?(?![\w+])|[A-Z]{{1,3}}[SD]?T\b|MSK\b|WIB\b"
         r"|local(?:\s+[A-Z][a-z]+){{0,2}}\s+time\b)")
_AM_PM = r"(?P<{g}>[AaPp]\.[Mm]\.?|[AaPp][Mm]\b)"
_TIME = (r"(?:,?\s+(?:at\s+)?(?P<th>\d{1,2}):(?P<tm>\d{2})(?::\d{2})?"
         r"(?:\s?(?:" + _g(_AM_PM, "tap") + "|" + _g(_ZONE, "tz") + "))?)?")
# Qualifiers that turn a date into an interval; they are part of the span (see `fuzzy`).
_FUZZY = (r"(?:(?i:(?P<fuzzy>by\s+the\s+end\s+of|(?:(?:at\s+)?the\s+)?(?:end|beginning|start|middle)\s+of"
          r"|since|until|till|before|after|by|early|late|earlier|later))\s+|(?i:(?P<mid>mid))(?:-|\s+))?")
_FUZZY_NAMES = {"till": "until", "end of": "end of", "beginning of": "beginning of", "start of": "beginning of",
                "middle of": "mid"}

# Words after which a bare month or year is a date ("in 2023", "since February").
_DATE_INTRODUCERS = {"in", "of", "for", "during", "through", "throughout", "from", "year"}
# A bare year followed by one of these is still a date; followed by another lower-case word it is a count ("in 1500 villages").
_AFTER_YEAR = {
    "and", "or", "but", "than", "that", "which", "who", "when", "while", "where", "as", "to", "the", "a", "an",
    "it", "its", "he", "she", "they", "we", "his", "her", "their", "our", "is", "was", "were", "are", "has", "had",
    "have", "will", "would", "could", "can", "may", "might", "should", "in", "on", "at", "for", "of", "by", "from",
    "with", "after", "before", "until", "since", "through", "during", "into", "compared", "so", "also", "too",
    "amid", "despite", "following", "there", "this", "these", "those", "not", "be", "been", "against", "under",
    "over", "about", "around", "up", "already", "again", "respectively", "because", "if", "then", "alone",
}
# Nouns counted without a plural -s: after a number they make a count, not a date ("the 2000 people").
_COUNTED_WITHOUT_S = {"people", "police", "staff", "personnel", "crew", "cattle", "livestock", "children", "men",
                      "women", "dead", "injured", "wounded", "missing", "aircraft", "troops", "infantry", "sheep",
                      "fish", "deer", "million", "billion", "thousand", "hundred", "more", "other", "others", "new",
                      "additional", "extra"}
_FUTURE_WORDS = {"will", "shall", "'ll", "next", "poised", "scheduled", "expected", "set", "plans", "plan",
                 "planned", "planning", "upcoming", "due", "going", "intends", "aims", "would"}
_PAST_WORDS = {"was", "were", "had", "did", "said", "told", "began", "met", "hit", "struck", "took", "made", "came",
               "went", "saw", "gave", "held", "led", "left", "sent", "won", "fell", "rose", "spoke", "wrote", "ago",
               "last", "yesterday", "earlier", "became", "brought", "caught", "shot", "fought", "built", "paid",
               "lost", "ran", "stood", "broke", "drew", "flew", "knew", "thought", "found", "got", "kept", "read"}
_NOT_PAST = {"need", "speed", "seed", "feed", "indeed", "hundred", "red", "bed", "shed", "bred", "proceed",
             "exceed", "succeed", "united", "limited"}
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[A-Z\"“‘(])|\n")
_WORD = re.compile(r"[A-Za-z']+(?:-[A-Za-z]+)*")


_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                  r"(?:[T ](?P<th>\d{2}):(?P<tm>\d{2})(?::\d{2})?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?(?![\d-])")
_DAY_RANGE = re.compile(
    r"(?:" + _g(_DAY, "d1") + _DASH + _g(_DAY, "d2") + r"\s+(?:of\s+)?" + _g(_MONTH, "m1")
    + r"|\b" + _g(_MONTH, "m2") + r"\s+" + _g(_DAY, "d3") + _DASH + _g(_DAY, "d4") + r")"
    + r"(?:,?\s+" + _g(_YEAR, "y") + r")?")
_FULL_DATE = re.compile(
    r"(?:\b" + _g(_WEEKDAY, "wd") + r",?\s+)?(?:\b" + _g(_MONTH, "m1") + r"\s+" + _g(_DAY, "d1")
    + r"|" + _g(_DAY, "d2") + r"\s+(?:of\s+)?" + _g(_MONTH, "m2") + r")"
    + r"(?:,?\s+" + _g(_YEAR, "y") + r")?" + _TIME + r"(?!\w)")
_MONTH_RANGE = re.compile(r"\b" + _g(_FULL_MONTH, "m1") + _DASH + _g(_FULL_MONTH, "m2")
                          + r"(?:,?\s+" + _g(_YEAR, "y") + r")?")
_PERIOD_OF_YEAR = re.compile(
    r"(?i:\b(?:(?:the\s+)?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)\s+(?:of\s+)?"
    r"|(?P<code>[QH][1-4])\s+|(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?))" + _g(_YEAR, "y"))
_MONTH_YEAR = re.compile(r"\b" + _FUZZY + _g(_MONTH, "m") + r",?\s+(?:of\s+)?" + _g(_YEAR, "y"))
_AGO = re.compile(r"(?i:\b(?:(?P<approx>more\s+than|over|less\s+than|almost|nearly|about|some)\s+)?"
                  r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                  r"(?P<unit>day|week|month|year)s?\s+ago\b)")
_PAST_PERIOD = re.compile(r"(?i:\bthe\s+(?:past|last)\s+(?:(?P<n>\d{1,3}|two|three|four|five|six|seven|"
                          r"eight|nine|ten|eleven|twelve)\s+)?(?P<unit>hour|day|week|month|year)s?\b(?!\s+of\b))")
_NAMED_RELATIVE = re.compile(
    r"\b" + _FUZZY + r"(?i:(?P<rel>this|last|next|the\s+current|the)\s+(?P<unit>week|month|year)\b)"
    r"|(?i:\b(?P<day>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening))\b)")
_SEASON_RELATIVE = re.compile(r"(?i:\b(?P<rel>this|last|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b)")
_RELATIVE_MONTH = re.compile(r"\b(?i:(?P<rel>last|next|this))\s+" + _g(_FULL_MONTH, "m") + r"(?!\s*\d)")
_MONTH_ALONE = re.compile(r"\b" + _FUZZY + _g(_FULL_MONTH, "m") + r"(?!\s*\d)")
_YEAR_RANGE = re.compile(r"(?<![\w$£€,.\-])(?:(?i:(?P<word>from|between))\s+)?(?P<y1>(?:19|20)\d{2})"
                         r"(?:\s*[-–—/]\s*|\s+(?:to|and|until|through)\s+)(?P<y2>(?:19|20)?\d{2})(?![\w-]|\s*%)")
_YEAR_ALONE = re.compile(r"\b" + _FUZZY + _g(_YEAR, "y") + r"(?![\w-]|\s*%)")
_WEEKDAY_ALONE = re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?" + _g(_WEEKDAY, "wd")
                            + r"(?:\s+(?:morning|afternoon|evening|night))?")


# A time of day on its own: "4:30 p.m.", "around 9:07 AM", "13:39", "09.30 BST", "00:37 BJT", "2 pm",
# "16:10 local time". Hours and minutes are checked in `_clock_time`; a hedge before it is part of the span.
_CLOCK = re.compile(
    r"(?:(?i:(?P<hedge>around|about|approximately|roughly|circa|shortly\s+after|shortly\s+before|just\s+after"
    r"|just\s+before|after|before|by|until|since))\s+)?"
    r"(?<![\w.,:/-])(?P<h>[0-2]?\d)(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?![\d,]|\.\d|:\d)"
    r"(?:\s?" + _g(_AM_PM, "ampm") + r")?(?:\s?" + _g(_ZONE, "zone") + r")?")
# Four-digit times: "2330 GMT", "0200 hrs" (only with a zone or "hrs": "1500" alone is a count).
_FOUR_DIGIT_CLOCK = re.compile(r"(?:(?i:(?P<hedge>around|about|approximately|shortly\s+after|after|before|by|until))"
                               r"\s+)?(?<![\w.,:/-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)"
                               r"(?:\s?(?P<zone>(?:UTC|GMT)(?!\w)|Z\b)|\s?hrs\b)")
_CLOCK_HEDGES = {"around": "about", "about": "about", "approximately": "about", "roughly": "about", "circa": "about",
                 "shortly after": "after", "just after": "after", "shortly before": "before",
                 "just before": "before", "until": "until", "after": "after", "before": "before", "by": "by",
                 "since": "since"}


@dataclass(frozen=True)
class _Period:
    """A resolved date before any fuzzy qualifier narrows or opens it."""

    value: str | None
    granularity: str
    first: dt.date | None
    last: dt.date | None
    resolution: str = EXPLICIT
    range_start: str | None = None
    range_end: str | None = None


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date or period mentioned in `text`, sorted by start; relative ones resolved against `published`."""
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    for needles, pattern, build in _RULES:
        haystack = lower if needles[0].islower() else text
        if not any(needle in haystack for needle in needles):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            try:
                mention = build(match, text, published)
            except (OverflowError, ValueError):
                # Resolving ran off the calendar (a publication date in year 1 or 9999): leave it unresolved.
                mention = build(match, text, None)
            if mention is not None:
                mentions.append(mention)
                taken.append((mention.start, mention.end))
    return sorted(mentions, key=lambda m: m.start)


# ---------------------------------------------------------------- periods

def _day(year: int, month: int, day: int, resolution: str = EXPLICIT) -> _Period | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return _Period(date.isoformat(), "day", date, date, resolution)


def _month(year: int, month: int, resolution: str = EXPLICIT) -> _Period:
    last = calendar.monthrange(year, month)[1]
    return _Period(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last), resolution)


def _year(year: int, resolution: str = EXPLICIT) -> _Period:
    return _Period(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31), resolution)


def _week(date: dt.date, resolution: str) -> _Period:
    year, week, weekday = date.isocalendar()
    monday = date - dt.timedelta(days=weekday - 1)
    return _Period(f"{year}-W{week:02d}", "week", monday, monday + dt.timedelta(days=6), resolution)


def _months_between(year: int, first_month: int, months: int, value: str, granularity: str) -> _Period:
    """A period of whole months starting at `first_month` of `year` (may run into the next year)."""
    end_year, end_month = divmod(year * 12 + first_month - 1 + months - 1, 12)
    last = dt.date(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])
    return _Period(value, granularity, dt.date(year, first_month, 1), last)


def _span(a: _Period, b: _Period) -> _Period:
    if a.value is None or b.value is None:
        return _Period(None, "range", None, None, UNRESOLVED)
    resolution = a.resolution if a.resolution != EXPLICIT else b.resolution
    return _Period(f"{a.value}/{b.value}", "range", a.first, b.last, resolution, a.value, b.value)


def _unresolved(granularity: str) -> _Period:
    return _Period(None, granularity, None, None, UNRESOLVED)


def _shift_months(date: dt.date, months: int) -> dt.date:
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _back(published: dt.date, n: int, unit: str) -> dt.date:
    if unit == "hour":
        return published - dt.timedelta(days=-(-n // 24))
    if unit == "day":
        return published - dt.timedelta(days=n)
    if unit == "week":
        return published - dt.timedelta(weeks=n)
    return _shift_months(published, -n * (12 if unit == "year" else 1))


def _at_granularity(date: dt.date, unit: str, resolution: str) -> _Period:
    if unit == "day":
        return _day(date.year, date.month, date.day, resolution)
    if unit == "week":
        return _week(date, resolution)
    if unit == "month":
        return _month(date.year, date.month, resolution)
    return _year(date.year, resolution)


# ---------------------------------------------------------------- resolution

def _month_number(token: str) -> int:
    return _MONTH_NUMBERS[token.rstrip(".").lower()]


def _year_of_day(month: int, day: int, published: dt.date, weekday: int | None) -> int | None:
    """The year that puts day/month nearest the publication date (matching a stated weekday if possible)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    matching = [d for d in candidates if weekday is None or d.weekday() == weekday]
    best = min(matching or candidates, key=lambda d: abs((d - published).days), default=None)
    return best.year if best else None


def _year_of_month(month: int, published: dt.date) -> int:
    """The most recent such month not after the publication date."""
    return published.year if month <= published.month else published.year - 1


def _points_forward(text: str, start: int, end: int) -> bool:
    """Whether the clause around a weekday speaks of the future; the tense word nearest the weekday decides."""
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text) if m.end() <= start]
    sentence_start = breaks[-1] if breaks else 0
    following = _SENTENCE_BREAK.search(text, end)
    sentence_end = following.start() if following else len(text)
    before = reversed(_WORD.findall(text[sentence_start:start]))
    after = _WORD.findall(text[end:sentence_end])
    for words in (before, after):
        for word in words:
            tense = _tense(word.lower())
            if tense:
                return tense == "future"
    return False


def _tense(word: str) -> str | None:
    if word in _FUTURE_WORDS:
        return "future"
    if word in _PAST_WORDS or (word.endswith("ed") and "-" not in word and len(word) > 3 and word not in _NOT_PAST):
        return "past"
    return None


def _weekday_date(weekday: int, relation: str | None, published: dt.date, forward: bool) -> tuple[dt.date, str]:
    if relation == "next":
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1), WEEKDAY_AFTER
    if relation != "last" and forward:
        # News style names the day itself by its weekday ("shares begin trading Thursday", on a Thursday).
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7), WEEKDAY_ON_OR_AFTER
    if relation == "last":
        return published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1), WEEKDAY_BEFORE
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7), WEEKDAY_ON_OR_BEFORE


# ---------------------------------------------------------------- fuzzy qualifiers

def _fuzzy_name(match: re.Match) -> str | None:
    if match.groupdict().get("mid"):
        return "mid"
    raw = match.groupdict().get("fuzzy")
    if not raw:
        return None
    words = " ".join(raw.lower().split())
    words = re.sub(r"^(?:at\s+)?the\s+(?=(?:end|beginning|start|middle)\s+of)", "", words)
    return _FUZZY_NAMES.get(words, words)


def _third(period: _Period, which: int) -> tuple[dt.date, dt.date]:
    """Early (0), mid (1) or late (2) part of a year (four months each) or a month (days 1-10, 11-20, 21-end)."""
    first, last = period.first, period.last
    if period.granularity == "year":
        start = dt.date(first.year, 1 + 4 * which, 1)
        return start, _shift_months(start, 4) - dt.timedelta(days=1)
    if period.granularity == "month":
        return first.replace(day=1 + 10 * which), (last if which == 2 else first.replace(day=10 + 10 * which))
    return first, last


def _bounds(period: _Period, fuzzy: str | None, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    first, last = period.first, period.last
    if first is None or last is None or fuzzy is None:
        return first, last
    if fuzzy in ("early", "beginning of"):
        return _third(period, 0)
    if fuzzy == "mid":
        return _third(period, 1)
    if fuzzy in ("late", "end of"):
        return _third(period, 2)
    if fuzzy in ("by the end of", "by", "until"):
        return None, last
    if fuzzy == "before":
        return None, first - dt.timedelta(days=1)
    if fuzzy == "since":
        return first, None
    if fuzzy == "after":
        return last + dt.timedelta(days=1), None
    if fuzzy == "earlier" and published is not None:
        return first, min(last, published)
    if fuzzy == "later" and published is not None:
        return max(first, published), last
    return first, last


def _mention(text: str, start: int, end: int, period: _Period, fuzzy: str | None = None,
             published: dt.date | None = None) -> DateMention:
    first, last = _bounds(period, fuzzy, published)
    return DateMention(start, end, text[start:end], period.value, period.granularity, first, last,
                       period.resolution, period.range_start, period.range_end, fuzzy)


def _from_match(match: re.Match, text: str, period: _Period | None, published: dt.date | None) -> DateMention | None:
    if period is None:
        return None
    return _mention(text, match.start(), match.end(), period, _fuzzy_name(match), published)


# ---------------------------------------------------------------- rules

def _iso_date(match, text, published):
    return _with_time(_from_match(match, text, _day(int(match["y"]), int(match["m"]), int(match["d"])), published),
                      match)


def _day_period(month: int, day: int, year: str | None, published, weekday: int | None = None) -> _Period | None:
    if year:
        return _day(int(year), month, day)
    if not 1 <= day <= 31:
        return None
    if published is None:
        return _unresolved("day")
    resolved = _year_of_day(month, day, published, weekday)
    return _day(resolved, month, day, YEAR_FROM_PUBLICATION) if resolved else None


def _day_range(match, text, published):
    month = _month_number(match["m1"] or match["m2"])
    d1, d2 = int(match["d1"] or match["d3"]), int(match["d2"] or match["d4"])
    if not 1 <= d1 < d2 <= 31:
        return None
    first = _day_period(month, d1, match["y"], published)
    if first is None:
        return None
    if first.value is None:
        return _from_match(match, text, _unresolved("range"), published)
    last = _day(first.first.year, month, d2, first.resolution)
    return _from_match(match, text, last and _span(first, last), published)


def _full_date(match, text, published):
    month = _month_number(match["m1"] or match["m2"])
    day = int(match["d1"] or match["d2"])
    weekday = _WEEKDAY_NUMBERS[match["wd"].lower()] if match["wd"] else None
    return _with_time(_from_match(match, text, _day_period(month, day, match["y"], published, weekday), published),
                      match)


def _month_range(match, text, published):
    m1, m2 = _month_number(match["m1"]), _month_number(match["m2"])
    if match["y"]:
        end_year = int(match["y"])
    elif published is not None:
        end_year = _year_of_month(m2, published)
    else:
        return _from_match(match, text, _unresolved("range"), published)
    start = _month(end_year if m1 <= m2 else end_year - 1, m1)
    end = _month(end_year, m2)
    if not match["y"]:
        start = replace(start, resolution=YEAR_FROM_PUBLICATION)
    return _from_match(match, text, _span(start, end), published)


def _period_of_year(match, text, published):
    year = int(match["y"])
    if match["season"]:
        season = match["season"].lower()
        period = _months_between(year, _SEASON_MONTHS[season], 3, f"{year}-{season}", "season")
    else:
        if match["code"]:
            letter, index = match["code"][0].upper(), int(match["code"][1])
        else:
            letter, index = "Q" if match["unit"].lower() == "quarter" else "H", _ORDINALS[match["ordinal"].lower()]
        if letter == "H" and index > 2:
            return None
        size = 3 if letter == "Q" else 6
        period = _months_between(year, 1 + size * (index - 1), size, f"{year}-{letter}{index}",
                                 "quarter" if letter == "Q" else "half")
    return _from_match(match, text, period, published)


def _month_year(match, text, published):
    return _from_match(match, text, _month(int(match["y"]), _month_number(match["m"])), published)


def _ago(match, text, published):
    n = int(match["n"]) if match["n"].isdigit() else _SMALL_NUMBERS[match["n"].lower()]
    unit = match["unit"].lower()
    approx = " ".join((match["approx"] or "").lower().split()) or None
    fuzzy = {"over": "more than", "almost": "less than", "nearly": "less than"}.get(approx, approx)
    if published is None:
        return replace(_mention(text, *match.span(), _unresolved(unit)), fuzzy=fuzzy)
    point = _back(published, n, unit)
    mention = replace(_mention(text, *match.span(), _at_granularity(point, unit, RELATIVE)), fuzzy=fuzzy)
    if fuzzy == "more than":        # "more than two months ago": any time up to that point
        return replace(mention, first=None, last=point)
    if fuzzy == "less than":        # "less than two days ago": since that point
        return replace(mention, first=point, last=published)
    return mention


def _past_period(match, text, published):
    unit = match["unit"].lower()
    n = 1 if not match["n"] else int(match["n"]) if match["n"].isdigit() else _SMALL_NUMBERS[match["n"].lower()]
    if published is None:
        return _mention(text, *match.span(), _unresolved("range"))
    first = _back(published, n, unit)
    period = _Period(f"{first.isoformat()}/{published.isoformat()}", "range", first, published, RELATIVE)
    return _mention(text, *match.span(), period)


def _named_relative(match, text, published):
    if match["day"]:
        word = " ".join(match["day"].lower().split())
        if published is None:
            return _mention(text, *match.span(), _unresolved("day"))
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        date = published + dt.timedelta(days=offset)
        return _mention(text, *match.span(), _day(date.year, date.month, date.day, RELATIVE if offset else PUBLICATION))
    relation = " ".join(match["rel"].lower().split())
    fuzzy = _fuzzy_name(match)
    if relation == "the" and fuzzy is None:
        return None          # "the year" alone is not a date; "by the end of the year" is
    unit = match["unit"].lower()
    if published is None:
        return _from_match(match, text, _unresolved(unit), published)
    step = {"last": -1, "next": 1}.get(relation, 0)
    if unit == "week":
        anchor = published + dt.timedelta(weeks=step)
    else:
        anchor = _shift_months(published, step * (12 if unit == "year" else 1))
    return _from_match(match, text, _at_granularity(anchor, unit, RELATIVE if step else PUBLICATION), published)


def _season_relative(match, text, published):
    season = match["season"].lower()
    if published is None:
        return _mention(text, *match.span(), _unresolved("season"))
    first_month = _SEASON_MONTHS[season]
    # "this winter" in January or February is the one that began the December before.
    year = published.year - (1 if first_month == 12 and published.month <= 2 else 0)
    year += {"last": -1, "next": 1}.get(match["rel"].lower(), 0)
    period = _months_between(year, first_month, 3, f"{year}-{season}", "season")
    return _mention(text, *match.span(), replace(period, resolution=RELATIVE))


def _relative_month(match, text, published):
    month = _month_number(match["m"])
    if published is None:
        return _mention(text, *match.span(), _unresolved("month"))
    relation = match["rel"].lower()
    if relation == "last":
        year = published.year if month < published.month else published.year - 1
    elif relation == "next":
        year = published.year if month > published.month else published.year + 1
    else:
        year = published.year
    return _mention(text, *match.span(), _month(year, month, RELATIVE))


def _introduced(text: str, start: int) -> bool:
    """Whether the words before `start` introduce a date: "in", "during", ... or a year and "and" ("2023 and 2024")."""
    before = text[max(0, start - 20):start]
    previous = re.search(r"([A-Za-z]+)\s+$", before)
    return bool(previous) and (previous.group(1).lower() in _DATE_INTRODUCERS
                               or bool(re.search(r"\b(?:19|20)\d{2}\s+and\s+$", before)))


def _month_alone(match, text, published):
    possessive = re.match(r"['’]s\b", text[match.end():match.end() + 3])          # "January's test flight"
    if not (_fuzzy_name(match) or _introduced(text, match.start()) or possessive
            or _attributive_month(text, match)):
        return None
    month = _month_number(match["m"])
    if published is None:
        return _from_match(match, text, _unresolved("month"), published)
    return _from_match(match, text, _month(_year_of_month(month, published), month, YEAR_FROM_PUBLICATION), published)


def _attributive_month(text: str, match: re.Match) -> bool:
    """A month naming the time of a noun after a modifier: "the company's initial December estimates".
    Not "March" or "May" (also English words: "March organisers"), and not at the start of a sentence."""
    if match["m"] in ("March", "May"):
        return False
    before = re.search(r"\b([a-z]+)\s+$", text[max(0, match.start() - 20):match.start()])
    return bool(before) and before.group(1) not in _AFTER_YEAR and bool(re.match(r"\s+[a-z]{3,}", text[match.end():]))


def _attributive_year(text: str, match: re.Match) -> bool:
    """A year between an article and a singular noun names the time of that noun: "the 2022 collapse",
    "the 2019 election". A count would take a plural or a noun counted without one ("the 2000 people")."""
    if not re.search(r"\b(?:the|a|its|their|his|her|our)\s+$", text[max(0, match.start() - 8):match.start()],
                     re.IGNORECASE):
        return False
    following = re.match(r"\s+([a-z]{3,})\b", text[match.end():])
    return bool(following) and not following.group(1).endswith("s") and following.group(1) not in _COUNTED_WITHOUT_S


def _ends_like_a_date(text: str, end: int) -> bool:
    """False when a lower-case content word follows ("in 1500 villages": a count, not a year)."""
    following = re.match(r"\s*([A-Za-z]+)", text[end:])
    return not following or not following.group(1).islower() or following.group(1) in _AFTER_YEAR


def _year_range(match, text, published):
    y1, y2 = int(match["y1"]), match["y2"]
    y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    separator = text[match.end("y1"):match.start("y2")].strip()
    word = (match["word"] or "").lower()
    if not y1 < y2:
        return None
    if separator in ("to", "and", "until", "through"):
        # Spelled-out ranges need their opener and must not run into a noun ("between 1990 and 2000 people").
        if not word or separator == "and" and word != "between" or not _ends_like_a_date(text, match.end()):
            return None
    return _mention(text, *match.span(), _span(_year(y1), _year(y2)))


def _year_alone(match, text, published):
    if _attributive_year(text, match):
        return _from_match(match, text, _year(int(match["y"])), published)
    if not (_fuzzy_name(match) or _introduced(text, match.start())) or not _ends_like_a_date(text, match.end()):
        return None
    return _from_match(match, text, _year(int(match["y"])), published)


def _weekday(match, text, published):
    if published is None:
        return _mention(text, *match.span(), _unresolved("day"))
    relation = match["rel"]
    forward = relation in (None, "this") and _points_forward(text, match.start(), match.end())
    date, resolution = _weekday_date(_WEEKDAY_NUMBERS[match["wd"].lower()], relation, published, forward)
    return _mention(text, *match.span(), _day(date.year, date.month, date.day, resolution))


def _twenty_four_hour(hour: int, minute: int, am_pm: str | None) -> str | None:
    if am_pm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if am_pm[0] in "Pp" else 0)
    return f"{hour:02d}:{minute:02d}" if hour <= 23 and minute <= 59 else None


def _zone_name(zone: str | None) -> str | None:
    if not zone:
        return None
    return "local" if zone.lower().startswith("local") else re.sub(r"\s+", "", zone).replace("−", "-")


def _clock_time(match, text, published):
    """A time of day alone. "09.30" is a time only with a zone or a.m./p.m. (else a decimal), a bare hour only
    with a.m./p.m. ("2 pm"), and "12:17:45" only with one of them (else it may be a duration)."""
    groups = match.groupdict()
    am_pm, zone = groups.get("ampm"), groups["zone"]
    if not match["m"] and not am_pm:
        return None
    if (groups.get("sep") == "." or groups.get("s")) and not (am_pm or zone):
        return None
    clock = _twenty_four_hour(int(match["h"]), int(match["m"] or 0), am_pm)
    if clock is None:
        return None
    start = match.start("h") if not match["hedge"] else match.start()
    hedge = " ".join(match["hedge"].lower().split()) if match["hedge"] else None
    return DateMention(start, match.end(), text[start:match.end()], clock, "time", None, None, EXPLICIT,
                       fuzzy=_CLOCK_HEDGES.get(hedge), time=clock, zone=_zone_name(zone))


def _with_time(mention: DateMention | None, match: re.Match) -> DateMention | None:
    """A day written with its time ("Tuesday, 02 January 2024 12:17 GMT") keeps the time in `time`/`zone`."""
    if mention is None or not match["th"]:
        return mention
    clock = _twenty_four_hour(int(match["th"]), int(match["tm"]), match.groupdict().get("tap"))
    return replace(mention, time=clock, zone=_zone_name(match["tz"])) if clock else mention


# Words without which a rule cannot match (matched case-sensitively unless lower-case); checking them first
# lets most sentences skip most rules.
_MONTH_NEEDLES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DIGIT_NEEDLES = tuple("0123456789")
_SEASON_NEEDLES = ("spring", "summer", "autumn", "fall", "winter")

_RULES = (  # (needles, pattern, builder), most specific first
    (("-",), _ISO, _iso_date),
    (_MONTH_NEEDLES, _DAY_RANGE, _day_range),
    (_MONTH_NEEDLES, _FULL_DATE, _full_date),
    (_MONTH_NEEDLES, _MONTH_RANGE, _month_range),
    (("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2") + _SEASON_NEEDLES, _PERIOD_OF_YEAR, _period_of_year),
    (_MONTH_NEEDLES, _MONTH_YEAR, _month_year),
    (_DIGIT_NEEDLES, _YEAR_RANGE, _year_range),
    (("ago",), _AGO, _ago),
    (("past", "last"), _PAST_PERIOD, _past_period),
    (("week", "month", "year", "today", "yesterday", "tomorrow", "tonight", "this"), _NAMED_RELATIVE, _named_relative),
    (_SEASON_NEEDLES, _SEASON_RELATIVE, _season_relative),
    (_MONTH_NEEDLES, _RELATIVE_MONTH, _relative_month),
    (_MONTH_NEEDLES, _MONTH_ALONE, _month_alone),
    (_DIGIT_NEEDLES, _YEAR_ALONE, _year_alone),
    (("day",), _WEEKDAY_ALONE, _weekday),
    (_DIGIT_NEEDLES, _CLOCK, _clock_time),
    (("GMT", "UTC", "Z", "hrs"), _FOUR_DIGIT_CLOCK, _clock_time),
)
