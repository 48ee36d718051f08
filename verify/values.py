"""What a stated value allows: intervals from approximation and rounding, and how two values relate.

Shared by the match stage (value features) and the compare stage (verdicts). The rounding convention is that of
the answer keys (../shared/bench/FORMAT.md): a figure without a hedge word stands for the values that round to
it at its last written digit; when the less precise figure is the more precise one rounded, the pair is a
rounding, neither a conflict nor a plain agreement.
"""
from __future__ import annotations

import math
import re

from .dates import DateMention
from .quantities import Quantity

# Tolerances for approximations, as fractions of the stated value. A hedge word replaces the rounding of the
# figure it qualifies: "nearly 200,000" allows 180,000 to 200,000, not also the 50,000 either side that a bare
# "200,000" would round from. Both constants were read off the answer keys: of the 177 hedged pairs the dev keys
# judge (agreements and conflicts), these settings misjudge 10, against 17 with 10 % either way and the rounding
# added; chosen leave-one-event-out from a grid, the settings were the same in 21 of 22 folds (11 misjudged).
APPROX_SPREAD = 0.05        # "about", "roughly", "approximately": +/- 5 % ("about 8%" is not 7 %)
NEAR_SPREAD = 0.1           # "nearly", "almost": up to 10 % below; "more than", "over": up to 10 % above

# Qualifiers as the extractor normalises them: closed classes of English comparison words.
LOWER = {"more than", "over", "at least", "above", "exceeding", "in excess of", "upwards of", "no fewer than"}
UPPER = {"up to", "less than", "under", "fewer than", "as many as", "no more than", "at most", "below"}
# Of those, the bounds that state a count so far or a ceiling ("at least 25 killed", "up to 500 jobs"): a later
# "31" is an updated toll. The others round a figure down or up to a round one ("more than 70 percent" for
# 72 %, "over $11 billion" for $11.2 billion, "less than two points" for 1.8): compatible within NEAR_SPREAD.
TIGHT = {"at least", "no fewer than", "up to", "as many as", "no more than", "at most"}
NEAR = {"nearly", "almost", "just under", "close to", "nearly a", "almost a", "nears", "approaching"}
_VAGUE = re.compile(r"dozens?|hundreds|thousands|millions|billions|several|a few|scores|many", re.IGNORECASE)


def rounding_step(q: Quantity) -> float:
    """The precision a figure stands for, by the key's convention: its last written digit, except that trailing
    zeros of an integer count as rounded with a scale word ("190 million": tens of millions) or when there are
    two or more ("1,500": hundreds); "120" is exact."""
    step = q.step or 1.0
    if q.value is None or q.value == 0:
        return step
    mantissa = round(abs(q.value) / step)
    if abs(mantissa * step - abs(q.value)) > 1e-6 * max(1.0, abs(q.value)) or mantissa == 0:
        return step
    zeros = len(str(mantissa)) - len(str(mantissa).rstrip("0"))
    if zeros and (q.scale or zeros >= 2):
        step *= 10 ** zeros
    return step


def interval(q: Quantity) -> tuple[float, float]:
    """The values a stated quantity allows, given its approximation and the precision it was written with."""
    if q.value is None:
        low = q.low if q.low is not None else -math.inf
        high = q.high if q.high is not None else math.inf
        return (low, high)
    v = q.value
    half = rounding_step(q) / 2
    approx = (q.approx or "").lower()
    if approx in LOWER or approx in UPPER:
        # Only vague words ("more than a dozen") leave the bound open.
        if _VAGUE.search(q.surface):
            return (v, math.inf) if approx in LOWER else (-math.inf, v)
        if approx not in TIGHT:
            return (v, v * (1 + NEAR_SPREAD)) if approx in LOWER else (v * (1 - NEAR_SPREAD), v)
        return (v, v + half) if approx in LOWER else (v - half, v)
    if approx in NEAR:
        return (v * (1 - NEAR_SPREAD), v)
    if approx:
        return (v * (1 - APPROX_SPREAD), v * (1 + APPROX_SPREAD))
    return (v - half, v + half)


def relation(a: Quantity | DateMention, b: Quantity | DateMention) -> str:
    """How two values of one quantity relate: "equal", "rounding", "compatible" or "different"."""
    if isinstance(a, DateMention) and a.granularity == "time" or isinstance(b, DateMention) and b.granularity == "time":
        return _time_relation(a, b)
    if isinstance(a, DateMention) or isinstance(b, DateMention):
        (a0, a1), (b0, b1) = (a.first, a.last), (b.first, b.last)
        if (a0, a1) == (b0, b1):
            return "equal"
        overlap = (a1 is None or b0 is None or b0 <= a1) and (b1 is None or a0 is None or a0 <= b1)
        return "compatible" if overlap else "different"
    if a.tally is not None or b.tally is not None:
        return "equal" if a.tally == b.tally else "different"
    if (a.value, a.low, a.high) == (b.value, b.low, b.high):
        return "equal"
    (a0, a1), (b0, b1) = interval(a), interval(b)
    # Strict: "$60 billion" allows [59.5, 60.5) and "$61 billion" [60.5, 61.5); touching is not agreeing.
    if not (b0 < a1 and a0 < b1):
        return "different"
    sa, sb = rounding_step(a), rounding_step(b)
    if not a.approx and not b.approx and a.value is not None and b.value is not None and sa != sb:
        (coarse, step), fine = ((a, sa), b) if sa > sb else ((b, sb), a)
        if abs(fine.value - coarse.value) <= step / 2 + 1e-9 * max(1.0, abs(coarse.value)):
            return "rounding"
    return "compatible"


# Minutes either side that a hedged time ("around 9:03 a.m.", "about 2 p.m.") allows.
TIME_SPREAD_MINUTES = 10


def minutes(m: DateMention) -> int | None:
    """Minutes after midnight of a time of day ("16:30" -> 990)."""
    if not m.time:
        return None
    hours, mins = m.time.split(":")
    return int(hours) * 60 + int(mins)


def _time_relation(a, b) -> str:
    ta, tb = minutes(a) if isinstance(a, DateMention) else None, minutes(b) if isinstance(b, DateMention) else None
    if ta is None or tb is None:
        return "different"
    if ta == tb:
        return "equal"
    hedged = a.fuzzy in ("about", "around") or b.fuzzy in ("about", "around")
    return "compatible" if hedged and abs(ta - tb) <= TIME_SPREAD_MINUTES else "different"


def specificity(m: Quantity | DateMention) -> float:
    """0 for a round figure ("two", "100"), 1 for a specific one ("311-112", "476", "60.84 billion", a day)."""
    if isinstance(m, DateMention):
        return 1.0 if m.granularity in ("day", "time") else 0.0
    if m.tally is not None:
        return 1.0
    if m.value is None or m.step is None or m.step <= 0:
        return 0.0
    digits = len(str(int(round(abs(m.value) / m.step))).rstrip("0"))
    return min(1.0, max(0.0, (digits - 1) / 2))


def display_value(m: Quantity | DateMention) -> str:
    """The normalised value as text: '1500', '14100000000', '311-112', '2026-02-25', '2025-11-18/2025-11-19'."""
    if isinstance(m, DateMention):
        if m.range_start and m.range_end:
            return f"{m.range_start}/{m.range_end}"
        return m.value or ""
    if m.tally is not None:
        return f"{m.tally[0]}-{m.tally[1]}"
    if m.value is not None:
        return _number(m.value)
    return f"{_number(m.low) if m.low is not None else ''}..{_number(m.high) if m.high is not None else ''}"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"
