"""The markdown report a person reviews: what was checked, conflicts first, then what agrees, then what rests on one source."""
from __future__ import annotations

from .claims import Claim
from .compare import Finding, display_value
from .escape import escape
from .ingest import Document
from .pipeline import Result

def _highlighted(claim: Claim) -> str:
    """The sentence with the value in bold; offsets come from the document, never re-typed."""
    s = claim.sentence
    a, b = claim.mention.start - s.start, claim.mention.end - s.start
    before, value, after = escape(s.text[:a]), escape(s.text[a:b]), escape(s.text[b:])
    # Spaces around the bold value keep CommonMark's flanking rules satisfied whatever the neighbours are.
    return " ".join(part for part in (before, f"**{value}**", after) if part)


def location(doc: Document, offset: int) -> str:
    """Where a reader finds the evidence: file and line for files, the JSONL record otherwise."""
    if doc.origin and ":" in doc.origin and doc.origin.rsplit(":", 1)[1].isdigit():
        return f"{doc.origin}, offset {offset}"
    line = doc.text.count("\n", 0, offset) + 1
    return f"{doc.origin or doc.id}:{line}"


def _source_line(claim: Claim, docs: dict[str, Document]) -> str:
    doc = docs[claim.doc]
    date = doc.published.isoformat() if doc.published else "date unknown"
    where = escape(location(doc, claim.sentence.start))
    return f"**{escape(doc.outlet)}** ({date}, `{where}`)"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(result: Result, title: str = "Cross-check report") -> str:
    docs = {d.id: d for d in result.documents}
    comparison = result.comparison
    conflicts = [f for f in comparison.findings if f.type == "conflict"]
    agreements = [f for f in comparison.findings if f.type == "agreement"]
    single = comparison.single_source()
    out: list[str] = [f"# {escape(title)}", ""]

    shared = [g for g in result.groups if len(g.docs) > 1]
    out += [
        f"{len(result.documents)} sources, {len(result.sentences)} sentences, {len(result.claims)} numbers and dates.",
        "",
        f"- **{len(conflicts)} conflicts**: the same quantity or date with incompatible values",
        f"- **{len({f.group for f in agreements})} corroborated claims** ({len(agreements)} agreeing pairs)",
        f"- **{len(single)} single-source claims** with a number or date",
        f"- {len(shared)} statements told by more than one source",
        "",
    ]
    if len(result.documents) < 2:
        out += ["Only one source was given: nothing can be cross-checked.", ""]

    out += ["## Sources", ""]
    sentences_per_doc: dict[str, int] = {}
    for s in result.sentences:
        sentences_per_doc[s.doc] = sentences_per_doc.get(s.doc, 0) + 1
    claims_per_doc: dict[str, int] = {}
    for c in result.claims:
        claims_per_doc[c.doc] = claims_per_doc.get(c.doc, 0) + 1
    rows = [[escape(d.id), escape(d.outlet), d.published.isoformat() if d.published else "unknown",
             escape(d.title or ""), str(sentences_per_doc.get(d.id, 0)), str(claims_per_doc.get(d.id, 0))]
            for d in result.documents]
    out += _table(["document", "outlet", "published", "title", "sentences", "claims"], rows) + [""]
    if result.skipped:
        out += ["Skipped (not an article file): " + ", ".join(f"`{escape(p)}`" for p in result.skipped), ""]

    out += ["## Conflicts", ""]
    if not conflicts:
        out += ["No conflicting values were found.", ""]
    for n, finding in enumerate(conflicts, 1):
        out += _finding_block(n, finding, docs)

    out += ["## Corroborated claims", ""]
    if not agreements:
        out += ["No value is stated by two sources in agreement.", ""]
    by_group: dict[str, list[Finding]] = {}
    for finding in agreements:
        by_group.setdefault(finding.group, []).append(finding)
    for group_id, findings in by_group.items():
        first = findings[0].claims[0]
        outlets = sorted({docs[c.doc].outlet for f in findings for c in f.claims})
        out += [f"- **{escape(first.surface)}** ({escape(findings[0].what)}), "
                f"told by {len(outlets)} sources: {escape(', '.join(outlets))}", "",
                "  <details><summary>wordings</summary>", ""]
        seen: set[int] = set()
        for f in findings:
            for c in f.claims:
                if c.id not in seen:
                    seen.add(c.id)
                    out += [f"  - {_source_line(c, docs)}: {_highlighted(c)}"]
        out += ["", "  </details>", ""]

    out += ["## Single-source claims", ""]
    if not single:
        out += ["Every number and date was matched with another source.", ""]
    by_doc: dict[str, list] = {}
    for slot in single:
        by_doc.setdefault(slot.doc, []).append(slot)
    for doc_id, slots in by_doc.items():
        doc = docs[doc_id]
        out += [f"### {escape(doc.outlet)} (`{escape(doc.id)}`)", ""]
        for slot in slots:
            c = slot.claim
            out += [f"- {_highlighted(c)} — `{escape(location(doc, c.sentence.start))}`"]
        out += [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _finding_block(n: int, finding: Finding, docs: dict[str, Document]) -> list[str]:
    a, b = finding.claims
    lines = [f"### {n}. {escape(finding.what)}: {escape(display_value(a))} vs {escape(display_value(b))}", "",
             f"{escape(finding.explanation)} (score {finding.score:.2f})", ""]
    for claim, also in zip(finding.claims, finding.also):
        lines += [f"- {_source_line(claim, docs)}: {_highlighted(claim)}"]
        if also:
            others = ", ".join(f"'{escape(c.surface)}'" for c in also)
            lines += [f"  - the same source also gives {others}"]
    return lines + [""]
