"""Build reproducible benchmark corpora: many articles recombined and perturbed from a few real ones.

    python benchmarks/build_corpus.py [--out /tmp/verify-bench] [--sizes 100 1000 5000] [--seed 0]

Sources: the seed articles (seeds/*.txt) and the dev benchmark (BENCH_DIR/*/docs/*.txt, read here at run
time and never copied into the repository). Each event folder is one news story told by several outlets.

A synthetic article retells one source article: most of its paragraphs in order, one to three paragraphs of
another outlet's article on the same story, now and then one of an unrelated story. Sentences are reworded
the way outlets do it (attribution added, a word swapped), and some get a number changed: a planted
conflict with every other copy of that sentence, listed in planted.jsonl. Articles come out as
OUT/corpus-N/docs/NNNNN-outlet.txt, with a ` date YYYY-MM-DD` first line.

Article i depends only on the seed and i, so the corpus of 1,000 is the first 1,000 articles of the corpus
of 5,000: sizes compare like for like, and a bigger corpus is a smaller one with articles added.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = Path("/work/shared/bench")
DEFAULT_OUT = Path("/tmp/verify-bench")

_DATE_MARKER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*")
# Sentence ends for recombination only: the pipeline does its own segmentation of what comes out.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])")
# A free-standing figure ("1,500", "95", "3.5"), not part of a name or a tally ("Shahed-136", "311-112").
_NUMBER = re.compile(r"(?<![\w.,-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w-]|[.,]\d)")
_YEAR = re.compile(r"(19|20)\d\d")

_SOURCES_SAID = ["officials said", "the ministry said", "local authorities said", "a spokesperson said",
                 "according to the agency", "sources told reporters", "the statement said", "officials confirmed"]
_LEADS = ["Meanwhile, ", "On Wednesday, ", "Earlier, ", "In a statement, ", "As reported earlier, ", "Separately, ",
          "Notably, ", "At the same time, ", "According to early reports, ", "In the latest update, "]
# First words that may be lowercased after a lead-in; any other may be a name.
_LOWERED_STARTS = {"The", "A", "An", "In", "This", "It", "On", "At", "According", "During", "As", "After", "Over"}
_SWAPS = [("said", "stated"), ("announced", "reported"), ("about", "around"), ("more than", "over"),
          ("began", "started"), ("will", "is set to"), ("also", "additionally"), ("people", "residents"),
          ("attack", "strike"), ("company", "firm"), ("plant", "facility"), ("approved", "passed")]
_OUTLET_WORDS = (["daily", "morning", "evening", "national", "city", "metro", "global", "free", "union", "valley",
                  "harbor", "northern", "southern", "eastern", "western", "central", "capital", "river"],
                 ["herald", "times", "post", "ledger", "courier", "gazette", "tribune", "observer", "monitor",
                  "journal", "record", "dispatch", "chronicle", "wire", "review", "bulletin", "news", "express"])
_DOMAINS = ["com", "net", "org", "news", "co.uk", "com.ua", "info"]


@dataclass(frozen=True)
class Source:
    event: str
    name: str
    published: dt.date | None
    paragraphs: tuple[tuple[str, ...], ...]   # non-empty lines, each cut into sentences


def read_sources(bench_dir: Path) -> list[Source]:
    """The seed articles and the dev benchmark's, each story once (the benchmark holds the seeds too)."""
    files = [("seeds", path) for path in sorted((REPO / "seeds").glob("*.txt"))]
    if bench_dir.is_dir():
        files += [(path.parent.parent.name, path) for path in sorted(bench_dir.glob("*/docs/*.txt"))]
    else:
        print(f"build_corpus: {bench_dir} not found; using the seed articles only")
    # The answer keys know the dates of the articles whose text carries no date marker.
    gold_dates = {(gold.parent.name, doc): info["date"]
                  for gold in sorted(bench_dir.glob("*/gold.json"))
                  for doc, info in json.loads(gold.read_text(encoding="utf-8")).get("docs", {}).items()
                  if info.get("date")}
    sources, seen = [], set()
    for event, path in files:
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        marker = _DATE_MARKER.match(text)
        published = marker.group(1) if marker else gold_dates.get((event, path.name))
        body = text[marker.end():] if marker else text
        paragraphs = tuple(tuple(_SENTENCE_END.split(line.strip())) for line in body.splitlines() if line.strip())
        sources.append(Source(event, path.name, dt.date.fromisoformat(published) if published else None, paragraphs))
    return sources


def _outlet(rng: random.Random) -> str:
    first, second = _OUTLET_WORDS
    return f"{rng.choice(first)}{rng.choice(second)}.{rng.choice(_DOMAINS)}"


