"""Answer keys (../shared/bench/FORMAT.md): events, their gold pairs, and which claims a gold pair names.

Shared by `verify eval` (scoring findings) and `verify train` (labelling candidate pairs). A claim matches a
side of a gold pair when it is in that side's document and either covers the gold value inside the gold quote
(strict), or states the same value as that quote elsewhere in the document (a toll repeated in the lead and the
body is the same claim).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .claims import Claim
from .dates import find_dates
from .errors import InputError
from .ingest import Document, read_corpus
from .quantities import find_quantities

POSITIVE = ("conflicts", "agreements", "rounding")   # same quantity
NEGATIVE = ("traps",)                                # look alike, different quantities


@dataclass(frozen=True)
class Side:
    doc: str
    span: tuple[int, int]      # the gold value inside the quote, document offsets
    values: frozenset          # the figure(s) the extractor reads there, as `figure()` gives them


@dataclass(frozen=True)
class GoldPair:
    category: str              # "conflicts", "agreements", "rounding", "traps"
    kind: str                  # "number" or "date"
    a: Side
    b: Side
    raw: dict


def figure(mention):
    """The figure stated, whatever its qualifier: "at least 31" and "31" state the same figure."""
    if hasattr(mention, "granularity"):
        return ("date", mention.first, mention.last, mention.time if mention.granularity == "time" else None)
    return ("number", mention.value, mention.tally, mention.unit)


def load_event(event_dir: Path) -> tuple[list[Document], dict]:
    """The event's documents, dated from gold.json's metadata where the file carries no date marker."""
    gold = json.loads((event_dir / "gold.json").read_text(encoding="utf-8"))
    documents = read_corpus([str(event_dir / "docs")]).documents
    dated = []
    for doc in documents:
        meta = gold.get("docs", {}).get(doc.id, {})
        if doc.published is None and meta.get("date"):
            doc = dataclasses.replace(doc, published=dt.date.fromisoformat(meta["date"]))
        if doc.url is None and meta.get("url"):
            doc = dataclasses.replace(doc, url=meta["url"])
        dated.append(doc)
    return dated, gold


def event_dirs(bench_dir: str | Path) -> list[Path]:
    root = Path(bench_dir)
    if not root.is_dir():
        raise InputError(f"{bench_dir}: no such folder")
    events = sorted(p for p in root.iterdir() if (p / "gold.json").is_file() and (p / "docs").is_dir())
    if not events:
        raise InputError(f"{bench_dir}: no event folders with gold.json and docs/")
    return events


def _locate(side: dict, doc: Document) -> Side:
    text = doc.text
    quote_at = text.find(side["quote"])
    if quote_at < 0:
        raise InputError(f"gold quote not found in {doc.id}: {side['quote']!r}")
    value_at = side["quote"].lower().find(str(side["value"]).lower())
    if value_at < 0:
        span = (quote_at, quote_at + len(side["quote"]))
    else:
        span = (quote_at + value_at, quote_at + value_at + len(str(side["value"])))
    mentions = list(find_quantities(side["quote"])) + list(find_dates(side["quote"], doc.published))
    values = set()
    for m in mentions:
        start, end = m.start + quote_at, m.end + quote_at
        if start < span[1] and span[0] < end:
            values.add(figure(m))
    return Side(side["doc"], span, frozenset(values))


def gold_pairs(gold: dict, documents: list[Document]) -> list[GoldPair]:
    docs = {d.id: d for d in documents}
    pairs = []
    for category in (*POSITIVE, *NEGATIVE):
        for pair in gold.get(category, []):
            for side in (pair["a"], pair["b"]):
                if side["doc"] not in docs:
                    raise InputError(f"gold pair names a document that is not in docs/: {side['doc']!r}")
            pairs.append(GoldPair(category, pair["kind"], _locate(pair["a"], docs[pair["a"]["doc"]]),
                                  _locate(pair["b"], docs[pair["b"]["doc"]]), pair))
    return pairs


def covers(claim: Claim, side: Side) -> bool:
    """Strict: the claim is the value the gold quote names."""
    return claim.doc == side.doc and claim.mention.start < side.span[1] and side.span[0] < claim.mention.end


def matches(claim: Claim, side: Side) -> bool:
    """Lenient: the claim is that value, or the same figure stated elsewhere in the same document."""
    return covers(claim, side) or (claim.doc == side.doc and figure(claim.mention) in side.values)


def pair_matches(a: Claim, b: Claim, pair: GoldPair, strict: bool = False) -> bool:
    if a.kind != pair.kind:
        return False
    test = covers if strict else matches
    return (test(a, pair.a) and test(b, pair.b)) or (test(a, pair.b) and test(b, pair.a))
