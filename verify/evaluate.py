"""`verify eval`: conflict precision and recall against hand-made answer keys (../shared/bench/FORMAT.md).

A finding matches a gold pair when it links the same two documents and, on each side, its claim either
covers the gold value inside the gold quote, or states the same value as that quote elsewhere in the
document (a toll repeated in the lead and the body is the same claim).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .compare import Finding, display_value
from .embed import Embedder
from .keys import GoldPair, event_dirs, gold_pairs, load_event, pair_matches
from .match import Matcher

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


def _describe(finding: Finding) -> str:
    a, b = finding.claims
    return f"{a.doc} {a.surface!r} ({display_value(a)}) vs {b.doc} {b.surface!r} ({display_value(b)}): {finding.what}"


def _describe_pair(pair: GoldPair) -> str:
    raw = pair.raw
    return f"{raw['a']['doc']} {raw['a']['value']!r} vs {raw['b']['doc']} {raw['b']['value']!r}: {raw['what']}"


def _pair_matches(finding: Finding, pair: GoldPair) -> bool:
    return pair_matches(*finding.claims, pair)


def score_event(name: str, findings: list[Finding], pairs: list[GoldPair]) -> EventScore:
    by = {c: [p for p in pairs if p.category == c] for c in ("conflicts", "agreements", "traps", "rounding")}
    # A gold rounding pair is not scored either way: a conflict finding on one is neither right nor wrong.
    conflicts = [f for f in findings if f.type == "conflict"
                 and not (any(_pair_matches(f, p) for p in by["rounding"])
                          and not any(_pair_matches(f, p) for p in by["conflicts"]))]
    # The keys list some roundings ("$60.84 billion rounds to $61 billion") as agreements: either verdict finds them.
    agreements = [f for f in findings if f.type in ("agreement", "rounding")]
    true = [f for f in conflicts if any(_pair_matches(f, p) for p in by["conflicts"])]
    found = [p for p in by["conflicts"] if any(_pair_matches(f, p) for f in conflicts)]
    flagged = [p for p in by["traps"] if any(_pair_matches(f, p) for f in conflicts)]
    agreed = [p for p in by["agreements"] if any(_pair_matches(f, p) for f in agreements)]
    return EventScore(
        event=name, conflicts_found=len(conflicts), true_conflicts=len(true),
        gold_conflicts=len(by["conflicts"]), gold_found=len(found),
        traps=len(by["traps"]), traps_flagged=len(flagged),
        agreements_found=len(agreements), gold_agreements=len(by["agreements"]), gold_agreements_found=len(agreed),
        false_positives=[_describe(f) for f in conflicts if f not in true],
        missed=[_describe_pair(p) for p in by["conflicts"] if p not in found],
        flagged_traps=[_describe_pair(p) for p in flagged],
    )


def evaluate_bench(bench_dir: str, model: str | None = None, embedder: Embedder | None = None,
                   matcher: Matcher | None = None) -> list[EventScore]:
    """In-sample figures with one matcher (the shipped one by default) on every event of `bench_dir`."""
    from .pipeline import check_documents

    embedder = embedder or Embedder(model)
    matcher = matcher or Matcher.load()
    scores = []
    for event_dir in event_dirs(bench_dir):
        documents, gold = load_event(event_dir)
        result = check_documents(documents, embedder, matcher=matcher)
        scores.append(score_event(event_dir.name, result.comparison.findings, gold_pairs(gold, result.documents)))
    return scores


def cross_validate(bench_dir: str, model: str | None = None, embedder: Embedder | None = None,
                   C: float = 1.0) -> list[EventScore]:
    """Leave-one-event-out: each event is scored by a matcher fitted on all the other events."""
    from .pipeline import judge
    from .train import fit, load_events

    events = load_events([bench_dir], embedder or Embedder(model))
    scores = []
    for k, event in enumerate(events):
        matcher = fit(events[:k] + events[k + 1:], C=C)
        comparison = judge(event.prepared, matcher)
        scores.append(score_event(event.name, comparison.findings, event.pairs))
    return scores


def domain(event: str) -> str:
    """An event folder's domain: its name up to the first hyphen ("crash-jeju-air-2216-2024" -> "crash")."""
    return event.split("-", 1)[0]


def _ratio(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _row(label: str, scores: list[EventScore]) -> str:
    found = sum(s.conflicts_found for s in scores)
    true = sum(s.true_conflicts for s in scores)
    gold = sum(s.gold_conflicts for s in scores)
    hit = sum(s.gold_found for s in scores)
    return (f"| {label} | {found} | {true} | {_ratio(true / found if found else None)} | {gold} "
            f"| {_ratio(hit / gold if gold else None)} | {sum(s.traps_flagged for s in scores)}/"
            f"{sum(s.traps for s in scores)} | {sum(s.agreements_found for s in scores)} "
            f"| {sum(s.gold_agreements_found for s in scores)}/{sum(s.gold_agreements for s in scores)} |")


def format_table(scores: list[EventScore], details: bool = False, domains: bool = False) -> str:
    header = ["| {} | conflicts found | correct | precision | gold conflicts | recall | traps flagged "
              "| agreements found | gold agreements found |", "|---|---|---|---|---|---|---|---|---|"]
    rows = [header[0].format("event"), header[1]]
    rows += [_row(s.event, [s]) for s in scores]
    rows.append(_row("**overall**", scores))
    if domains:
        by_domain: dict[str, list[EventScore]] = {}
        for s in scores:
            by_domain.setdefault(domain(s.event), []).append(s)
        rows += ["", header[0].format("domain"), header[1]]
        rows += [_row(name, group) for name, group in sorted(by_domain.items())]
    if details:
        for s in scores:
            for label, items in (("false positive", s.false_positives), ("missed", s.missed),
                                 ("trap flagged", s.flagged_traps)):
                rows += [f"- {s.event}: {label}: {item}" for item in items]
    return "\n".join(rows) + "\n"
