"""Copies: a story republished with another headline and other page furniture is one source; independent reports
of one event, which share names, numbers and quotes, are not copies."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verify.copies import CopySet, copy_of, find_copies
from verify.ingest import document_from_text, read_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"
DATA = Path(__file__).resolve().parent / "data"
SEED = "004_1813ec40aa6a27d0.txt"   # the Kyiv Independent on the first Ukrainian drone plant in the UK


def seeds() -> list:
    return read_documents([SEEDS])


def paragraphs(doc) -> list[str]:
    return [doc.text[start:end] for start, end in doc.body]


def syndicated_copy(doc, published: str = "2026-02-26") -> str:
    """The story as another site runs it: its own headline and page furniture, British spelling, a paragraph cut,
    a sentence of its own."""
    story = paragraphs(doc)[1:]                     # the original headline goes
    del story[4]
    story = [p.replace("U.K.", "UK").replace("center", "centre").replace("defense", "defence") for p in story]
    story.insert(3, "The factory is the first of its kind outside Ukraine, the embassy said in a statement.")
    return "\n\n".join([
        f" date {published} Home | World | Europe | Business",
        "Subscribe to our newsletter",
        "Ukraine opens its first military drone plant in Britain",
        "Share this article",
        *story,
        "Related: Poland to double drone output next year",
        "© 2026 Euro Wire Service. All rights reserved.",
    ])


def test_a_syndicated_copy_with_a_new_headline_and_furniture_is_found():
    docs = seeds()
    original = next(d for d in docs if d.id == SEED)
    copy = document_from_text("euro-wire.txt", syndicated_copy(original))
    [found] = find_copies([*docs, copy])
    assert found.docs == (SEED, "euro-wire.txt")
    assert found.representative == SEED
    assert 0.7 < found.overlap < 1.0                 # well above the 0.6 that makes a copy


def test_the_representative_is_the_earliest_published_then_the_first_given():
    original = next(d for d in seeds() if d.id == SEED)
    earlier = document_from_text("earlier.txt", syndicated_copy(original, published="2026-02-24"))
    later = document_from_text("later.txt", syndicated_copy(original, published="2026-02-27"))
    undated = document_from_text("undated.txt", syndicated_copy(original).split("\n\n", 1)[1])
    assert undated.published is None
    [found] = find_copies([undated, later, original, earlier])
    assert found.representative == "earlier.txt"
    assert found.docs == ("earlier.txt", "undated.txt", "later.txt", SEED)   # then input order
    same_day = document_from_text("same-day.txt", syndicated_copy(original, published="2026-02-25"))
    assert find_copies([same_day, original])[0].representative == "same-day.txt"
    assert find_copies([original, same_day])[0].representative == SEED


def test_saved_pages_of_one_wire_story_are_copies():
    docs = read_documents([DATA / "html" / "wirefeed-ternopil-copy.html", DATA / "html" / "kyivpost-ternopil.html"])
    assert find_copies(docs) == [CopySet(docs=("kyivpost-ternopil.html", "wirefeed-ternopil-copy.html"),
                                         representative="kyivpost-ternopil.html", overlap=0.909)]


def test_the_seed_articles_are_not_copies_of_each_other():
    assert find_copies(seeds()) == []


@pytest.mark.parametrize("event", sorted(p.name for p in BENCH.glob("*") if (p / "docs").is_dir()) or ["(none)"])
def test_independent_outlets_on_one_event_are_not_copies(event):
    if not (BENCH / event / "docs").is_dir():
        pytest.skip(f"{BENCH} not present")
    assert find_copies(read_documents([BENCH / event / "docs"])) == []


def test_a_digest_of_two_stories_does_not_chain_them_into_one_set():
    docs = {d.id: d for d in seeds()}
    first, second = docs["003_6857bf80342c0cbf.txt"], docs["002_d6449e741489756f.txt"]
    digest = document_from_text("digest.txt", "\n\n".join(paragraphs(first) + paragraphs(second)))
    [found] = find_copies([first, second, digest])
    assert found.docs == (first.id, "digest.txt")     # the digest repeats the first; the second stays on its own


def test_a_story_copied_many_times_is_one_set():
    original = next(d for d in seeds() if d.id == SEED)
    story = paragraphs(original)
    copies = [document_from_text(f"site-{n:02d}.txt", "\n\n".join(
        [f"Site {n} home page", *story[:n % 5], f"A note from site number {n} about this story, added today.",
         *story[n % 5:]])) for n in range(40)]
    [found] = find_copies([original, *copies])
    assert found.docs == (SEED, *(c.id for c in copies))


def test_short_reports_that_differ_in_a_number_are_not_copies():
    a = document_from_text("a", "The strike on Ternopil killed 25 people and injured 93, officials said on Wednesday.")
    b = document_from_text("b", "The strike on Ternopil killed 26 people and injured 93, officials said on Wednesday.")
    assert find_copies([a, b]) == []


def test_copy_of_maps_every_member_to_its_representative():
    sets = [CopySet(("a", "b", "c"), "a", 0.9), CopySet(("d", "e"), "d", 0.7)]
    assert copy_of(sets) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}
    assert copy_of([]) == {}


def test_results_do_not_depend_on_the_process_hash_seed():
    pages = [str(DATA / "html" / name) for name in ("kyivpost-ternopil.html", "wirefeed-ternopil-copy.html")]
    script = ("from verify.copies import find_copies; from verify.ingest import read_documents; "
              f"print(find_copies(read_documents({[*pages, str(SEEDS)]!r})))")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "kyivpost-ternopil.html" in outputs.pop()
