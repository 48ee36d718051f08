"""Numbers written as words: "three", "twenty-five", "a hundred", "two dozen", "one-hundred".

The regex finds candidate phrases; text2num turns them into values (it validates word order, so a phrase
such as "one and five" is cut back to "one"). text2num does not know "a hundred" or "dozen", which are
handled here.
"""
from __future__ import annotations

from text_to_num import text2num

ONES = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        "seventeen|eighteen|nineteen")
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALES = ("thousand", "million", "billion", "trillion")
_MAGNITUDE = "hundred|thousand|million|billion|trillion"
_UNIT = rf"(?:(?:{TENS})(?:[\s-](?:{ONES}))?|{ONES})"
_LEAD = rf"(?:(?:a|an)(?=[\s-]+(?:{_MAGNITUDE}|dozen)\b)|{_UNIT})"
# A phrase of number words; "a"/"an" only before a magnitude or "dozen" ("a hundred", not "a child").
# PHRASE_BODY may run into a suffix ("tenfold"); PHRASE must end the word.
PHRASE_BODY = rf"(?:{_LEAD}(?:[\s-]+(?:and[\s-]+)?(?:{_MAGNITUDE}|{_UNIT}))*(?:[\s-]+dozen)?)"
PHRASE = rf"{PHRASE_BODY}(?!\w)"
# Digits read aloud after "point": "one point six" is 1.6.
DIGIT_VALUES = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                              "nine"))} | {"oh": 0}
DIGIT_WORD = "|".join(DIGIT_VALUES)
WORDS = frozenset(ONES.split("|") + TENS.split("|") + list(MAGNITUDES) + ["dozen"])


def parse(phrase: str) -> tuple[float, float, str | None, int] | None:
    """(value, step, scale word, characters consumed) for the longest valid prefix of `phrase`.

    step is the place value of the last word ("three hundred" -> 100, "two dozen" -> 12, "twenty-five" -> 1).
    """
    tokens = phrase.replace("-", " ").split()
    for count in range(len(tokens), 0, -1):
        words = [t.lower() for t in tokens[:count]]
        if words[-1] == "and":
            continue
        parsed = _value(words)
        if parsed is not None:
            value, step, scale = parsed
            return value, step, scale, _consumed(phrase, count)
    return None


def _value(words: list[str]) -> tuple[float, float, str | None] | None:
    if words[-1] == "dozen":
        multiple = 1.0 if words[:-1] in ([], ["a"], ["an"]) else _plain(words[:-1])
        return None if multiple is None else (multiple * 12, 12.0, None)
    if words[0] in ("a", "an"):
        words = ["one"] + words[1:]
    value = _plain(words)
    if value is None:
        return None
    last = words[-1]
    return value, MAGNITUDES.get(last, 1.0), last if last in SCALES else None


def _plain(words: list[str]) -> float | None:
    if not words:
        return None
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _consumed(phrase: str, count: int) -> int:
    """Length of the prefix of `phrase` that holds its first `count` tokens (hyphens split tokens too)."""
    seen, i, in_token = 0, 0, False
    for i, ch in enumerate(phrase):
        separator = ch.isspace() or ch == "-"
        if not separator and not in_token:
            seen += 1
            if seen > count:
                while i and (phrase[i - 1].isspace() or phrase[i - 1] == "-"):   # any space: "one\u2000"
                    i -= 1
                return i
        in_token = not separator
    return len(phrase)
