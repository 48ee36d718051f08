"""The extractor reads the answer keys' values: benchmarks/key_coverage.py over ../shared/bench must stay >= 98 %."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "key_coverage.py"


def _measure_module():
    """benchmarks/ is not a package: load the script by path (registered, as its dataclasses need)."""
    if "key_coverage" not in sys.modules:
        spec = importlib.util.spec_from_file_location("key_coverage", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["key_coverage"] = module
        spec.loader.exec_module(module)
    return sys.modules["key_coverage"]


@pytest.mark.skipif(not BENCH.is_dir(), reason=f"the dev benchmark is not at {BENCH}")
def test_answer_key_values_are_extracted():
    measure = _measure_module()
    sides = measure.measure(BENCH)
    checked = [s for s in sides if s.expected]
    assert len(checked) >= 900
    misses = [f"{s.event} {s.doc} {s.value!r}" for s in checked if not s.covered]
    assert measure.coverage(sides) >= 0.98, misses


@pytest.mark.parametrize("value, kind, figures", [
    ("about 190 million", "number", [("number", 190e6)]),
    ("$14.1 billion", "number", [("number", 14.1e9)]),
    ("£450million", "number", [("number", 450e6)]),
    ("$10m", "number", [("number", 10e6)]),
    ("11,000 m²", "number", [("number", 11000)]),
    ("311-112", "number", [("tally", 311, 112)]),
    ("between 500 and 700", "number", [("range", 500, 700)]),
    ("40 to 50 years", "number", [("range", 40, 50)]),
    ("six-and-a-half-year", "number", [("number", 6.5)]),
    ("one-point-six billion", "number", [("number", 1.6e9)]),
    ("TWENTY-ONE months", "number", [("number", 21)]),
    ("two pilots and 10 crew members", "number", [("number", 2), ("number", 10)]),
    ("9:07 AM", "date", [("time", "09:07")]),
    ("around 2 pm", "date", [("time", "14:00")]),
    ("Feb. 25", "date", [("date", "2026-02-25")]),
    ("October", "date", [("date", "2025-10")]),
    ("Wednesday", "date", [("weekday", 2)]),
])
def test_key_values_are_normalised_without_the_extractor(value, kind, figures):
    measure = _measure_module()
    found, note = measure.key_figures(value, kind, dt.date(2026, 2, 26))
    assert note is None
    assert len(found) == len(figures)
    for got, want in zip(found, figures):
        assert got[0] == want[0] and all(a == pytest.approx(b) for a, b in zip(got[1:], want[1:]))


@pytest.mark.parametrize("value, before", [("737-800", "a Boeing "), ("33", "would launch Ship "),
                                           ("sole survivor", ""), ("Wi-Fi 6E", "")])
def test_keys_without_a_quantity_are_set_aside(value, before):
    found, note = _measure_module().key_figures(value, "number", None, before)
    assert found == [] and note
