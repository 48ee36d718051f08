"""Time and memory of the report stage alone, now and at an earlier commit, on one benchmark corpus.

    python benchmarks/report_stage.py /tmp/verify-bench/corpus-1000/docs --cache-dir CACHE [--before REF]
    python benchmarks/report_stage.py /tmp/verify-bench/corpus-5000/docs --hashing [--before REF]

The pipeline runs once (with the embedding cache of an earlier run, so in seconds; or, with `--hashing`, with
word-hashing vectors instead of the model's, for a machine where embedding 5,000 articles takes too long: the
groups and findings differ from the real run's, the report stage's work per finding does not); then the markdown
report is
rendered by `verify/report.py` as it is and, with `--before`, as it was at REF (loaded from git into the same
process, on the same Result), each `--runs` times (3), alternating; the fastest run of each is kept. Memory is the peak
of Python allocations during the render (tracemalloc), and the report's size in lines and bytes.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3


def _module_at(ref: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:verify/report.py"], check=True,
                            capture_output=True, text=True).stdout
    path = Path("/tmp") / f"verify-report-{ref}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("verify.report_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class HashingEmbedder:
    """Unit vectors of hashed word counts (scikit-learn's HashingVectorizer): deterministic, no model."""

    model_name = "hashing-384"

    def encode(self, texts):
        import numpy as np
        from sklearn.feature_extraction.text import HashingVectorizer

        vectors = HashingVectorizer(n_features=384, alternate_sign=False).transform(texts)
        return np.asarray(vectors.todense(), dtype=np.float32)


def _measure(render, result) -> dict:
    tracemalloc.start()
    start = time.perf_counter()
    markdown = render(result)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "lines": markdown.count("\n"),
            "mb": len(markdown.encode("utf-8")) / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--cache-dir")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"renders of each kind (default {RUNS})")
    parser.add_argument("--hashing", action="store_true", help="word-hashing vectors instead of the model's")
    parser.add_argument("--before", help="a git commit whose verify/report.py to compare with")
    args = parser.parse_args()
    from verify.embed import Embedder
    from verify.pipeline import check
    from verify import report

    from verify.findings import render_jsonl

    start = time.perf_counter()
    embedder = HashingEmbedder() if args.hashing else Embedder(cache_dir=args.cache_dir)
    result = check([args.corpus], embedder=embedder)
    print(f"pipeline before the report: {time.perf_counter() - start:.1f} s")
    renderers = {"now": report.render_markdown, "now, JSONL": render_jsonl}
    if args.before:
        renderers[f"at {args.before}"] = _module_at(args.before).render_markdown
    runs: dict[str, list[dict]] = {name: [] for name in renderers}
    for _ in range(args.runs):
        for name, render in renderers.items():
            runs[name].append(_measure(render, result))
    print(f"{len(result.documents)} articles, {len(result.comparison.findings)} findings, "
          f"{len(result.groups)} sentence groups")
    for name, measured in runs.items():
        best = min(measured, key=lambda m: m["seconds"])
        print(f"{name}: {best['seconds']:.2f} s, peak {best['peak_mb']:.0f} MB of Python allocations, "
              f"{best['lines']:,} lines, {best['mb']:.1f} MB of markdown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