def _changed_number(surface: str, rng: random.Random) -> str:
    """Another plausible value for `surface`: a nearby count, or a different figure of the same size."""
    value = float(surface.replace(",", ""))
    if value < 20:
        new = value + rng.choice([-3, -2, -1, 1, 2, 3, 5])
        new = new if new >= 0 else value + 4
    else:
        new = value * rng.choice([0.5, 0.8, 0.9, 1.1, 1.2, 1.5, 2.0])
    decimals = len(surface.split(".")[1]) if "." in surface else 0
    if decimals:
        return f"{new:.{decimals}f}"
    return f"{round(new):,}" if "," in surface else str(round(new))


def _plant_conflict(sentence: str, rng: random.Random) -> tuple[str, tuple[str, str]] | None:
    """Change one number of `sentence` (not a year: a changed year is a different story, not a conflict)."""
    numbers = [m for m in _NUMBER.finditer(sentence) if not _YEAR.fullmatch(m.group())]
    if not numbers:
        return None
    match = rng.choice(numbers)
    new = _changed_number(match.group(), rng)
    if new == match.group():
        return None
    return sentence[:match.start()] + new + sentence[match.end():], (match.group(), new)


def _reword(sentence: str, rng: random.Random, outlet: str) -> str:
    """Retell `sentence` the way another outlet would: the same claim, other words around it."""
    if rng.random() < 0.3:
        first, _, rest = sentence.partition(" ")
        if first in _LOWERED_STARTS and rest:
            sentence = f"{rng.choice(_LEADS)}{first.lower()} {rest}"
    if rng.random() < 0.8 and sentence.endswith(".") and len(sentence) > 40:
        # Half the time in the outlet's own name: copies of one sentence rarely match word for word, as in
        # real coverage (the model then has as many distinct sentences to encode as a real corpus would).
        if rng.random() < 0.5:
            said = rng.choice([f"{outlet} reported", f"{outlet} has learned", f"a source told {outlet}",
                               f"according to {outlet}"])
        else:
            said = rng.choice(_SOURCES_SAID)
        sentence = f"{sentence[:-1]}, {said}."
    if rng.random() < 0.5:
        old, new = rng.choice(_SWAPS)
        sentence = re.sub(rf"\b{re.escape(old)}\b", new, sentence, count=1)
    return sentence


def build_article(index: int, sources: list[Source], seed: int) -> tuple[str, str, list[dict]]:
    """File name, text and planted conflicts of article `index`."""
    rng = random.Random(f"{seed}:{index}")  # a str seed is hashed with SHA-512: stable across runs and versions
    base = rng.choice(sources)
    siblings = [s for s in sources if s.event == base.event and s is not base]
    others = [s for s in sources if s.event != base.event]
    paragraphs = [p for p in base.paragraphs if rng.random() < 0.85] or list(base.paragraphs[:1])
    for _ in range(rng.randint(1, 3) if siblings else 0):
        borrowed = rng.choice(siblings)
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(borrowed.paragraphs))
    if others and rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(rng.choice(others).paragraphs))

    domain = _outlet(rng)
    outlet = domain.split(".")[0].capitalize()
    name = f"{index:05d}-{domain}.txt"
    planted, lines = [], []
    for paragraph in paragraphs:
        sentences = []
        for sentence in paragraph:
            change = _plant_conflict(sentence, rng) if rng.random() < 0.12 else None
            if change:
                sentence = change[0]
            sentence = _reword(sentence, rng, outlet)
            if change:
                planted.append({"doc": name, "sentence": sentence, "was": change[1][0], "now": change[1][1]})
            sentences.append(sentence)
        lines.append(" ".join(sentences))
    published = (base.published or dt.date(2025, 6, 1)) + dt.timedelta(days=rng.randint(0, 3))
    return name, f" date {published.isoformat()}\n" + "\n\n".join(lines) + "\n", planted


def build_corpus(folder: Path, size: int, sources: list[Source], seed: int) -> int:
    """Write `size` articles into folder/docs (replacing what was there); the number of planted conflicts."""
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    planted_total = 0
    with open(folder / "planted.jsonl", "w", encoding="utf-8") as planted_file:
        for index in range(size):
            name, text, planted = build_article(index, sources, seed)
            (docs / name).write_text(text, encoding="utf-8")
            planted_file.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in planted)
            planted_total += len(planted)
    return planted_total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH,
                        help=f"dev benchmark: event folders with docs/*.txt (default {DEFAULT_BENCH})")
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(REPO):
        parser.error("--out is inside the repository: the corpora hold copies of third-party articles")
    sources = read_sources(args.bench_dir)
    print(f"{len(sources)} source articles, {len({s.event for s in sources})} events")
    for size in args.sizes:
        folder = args.out / f"corpus-{size}"
        planted = build_corpus(folder, size, sources, args.seed)
        print(f"{folder / 'docs'}: {size} articles, {planted} planted conflicts")


if __name__ == "__main__":
    main()
