"""Numbers in a sentence: value, bounds, scale, unit or currency, rate, approximation and what they count.

Hand-written rules rather than a library: quantulum3's pickled classifier no longer loads with current
scikit-learn, and neither it nor dateparser separates a count from a model name ("Shahed-136"), a vote
tally ("311-112"), a time ("7 a.m.") or a year ("in 2023"); none reads what a number counts. So this is a
regex scanner: it finds each number (digits, or words via text2num in `number_words`), then reads outwards
- qualifier and currency before it, range partner, scale, unit and rate after it, then the counted noun
phrase. Dates are found first (`dates.find_dates`) and their numbers are not quantities.

Conventions (pinned down by tests/extraction_cases.py):
- The span covers qualifier, currency, number(s), scale and unit: "nearly $270 million", "from one to five
  years", "all but six", "6.5 times higher"; not the counted noun phrase nor the rate.
- `value` is the stated number after scale; a range has value None and low/high; a tally has value None.
  "more than"/"at least" set `low` = value, "up to"/"less than" set `high` = value.
- `approx` is normalised to: "about", "nearly", "more than", "at least", "up to", "less than", "all but".
- `step` is the precision as written: "61 billion" -> 1e9, "60.84 billion" -> 1e7, "1,500" -> 1,
  "a dozen" -> 12, "a hundred" -> 100.
- `counts` is the noun phrase after the number as written, up to its head noun ("interceptor drones",
  "pieces of equipment"), without a leading "more"; for units and percentages it is the "of ..." phrase
  ("tons of cargo" -> "cargo"), for money also "in ..." ("$3 billion in damage" -> "damage").
  "six of the 31 confirmed dead are children": six counts "children", 31 counts "confirmed dead".
- Durations are measures with unit "day", "week", "month", "year", "hour", "minute", "second", "decade":
  "one-year" -> 1 year. Digits joined to a singular noun count it ("a 37-word statement" -> 37, unit "word");
  spelled-out hyphenated modifiers ("nine-story", "two-thirds", "one-off") and calibres ("155-mm") are skipped.
- A half is read on ("six and a half years", "6 1/2", "six-and-a-half-year" -> 6.5), so is a decimal read
  aloud ("one-point-six billion"), and after a hedge word an article stands for one unit ("more than a year").
- Earthquake magnitudes are measures with unit "magnitude", the word on either side ("6.1-magnitude",
  "magnitude-6.1", "magnitude 6.5"). "lakh" (1e5) and "crore" (1e7) are scale words ("Rs 5 crore").
- A sign glued to the front of a token is kept ("-244", "+61": changes in a results table).
- A capitalised word before digits makes a designation only on the same line, not before a percent sign, and
  in a Title Case headline not when the word is a verb or plural ("Quake Kills 398").
- Not quantities: numbers inside dates and clock times, model names (L119, F-16, Kh-101, Challenger 2, 1Force,
  Boeing 737-800), calibres in mm, dimensions ("300 X 250"), ids and phone numbers, URLs, ordinals, bare
  years, vague plurals ("dozens", "billions"), "one of ...", and a bare "one" that counts nothing ("one could"
  but not "one in two").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import number_words
from .dates import DateMention, find_dates


@dataclass(frozen=True)
class Quantity:
    """One number mentioned in a text. Offsets are into the text given to `find_quantities`."""

    start: int
    end: int
    surface: str                 # text[start:end], e.g. "nearly $270 million"
    value: float | None          # point value after scale words ("$14.1 billion" -> 14100000000); None for ranges
    low: float | None = None     # bounds: ranges ("10-12"), and open ones ("more than 5" -> low=5, high=None)
    high: float | None = None
    unit: str | None = None      # normalised unit or currency: "USD", "GBP", "EUR", "%", "t", "m2", "km", "mi", ...
    scale: str | None = None     # scale word as normalised: "thousand", "million", "billion", "trillion"
    approx: str | None = None    # normalised qualifier: "nearly", "about", "more than", "at least", "up to", ...
    rate: str | None = None      # "day", "week", "month", "year" for "per day", "a month", "daily", ...
    counts: str | None = None    # noun phrase it quantifies: "interceptor drones", "Russian tanks", "jobs"
    kind: str = "count"          # "count", "money", "percent", "measure", "multiplier", "tally"
    step: float | None = None    # precision as written (after scale): "61 billion" -> 1e9, "60.84 billion" -> 1e7
    tally: tuple[int, int] | None = None  # vote counts / scores such as "311-112"


# ---------------------------------------------------------------- vocabulary

CURRENCY_CODES = frozenset({"USD", "GBP", "EUR", "UAH", "RUB", "JPY", "CNY", "CHF", "INR", "AUD", "CAD"})
_CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "$US": "USD", "£": "GBP", "€": "EUR", "₴": "UAH",
                     "₽": "RUB", "¥": "JPY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "A$": "AUD", "AU$": "AUD",
                     "C$": "CAD", "Can$": "CAD"}
# South Asian scale words: a lakh is 100,000 and a crore 10,000,000 ("Rs 5 crore", "2.5 lakh people").
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
          "lakh crore": 1e12}
_SCALE_ABBREVIATIONS = {"k": "thousand", "m": "million", "mn": "million", "mln": "million", "b": "billion",
                        "bn": "billion", "tn": "trillion", "trn": "trillion"}

# (pattern, normalised unit); longest alternatives first. Patterns are matched case-insensitively after the
# number (with optional space) and must not run into a letter; single letters are `_GLUED_LETTER_UNITS`.
_UNITS = (
    (r"(?:US\s+|U\.S\.\s+|American\s+)?dollars?", "USD"), (r"pounds?\s+sterling|pounds?|sterling", "GBP"),
    (r"euros?", "EUR"), (r"hryvnias?|hryvnia", "UAH"), (r"roubles?|rubles?", "RUB"), (r"yuan", "CNY"),
    (r"yen", "JPY"), (r"swiss\s+francs?", "CHF"), (r"USD|GBP|EUR|UAH|RUB|CNY|JPY|CHF", None),
    (r"percentage\s+points?", "pp"), (r"per\s*cent|pct", "%"),
    (r"square\s+kilomet(?:er|re)s?|sq\.?\s*km|km²|km2", "km2"), (r"square\s+met(?:er|re)s?|sq\.?\s*m|m²|m2", "m2"),
    (r"square\s+(?:feet|foot)|sq\.?\s*ft", "ft2"), (r"hectares?|ha", "ha"), (r"acres?", "acre"),
    (r"cubic\s+met(?:er|re)s?|m³|m3", "m3"),
    (r"kilomet(?:er|re)s?\s+(?:per|an|a)\s+hour|km/h|kph", "km/h"), (r"mph|miles\s+(?:per|an)\s+hour", "mph"),
    (r"nautical\s+miles?", "nmi"), (r"kilomet(?:er|re)s?|km", "km"), (r"miles?", "mi"),
    (r"millimet(?:er|re)s?|mm", "mm"), (r"centimet(?:er|re)s?|cm", "cm"), (r"met(?:er|re)s?", "m"),
    (r"feet|foot|ft", "ft"),
    (r"kilotons?|kilotonnes?|kt", "kt"), (r"tonnes?|tons?", "t"), (r"kilograms?|kg", "kg"),
    (r"barrels?|bbl", "bbl"), (r"lit(?:er|re)s?", "l"),
    (r"[MGkT]Wh|[MGkT]W", None),  # energy, power, storage and frequency keep their own spelling (_SPELLED_UNITS)
    (r"(?-i:[KMGT]B|[kMG]?Hz)", None), (r"fps", "fps"), (r"inch(?:es)?", "in"),
    (r"magnitude", "magnitude"),   # "a 6.5 magnitude quake"; before the number too, see _MAGNITUDE_BEFORE
    (r"decades?", "decade"), (r"years?|yrs?", "year"), (r"months?", "month"), (r"weeks?", "week"),
    (r"days?", "day"), (r"hours?|hrs?", "hour"), (r"minutes?|mins?", "minute"), (r"seconds?|secs?", "second"),
)
_SPELLED_UNITS = {u.lower(): u for u in ("MW", "GW", "kW", "TW", "MWh", "GWh", "kWh", "TWh", "KB", "MB", "GB", "TB",
                                          "Hz", "kHz", "MHz", "GHz")}
_GLUED_LETTER_UNITS = {"m": "m", "t": "t", "h": "hour", "l": "l"}   # only right after digits: "200m", "5t"
_UNIT_RE = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)), re.IGNORECASE)

_APPROX = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "approximately": "about", "approx.": "about", "roughly": "about", "around": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "circa": "about", "closer to": "about",
    # A verb of approach states a figure not yet reached: "toll nears 400", "approaching 300".
    "nears": "nearly", "nearing": "nearly", "approaching": "nearly", "approaches": "nearly",
    "just shy of": "nearly", "shy of": "nearly", "beyond": "more than",
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than", "exceeding": "more than", "just over": "more than", "well over": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "not less than": "at least",
    "a minimum of": "at least",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to", "no more than": "up to",
    "a maximum of": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "all but": "all but",
}
_APPROX_BEFORE = re.compile(
    r"\b(?P<q>" + "|".join(sorted((re.escape(k) for k in _APPROX), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE)
_APPROX_AFTER = re.compile(r"(?:\s+or\s+more|\s+or\s+(?P<so>so)|-plus|\+)(?!\w)", re.IGNORECASE)  # "500 or more"
# A range after one of these is a change, not a range: "rose from 16 to 25".
_CHANGE_BEFORE = re.compile(r"\b(?:rose|risen|rises|rising|increased?|increasing|fell|fallen|falls|grew|grown|jumped|"
                            r"climbed|dropped|declined|raised|cut|reduced|up|down|went|gone)\s+(?:from\s+)?$",
                            re.IGNORECASE)
_LOWER_BOUND, _UPPER_BOUND = {"more than", "at least"}, {"up to", "less than"}

# Function words: they end a counted noun phrase, and a capitalised one before digits is not a model name.
_STOP = frozenset("""
a an the of in on at to for from with by into onto over under about after before during since until across along
among between through per via than as and or but nor so yet that which who whom whose this these those it its
their they them he she his her we our you your i is are was were be been being has have had do does did will would
can could may might must shall should not no more most still already also only just now then there here each every
all both some any including while when where according said says say less fewer up out off down even very too
almost nearly around roughly approximately reportedly respectively total if because though although whereas
against toward towards within without beneath below above near like unlike plus minus daily weekly monthly
annually yearly another exactly such what how why whether
""".split())
_NOMINAL_HEADS = frozenset({"people", "children", "men", "women", "personnel", "staff", "police", "dead", "injured",
                            "wounded", "killed", "missing", "displaced", "aircraft", "equipment", "cattle",
                            "livestock", "infantry", "crew"})
# Nouns that a plural can modify, so the phrase goes on past the plural: "weapons production".
_COMPOUND_TAILS = frozenset({"production", "industry", "sector", "market", "programme", "program", "output",
                             "exports", "imports", "deliveries", "supplies", "spending", "budget"})
_CONTAINERS = frozenset({"pieces", "units", "tons", "tonnes", "series", "rounds", "sets", "kinds", "types",
                         "batches", "pairs", "barrels", "items", "bottles", "boxes", "packages", "loads"})
_ING_NOUNS = frozenset({"funding", "housing", "building", "buildings", "training", "spending", "financing",
                        "shelling", "bombing", "fighting", "offering", "ceiling", "morning", "evening", "clothing"})
_COMPARATIVES = r"more|higher|greater|larger|bigger|less|lower|fewer|smaller|as\s+many|as\s+much|as\s+high|as\s+large"
_NOT_COUNTED_SUFFIXES = frozenset({"something", "odd", "ish", "fold", "plus"})   # "20-something", "30-odd": hedges
_RATE_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
               "annual": "year", "hourly": "hour"}
_HYPHEN_UNITS = {"pound": "GBP", "euro": "EUR", "dollar": "USD", "percent": "%", "mile": "mi", "kilometer": "km",
                 "kilometre": "km", "km": "km", "meter": "m", "metre": "m", "ton": "t", "tonne": "t",
                 "foot": "ft", "inch": "in", "point": "point", "magnitude": "magnitude",
                 "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
                 "minute": "minute", "second": "second", "decade": "decade"}

# ---------------------------------------------------------------- patterns

# A sign glued to the start of a token is part of the figure ("+210", "-39" seats in a results table).
# A missing space after a past-tense verb is a typo of scraped text, not a name: "had recovered122 dead bodies".
_DIGITS = (r"(?:(?<![^\s(\[])(?P<sign>[+\-−])|(?<=\$US)|(?<=[a-z]{4}ed)|(?<![\w.,/#+]))"
           r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)")
# Digits or number words, either may end in "fold" ("tenfold", "10-fold"); the lookahead on the first letter
# of a number word keeps the scan fast.
_NUMBER = re.compile(rf"{_DIGITS}(?i:(?P<digits_fold>-?fold)\b)?|"
                     rf"(?i:\b(?=[aefnostz])(?P<words>{number_words.PHRASE_BODY})(?:(?P<words_fold>-?fold)\b|(?!\w)))")
_SECOND_NUMBER = re.compile(rf"(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)|"
                            rf"(?i:(?P<words>{number_words.PHRASE}))")
_CURRENCY_BEFORE = re.compile(r"(?:(?P<sym>US\$|U\.S\.\$|AU\$|Can\$|\$US|[AC]\$|[$£€₴₽¥₹]|\bRs\.?(?=\s?$))\s?"
                              r"|(?P<code>USD|GBP|EUR|UAH|RUB|CNY|JPY|CHF|INR|AUD|CAD)\s?)\Z")
_SCALE_WORD = re.compile(r"(?:\s+|-)?(?P<scale>thousand|million|billion|trillion|lakhs?\s+crores?|lakhs?|crores?)\b|"
                         r"\s?(?P<abbr>bn|mn|mln|tn|trn)\b|(?P<glued>[mbk])\b", re.IGNORECASE)
_TYPO_DECIMAL = re.compile(r"\.\s(?P<frac>\d+)(?=\s+(?:thousand|million|billion|trillion)\b)")
_RANGE = re.compile(r"(?P<sep>[-–—]|\s+(?:to|and)\s+)(?P<cur>US\$|[$£€])?")
_SCALE_OR_PERCENT = re.compile(r"\s*(?:%|percent|per\s+cent|thousand|million|billion|lakh|crore|bn\b|m\b)",
                               re.IGNORECASE)
_VOTE_AFTER = re.compile(r"\s+votes?\b")
_TIMES = re.compile(rf"\s+times(?:\s+(?P<cmp>{_COMPARATIVES}))?\b", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-(?P<word>[A-Za-z]+)")
_NP_WORD = re.compile(r"[ \u00a0]+(?P<w>[A-Za-z][\w'’]*(?:-[\w'’]+)*)")
_PARTITIVE = re.compile(rf"\s+of(?:\s+(?:the|these|those))?(?:\s+(?:\d[\d,.]*|(?i:{number_words.PHRASE}))(?=\s))?")
_COPULA = re.compile(r"\s+(?:are|were)(?:\s+all)?(?=\s+[a-z])")
_COMPOUND_TAIL = re.compile(r"[ \u00a0]+(?:" + "|".join(sorted(_COMPOUND_TAILS)) + r")\b", re.IGNORECASE)
_MORE = re.compile(r"\s+more\b")
_OF_NEXT = re.compile(r"\s+of(?=\s+\w)")
_UNIT_GAP = re.compile(r"[ \u00a0]?")
_AFTER_LETTER_HYPHEN = re.compile(r"[A-Za-z]-$")
_OF_OR_IN = re.compile(r"\s+(?P<prep>of|in)(?=\s)")
_RATE_AFTER = re.compile(r"\s*(?:(?:per|a|an|each|every)\s+|/\s*)(?P<unit>day|week|month|year|hour)\b|"
                         r"\s+(?P<adverb>daily|weekly|monthly|annually|yearly|per\s+annum)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:.!?()\n—–]")

# Spans whose digits are never quantities: times, dimensions, phone numbers, ids, "No. 5", list markers "1. ".
_NOT_COUNTS = re.compile(
    r"\b\d{1,2}(?::\d{2}){1,2}(?:\s?(?:[ap]\.m\.|[ap]m\b|GMT|UTC|BST|CET|CEST|EET|EEST|[ECMP][SD]T))?"
    r"|\b\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)"
    r"|\b\d+\s*[xX×]\s*\d+\b"
    r"|(?<![\w,])\+?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){2,}(?![\w,])"
    r"|\b\d{7,}\b|\bNo\.\s?\d+|#\d+|^[ \t]*\d{1,2}[.)](?=\s)",
    re.MULTILINE)
_MAGNITUDE_BEFORE = re.compile(r"\b(?i:magnitude)[- ]\Z")        # "magnitude-6.1", "a magnitude 6.5 quake"
_HALF_AFTER = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b|[ \u00a0]1/2(?![\d/])|½")   # "six and a half", "6 1/2"
# "one-point-six billion", "TEN-POINT-TWO MILLION": a decimal read aloud, one word a digit.
_SPOKEN_DECIMALS = re.compile(rf"[\s-]point[\s-](?P<d>(?:{number_words.DIGIT_WORD})"
                              rf"(?:[\s-](?:{number_words.DIGIT_WORD}))*)\b", re.IGNORECASE)
_ONE_IN = re.compile(rf"\s+(?:in|out\s+of)\s+(?:\d|(?i:{number_words.PHRASE}))")   # "one in two citizens"
# "more than a year", "nearly a foot of rain": an article stands for one unit, but only after a hedge word
# (alone, "a year" is a rate or a date).
_ONE_UNIT = re.compile(
    r"\b(?P<q>" + "|".join(sorted((re.escape(k) for k in _APPROX), key=len, reverse=True)) + r")\s+(?P<a>an?)\s+"
    r"(?P<unit>decade|year|month|week|day|hour|minute|mile|kilomet(?:er|re)|met(?:er|re)|foot|inch|ton|tonne)\b(?!-)",
    re.IGNORECASE)
_ONE_UNIT_CODES = {"decade": "decade", "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
                   "minute": "minute", "mile": "mi", "kilometer": "km", "kilometre": "km", "meter": "m", "metre": "m",
                   "foot": "ft", "inch": "in", "ton": "t", "tonne": "t"}
# Digits after a designation and a hyphen are its second part: "Boeing 737-800", "Airbus A320-200".
_DESIGNATION_SUFFIX = re.compile(r"\b[A-Z][A-Za-z]*[ \u00a0][A-Z]?\d+[-/]\Z")
# The same typo before a plural noun: "309detainments" (a unit or "1990s" is read otherwise).
_GLUED_PLURAL = re.compile(r"[a-z]{4,}[^s\W]s\b")
_PERCENT_NEXT = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
_STRETCH_ENDS = ".!?…;\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+@[\w-]+\.[\w.]+|(?<![\w-])[\w-]+(?:\.[\w-]+)+/\S*")


@dataclass
class _Reading:
    """A quantity being read outwards from its number."""

    start: int
    end: int
    value: Decimal | None
    decimals: int
    step: float
    scale: str | None = None
    unit: str | None = None
    kind: str = "count"
    low: Decimal | None = None
    high: Decimal | None = None
    tally: tuple[int, int] | None = None
    is_word: bool = False


def find_quantities(text: str, dates: Sequence[DateMention] | None = None) -> list[Quantity]:
    """Every quantity in `text`, sorted by start; `text[q.start:q.end] == q.surface`.

    `dates`: the dates already found in `text`, when the caller has them (the extract stage): their numbers
    are not quantities, and passing them saves scanning for dates twice.
    """
    blocked = _blocked_spans(text, find_dates(text, None) if dates is None else dates)
    found: list[Quantity] = []
    resume = 0
    for match in _NUMBER.finditer(text):
        if match.start() < resume or _overlaps(match.span(), blocked):
            continue
        quantity = _read(text, match, blocked)
        if quantity is not None:
            found.append(quantity)
            resume = quantity.end
    ones = [q for q in _one_units(text, blocked) if not _overlaps((q.start, q.end), [(f.start, f.end) for f in found])]
    return sorted(found + ones, key=lambda q: q.start) if ones else found


def _in_title_case(text: str, pos: int) -> bool:
    """Whether `pos` is in a Title Case headline ("Quake Kills 398, Injures Over 1,800"), where capitals say
    nothing of names. Judged on the stretch between sentence punctuation or line breaks around `pos`, so a
    sentence gives the same answer alone as inside its line."""
    start = max((text.rfind(c, 0, pos) for c in _STRETCH_ENDS), default=-1) + 1
    ends = [i for i in (text.find(c, pos) for c in _STRETCH_ENDS) if i >= 0]
    words = _TITLE_WORD.findall(text, start, min(ends, default=len(text)))
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _one_units(text: str, blocked) -> list[Quantity]:
    if " a" not in text:
        return []
    found = []
    for match in _ONE_UNIT.finditer(text):
        if _overlaps(match.span(), blocked):
            continue
        unit = _ONE_UNIT_CODES[match["unit"].lower().replace("re", "er") if match["unit"].lower().endswith("tre")
                               else match["unit"].lower()]
        reading = _Reading(match.start(), match.end(), Decimal(1), 0, 1.0, unit=unit, is_word=True)
        counts, np_end = _counts(text, reading)
        found.append(_finish(text, reading, _APPROX[" ".join(match["q"].lower().split())], counts,
                             _rate(text, reading, np_end)))
    return found


def _blocked_spans(text: str, dates: Sequence[DateMention]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _NOT_COUNTS.finditer(text)] + [(d.start, d.end) for d in dates]
    if "/" in text or "@" in text or "www." in text:
        spans += [m.span() for m in _URL.finditer(text)]
    return spans


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


# ---------------------------------------------------------------- reading one quantity

def _read(text: str, match: re.Match, blocked) -> Quantity | None:
    reading = _core(text, match)
    if reading is None:
        return None
    magnitude = _MAGNITUDE_BEFORE.search(text, max(0, reading.start - 10), reading.start)
    if magnitude:
        reading.start, reading.unit, reading.kind = magnitude.start(), "magnitude", "measure"
    elif _is_designation(text, match):
        return None
    if reading.kind == "multiplier":
        return _finish(text, reading, approx=None, counts=None, rate=None)
    _currency_before(text, reading)
    _half(text, reading)
    _and_a_half(text, reading)
    if not _range_or_tally(text, reading, blocked):
        _typo_decimal(text, reading)
        _scale(text, reading)
        if reading.scale:
            _range_or_tally(text, reading, blocked)     # "$5 billion to $7 billion"
    else:
        _scale(text, reading)
    if not _unit(text, reading):
        return None
    approx = _approx(text, reading)
    glued = _GLUED_PLURAL.match(text, reading.end) if match["digits"] and not (reading.unit or reading.scale) else None
    if not (magnitude or glued) and _skip(text, match, reading, approx):
        return None
    counts, np_end = (glued.group(), glued.end()) if glued else _counts(text, reading)
    if _bare_year(reading, approx, counts) or _bare_one(text, match, reading, approx, counts):
        return None
    rate = _rate(text, reading, np_end)
    return _finish(text, reading, approx, counts, rate)


def _core(text: str, match: re.Match) -> _Reading | None:
    fold = bool(match["digits_fold"] or match["words_fold"])
    if match["digits"]:
        digits = match["digits"]
        value = Decimal(digits.replace(",", "")) * (-1 if match["sign"] in ("-", "−") else 1)
        return _Reading(match.start(), match.end() if fold else match.end("digits"), value,
                        _decimals(digits), 10.0 ** -_decimals(digits), kind="multiplier" if fold else "count")
    parsed = number_words.parse(match["words"])
    if parsed is None or fold and parsed[3] < len(match["words"]):
        return None
    value, step, scale, consumed = parsed
    if fold:
        return _Reading(match.start(), match.end(), Decimal(str(value)), 0, 1.0, kind="multiplier", is_word=True)
    end = match.start() + consumed
    spoken = _SPOKEN_DECIMALS.match(text, end) if scale is None and value == int(value) else None
    if spoken:
        decimals = "".join(str(number_words.DIGIT_VALUES[w.lower()]) for w in re.split(r"[\s-]", spoken["d"]))
        return _Reading(match.start(), spoken.end(), Decimal(f"{int(value)}.{decimals}"), len(decimals),
                        10.0 ** -len(decimals), is_word=True)
    return _Reading(match.start(), end, Decimal(str(value)), 0, step, scale=scale, is_word=True)


def _decimals(digits: str) -> int:
    return len(digits.split(".")[1]) if "." in digits else 0


def _is_designation(text: str, match: re.Match) -> bool:
    """Digits right after a capitalised name ("Challenger 2", "Prize 2023", "Size 300") name a model or edition.

    Not across a line break (a table: "Conservatives" then "121"), not before a percent sign ("Scotland 59%":
    a share of a place), and in a Title Case headline not after a verb or plural ("Kills 398", "Injures 1,800"):
    there every word is capitalised.
    """
    if not match["digits"] or match["sign"]:
        return False
    before = text[max(0, match.start() - 30):match.start()]
    previous = re.search(r"\b([A-Z][A-Za-z]*)[ \u00a0]$", before)
    if not previous or previous.group(1).lower() in _STOP or previous.group(1) in CURRENCY_CODES \
            or _APPROX_BEFORE.search(before) or _PERCENT_NEXT.match(text, match.end()) \
            or _CURRENCY_BEFORE.search(before[-5:]):                          # "Rs 5 crore"
        return False
    word = previous.group(1).lower()
    return not ((_plural(word) or word.endswith("ed")) and _in_title_case(text, match.start()))


def _currency_before(text: str, reading: _Reading) -> None:
    found = _CURRENCY_BEFORE.search(text[max(0, reading.start - 5):reading.start])
    if found:
        reading.start -= len(found.group())
        reading.unit = _CURRENCY_SYMBOLS.get(found["sym"]) if found["sym"] else found["code"]


def _half(text: str, reading: _Reading) -> None:
    """"half a million": the words read "a million"; halve it."""
    if reading.is_word and text[reading.start:reading.start + 2].lower() in ("a ", "an"):
        half = re.search(r"\bhalf\s+$", text[max(0, reading.start - 6):reading.start], re.IGNORECASE)
        if half:
            reading.start -= len(half.group())
            reading.value /= 2
            reading.step /= 2


def _and_a_half(text: str, reading: _Reading) -> None:
    """"six and a half years", "6 1/2 years", "6½": a half more than the number read."""
    found = _HALF_AFTER.match(text, reading.end)
    if found and reading.value is not None and reading.value == reading.value.to_integral_value() \
            and not reading.scale:
        reading.value += Decimal("0.5")
        reading.step = 0.5
        reading.end = found.end()


def _typo_decimal(text: str, reading: _Reading) -> None:
    """"14. 5 million": a space slipped in after the decimal point (only trusted before a scale word)."""
    found = _TYPO_DECIMAL.match(text, reading.end)
    if found and reading.decimals == 0 and not reading.is_word:
        reading.value += Decimal("0." + found["frac"])
        reading.decimals = len(found["frac"])
        reading.step = 10.0 ** -reading.decimals
        reading.end = found.end()


def _range_or_tally(text: str, reading: _Reading, blocked) -> bool:
    """Extend "10-12", "between 5 and 7", "from one to five", "$5-7 billion"; read "311-112" as a tally."""
    sep = _RANGE.match(text, reading.end)
    if not sep:
        return False
    connector = sep["sep"].strip().lower()
    before = text[max(0, reading.start - 40):reading.start]
    opener = re.search(r"\b(between|from)\s+$", before, re.IGNORECASE)
    if connector == "and" and not (opener and opener.group(1).lower() == "between"):
        return False
    if reading.is_word and connector not in ("to", "and") or _CHANGE_BEFORE.search(before):
        return False
    second = _SECOND_NUMBER.match(text, sep.end())
    if not second or bool(second["words"]) != reading.is_word or _overlaps(second.span(), blocked):
        return False
    if second["words"]:
        parsed = number_words.parse(second["words"])
        if parsed is None:
            return False
        high, high_end = Decimal(str(parsed[0])), second.start() + parsed[3]
    else:
        high, high_end = Decimal(second["digits"].replace(",", "")), second.end()
    if reading.scale:
        # The first number already carries its scale; the second must repeat it ("5 million to 7 million").
        scale = _SCALE_WORD.match(text, high_end)
        if not scale or " ".join(w.rstrip("s") for w in (scale["scale"] or "").lower().split()) != reading.scale:
            return False
        high, high_end = high * Decimal(str(SCALES[reading.scale])), scale.end()
    low = reading.value
    if _is_tally(text, reading, connector, low, high, high_end, sep["cur"]):
        reading.tally, reading.kind, reading.value, reading.step = (int(low), int(high)), "tally", None, None
    elif low < high:
        reading.low, reading.high, reading.value = low, high, None
        if not reading.is_word:
            reading.decimals = max(reading.decimals, _decimals(second["digits"]))
            reading.step = 10.0 ** -reading.decimals * (SCALES[reading.scale] if reading.scale else 1.0)
        reading.unit = reading.unit or _CURRENCY_SYMBOLS.get(sep["cur"] or "")
    else:
        return False
    if opener:
        reading.start -= len(opener.group())
    reading.end = high_end
    return True


def _is_tally(text: str, reading: _Reading, connector: str, low: Decimal, high: Decimal, high_end: int,
              currency: str | None) -> bool:
    """Two bare integers joined by a dash, the first not smaller (or called a vote): "311-112", "215-99"."""
    if connector in ("to", "and") or reading.is_word or reading.unit or currency or reading.decimals:
        return False
    if low != low.to_integral_value() or high != high.to_integral_value():
        return False
    if _SCALE_OR_PERCENT.match(text, high_end):
        return False
    return low >= high or bool(_VOTE_AFTER.match(text, high_end))


def _scale(text: str, reading: _Reading) -> None:
    if reading.is_word and reading.scale or reading.kind == "tally":
        return
    found = _SCALE_WORD.match(text, reading.end)
    if not found:
        return
    if found["glued"]:
        # "£200m", "$3b": a glued m/b is a scale only for money ("200m" alone reads as metres); "5k" always.
        glued_to_money = reading.unit and not text[found.start() - 1:found.start()].isspace()
        if reading.is_word or not (glued_to_money or found["glued"].lower() == "k"):
            return
        name = _SCALE_ABBREVIATIONS[found["glued"].lower()]
    elif found["abbr"]:
        name = _SCALE_ABBREVIATIONS[found["abbr"].lower()]
    else:
        name = " ".join(word.rstrip("s") for word in found["scale"].lower().split())   # "lakhs" -> "lakh"
    factor = Decimal(str(SCALES[name]))
    for bound in ("value", "low", "high"):
        if getattr(reading, bound) is not None:
            setattr(reading, bound, getattr(reading, bound) * factor)
    reading.scale = name
    reading.step *= SCALES[name]
    reading.end = found.end()


def _unit(text: str, reading: _Reading) -> bool:
    """Read a unit after the number; False when the number is a modifier to skip ("nine-story", "155-mm")."""
    if reading.kind == "tally":
        return True
    times = _TIMES.match(text, reading.end)
    if times and times["cmp"]:
        reading.kind, reading.end = "multiplier", times.end()
        return True
    hyphen = _HYPHEN_WORD.match(text, reading.end)
    if hyphen and hyphen["word"].lower() == "strong":   # "a 1200-strong workforce" counts the workforce
        reading.end = hyphen.end()
        return True
    if hyphen and hyphen["word"].lower() != "plus":     # "500-plus" is a qualifier, read by _approx
        unit = _HYPHEN_UNITS.get(hyphen["word"].lower()) or _counted_modifier(reading, hyphen["word"])
        if unit is None:
            return False
        reading.unit, reading.end = reading.unit or unit, hyphen.end()
        return True
    unit, end = _unit_at(text, reading)
    if unit is not None and (reading.unit is None or unit == reading.unit):
        reading.unit, reading.end = unit, end
    return reading.unit != "mm"   # calibres ("105mm L119 howitzers") are designations, not measures


def _counted_modifier(reading: _Reading, word: str) -> str | None:
    """Digits joined to a singular noun count that noun: "a 37-word statement", "its 149-date run". Number
    words stay modifiers ("nine-story", "one-off", "two-thirds"): spelled out they are mostly fixed compounds."""
    if reading.is_word or reading.unit or not word.islower() or len(word) < 3 or _plural(word) \
            or word in _STOP or word in _NOT_COUNTED_SUFFIXES:
        return None
    return word


def _unit_at(text: str, reading: _Reading) -> tuple[str | None, int]:
    pos = reading.end
    gap = _UNIT_GAP.match(text, pos).end()
    if text.startswith("%", gap):
        return "%", gap + 1
    letter = text[pos:pos + 1]
    if letter in _GLUED_LETTER_UNITS and not reading.is_word and not text[pos + 1:pos + 2].isalnum():
        return _GLUED_LETTER_UNITS[letter], pos + 1
    found = _UNIT_RE.match(text, gap)
    if not found or text[found.end():found.end() + 1].isalnum():
        return None, pos
    code = _UNITS[int(found.lastgroup[1:])][1]
    word = found.group()
    return code or _SPELLED_UNITS.get(word.lower(), word.upper()), found.end()


def _approx(text: str, reading: _Reading) -> str | None:
    after = _APPROX_AFTER.match(text, reading.end)
    before = _APPROX_BEFORE.search(text[max(0, reading.start - 20):reading.start])
    if before:
        reading.start -= len(before.group())
        return _APPROX[" ".join(before["q"].lower().split())]
    if after:
        reading.end = after.end()
        return "about" if after["so"] else "at least"
    return None


def _skip(text: str, match: re.Match, reading: _Reading, approx: str | None) -> bool:
    """Numbers that are not quantities though they parse: ordinals/ids glued to letters, "one of", model names."""
    follower = text[reading.end:reading.end + 1]
    if match["digits"] and follower.isalpha() and reading.unit is None and reading.scale is None:
        return True                                   # "1st", "1Force", "1990s"
    if _AFTER_LETTER_HYPHEN.search(text, max(0, match.start() - 2), match.start()):
        return True                                   # "Shahed-136", "Kh-101", "F-16", "all-in-one"
    if _DESIGNATION_SUFFIX.search(text, max(0, match.start() - 30), match.start()):
        return True                                   # "Boeing 737-800"
    if reading.kind == "tally" or approx:
        return False
    word = (match["words"] or "").lower()
    if word == "one":
        if re.match(r"\s+of\b", text[reading.end:]) or re.search(
                r"\b(?:the|no|any|each|every|this|that|which)\s+$", text[max(0, match.start() - 8):match.start()],
                re.IGNORECASE):
            return True
    return False


def _bare_year(reading: _Reading, approx, counts) -> bool:
    """A lone 1900-2100 integer with nothing to count is a year used as a name ("Journalism 2023"), not a count."""
    value = reading.value
    return (reading.kind == "count" and not reading.unit and not approx and not reading.is_word
            and value is not None and value == value.to_integral_value() and 1900 <= value <= 2100
            and not (counts and _plural(counts.split()[-1])))


def _bare_one(text: str, match: re.Match, reading: _Reading, approx, counts) -> bool:
    """'one' that counts nothing is a pronoun ("one could argue")."""
    return ((match["words"] or "").lower() == "one" and reading.kind == "count" and not counts and not approx
            and reading.low is None and not reading.unit and not _ONE_IN.match(text, reading.end))


# ---------------------------------------------------------------- what it counts, and how often

def _counts(text: str, reading: _Reading) -> tuple[str | None, int]:
    """The counted noun phrase and where it ends (reading.end when there is none)."""
    if reading.kind == "tally":
        return None, reading.end
    if reading.kind == "multiplier":
        return _noun_phrase(text, reading.end) if text[reading.start:reading.end].lower().endswith(
            ("more", "fewer", "less", "many", "much")) else (None, reading.end)
    money = reading.unit in CURRENCY_CODES
    if reading.unit is not None:
        phrase = _noun_phrase(text, reading.end) if money else (None, reading.end)
        prep = _OF_OR_IN.match(text, reading.end)
        if phrase[0] is None and prep and (prep["prep"] == "of" or money):
            phrase = _noun_phrase(text, prep.end(), skip_determiner=True)
        return phrase
    partitive = _PARTITIVE.match(text, reading.end)
    if partitive:
        whole, whole_end = _noun_phrase(text, partitive.end())
        if whole:
            copula = _COPULA.match(text, whole_end)
            predicate = _noun_phrase(text, copula.end(), allow_participle=False) if copula else (None, 0)
            return predicate if predicate[0] else (whole, whole_end)
    phrase, end = _noun_phrase(text, reading.end)
    if phrase is None:
        more = _MORE.match(text, reading.end)
        copula = _COPULA.match(text, more.end() if more else reading.end)
        if copula:
            return _noun_phrase(text, copula.end(), allow_participle=False)
    return phrase, end


def _noun_phrase(text: str, pos: int, skip_determiner: bool = False,
                 allow_participle: bool = True) -> tuple[str | None, int]:
    """Words from `pos` up to the head noun: stops at punctuation, function words, verbs, or after a plural."""
    words: list[re.Match] = []
    while len(words) < 6:
        token = _NP_WORD.match(text, pos)
        if not token:
            break
        word = token["w"].lower()
        if skip_determiner and not words and word in ("the", "its", "their", "his", "her", "our", "all"):
            pos = token.end()
            continue
        if word == "more" and not words:
            pos = token.end()
            continue
        if word == "and" and words and _continues(text, token.end()):
            words.append(token)
            pos = token.end()
            continue
        if not _np_word(word, text, token.end(), allow_participle):
            break
        words.append(token)
        pos = token.end()
        of = _OF_NEXT.match(text, pos) if word in _CONTAINERS else None
        if of:
            of_phrase, of_end = _noun_phrase(text, of.end())
            return (text[words[0].start("w"):of_end], of_end) if of_phrase else (text[words[0].start("w"):pos], pos)
        if (_plural(word) or word in _NOMINAL_HEADS) and not _COMPOUND_TAIL.match(text, pos):
            break
    while words and words[-1]["w"].lower() == "and":
        words.pop()
    if not words:
        return None, pos
    return text[words[0].start("w"):words[-1].end()], words[-1].end()


def _np_word(word: str, text: str, end: int, allow_participle: bool) -> bool:
    if word in _NOMINAL_HEADS:
        return allow_participle or not word.endswith("ed")
    if word in _STOP or word in number_words.WORDS or word in _RATE_WORDS:
        return False
    if word.endswith("ing") and word not in _ING_NOUNS:
        return False
    if word.endswith("ly") and len(word) > 4 and word not in ("supply", "family", "assembly", "rally"):
        return False
    if word.endswith("ed") and len(word) > 3 and "-" not in word:
        # A participle stays only as a modifier of a following noun ("armored vehicles", "confirmed dead").
        following = _NP_WORD.match(text, end)
        return allow_participle and bool(following) and following["w"].lower() not in _STOP \
            and not following["w"].lower().endswith("ed")
    return True


def _continues(text: str, pos: int) -> bool:
    """After "and": another modifier of the same noun ("strike and decoy drones"), not a new number."""
    following = _NP_WORD.match(text, pos)
    return bool(following) and following["w"].lower() not in _STOP and following["w"].lower() not in number_words.WORDS


def _plural(word: str) -> bool:
    word = word.lower()
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _rate(text: str, reading: _Reading, np_end: int) -> str | None:
    """'per day', 'a month', 'daily' after the phrase; or 'daily supply of ...' earlier in the same clause."""
    after = _RATE_AFTER.match(text, np_end) or _RATE_AFTER.match(text, reading.end)
    if after:
        if after["unit"]:
            return after["unit"].lower()
        adverb = after["adverb"].lower()
        return "year" if adverb == "per annum" else _RATE_WORDS[adverb]
    clause = _CLAUSE_START.split(text[max(0, reading.start - 120):reading.start])[-1]
    for word in clause.split()[-8:]:
        if word.lower() in _RATE_WORDS:
            return _RATE_WORDS[word.lower()]
    return None


def _finish(text: str, reading: _Reading, approx: str | None, counts: str | None, rate: str | None) -> Quantity:
    kind = reading.kind
    if kind == "count" and reading.unit:
        kind = "money" if reading.unit in CURRENCY_CODES else "percent" if reading.unit in ("%", "pp") else "measure"
    value = _float(reading.value)
    low, high = _float(reading.low), _float(reading.high)
    if value is not None and approx in _LOWER_BOUND:
        low = value
    if value is not None and approx in _UPPER_BOUND:
        high = value
    return Quantity(reading.start, reading.end, text[reading.start:reading.end], value, low, high, reading.unit,
                    reading.scale, approx, rate, counts, kind, reading.step, reading.tally)


def _float(number: Decimal | None) -> float | None:
    return None if number is None else float(number)
