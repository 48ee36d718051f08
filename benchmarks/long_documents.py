"""Long documents: time per stage at three sizes, and how it grows (the exponent k in time ~ size^k).

    python benchmarks/long_documents.py                       # both shapes, three sizes each, the bundled model
    python benchmarks/long_documents.py --shape repeated --scale 0.25 --embedder words   # a quick look

Two shapes of one article, each beside a short independent report (so there is something to compare):
  repeated   one sentence with a number, repeated (5 MB at 170,000 repetitions, on one line)
  distinct   distinct sentences with numbers (casualty counts, money, dates), ten to a line
Each run is one fresh process: read, every stage, the markdown and JSONL reports, with an empty embedding
cache (`--embedder words` swaps the model for a bag-of-words stand-in, to time everything else quickly).
Stage times come from wrapping the functions verify.pipeline calls, as in run.py. The tables go to stdout
and, with --readme, into benchmarks/README.md between the long-documents markers.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = {"repeated": (42_500, 85_000, 170_000), "distinct": (5_000, 10_000, 20_000)}
STAGES = ("read_corpus", "find_copies", "segment", "extract", "build_claims", "encode", "group_sentences",
          "candidate_pairs", "pair_features", "build_slots", "compare", "render_markdown", "render_jsonl")
BEGIN, END = "<!-- long-documents -->", "<!-- /long-documents -->"
OTHER = (" date 2025-11-19 Russian strike on Ternopil kills 25\n"
         "A Russian missile strike on residential buildings in Ternopil killed 25 people, officials said on "
         "Wednesday.\nNinety-three people were wounded in the attack, the regional administration said.\n")
PLACES = ["Ternopil", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Zaporizhzhia", "Kherson"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def repeated(n: int) -> str:
    return " date 2025-11-19 " + "The strike killed 25 people. " * n


def distinct(n: int) -> str:
    rng = random.Random(n)
    templates = [
        "On day {i} of the offensive, {n} people were killed and {m} injured in {p}, officials said.",
        "The regional council in {p} approved {x} million hryvnias for repairs on {d} {mo} (item {i}).",
        "Rescuers in {p} pulled {n} people from the rubble of block {i}, the emergency service said.",
        "Russia launched {m} drones at {p} overnight, and air defence shot down {n} of them (report {i}).",
    ]
    lines, line = [], []
    for i in range(n):
        line.append(rng.choice(templates).format(i=i, n=rng.randint(2, 400), m=rng.randint(10, 900),
                                                 x=rng.randint(2, 900), p=rng.choice(PLACES),
                                                 d=rng.randint(1, 28), mo=rng.choice(MONTHS)))
        if len(line) == 10:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return " date 2025-11-19 " + "\n".join(lines) + "\n"


def worker(folder: str, embedder_kind: str, out: str) -> None:
    """One `verify check` of `folder`, with each stage function wrapped to time it."""
    started = time.perf_counter()
    import verify.compare as compare
    import verify.pipeline as pipeline
    from verify.embed import Embedder
    from verify.findings import render_jsonl
    from verify.report import render_markdown

    seconds: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    # The match stage's pairs and features are computed in pipeline.prepare; build_slots inside compare().
    for name in ("read_corpus", "find_copies", "segment", "extract", "build_claims", "group_sentences",
                 "candidate_pairs", "pair_features", "compare"):
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    compare.build_slots = timed("build_slots", compare.build_slots)
    if embedder_kind == "words":
        # The tests' stand-in for the model (tests/stand_ins.py): hashed word counts, no weights to load.
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from stand_ins import BagOfWords

        embedder = BagOfWords()
    else:
        embedder = Embedder(use_cache=False)
    embedder.encode = timed("encode", embedder.encode)
    result = pipeline.check([folder], embedder=embedder)
    markdown = timed("render_markdown", render_markdown)(result)
    timed("render_jsonl", render_jsonl)(result)
    seconds["compare"] -= seconds.get("build_slots", 0.0)
    Path(out).write_text(json.dumps({
        "seconds": seconds, "total_s": time.perf_counter() - started, "sentences": len(result.sentences),
        "claims": len(result.claims), "slots": len(result.comparison.slots), "markdown_bytes": len(markdown),
    }))


def measure(shape: str, n: int, embedder_kind: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="verify-long-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        text = repeated(n) if shape == "repeated" else distinct(n)
        (folder / "01-long.example.txt").write_text(text, encoding="utf-8")
        (folder / "02-bbc.co.uk.txt").write_text(OTHER, encoding="utf-8")
        out = Path(tmp) / "result.json"
        started = time.perf_counter()
        try:
            subprocess.run([sys.executable, __file__, "_worker", str(folder), embedder_kind, str(out)], check=True,
                           timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"n": n, "bytes": len(text.encode()), "timed_out": True, "wall_s": timeout}
        return {"n": n, "bytes": len(text.encode()), "wall_s": time.perf_counter() - started,
                **json.loads(out.read_text())}


def exponent(rows: list[dict], key=lambda row: row["wall_s"]) -> str:
    """Least-squares slope of log(time) over log(size)."""
    points = [(math.log(row["n"]), math.log(max(key(row), 1e-3))) for row in rows if not row.get("timed_out")]
    if len(points) < 2:
        return "–"
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return f"{slope:.2f}"


def render(results: dict, embedder_kind: str) -> str:
    lines = []
    for shape, rows in results.items():
        unit = "repetitions" if shape == "repeated" else "distinct sentences"
        header = [unit, "MB", "sentences", "claims", "slots", *STAGES, "wall"]
        lines += [f"**{shape}** ({embedder_kind} embedder); seconds", "",
                  "| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
        for row in rows:
            if row.get("timed_out"):
                lines.append(f"| {row['n']:,} | {row['bytes'] / 1e6:.1f} | timed out after {row['wall_s']:.0f} s |")
                continue
            cells = [f"{row['n']:,}", f"{row['bytes'] / 1e6:.1f}", f"{row['sentences']:,}", f"{row['claims']:,}",
                     f"{row['slots']:,}", *(f"{row['seconds'].get(stage, 0.0):.2f}" for stage in STAGES),
                     f"**{row['wall_s']:.1f}**"]
            lines.append("| " + " | ".join(cells) + " |")
        growth = ["growth exponent", "", "", "", "",
                  *(exponent(rows, lambda r, s=stage: r["seconds"].get(s, 0.0)) for stage in STAGES),
                  f"**{exponent(rows)}**"]
        lines += ["| " + " | ".join(growth) + " |", ""]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        worker(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=sorted(SIZES), action="append")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--embedder", choices=["model", "words"], default="model")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--readme", action="store_true", help="write the tables into benchmarks/README.md")
    args = parser.parse_args()
    results = {}
    for shape in args.shape or list(SIZES):
        results[shape] = []
        for n in SIZES[shape]:
            n = max(1, int(n * args.scale))
            print(f"{shape} {n:,} ...", file=sys.stderr, flush=True)
            results[shape].append(measure(shape, n, args.embedder, args.timeout))
    table = render(results, args.embedder)
    print(table)
    if args.readme:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        block = f"{BEGIN}\n{table}{END}"
        if BEGIN in text:
            head, rest = text.split(BEGIN, 1)
            text = head + block + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n## Long documents\n\n" + block + "\n"
        readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
