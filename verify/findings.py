"""findings.jsonl: the machine-readable report, one JSON object a line (schema in README.md)."""
from __future__ import annotations

import io
from typing import Iterator

import jsonlines

from .claims import Claim
from .compare import Finding, display_value
from .group import shared_statements
from .pipeline import Result
from .report import group_label, source_pairs
from .segment import Sentence

SCHEMA_VERSION = 1


def claim_record(claim: Claim, outlets: dict[str, str]) -> dict:
    sentence = claim.sentence
    record = {
        "doc": claim.doc,
        "outlet": outlets[claim.doc],
        "published": claim.published.isoformat() if claim.published else None,
        "sentence": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "value": display_value(claim),
        "surface": claim.surface,
        "span": [claim.mention.start, claim.mention.end],
    }
    if claim.kind == "number":
        record["unit"] = claim.mention.unit
    else:
        record["granularity"] = claim.mention.granularity
    return record


def sentence_record(sentence: Sentence, outlets: dict[str, str]) -> dict:
    return {"doc": sentence.doc, "outlet": outlets[sentence.doc], "sentence": sentence.text, "start": sentence.start,
            "end": sentence.end}


def finding_record(finding: Finding, outlets: dict[str, str], what: str) -> dict:
    return {
        "type": finding.type,
        "kind": finding.kind,
        "group": finding.group,
        "what": what,
        "claims": [claim_record(c, outlets) for c in finding.claims],
        "score": finding.score,
        "explanation": finding.explanation,
        "newer": finding.newer,
    }


def records(result: Result) -> Iterator[dict]:
    outlets = {d.id: d.outlet for d in result.documents}
    comparison = result.comparison
    yield {
        "type": "run",
        "schema": SCHEMA_VERSION,
        "model": result.model,
        "documents": len(result.documents),
        "sentences": len(result.sentences),
        "claims": len(result.claims),
        "conflicts": sum(f.type == "conflict" for f in comparison.findings),
        "agreements": sum(f.type == "agreement" for f in comparison.findings),
        "skipped": result.skipped,
        "problems": result.problems,
    }
    claims_per_doc: dict[str, int] = {}
    for claim in result.claims:
        claims_per_doc[claim.doc] = claims_per_doc.get(claim.doc, 0) + 1
    sentences_per_doc: dict[str, int] = {}
    for sentence in result.sentences:
        sentences_per_doc[sentence.doc] = sentences_per_doc.get(sentence.doc, 0) + 1
    for doc in result.documents:
        yield {
            "type": "document", "id": doc.id, "outlet": doc.outlet, "title": doc.title, "url": doc.url,
            "author": doc.author, "published": doc.published.isoformat() if doc.published else None,
            "origin": doc.origin, "format": doc.source_format, "encoding": doc.encoding,
            "sentences": sentences_per_doc.get(doc.id, 0), "claims": claims_per_doc.get(doc.id, 0),
        }
    for copies in result.copies:
        yield {"type": "copies", "docs": list(copies.docs), "representative": copies.representative,
               "overlap": round(copies.overlap, 3)}
    what = {group.id: group_label(list(group.claims)) for group in comparison.value_groups}
    for finding in comparison.findings:
        yield finding_record(finding, outlets, what[finding.group])
    for group in comparison.value_groups:
        yield {"type": "group", "id": group.id, "what": what[group.id],
               "claims": [claim_record(c, outlets) for c in group.claims]}
    for slot in comparison.single_source():
        yield {"type": "single_source", "kind": slot.claim.kind, "claim": claim_record(slot.claim, outlets)}
    copy_of = {doc: c.representative for c in result.copies for doc in c.docs if doc != c.representative}
    statements = shared_statements(result.groups, result.claims, copy_of)
    for n, statement in enumerate(statements, 1):
        yield {"type": "statement", "id": f"s{n}", "docs": list(dict.fromkeys(s.doc for s in statement)),
               "sentences": [sentence_record(s, outlets) for s in statement]}
    for pair in source_pairs(result, statements):
        yield {"type": "source_pair", "docs": list(pair.docs), "statements": pair.statements,
               "agree": pair.agree, "conflict": pair.conflict}


def render_jsonl(result: Result) -> str:
    buffer = io.StringIO()
    with jsonlines.Writer(buffer, compact=True, sort_keys=False) as writer:
        writer.write_all(records(result))
    return buffer.getvalue()
