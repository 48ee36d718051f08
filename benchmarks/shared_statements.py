"""Precision of the report's "Shared statements": of the pairs of sentences it shows together, how many a reader
calls the same statement.

    python benchmarks/shared_statements.py                 # precision before and after, on the labelled sample
    python benchmarks/shared_statements.py --todo after    # the sampled pairs not labelled yet, to read and label

For every event of the dev benchmark (`../shared/bench/<event>/docs`, read at run time, never copied here) the
pipeline runs as `verify check` does. A shown pair is two sentences from different (independent) documents
listed in one shared statement. "before" is what the report showed up to the commit that added this script: every
sentence group of the group stage with two independent sources, the 30 most widely told per report. "after" is
what `verify.report.shown_statements` gives now. Each side samples `--sample` pairs uniformly (seeded) from all
its shown pairs over the events.

The labels (`shared_statement_labels.jsonl`, one pair a line, `"same": true | false`) were made by reading the two
sentences, never from the tool's output: same statement = a reader would say both sentences tell the same fact or
quote (the same numbers about the same thing, the same announcement); a headline and a body sentence about the
same event with different figures, or two facts about one story, are not the same statement.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[1] / "shared" / "bench"
LABELS = HERE / "shared_statement_labels.jsonl"
BEFORE_SHOWN = 30  # the report's cap on shared statements before this change


def _before(result) -> list[list]:
    copy_of = {doc: c.representative for c in result.copies for doc in c.docs if doc != c.representative}
    groups = [g for g in result.groups if len({copy_of.get(d, d) for d in g.docs}) > 1]
    groups.sort(key=lambda g: -len(g.docs))
    return [list(g.members) for g in groups[:BEFORE_SHOWN]]


def _after(result) -> list[list]:
    from verify.report import shown_statements

    return [list(members) for members in shown_statements(result)]


def _pairs(event: str, statements: list[list], copy_of: dict) -> list[tuple]:
    pairs = set()
    for members in statements:
        for a, b in combinations(members, 2):
            if copy_of.get(a.doc, a.doc) == copy_of.get(b.doc, b.doc):
                continue
            a, b = sorted((a, b), key=lambda s: (s.doc, s.start))
            pairs.add((event, a.doc, a.start, a.text, b.doc, b.start, b.text))
    return sorted(pairs)


def key(record: dict) -> tuple:
    return record["event"], record["a"]["doc"], record["a"]["start"], record["b"]["doc"], record["b"]["start"]


def shown_pairs(bench: Path, cache_dir: str | None) -> dict[str, list[tuple]]:
    from verify.embed import Embedder
    from verify.pipeline import check

    embedder = Embedder(cache_dir=cache_dir)
    shown: dict[str, list[tuple]] = {"before": [], "after": []}
    for event in sorted(p.parent.name for p in bench.glob("*/docs")):
        result = check([str(bench / event / "docs")], embedder=embedder)
        copy_of = {doc: c.representative for c in result.copies for doc in c.docs if doc != c.representative}
        shown["before"] += _pairs(event, _before(result), copy_of)
        shown["after"] += _pairs(event, _after(result), copy_of)
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=BENCH)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--todo", choices=["before", "after"], help="print the sampled pairs without a label")
    args = parser.parse_args()
    if not args.bench.is_dir():
        print(f"no benchmark at {args.bench}", file=sys.stderr)
        return 2
    labels = {}
    if args.labels.exists():
        for line in args.labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                labels[key(record)] = record["same"]
    shown = shown_pairs(args.bench, args.cache_dir)
    for side in ("before", "after"):
        pairs = shown[side]
        sample = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
        if args.todo == side:
            for event, da, sa, ta, db, sb, tb in sample:
                if (event, da, sa, db, sb) not in labels:
                    print(json.dumps({"event": event, "a": {"doc": da, "start": sa, "text": ta},
                                      "b": {"doc": db, "start": sb, "text": tb}, "same": None},
                                     ensure_ascii=False))
            continue
        judged = [labels[p[0], p[1], p[2], p[4], p[5]] for p in sample if (p[0], p[1], p[2], p[4], p[5]) in labels]
        same = sum(judged)
        precision = f"{same / len(judged):.0%}" if judged else "n/a"
        print(f"{side}: {len(pairs)} pairs shown over the events; sample {len(sample)}, labelled {len(judged)}: "
              f"{same} the same statement, precision {precision}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
