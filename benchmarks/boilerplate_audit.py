"""Audit the boilerplate filter: how many page lines reach the claim stage, and which of them look like boilerplate.

    python benchmarks/boilerplate_audit.py [CORPUS_DIR ...] [--all]

Without arguments it reads every event of the dev benchmark (/work/shared/bench/*/docs) and the seed articles
(seeds/). Per corpus it prints the kept and dropped line counts (dropped lines by reason), then lists the kept
lines that look like boilerplate, for a person to review: short lines with no verb-like word, short lines that do
not end like a sentence, lines with widget vocabulary, paragraphs cut off mid-sentence. Kept lines with a digit are marked `#`: they reach the claim
stage as numbers or dates. The heuristics are deliberately looser than the filter itself: false alarms are cheap
here, a missed menu line that becomes a claim is not. `--all` also lists every dropped line with its reason.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

from verify.boilerplate import Line, is_prose
from verify.ingest import classified_lines, read_corpus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = sorted(Path("/work/shared/bench").glob("*/docs")) + [REPO / "seeds"]

# A crude verb test: auxiliaries, reporting verbs, and inflected forms. A sentence almost always has one;
# a menu entry, a caption label or a list of tags almost never does.
_VERB_LIKE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|could|may|might|must|shall"
    r"|should|said|says|say|told|tells|added|noted|reported|according|\w{3,}(?:ed|ing|es))\b", re.I)
_WIDGET_HINT = re.compile(
    r"\b(?:share|tweet|comment|comments|advert\w*|subscribe\w*|newsletter|menu|search|login|sign|cookie\w*|privacy"
    r"|terms|contact|tags?|topics?|category|categories|related|trending|popular|photo|video|watch|listen|podcast"
    r"|download|app|follow|donate|support us|read more|more from)\b", re.I)
_SHORT_WORDS = 8


def suspicion(line: Line, is_title: bool) -> str | None:
    """Why a kept line looks like boilerplate, or None when it reads as article prose."""
    words = line.text.split()
    if is_title:
        return None
    if _WIDGET_HINT.search(line.text) and len(words) <= 12 and not is_prose(line.text):
        return "widget word"
    if not _VERB_LIKE.search(line.text) and len(words) <= 20:
        return "no verb-like word"
    if len(words) <= _SHORT_WORDS and not is_prose(line.text):
        return "short, not a sentence"
    if len(words) > _SHORT_WORDS and line.text[-1].isalnum() and is_prose(line.text):
        return "ends mid-sentence: cut off?"
    return None


def audit(folder: Path, show_dropped: bool) -> Counter[str]:
    corpus = read_corpus([folder])
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    report: list[str] = []
    for doc in corpus.documents:
        lines = classified_lines(doc)
        first_kept = next((line for line in lines if line.kept), None)
        for line in lines:
            where = f"{doc.id}:{doc.text.count(chr(10), 0, line.start) + 1}"
            totals["kept" if line.kept else "dropped"] += 1
            if not line.kept:
                reasons[line.reason] += 1
                if show_dropped:
                    report.append(f"  - {where} [{line.reason}] {line.text[:100]}")
                continue
            has_digit = any(ch.isdigit() for ch in line.text)
            totals["kept with a digit"] += has_digit
            why = suspicion(line, is_title=line is first_kept and line.text == doc.title)
            if why:
                totals["suspect"] += 1
                totals["suspect with a digit"] += has_digit
                mark = "#" if has_digit else " "
                report.append(f"  {mark} {where} ({why}) {line.text[:120]}")
    print(f"## {folder}")
    print(f"{len(corpus.documents)} documents, {totals['kept'] + totals['dropped']} lines: "
          f"{totals['kept']} kept ({totals['kept with a digit']} with a digit), {totals['dropped']} dropped")
    print("dropped by reason: " + ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()))
    print(f"kept lines that look like boilerplate: {totals['suspect']} ({totals['suspect with a digit']} with a digit)")
    print("\n".join(report))
    print()
    return totals


def _distinct(folders: list[Path]) -> list[Path]:
    """The folders minus those holding the same files as one before (the bench's seed event is seeds/ again)."""
    seen: set[str] = set()
    distinct = []
    for folder in folders:
        digest = hashlib.sha256()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        if digest.hexdigest() not in seen:
            seen.add(digest.hexdigest())
            distinct.append(folder)
    return distinct


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="folders of articles (default: the dev bench and seeds)")
    parser.add_argument("--all", action="store_true", help="also list every dropped line with its reason")
    args = parser.parse_args(argv)
    corpora = args.corpora or _distinct([path for path in DEFAULT_CORPORA if path.is_dir()])
    if not corpora:
        print("no corpus found; pass folders of articles", file=sys.stderr)
        return 1
    grand: Counter[str] = Counter()
    for folder in corpora:
        grand.update(audit(folder, args.all))
    print(f"## all corpora: {grand['kept']} kept ({grand['kept with a digit']} with a digit), "
          f"{grand['dropped']} dropped, {grand['suspect']} suspect ({grand['suspect with a digit']} with a digit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
