"""Benchmark the pipeline stage by stage on the corpora that build_corpus.py writes.

    python benchmarks/build_corpus.py                  # once: /tmp/verify-bench/corpus-{100,1000,5000}
    python benchmarks/run.py [--sizes 100 1000 5000]   # tables into benchmarks/README.md
    python benchmarks/run.py --sizes 5000 --steps group    # measure again only what is asked

For each corpus size, each measurement in a fresh process (peak memory is a per-process figure):
  cold   the `verify check` work (read, all stages, markdown and JSONL report) with an empty embedding cache
  warm   the same again: every vector comes from the cache
  raw    the bare model.encode of the texts the cold run embedded, and of their distinct texts (model
         loaded and warmed up): the ceiling for end-to-end throughput
  group  the group stage alone on the cold run's sentence vectors, for its own time and memory
Stage times come from wrapping the stage functions that verify.pipeline calls, so the run is the pipeline's
own, whatever it does. Results accumulate in OUT/results.json (sizes can be run separately); the tables in
README.md are rewritten from it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = Path("/tmp/verify-bench")
# The functions verify.pipeline calls for each stage; names it does not have (yet) are skipped.
PIPELINE_STAGES = {"read_corpus": "ingest", "find_copies": "copies", "segment": "segment", "extract": "extract",
                   "build_claims": "claims", "group_sentences": "group", "candidate_pairs": "match",
                   "pair_features": "match", "probabilities": "match", "compare": "compare"}
GROUP_RUNS = 3
RESULTS_BEGIN, RESULTS_END = "<!-- results -->", "<!-- /results -->"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class Stages:
    """Wall time and growth of the process's peak memory, summed per stage over its calls."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.growth_mb: dict[str, float] = {}

    def wrap(self, name, function):
        def timed(*args, **kwargs):
            before, start = _peak_mb(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - start, before)
        return timed

    def add(self, name: str, seconds: float, peak_before: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.growth_mb[name] = self.growth_mb.get(name, 0.0) + _peak_mb() - peak_before


def pipeline_worker(corpus: Path, cache_dir: Path, out: Path) -> None:
    """One `verify check` run, instrumented; writes stages.json, and the embedded texts and sentence vectors."""
    started = time.perf_counter()
    stages = Stages()
    before = _peak_mb()
    import verify.pipeline as pipeline
    from verify.embed import Embedder
    from verify.findings import render_jsonl
    from verify.report import render_markdown

    stages.add("import", time.perf_counter() - started, before)
    for function, stage in PIPELINE_STAGES.items():
        if hasattr(pipeline, function):
            setattr(pipeline, function, stages.wrap(stage, getattr(pipeline, function)))
    embedder = Embedder(cache_dir=cache_dir)
    seen = {}

    def keep(name, function):
        def kept(*args):
            seen[name] = args
            return function(*args)
        return kept

    embedder.encode = stages.wrap("embed", keep("encode", embedder.encode))
    pipeline.group_sentences = keep("group", pipeline.group_sentences)
    result = pipeline.check([str(corpus)], embedder=embedder)
    report_start, before = time.perf_counter(), _peak_mb()
    render_markdown(result)
    render_jsonl(result)
    stages.add("report", time.perf_counter() - report_start, before)
    total = time.perf_counter() - started

    texts = list(seen["encode"][0])
    summary = {
        "seconds": stages.seconds, "growth_mb": stages.growth_mb, "total_s": total,
        "documents": len(result.documents), "sentences": len(result.sentences), "claims": len(result.claims),
        "groups": len(result.groups), "texts": len(texts), "distinct_texts": len(set(texts)),
        "encoded": embedder.misses, "cache_hits": embedder.hits,
        "conflicts": sum(1 for finding in result.comparison.findings if finding.type == "conflict"),
    }
    (out / "stages.json").write_text(json.dumps(summary, indent=1))
    (out / "texts.json").write_text(json.dumps(texts))
    import numpy as np

    np.save(out / "sentence_vectors.npy", seen["group"][1])


def raw_worker(texts_path: Path, limit: int, out: Path) -> None:
    """model.encode as the Embedder calls it, minus everything else: on the texts the pipeline embedded, and
    on their distinct texts (those the pipeline's model actually encodes)."""
    texts = json.loads(texts_path.read_text())
    distinct = list(dict.fromkeys(texts))
    if limit:
        texts = random.Random(0).sample(texts, min(limit, len(texts)))
        distinct = random.Random(0).sample(distinct, min(limit, len(distinct)))
    started = time.perf_counter()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    from verify.embed import resolve_model

    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(resolve_model(None))
    loaded = time.perf_counter()

    def encode_seconds(batch: list[str]) -> float:
        start = time.perf_counter()
        model.encode(batch, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return time.perf_counter() - start

    encode_seconds(texts[:64])  # first calls are slower (allocations, kernel selection): not part of either figure
    (out / "raw.json").write_text(json.dumps({"texts": len(texts), "load_s": loaded - started,
                                              "encode_s": encode_seconds(texts), "distinct_texts": len(distinct),
                                              "distinct_encode_s": encode_seconds(distinct)}))


def group_worker(vectors_path: Path, out: Path) -> None:
    """The group stage alone: its time, and how much it raises the process's peak memory."""
    import numpy as np
    import scipy.sparse.csgraph  # noqa: F401  (imported before the baseline: library code is not the stage's memory)

    from verify.group import group_sentences
    from verify.segment import Sentence

    vectors = np.load(vectors_path)
    sentences = [Sentence("doc", i, 0, 0, "") for i in range(len(vectors))]
    before, wall, cpu = _peak_mb(), time.perf_counter(), time.process_time()
    groups = group_sentences(sentences, vectors)
    (out / "group.json").write_text(json.dumps({
        "sentences": len(vectors), "distinct": len({row.tobytes() for row in vectors}), "groups": len(groups),
        "wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "growth_mb": _peak_mb() - before,
        "baseline_mb": before,
    }))


def _run_worker(args: list[str], timeout: float) -> dict:
    """Run this script as a worker in a fresh process: its wall time, its own peak memory, its exit status."""
    load = os.getloadavg()[0]  # other work on the machine skews timings: say how busy it was
    started = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, __file__, *args], os.environ)
    killer = threading.Timer(timeout, os.kill, (pid, signal.SIGKILL))
    killer.start()
    _, status, usage = os.wait4(pid, 0)  # the rusage of this child alone
    wall = time.perf_counter() - started
    killer.cancel()
    return {"wall_s": wall, "peak_mb": usage.ru_maxrss / 1024, "exit": os.waitstatus_to_exitcode(status),
            "timed_out": wall >= timeout, "load_before": load}


