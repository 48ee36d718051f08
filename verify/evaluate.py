"""`verify eval`: conflict precision and recall against hand-made answer keys (../shared/bench/FORMAT.md).

A finding matches a gold pair when it links the same two documents and, on each side, its claim either
covers the gold value inside the gold quote, or states the same value as that quote elsewhere in the
document (a toll repeated in the lead and the body is the same claim).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .claims import Claim
from .compare import Finding, display_value
from .dates import find_dates
from .embed import Embedder
from .errors import InputError
from .ingest import Document, read_corpus
from .pipeline import Result, check_documents
from .quantities import find_quantities


@dataclass
class EventScore:
    event: str
    conflicts_found: int
    true_conflicts: int          # findings that match a gold conflict
    gold_conflicts: int
    gold_found: int              # gold conflicts matched by at least one finding
    traps: int
    traps_flagged: int
    agreements_found: int        # agreement findings
    gold_agreements: int
    gold_agreements_found: int
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    flagged_traps: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.true_conflicts / self.conflicts_found if self.conflicts_found else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold_conflicts if self.gold_conflicts else None


def _gold_value(side: dict, doc: Document):
    """The gold value as our extractor reads it inside the quote, with its document span."""
    text = doc.text
    quote_at = text.find(side["quote"])
    if quote_at < 0:
        raise InputError(f"gold quote not found in {doc.id}: {side['quote']!r}")
    value_at = side["quote"].lower().find(side["value"].lower())
    if value_at < 0:
        span = (quote_at, quote_at + len(side["quote"]))
    else:
        span = (quote_at + value_at, quote_at + value_at + len(side["value"]))
    mentions = list(find_quantities(side["quote"])) + list(find_dates(side["quote"], doc.published))
    values = set()
    for m in mentions:
        start, end = m.start + quote_at, m.end + quote_at
        if start < span[1] and span[0] < end:
            values.add(_mention_value(m))
    return span, values


def _mention_value(mention):
    """The figure stated, whatever its qualifier: "at least 31" and "31" state the same figure."""
    if hasattr(mention, "granularity"):
        return ("date", mention.first, mention.last)
    return ("number", mention.value, mention.tally, mention.unit)


def _side_matches(claim: Claim, side: dict, gold: dict) -> bool:
    if claim.doc != side["doc"]:
        return False
    span, values = gold[id(side)]
    if claim.mention.start < span[1] and span[0] < claim.mention.end:
        return True
    return _mention_value(claim.mention) in values


def _pair_matches(finding: Finding, pair: dict, gold: dict) -> bool:
    if finding.kind != pair["kind"]:
        return False
    a, b = finding.claims
    return ((_side_matches(a, pair["a"], gold) and _side_matches(b, pair["b"], gold))
            or (_side_matches(a, pair["b"], gold) and _side_matches(b, pair["a"], gold)))


def _describe(finding: Finding) -> str:
    a, b = finding.claims
    return f"{a.doc} {a.surface!r} ({display_value(a)}) vs {b.doc} {b.surface!r} ({display_value(b)}): {finding.what}"


def _describe_pair(pair: dict) -> str:
    return f"{pair['a']['doc']} {pair['a']['value']!r} vs {pair['b']['doc']} {pair['b']['value']!r}: {pair['what']}"


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


def score_event(name: str, result: Result, gold: dict) -> EventScore:
    docs = {d.id: d for d in result.documents}
    pairs = {key: gold.get(key, []) for key in ("conflicts", "agreements", "traps")}
    located = {id(side): _gold_value(side, docs[side["doc"]])
               for plist in pairs.values() for pair in plist for side in (pair["a"], pair["b"])}
    findings = result.comparison.findings
    conflicts = [f for f in findings if f.type == "conflict"]
    agreements = [f for f in findings if f.type == "agreement"]
    true = [f for f in conflicts if any(_pair_matches(f, p, located) for p in pairs["conflicts"])]
    found = [p for p in pairs["conflicts"] if any(_pair_matches(f, p, located) for f in conflicts)]
    flagged = [p for p in pairs["traps"] if any(_pair_matches(f, p, located) for f in conflicts)]
    agreed = [p for p in pairs["agreements"] if any(_pair_matches(f, p, located) for f in agreements)]
    return EventScore(
        event=name, conflicts_found=len(conflicts), true_conflicts=len(true),
        gold_conflicts=len(pairs["conflicts"]), gold_found=len(found),
        traps=len(pairs["traps"]), traps_flagged=len(flagged),
        agreements_found=len(agreements), gold_agreements=len(pairs["agreements"]), gold_agreements_found=len(agreed),
        false_positives=[_describe(f) for f in conflicts if f not in true],
        missed=[_describe_pair(p) for p in pairs["conflicts"] if p not in found],
        flagged_traps=[_describe_pair(p) for p in flagged],
    )


def evaluate_bench(bench_dir: str, model: str | None = None, embedder: Embedder | None = None) -> list[EventScore]:
    root = Path(bench_dir)
    events = sorted(p for p in root.iterdir() if (p / "gold.json").is_file() and (p / "docs").is_dir())
    if not events:
        raise InputError(f"{bench_dir}: no event folders with gold.json and docs/")
    embedder = embedder or Embedder(model)
    scores = []
    for event_dir in events:
        documents, gold = load_event(event_dir)
        scores.append(score_event(event_dir.name, check_documents(documents, embedder), gold))
    return scores


def _ratio(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def format_table(scores: list[EventScore], details: bool = False) -> str:
    rows = ["| event | conflicts found | correct | precision | gold conflicts | recall | traps flagged "
            "| agreements found | gold agreements found |",
            "|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        rows.append(f"| {s.event} | {s.conflicts_found} | {s.true_conflicts} | {_ratio(s.precision)} "
                    f"| {s.gold_conflicts} | {_ratio(s.recall)} | {s.traps_flagged}/{s.traps} "
                    f"| {s.agreements_found} | {s.gold_agreements_found}/{s.gold_agreements} |")
    found = sum(s.conflicts_found for s in scores)
    true = sum(s.true_conflicts for s in scores)
    gold = sum(s.gold_conflicts for s in scores)
    hit = sum(s.gold_found for s in scores)
    rows.append(f"| **overall** | {found} | {true} | {_ratio(true / found if found else None)} | {gold} "
                f"| {_ratio(hit / gold if gold else None)} | {sum(s.traps_flagged for s in scores)}/"
                f"{sum(s.traps for s in scores)} | {sum(s.agreements_found for s in scores)} "
                f"| {sum(s.gold_agreements_found for s in scores)}/{sum(s.gold_agreements for s in scores)} |")
    if details:
        for s in scores:
            for label, items in (("false positive", s.false_positives), ("missed", s.missed),
                                 ("trap flagged", s.flagged_traps)):
                rows += [f"- {s.event}: {label}: {item}" for item in items]
    return "\n".join(rows) + "\n"
