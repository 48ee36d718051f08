"""Does the extractor read every answer-key value? `python benchmarks/key_coverage.py BENCH_DIR [--misses]`.

For every side of every pair in each event's gold.json (conflicts, agreements, traps, rounding), the document
is read, dated and cut into sentences as `verify check` does it (`evaluate.load_event`, `segment`,
`extract.extract`), and the side counts as covered when some extracted mention overlaps the key's value
inside the key's quote and states the key's value.

The key's value is written as a surface ("about 190 million", "$14.1 billion", "311-112", "9:07 AM",
"Thursday"). It is normalised here independently of the extractor for numbers (hedge words dropped,
currency and scale words applied, number words read by text2num), so an extractor bug cannot make a key
agree with itself; dates are written in too many ways for a second grammar to be worth its bugs, so a date
key is read by `find_dates` alone, on the bare value with the document's publication date (a weekday is the
one on or before publication), never in the sentence the extractor reads.

Some key values are not one figure: a list ("two pilots and 10 crew members") needs each of its figures read;
a value with no figure at all ("all on board", "sole survivor"), a product designation ("Wi-Fi 6E") or a value
that is not in its quote cannot be checked and is listed as questionable, outside the percentage.
Sides repeated across pairs (same document, quote and value) count once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify import number_words  # noqa: E402
from verify.dates import DateMention, find_dates  # noqa: E402
from verify.evaluate import load_event  # noqa: E402
from verify.extract import extract, extract_sentence  # noqa: E402
from verify.segment import Sentence, segment, split_sentences  # noqa: E402

PAIR_LISTS = ("conflicts", "agreements", "traps", "rounding")

# Hedge words before a figure: they qualify the value, they are not it.
_HEDGE = re.compile(
    r"^(?:about|nearly|almost|approximately|roughly|around|some|more\s+than|over|at\s+least|up\s+to|as\s+many\s+as|"
    r"as\s+much\s+as|less\s+than|fewer\s+than|just\s+over|just\s+under|just\s+shy\s+of|closer\s+to|close\s+to|"
    r"beyond|an\s+estimated|estimated|initial|under|upwards\s+of|in\s+excess\s+of|well\s+over|all\s+but|plus|"
    r"nears|approaching|~)\s*", re.IGNORECASE)
_CURRENCY = re.compile(r"^(?:US\$|\$US|Can\$|C\$|A\$|\$|£|€|¥|₹|(?:USD|GBP|EUR|INR)\s?)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6, "mln": 1e6,
          "m": 1e6, "b": 1e9, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_DIGITS = r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<digits>{_DIGITS})(?:\s+(?P<num>\d)/(?P<den>\d))?"
    rf"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|lakhs?|crores?)(?![a-z])"
    rf"|(?P<glued>[mbk])(?![a-z²³]))?"
    rf"|(?P<words>(?i:{number_words.PHRASE_BODY}))"
    rf"(?:[\s-]+point[\s-]+(?P<decimals>(?:{number_words.ONES})(?:[\s-]+(?:{number_words.ONES}))*))?"
    rf"(?P<half>[\s-]+and[\s-]+a[\s-]+half)?"
    rf"(?:[\s-](?P<wscale>thousand|million|billion|trillion)(?![a-z]))?",
    re.IGNORECASE)
_TALLY = re.compile(r"^(?P<a>\d{1,3})[-–](?P<b>\d{1,3})$")
_RANGE = re.compile(rf"^(?:between\s+)?(?P<a>{_DIGITS})\s*(?:[-–]|\s+(?:to|and)\s+)\s*(?P<b>{_DIGITS})(?=\s|$)",
                    re.IGNORECASE)
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE)
_DESIGNATION = re.compile(r"\b[A-Za-z]+[-\s]?\d+[A-Za-z]*\b|\b\d+[A-Za-z]{1,2}\b(?<!\d[kmb])")
_FRACTIONS = {"a third": 1 / 3, "half": 0.5, "a half": 0.5, "a quarter": 0.25, "two-thirds": 2 / 3, "twice": 2.0,
              "two thirds": 2 / 3, "three quarters": 0.75, "three-quarters": 0.75}
_FRACTION = re.compile("(?:" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")$", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# A bare weekday states no direction: the key holds for the weekday within six days of publication, either way
# (which way is the sentence's tense, the very thing the extractor decides).
_WEEKDAY_KEY = re.compile(r"^(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:morning|afternoon|evening|night))?$")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|half)\b", re.IGNORECASE)


@dataclass
class Side:
    event: str
    doc: str
    quote: str
    value: str
    kind: str
    expected: list = field(default_factory=list)   # figures every one of which must be read
    questionable: str | None = None
    found: list = field(default_factory=list)      # what the extractor read over the value
    covered: bool = False
    in_body: bool = True   # False: the value lies in text the boilerplate filter leaves out of every sentence


# ---------------------------------------------------------------- key values

def key_figures(value: str, kind: str, published, before: str = "", after: str = "") -> tuple[list, str | None]:
    """The figures a key value states, as ("number", v) / ("range", lo, hi) / ("tally", a, b) / ("time", "HH:MM")
    / ("date", iso) / ("weekday", 0-6); or ([], reason) when the value cannot be checked.

    `before` and `after` are the quote's text around the value, for what the value alone cannot say: digits
    right after a name inside a sentence ("launch Ship 33", "a Boeing 737-800") are a designation; a number key
    that is a year ("in 2017") or a relative date ("eight days ago") is a date keyed as a number.
    """
    text = " ".join(value.split())
    if kind == "number" and re.fullmatch(r"[\d,]+(?:-\d+)?", text):
        if re.search(r"(?<![.!?]\s)(?<!^)\b(?!(?:The|A|An|In|On|At|And|But)\s)[A-Z][\w-]*[ ]$", before):
            return [], "a designation (a name and its number), not a quantity"
        if re.fullmatch(r"(?:19|20)\d\d", text) and re.search(r"\b(?:in|since|of)\s$", before):
            return [("date", text)], "a year keyed as a number"
    if kind == "number" and re.match(r"\s+ago\b", after):
        return [], "a relative date (N ... ago) keyed as a number"
    clock = _clock(text)
    if clock:
        return [("time", clock)], (None if kind == "date" else "a time of day keyed as a number")
    fraction = _FRACTION.match(_HEDGE.sub("", text))
    if kind == "number" and fraction:
        # Fractions and multipliers are figures the extractor does not read: counted, as misses.
        return [("number", _FRACTIONS[fraction.group().lower()])], None
    if kind == "date":
        weekday = _WEEKDAY_KEY.match(text)
        if weekday:
            if published is None:
                return [], "a weekday in an undated document"
            return [("weekday", _WEEKDAYS.index(weekday["wd"].lower()))], None
        # A bare month or year is a date only after a word that introduces one; the key says it is a date.
        dates = find_dates(text, published) or find_dates(f"in {text}", published)
        if len(dates) == 1 and dates[0].value is not None:
            return [("date", dates[0].value)], None
        if len(dates) == 1 and published is None:
            return [], "a relative date in an undated document"
        return [], "date value not readable on its own"
    return _number_figures(text)


def _clock(text: str) -> str | None:
    """"9:07 AM", "13:39", "09.30 BST", "18:30 local time", "around 2 pm"."""
    stripped = _HEDGE.sub("", re.sub(r"^shortly\s+(?:after|before)\s+", "", text, flags=re.IGNORECASE))
    found = _CLOCK.match(stripped)
    if not found or found.end() == 0:
        return None
    rest = stripped[found.end():].strip().lower()
    if not (found["ampm"] or (found["m"] and ":" in found.group() and (not rest or "local" in rest))
            or (found["m"] and re.match(r"(?:[a-z]{2,4}t|gmt|utc|local)\b", rest))):
        return None
    hour, minute = int(found["h"]), int(found["m"] or 0)
    if found["ampm"]:
        hour = hour % 12 + (12 if found["ampm"].lower().startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _number_figures(text: str) -> tuple[list, str | None]:
    body = text
    while True:
        stripped = _HEDGE.sub("", body)
        if stripped == body:
            break
        body = stripped
    tally = _TALLY.match(body)
    if tally:
        return [("tally", int(tally["a"]), int(tally["b"]))], None
    rng = _RANGE.match(_CURRENCY.sub("", body))
    if rng:
        rest = _CURRENCY.sub("", body)[rng.end():]
        scale = re.match(r"\s*(thousand|million|billion|trillion)\b", rest, re.IGNORECASE)
        factor = _SCALE[scale.group(1).lower()] if scale else 1.0
        return [("range", _plain(rng["a"]) * factor, _plain(rng["b"]) * factor)], None
    if re.search(r"\d\s*[x×]\s*\d", body):
        return [], "a dimension, not one figure"
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", body):
        return [], "an ordinal, not a count"
    if re.fullmatch(r"[A-Z]+\d+[A-Za-z]?", body):
        return [], "a designation (model, ship, series), not a quantity"
    if re.match(r"^(?:a|an)\s+(?:year|month|week|day|decade|foot|mile|meter|metre|kilometer|kilometre|hour)$",
                body, re.IGNORECASE):
        return [("number", 1.0)], None       # "more than a year"
    body = re.sub(r"(?<![A-Za-z])(?:US\$|\$US|Can\$|C\$|A\$)", "$", body)
    figures = []
    pos = 0
    while pos < len(body):
        found = _FIGURE.search(body, pos)
        if not found:
            break
        pos = found.end() or pos + 1
        if found.start() > 0 and body[found.start() - 1].isalpha() or found.group().strip() == "":
            continue
        figure = _figure(found)
        if figure is not None:
            figures.append(("number", figure))
    if not figures:
        if _ORDINAL.search(body):
            return [], "an ordinal or fraction word, not a count"
        return [], "no figure in the value"
    if _DESIGNATION.search(body) and not re.search(r"\d\s*(?:GB|TB|Hz|fps|[kmb]\b)", body):
        glued = re.search(r"[A-Za-z]\d|\d[A-Za-z](?<![kmb])", body)
        if glued or re.match(r"^[A-Z][\w-]*\s\d+[A-Za-z]?$", body):
            return [], "a designation (model, ship, series), not a quantity"
    return figures, None


def _plain(digits: str) -> float:
    return float(digits.replace(",", ""))


def _figure(found: re.Match) -> float | None:
    if found["digits"]:
        value = _plain(found["digits"])
        if found["num"]:
            value += int(found["num"]) / int(found["den"])
        scale = found["scale"] or found["glued"]
        if scale:
            value *= _SCALE[scale.lower()]
        return value
    parsed = number_words.parse(found["words"])
    if parsed is None:
        return None
    value = parsed[0]
    if found["decimals"]:
        digits = "".join(str(number_words.parse(w)[0])[:-2] for w in re.split(r"[\s-]+", found["decimals"].strip())
                         if w)
        value += float("0." + digits)
    if found["half"]:
        value += 0.5
    if found["wscale"]:
        value *= _SCALE[found["wscale"].lower()]
    return value


# ---------------------------------------------------------------- what the extractor read

def mention_figures(mention) -> list:
    if isinstance(mention, DateMention):
        if mention.granularity == "time":
            return [("time", mention.value)]
        return [("date", mention.value)]
    if mention.tally is not None:
        return [("tally", *mention.tally)]
    figures = []
    if mention.value is not None:
        figures.append(("number", mention.value))
    if mention.low is not None and mention.high is not None and mention.value is None:
        figures.append(("range", mention.low, mention.high))
    return figures


def _same(expected: tuple, read: tuple, published=None) -> bool:
    """Whether the extractor's figure states the key's. A date read more precisely than the key writes it
    counts ("in the summer of 2022" for the key "2022": the extractor's span holds the key's value)."""
    if expected[0] == "weekday":
        if read[0] != "date" or read[1] is None or len(read[1]) != 10 or published is None:
            return False
        day = dt.date.fromisoformat(read[1])
        return day.weekday() == expected[1] and abs((day - published).days) <= 6
    if expected[0] == "date" == read[0] and read[1] and read[1].startswith(expected[1] + "-"):
        return True
    if expected[0] != read[0] or len(expected) != len(read):
        return False
    return all(a == b if isinstance(a, str) else abs(a - b) <= 1e-9 * max(1.0, abs(a))
               for a, b in zip(expected[1:], read[1:]))


# ---------------------------------------------------------------- measuring

def measure_event(event_dir: Path) -> list[Side]:
    documents, gold = load_event(event_dir)
    by_id = {d.id: d for d in documents}
    sentences = [s for d in documents for s in segment(d)]
    mentions: dict[str, list] = {}
    for item in extract(documents, sentences):
        mentions.setdefault(item.sentence.doc, []).append(item)
    sides: dict[tuple, Side] = {}
    for pair_list in PAIR_LISTS:
        for pair in gold.get(pair_list, []):
            for key in ("a", "b"):
                side = pair[key]
                ident = (side["doc"], side["quote"], side["value"])
                if ident not in sides:
                    sides[ident] = _check(event_dir.name, pair["kind"], side, by_id, mentions)
    return list(sides.values())


def _check(event: str, kind: str, side: dict, documents, mentions) -> Side:
    result = Side(event, side["doc"], side["quote"], side["value"], kind)
    doc = documents.get(side["doc"])
    if doc is None:
        result.questionable = "document not in docs/"
        return result
    quote_at = doc.text.find(side["quote"])
    value_at = side["quote"].lower().find(side["value"].lower())
    if quote_at < 0 or value_at < 0:
        result.questionable = "quote not in the document" if quote_at < 0 else "value not in its quote"
        return result
    start = quote_at + value_at
    end = start + len(side["value"])
    result.expected, result.questionable = key_figures(side["value"], kind, doc.published,
                                                       side["quote"][:value_at],
                                                       side["quote"][value_at + len(side["value"]):])
    items = [i for i in mentions.get(side["doc"], []) if i.sentence.start <= start < i.sentence.end]
    if not items:
        # Left out of the body (a caption, a header, a table the filter took for boilerplate): the extractor is
        # still measured, on the sentences of the line that holds the value.
        result.in_body = False
        line_start = doc.text.rfind("\n", 0, start) + 1
        line_end = doc.text.find("\n", end)
        line_end = len(doc.text) if line_end < 0 else line_end
        items = [extract_sentence(Sentence(doc.id, -1, a, b, doc.text[a:b]), doc.published)
                 for a, b in split_sentences(doc.text, line_start, line_end) if a <= start < b]
    over = [m for i in items for m in (*i.quantities, *i.dates) if m.start < end and start < m.end]
    result.found = [f"{m.surface!r}={mention_figures(m)}" for m in over]
    if result.expected:
        read = [f for m in over for f in mention_figures(m)]
        result.covered = all(any(_same(e, r, doc.published) for r in read) for e in result.expected)
    return result


def measure(bench_dir: str | Path) -> list[Side]:
    root = Path(bench_dir)
    events = sorted(p for p in root.iterdir() if (p / "gold.json").is_file() and (p / "docs").is_dir())
    return [side for event in events for side in measure_event(event)]


def checkable(side: Side) -> bool:
    """A side is measured when its key value states figures; a note on the key ("a year keyed as a number")
    does not keep its figure out of the measure."""
    return bool(side.expected)


def coverage(sides: list[Side]) -> float:
    checkable = [s for s in sides if s.expected]
    return sum(s.covered for s in checkable) / len(checkable) if checkable else 1.0


def report(sides: list[Side], misses: bool = True) -> str:
    events = sorted({s.event for s in sides})
    rows = ["| event | key values | checkable | covered | % | questionable | outside the body |",
            "|---|--:|--:|--:|--:|--:|--:|"]
    for event in events + ["**overall**"]:
        group = [s for s in sides if event == "**overall**" or s.event == event]
        checkable = [s for s in group if s.expected]
        covered = sum(s.covered for s in checkable)
        pct = 100 * covered / len(checkable) if checkable else 100.0
        rows.append(f"| {event} | {len(group)} | {len(checkable)} | {covered} | {pct:.1f} "
                    f"| {len(group) - len(checkable)} | {sum(not s.in_body for s in group)} |")
    lines = rows
    if misses:
        lines.append("\nMisses:")
        lines += [f"- {s.event} {s.doc} [{s.kind}] {s.value!r} expected {s.expected}; read {s.found or 'nothing'}"
                  f"{'' if s.in_body else ' (outside the body)'}"
                  f" -- in {s.quote[:110]!r}" for s in sides if s.expected and not s.covered]
        lines.append("\nKey values measured with a note on the key:")
        lines += [f"- {s.event} {s.doc} [{s.kind}] {s.value!r}: {s.questionable}; "
                  f"{'covered' if s.covered else 'missed'}" for s in sides if s.questionable and s.expected]
        lines.append("\nQuestionable key values (no figure to check, not counted):")
        lines += [f"- {s.event} {s.doc} [{s.kind}] {s.value!r}: {s.questionable}"
                  f"{'; read ' + ', '.join(s.found) if s.found else ''}" for s in sides
                  if s.questionable and not s.expected]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir")
    parser.add_argument("--no-misses", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    sides = measure(args.bench_dir)
    sys.stdout.write(report(sides, misses=not args.no_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