def measure(size: int, root: Path, steps: list[str], raw_limit: int, timeout: float, result: dict) -> dict:
    """Run `steps` for one corpus size, updating `result` (the figures of steps not run are kept)."""
    corpus = root / f"corpus-{size}" / "docs"
    if not corpus.is_dir():
        sys.exit(f"{corpus} not found: run benchmarks/build_corpus.py first")
    work = root / f"run-{size}"
    cold = work / "cold"
    if "pipeline" in steps:
        shutil.rmtree(work, ignore_errors=True)
        for mode in ("cold", "warm"):
            out = work / mode
            out.mkdir(parents=True)
            print(f"[{size}] {mode} run", flush=True)
            process = _run_worker(["_pipeline", str(corpus), str(work / "cache"), str(out)], timeout)
            stages = out / "stages.json"
            result[mode] = {**process, **(json.loads(stages.read_text()) if stages.exists() else {})}
    if not (cold / "texts.json").exists():
        print(f"[{size}] no finished cold run: raw encode and group stage skipped", flush=True)
        return result
    if "raw" in steps:
        print(f"[{size}] raw encode", flush=True)
        process = _run_worker(["_raw", str(cold / "texts.json"), str(raw_limit), str(cold)], timeout)
        result["raw"] = {**process, **json.loads((cold / "raw.json").read_text())}
    if "group" in steps:
        # Seconds long, so measured several times: the fastest run is the one least disturbed by other work.
        runs = []
        for attempt in range(GROUP_RUNS):
            print(f"[{size}] group stage alone ({attempt + 1}/{GROUP_RUNS})", flush=True)
            process = _run_worker(["_group", str(cold / "sentence_vectors.npy"), str(cold)], timeout)
            runs.append({**process, **json.loads((cold / "group.json").read_text())})
        result["group"] = min(runs, key=lambda run: run["wall_s"])
    return result


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    versions = {}
    for package in ("torch", "sentence_transformers", "numpy", "scipy", "sklearn"):
        versions[package] = subprocess.run([sys.executable, "-c", f"import {package}; print({package}.__version__)"],
                                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), **versions}


def help_seconds() -> float:
    """`verify --help`, best of five: the start-up cost of every command."""
    verify = Path(sys.executable).with_name("verify")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([str(verify), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return min(times)


def _fmt(value, digits=1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _rates(size: dict) -> dict:
    """Texts per second: end to end (cold run) and raw model.encode, over all texts and distinct texts."""
    cold, raw = size["cold"], size.get("raw") or {}
    rate = (lambda count, seconds: count / seconds if count and seconds else None)
    return {"texts": rate(cold.get("texts"), cold["wall_s"]),
            "distinct": rate(cold.get("distinct_texts"), cold["wall_s"]),
            "raw": rate(raw.get("texts"), raw.get("encode_s")),
            "raw_distinct": rate(raw.get("distinct_texts"), raw.get("distinct_encode_s"))}


def _percent(part, whole) -> str:
    return f"{100 * part / whole:.0f} %" if part and whole else "–"


def render(results: dict) -> str:
    info, sizes = results["machine"], sorted(results["sizes"].values(), key=lambda r: r["articles"])
    lines = [f"Measured {results['date']} on {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM; "
             f"Python {info['python']}, torch {info['torch']}, sentence-transformers {info['sentence_transformers']}, "
             f"numpy {info['numpy']}, scipy {info['scipy']}, scikit-learn {info['sklearn']}. "
             f"`verify --help`: {results['help_s']:.2f} s.", ""]

    lines += ["### End to end", "",
              "Texts embedded = sentences + the context phrase of each claim, in one encode call; distinct = after "
              "merging identical texts: the ones the model encodes. End-to-end throughput = texts / cold wall time "
              "(process start, imports, model load, every stage, report). Raw = the same texts through "
              "`model.encode` alone, model loaded and warmed up. Ratio = end-to-end / raw, over all texts and over "
              "distinct texts only. Load = the machine's 1-minute load average before the cold run and before the "
              "raw encode (2 cores, shared with other work).", "",
              "| articles | sentences | texts embedded | distinct | cold wall | cold peak RSS | warm wall | "
              "warm peak RSS | end-to-end texts/s | raw texts/s | ratio | end-to-end distinct/s | "
              "raw distinct/s | ratio, distinct | load |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        cold, warm, raw = r["cold"], r.get("warm", {}), r.get("raw") or {}
        rates = _rates(r)
        sample = " ¹" if raw and raw["texts"] < cold.get("texts", 0) else ""
        load = f"{cold['load_before']:.1f}" + (f" / {raw['load_before']:.1f}" if raw else "")
        lines.append(
            f"| {r['articles']:,} | {cold.get('sentences', 0):,} | {cold.get('texts', 0):,} | "
            f"{cold.get('distinct_texts', 0):,} | {_fmt(cold['wall_s'])} s | {_fmt(cold['peak_mb'], 0)} MB | "
            f"{_fmt(warm.get('wall_s'))} s | {_fmt(warm.get('peak_mb'), 0)} MB | {_fmt(rates['texts'])} | "
            f"{_fmt(rates['raw'])}{sample} | {_percent(rates['texts'], rates['raw'])} | {_fmt(rates['distinct'])} | "
            f"{_fmt(rates['raw_distinct'])}{sample} | {_percent(rates['distinct'], rates['raw_distinct'])} | "
            f"{load} |")
    if any(r.get("raw", {}).get("texts", 0) < r["cold"].get("texts", 0) for r in sizes):
        lines += ["", "¹ raw rates measured on a random sample of the texts (`--raw-limit`)."]

    stage_names = list(dict.fromkeys(name for r in sizes for mode in ("cold", "warm")
                                     for name in r.get(mode, {}).get("seconds", {})))
    header = " | ".join(f"{r['articles']:,} {mode}" for r in sizes for mode in ("cold", "warm"))
    lines += ["", "### Stages", "",
              "Wall seconds, and in brackets how much the stage raised the process's peak RSS (MB; 0 = it stayed "
              "under an earlier peak). `embed` includes loading the model when anything is new.", "",
              f"| stage | {header} |", "|---|" + "---:|" * (2 * len(sizes))]
    for name in stage_names + ["total"]:
        cells = []
        for r in sizes:
            for mode in ("cold", "warm"):
                run = r.get(mode, {})
                if name == "total":
                    cells.append(f"**{_fmt(run.get('wall_s'))}** ({_fmt(run.get('peak_mb'), 0)} peak)")
                elif name in run.get("seconds", {}):
                    cells.append(f"{_fmt(run['seconds'][name], 2)} ({_fmt(run['growth_mb'][name], 0)})")
                else:
                    cells.append("–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    lines += ["", "### Targets", "", "| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {what} | {measured} | {'yes' if met else 'no'} |" for what, measured, met in _targets(results)]

    lines += ["", "### Group stage alone", "",
              "On the cold run's sentence vectors, in a fresh process; memory = rise of peak RSS over the loaded "
              "vectors; the fastest of three runs.", "",
              "| articles | sentences | distinct | groups | wall | CPU | memory | wall × | memory × |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    previous = None
    for r in sizes:
        g = r.get("group")
        if not g:
            continue
        ratios = ("–", "–") if previous is None else (f"{g['wall_s'] / previous['wall_s']:.1f}",
                                                      f"{g['growth_mb'] / max(previous['growth_mb'], 1):.1f}")
        lines.append(f"| {r['articles']:,} | {g['sentences']:,} | {g['distinct']:,} | {g['groups']:,} | "
                     f"{g['wall_s']:.2f} s | {g['cpu_s']:.2f} s | {g['growth_mb']:.0f} MB | "
                     f"{ratios[0]} | {ratios[1]} |")
        previous = g
    return "\n".join(lines) + "\n"


def _targets(results: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for the targets the issue sets; a size not measured yet is left out."""
    rows = [("`verify --help` <= 0.5 s", f"{results['help_s']:.2f} s", results["help_s"] <= 0.5)]
    thousand, five = results["sizes"].get("1000"), results["sizes"].get("5000")
    if thousand:
        cold, warm = thousand["cold"], thousand["warm"]
        peak = max(cold["peak_mb"], warm["peak_mb"])
        rows += [("1,000 articles cold <= 5 min", f"{cold['wall_s']:.0f} s", cold["wall_s"] <= 300),
                 ("1,000 articles warm rerun <= 30 s", f"{warm['wall_s']:.1f} s", warm["wall_s"] <= 30),
                 ("1,000 articles peak memory <= 2 GB", f"{peak:,.0f} MB", peak <= 2048)]
        rates = _rates(thousand)
        if rates["raw"]:
            ratio = rates["texts"] / rates["raw"]
            distinct = f"; distinct texts only: {_percent(rates['distinct'], rates['raw_distinct'])}"
            rows.append(("1,000 articles end-to-end throughput >= 80 % of raw encode",
                         f"{100 * ratio:.0f} %{distinct if rates['raw_distinct'] else ''}", ratio >= 0.8))
    if thousand and five and thousand.get("group") and five.get("group"):
        small, large = thousand["group"], five["group"]
        wall, memory = large["wall_s"] / small["wall_s"], large["growth_mb"] / max(small["growth_mb"], 1)
        rows += [("group stage 1,000 -> 5,000 articles: time <= 6x", f"{wall:.1f}x", wall <= 6),
                 ("group stage 1,000 -> 5,000 articles: memory <= 6x", f"{memory:.1f}x", memory <= 6)]
    return rows


def write_readme(results: dict) -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    begin, end = text.index(RESULTS_BEGIN) + len(RESULTS_BEGIN), text.index(RESULTS_END)
    readme.write_text(text[:begin] + "\n" + render(results) + text[end:], encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        worker, args = sys.argv[1], [Path(a) for a in sys.argv[2:]]
        if worker == "_pipeline":
            pipeline_worker(*args)
        elif worker == "_raw":
            raw_worker(args[0], int(str(args[1])), args[2])
        elif worker == "_group":
            group_worker(*args)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"corpora and results (default {DEFAULT_OUT})")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000],
                        help="corpus sizes to measure; none: only rewrite the tables from results.json")
    steps = ["pipeline", "raw", "group"]
    parser.add_argument("--steps", nargs="+", choices=steps, default=steps,
                        help="what to measure (default all); raw and group reuse the last cold run's texts and vectors")
    parser.add_argument("--raw-limit", type=int, default=0,
                        help="time the raw encode on this many sampled texts (0: all)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed to each run")
    args = parser.parse_args()
    results_path = args.out / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {"sizes": {}}
    for size in args.sizes:
        previous = results["sizes"].get(str(size), {"articles": size})
        results["sizes"][str(size)] = measure(size, args.out, args.steps, args.raw_limit, args.timeout, previous)
        results_path.write_text(json.dumps(results, indent=1))
    if args.sizes or "machine" not in results:
        results.update(machine=machine(), help_s=help_seconds(), date=time.strftime("%Y-%m-%d"))
    results_path.write_text(json.dumps(results, indent=1))
    write_readme(results)
    print(render(results))


if __name__ == "__main__":
    main()
