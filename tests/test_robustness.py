"""Bad input, hostile input, and the same answer twice: one test per row of the "Input problems" table in
README.md, each named after its row. Every input gets a correct report or a one-line error naming the problem;
never a traceback, a half-written report or input dropped without a word. Runs go through the CLI
(`verify check` / `verify extract`) with the session's model."""
from __future__ import annotations

import base64
import codecs
import gzip
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from stand_ins import RUN_WITH_BAG_OF_WORDS
from verify.cli import main
from verify.ingest import REPORT_MARKER, read_corpus
from verify.segment import MAX_SENTENCE_CHARS, segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GFM = MarkdownIt("gfm-like")
OWN_HTML = re.compile(r"(?:<details>\n?<summary>[^<>]*</summary>|</details>|" + re.escape(REPORT_MARKER) + r")\n")
ONLY_ONE = "Only one source was given: nothing can be cross-checked."

# Two independent reports of one event: they share some figures and dispute the death toll.
KYIV = """Ternopil strike death toll rises to 26
The number of people killed by a Russian missile strike on two apartment blocks in Ternopil has risen to 26, \
including three children, the State Emergency Service said on Wednesday.
At least 93 people were injured, and 22 residents were still unaccounted for, the service said.
Russia launched 476 drones and 48 missiles across Ukraine overnight, the Air Force said.
Regional governor Vyacheslav Nehoda declared three days of mourning in the Ternopil region.
"""
BBC = """Russian strike on Ternopil kills 25
A Russian missile strike on residential buildings in the western city of Ternopil killed 25 people, among them \
three children, officials said on Wednesday.
Ninety-three people were wounded in the attack, the regional administration said.
Russia fired 476 drones and 48 missiles at Ukraine overnight, according to the Ukrainian Air Force.
"""


@pytest.fixture
def verify_cli(embedder, monkeypatch):
    """`verify ARGS...` in process, with the session's model instead of a second copy of it."""
    monkeypatch.setattr("verify.pipeline.Embedder", lambda *args, **kwargs: embedder)

    def run(*args):
        return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="verify")

    return run


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def pair(folder: Path) -> Path:
    """A folder of the two independent reports."""
    write(folder / "01-kyivindependent.com.txt", " date 2025-11-19 " + KYIV)
    write(folder / "02-bbc.co.uk.txt", " date 2025-11-19 " + BBC)
    return folder


def ok(result):
    """A report: exit status 0 (no conflict) or 1 (conflicts found), never a traceback."""
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def error_line(result, *fragments: str) -> str:
    """Exit status 2 and one line on stderr, "verify: error: ...", holding each fragment."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def of_type(found: list[dict], kind: str) -> list[dict]:
    return [r for r in found if r["type"] == kind]


def summary(markdown: str) -> str:
    return markdown.split("\n## ", 1)[0]


# ---------------------------------------------------------------- empty, blank, binary, encodings

def test_empty_file(tmp_path, verify_cli):
    empty = write(tmp_path / "in" / "03-empty.txt", b"")
    error_line(verify_cli("check", empty), f"{empty}: empty file, nothing to check")
    # In a folder it stops the run too, unless --skip-bad leaves it out: then it is listed, not dropped in silence.
    pair(tmp_path / "in")
    error_line(verify_cli("check", tmp_path / "in"), "03-empty.txt: empty file")
    report = tmp_path / "report.md"
    result = ok(verify_cli("check", tmp_path / "in", "--skip-bad", "-o", report, "--quiet"))
    assert result.stderr == f"verify: skipped {empty}: empty file, nothing to check\n"
    markdown = report.read_text(encoding="utf-8")
    assert "Left out (could not be read):" in markdown and "03-empty.txt: empty file" in markdown
    assert "Checked 2 sources" in markdown


@pytest.mark.parametrize("content", [b"   \n\t\r\n  ", "\u00a0\u3000\u2028\n".encode("utf-8"), codecs.BOM_UTF8,
                                     codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
                         ids=["spaces", "unicode-spaces", "bom-only", "utf16-blank"])
def test_whitespace_only_file(tmp_path, verify_cli, content):
    blank = write(tmp_path / "blank.txt", content)
    error_line(verify_cli("check", blank), f"{blank}: empty file, nothing to check")


def _noise(seed: int, size: int) -> bytes:
    """Compressed or encrypted data: bytes that look random."""
    return random.Random(seed).randbytes(size)


def _pdf() -> bytes:
    stream = gzip.compress(b"BT /F1 12 Tf 72 712 Td (The strike killed 25 people) Tj ET\n" * 40)
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode()
            + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream\nendobj\n%%EOF\n")


BINARIES = {
    "pdf": _pdf(),
    "png": b"\x89PNG\r\n\x1a\n" + _noise(1, 4000).replace(b"\x00", b"\x01"),   # not even a NUL byte
    "gzip": gzip.compress("The strike killed 25 people, officials said. ".encode() * 50),
    "docx": b"PK\x03\x04\x14\x00\x06\x00" + _noise(2, 4000),
}


@pytest.mark.parametrize("kind", BINARIES)
def test_binary_file(tmp_path, verify_cli, kind):
    """A PDF, an image, an archive or a Word file renamed .txt."""
    binary = write(tmp_path / "in" / f"renamed-{kind}.txt", BINARIES[kind])
    error_line(verify_cli("check", binary), f"{binary}: not a text file")
    error_line(verify_cli("extract", binary), "not a text file")
    pair(tmp_path / "in")
    result = ok(verify_cli("extract", tmp_path / "in", "--skip-bad"))
    assert result.stderr == f"verify: skipped {binary}: not a text file\n"


LATIN_1 = {
    "en": """Plant opens in Suffolk
The £3.5 million factory in Bury St Edmunds will employ 250 people by 2026, the company said on Tuesday.
Its director, René Müller, told reporters the refit had cost more than £3 million and a second line would follow.
Residents of the town welcomed the news. "It's a big day for us," said café owner Zoë Hart.
""",
    "fr": """Incendie à Besançon
La préfecture a annoncé mardi que 1 500 personnes avaient été évacuées à Besançon après l'incendie.
Les dégâts sont estimés à 3,5 millions d'euros, selon le maire, qui s'est rendu sur place dès l'aube.
« C'est une catastrophe pour la ville », a déclaré à l'AFP un commerçant du centre, très ému.
""",
}


@pytest.mark.parametrize("language, encoding", [("en", "latin-1"), ("fr", "latin-1"), ("en", "cp1252"),
                                                ("fr", "utf-16")])
def test_non_utf8_text(tmp_path, verify_cli, language, encoding):
    """Decoded by byte order mark, else by charset-normalizer's guess; the JSONL says which encoding was used."""
    text = LATIN_1[language]
    data = text.encode(encoding)
    path = write(tmp_path / "in" / "03-local.txt", data)
    pair(tmp_path / "in")
    findings = tmp_path / "findings.jsonl"
    ok(verify_cli("check", tmp_path / "in", "--jsonl", findings, "-o", tmp_path / "report.md"))
    [doc] = [r for r in of_type(records(findings), "document") if r["id"] == path.name]
    assert doc["encoding"] != "utf-8" and data.decode(doc["encoding"]) == text
    sentences = [json.loads(line) for line in ok(verify_cli("extract", path)).stdout.splitlines()]
    assert all(text[s["start"]:s["end"]] == s["sentence"] for s in sentences)   # offsets into the decoded text
    read = " ".join(" ".join(s["sentence"] for s in sentences).split())
    assert " ".join(" ".join(text.splitlines()[1:]).split()) in read           # every line under the headline
    if language == "en":
        money = [q for s in sentences for q in s["quantities"] if q["unit"] == "GBP"]
        assert [q["surface"] for q in money] == ["£3.5 million", "more than £3 million"]


def test_non_utf8_text_is_named_in_the_report(tmp_path, verify_cli):
    write(tmp_path / "in" / "03-local.txt", LATIN_1["fr"].encode("latin-1"))
    pair(tmp_path / "in")
    report = tmp_path / "report.md"
    ok(verify_cli("check", tmp_path / "in", "-o", report))
    sources = report.read_text(encoding="utf-8").split("\n## Sources\n")[1].split("\n## ")[0]
    assert "cp1252" in sources


@pytest.mark.parametrize("text, encoding", [
    ("The minister said “the plant will cost €3.5 million” — and 250 jobs will follow. Officials confirmed it.\n",
     "cp1252"),
    pytest.param(
        "Der Bürgermeister von Zürich sagte, die Fabrik koste £3.5 million und schaffe 250 Arbeitsplätze.\n"
        "The café owners in Besançon said the plant would cost £3.5 million and employ 250 people.\n", "latin-1",
        marks=pytest.mark.xfail(strict=True, reason="ingest._decode: on this short text charset-normalizer ranks "
                                                    "cp1250 and cp1252 alike and picks cp1250, reading '£' as 'Ł'; "
                                                    "Polish cp1250 text ranks cp1252 first, so no exclusion fixes it")),
], ids=["cp1252-punctuation", "latin1-pound-sign"])
def test_non_utf8_text_short(tmp_path, text, encoding):
    [doc] = read_corpus([write(tmp_path / "short.txt", text.encode(encoding))]).documents
    assert doc.text == text, (doc.encoding, doc.text)


# ---------------------------------------------------------------- JSONL

def test_malformed_jsonl_line(tmp_path, verify_cli):
    lines = [json.dumps({"id": "kyiv", "source": "Kyiv Independent", "date": "2025-11-19", "text": KYIV}),
             '{"id": "broken", "text": "The strike killed 25 people', "",
             json.dumps({"id": "bbc", "source": "BBC", "date": "2025-11-19", "text": BBC})]
    feed = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    error_line(verify_cli("check", feed), f"{feed}:2: not valid JSON")
    report, findings = tmp_path / "report.md", tmp_path / "findings.jsonl"
    assert not report.exists()
    result = ok(verify_cli("check", feed, "--skip-bad", "-o", report, "--jsonl", findings, "-q"))
    assert result.stderr.startswith(f"verify: skipped {feed}:2: not valid JSON")
    assert len(result.stderr.splitlines()) == 1
    [run] = of_type(records(findings), "run")
    assert run["documents"] == 2 and len(run["problems"]) == 1 and run["problems"][0].startswith(f"{feed}:2:")
    assert f"{feed}:2: not valid JSON" in report.read_text(encoding="utf-8").replace("\\", "")


@pytest.mark.parametrize("record, problem", [
    ({"id": "a", "title": "No text here"}, "missing 'text'"),
    ({"id": "a", "text": None}, "missing 'text'"),
    ({"id": "a", "text": ""}, "empty 'text'"),
    ({"id": "a", "text": ["a", "list"]}, "'text' must be a string"),
    ({"id": "a", "content": "The text is under another key."}, "missing 'text'"),
])
def test_jsonl_missing_text(tmp_path, verify_cli, record, problem):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "ok", "text": KYIV}) + "\n" + json.dumps(record) + "\n")
    error_line(verify_cli("check", feed), f"{feed}:2: {problem}")


def test_duplicate_document_id(tmp_path, verify_cli):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "a", "text": KYIV}) + "\n"
                 + json.dumps({"id": "a", "text": BBC}) + "\n")
    error_line(verify_cli("check", feed), f"{feed}:2: duplicate document id 'a', first used at {feed}:1")


def test_jsonl_line_nested_too_deeply(tmp_path, verify_cli):
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "ok", "text": KYIV}) + "\n" + "[" * 100_000 + "\n")
    error_line(verify_cli("extract", feed), f"{feed}:2: not valid JSON")


def test_jsonl_text_with_an_unpaired_surrogate(tmp_path, verify_cli):
    feed = write(tmp_path / "feed.jsonl", '{"id": "a", "text": "The strike killed 25 people \\ud83d, officials '
                                          'said."}\n')
    result = verify_cli("extract", feed)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code:
        error_line(result, f"{feed}:1:")
    else:
        [sentence] = map(json.loads, result.stdout.splitlines())
        assert sentence["quantities"][0]["surface"] == "25"


# ---------------------------------------------------------------- folders and sources

def test_unknown_file_type_in_a_folder(tmp_path, verify_cli):
    folder = pair(tmp_path / "in")
    others = [write(folder / "photo.jpg", b"\xff\xd8\xff\xe0"), write(folder / "notes.pdf", _pdf()),
              write(folder / "sub" / "data.csv", "a,b\n1,2\n"), write(folder / "README", "notes")]
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1")            # hidden files are passed over silently
    report, findings = tmp_path / "report.md", tmp_path / "findings.jsonl"
    ok(verify_cli("check", folder, "-o", report, "--jsonl", findings))
    [run] = of_type(records(findings), "run")
    assert run["documents"] == 2
    assert sorted(run["skipped"]) == sorted(str(path) for path in others)
    skipped_line = next(line for line in report.read_text(encoding="utf-8").splitlines() if "Skipped" in line)
    for path in others:
        assert path.name in skipped_line.replace("\\", "")


def test_unknown_file_type_named_directly(tmp_path, verify_cli):
    pdf = write(tmp_path / "notes.pdf", _pdf())
    error_line(verify_cli("check", pair(tmp_path / "in"), pdf), f"{pdf}: unsupported file type '.pdf'")


def test_symbolic_link_to_a_folder_in_a_folder(tmp_path, verify_cli):
    write(tmp_path / "elsewhere" / "03-bbc.co.uk.txt", BBC)
    folder = write(tmp_path / "in" / "01-kyivindependent.com.txt", KYIV).parent
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    corpus = read_corpus([folder])
    ids = [doc.id for doc in corpus.documents]
    assert "linked/03-bbc.co.uk.txt" in ids or any("linked" in path for path in corpus.skipped), (ids, corpus.skipped)


@pytest.mark.parametrize("shape", ["file", "folder of one", "jsonl of one"])
def test_a_single_source(tmp_path, verify_cli, shape):
    if shape == "file":
        given = write(tmp_path / "01-kyivindependent.com.txt", KYIV)
    elif shape == "folder of one":
        given = write(tmp_path / "in" / "01-kyivindependent.com.txt", KYIV).parent
    else:
        given = write(tmp_path / "feed.jsonl", json.dumps({"id": "kyiv", "text": KYIV}) + "\n")
    report, findings = tmp_path / "report.md", tmp_path / "findings.jsonl"
    ok(verify_cli("check", given, "-o", report, "--jsonl", findings))
    assert ONLY_ONE in summary(report.read_text(encoding="utf-8"))
    found = records(findings)
    assert of_type(found, "run")[0]["documents"] == 1
    assert not of_type(found, "agreement") and not of_type(found, "conflict")
    assert of_type(found, "single_source")            # its claims are still listed, as single-source


def _copies_run(tmp_path, verify_cli, texts: dict[str, str]):
    folder = tmp_path / "in"
    for name, text in texts.items():
        write(folder / name, text)
    report, findings = tmp_path / "report.md", tmp_path / "findings.jsonl"
    ok(verify_cli("check", folder, "-o", report, "--jsonl", findings))
    return report.read_text(encoding="utf-8"), records(findings)


def _between(findings: list[dict], docs: set[str]) -> list[dict]:
    return [f for f in findings if {claim["doc"] for claim in f["claims"]} <= docs]


def _corroborated_lines(markdown: str) -> list[str]:
    section = markdown.split("\n## Corroborated claims\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


def test_identical_articles(tmp_path, verify_cli):
    """The same wire story under three outlets' names is one source: nothing corroborates, nothing conflicts."""
    names = ["01-apnews.com.txt", "02-abcnews.go.com.txt", "03-washingtonpost.com.txt"]
    markdown, found = _copies_run(tmp_path, verify_cli, {name: " date 2025-11-19 " + KYIV for name in names})
    [copy_set] = of_type(found, "copies")
    assert copy_set["docs"] == names and copy_set["representative"] == names[0]
    assert not of_type(found, "agreement") and not of_type(found, "conflict")
    assert "**0 corroborated claims**" in summary(markdown)
    assert "**2 duplicates or syndicated copies**" in summary(markdown)


def test_near_identical_articles(tmp_path, verify_cli):
    """A repost under a new headline, with page furniture and an edited phrase, beside an independent report:
    what the independent report confirms is corroborated by two sources, and the repost is not a third."""
    body = KYIV.split("\n", 1)[1].replace("the service said", "the emergency service said")
    texts = {"01-kyivindependent.com.txt": " date 2025-11-19 " + KYIV,
             "02-reuters.com.txt": " date 2025-11-19 Breaking: Ternopil toll climbs | Reuters\n" + body
             + "Share this article\nRead more: latest news\n",
             "03-bbc.co.uk.txt": " date 2025-11-19 " + BBC}
    markdown, found = _copies_run(tmp_path, verify_cli, texts)
    copies = {"01-kyivindependent.com.txt", "02-reuters.com.txt"}
    [copy_set] = of_type(found, "copies")
    assert set(copy_set["docs"]) == copies and copy_set["overlap"] >= 0.6
    agreements = of_type(found, "agreement")
    assert agreements and not _between(agreements, copies)
    assert all("03-bbc.co.uk.txt" in {c["doc"] for c in f["claims"]} for f in agreements)
    lines = _corroborated_lines(markdown)
    assert lines and all("— 2 sources:" in line and "reuters" not in line for line in lines), lines
    assert "**1 duplicate or syndicated copy**" in summary(markdown)


# ---------------------------------------------------------------- a 5 MB line

def _prose_line(size: int) -> str:
    rng = random.Random(5)
    templates = ["The strike on {d} killed {n} people and injured {m} more, officials said.",
                 "Regional governor Ivan Petrenko said rescue crews had worked through the night.",
                 "The company said the plant would cost about ${x} million and employ {n} workers by {y}.",
                 "More than {m} homes were left without power, the energy ministry said in a statement."]
    parts, length = [], 0
    while length < size:
        part = rng.choice(templates).format(d=rng.choice(["Feb. 25", "Tuesday", "March 3"]), n=rng.randint(2, 400),
                                            m=f"{rng.randint(1, 9)},{rng.randint(100, 999)}", x=rng.randint(2, 900),
                                            y=rng.choice([2026, 2027]))
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:size]


def test_one_5mb_line(tmp_path, verify_cli):
    """A page saved without line breaks: read, cut into sentences of bounded length, extracted, in seconds."""
    text = _prose_line(5_000_000)
    path = write(tmp_path / "one-line.txt", text)
    out = tmp_path / "sentences.jsonl"
    started = time.monotonic()
    ok(verify_cli("extract", path, "--jsonl", out))
    assert time.monotonic() - started < 120
    sentences = records(out)
    assert len(sentences) > len(text) // 200                       # sentences, not one giant one
    assert max(s["end"] - s["start"] for s in sentences) <= MAX_SENTENCE_CHARS
    assert all(text[s["start"]:s["end"]] == s["sentence"] for s in sentences)
    assert sum(len(s["quantities"]) for s in sentences) > 10_000
    # And the line with no sentence end at all is cut at spaces into pieces of bounded length.
    words = ("rescue crews worked through the night " * 140_000)[:5_000_000]
    [doc] = read_corpus([write(tmp_path / "no-stop.txt", words)]).documents
    pieces = segment(doc)
    assert max(len(s.text) for s in pieces) <= MAX_SENTENCE_CHARS and len(pieces) >= 2500
    assert all(not s.text[0].isspace() and not s.text[-1].isspace() for s in pieces)


def test_one_5mb_line_of_data(tmp_path, verify_cli):
    blob = base64.b64encode(random.Random(6).randbytes(3_750_000)).decode()
    lines = KYIV.splitlines()
    write(tmp_path / "in" / "00-page-data.txt", "\n".join(lines[:2] + [blob] + lines[2:]) + "\n")
    pair(tmp_path / "in")
    corpus = read_corpus([tmp_path / "in"])
    data_doc = next(d for d in corpus.documents if d.id == "00-page-data.txt")
    assert len(segment(data_doc)) == len(KYIV.strip().splitlines())     # the article's lines, not the blob
    ok(verify_cli("check", tmp_path / "in", "-o", tmp_path / "report.md"))


def test_one_article_of_one_sentence_repeated(tmp_path, verify_cli):
    """A page that repeats one sentence (a scraper loop): each copy is a restatement of the same figure, so the
    article has one slot for it, which an independent report corroborates. (Its time at 170,000 copies, 5 MB:
    benchmarks/README.md.)"""
    folder = pair(tmp_path / "in")
    write(folder / "03-loop.example.txt", " date 2025-11-19 " + "The strike killed 25 people. " * 20_000)
    findings = tmp_path / "findings.jsonl"
    ok(verify_cli("check", folder, "--jsonl", findings, "-o", tmp_path / "report.md"))
    found = records(findings)
    [loop] = [r for r in of_type(found, "document") if r["id"] == "03-loop.example.txt"]
    assert loop["sentences"] == loop["claims"] == 20_000
    agreements = [f for f in of_type(found, "agreement") if "03-loop.example.txt" in {c["doc"] for c in f["claims"]}]
    assert {(c["doc"], c["value"]) for f in agreements for c in f["claims"]} >= {("03-loop.example.txt", "25"),
                                                                                ("02-bbc.co.uk.txt", "25")}
    assert not [r for r in of_type(found, "single_source") if r["claim"]["doc"] == "03-loop.example.txt"]


def test_restatements_as_slots_in_linear_time(tmp_path, embedder):
    """A document that repeats sentences of several figures in any order: each figure is one slot (restatements
    collapse), found by grouping, not by testing pairs of claims."""
    from verify.compare import build_slots
    from verify.pipeline import prepare

    rng = random.Random(7)
    lines = [line for line in (KYIV + BBC).splitlines()[1:] if line] + [
        "The strike killed 25 people and injured 93, and 25 drones were destroyed.",
        "Officials said 26 people were killed; earlier they said 25 people were killed.",
        "Russia launched 476 drones on Feb. 25, and 48 missiles on Feb. 26."]
    write(tmp_path / "a.txt", " date 2025-11-19 " + "\n".join(rng.choice(lines) for _ in range(300)) + "\n")
    write(tmp_path / "b.txt", " date 2025-11-19 " + " ".join(rng.choice(lines) for _ in range(120)) + "\n")
    documents = read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"]).documents
    claims = prepare(documents, embedder).claims
    slots = build_slots(claims)
    assert sorted(c.id for s in slots for c in s.members) == [c.id for c in claims]
    assert len(slots) < len(claims) / 5           # the repeats did collapse
    for slot in slots:
        assert len({(c.doc, c.mention.value, c.frame.counted.lemma if c.frame.counted else None)
                    for c in slot.members}) == 1


# ---------------------------------------------------------------- paths

def test_unreadable_path(tmp_path, verify_cli):
    """Paths that exist but cannot be read as an article, for root too (who reads past chmod 000)."""
    folder = write(tmp_path / "x.txt" / "photo.jpg", b"\xff\xd8").parent       # a folder named like a file
    error_line(verify_cli("check", folder), f"{folder}: no ", "files in this folder")
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "deleted.txt")
    error_line(verify_cli("check", dangling), f"{dangling}: no such file or folder")
    inside = pair(tmp_path / "in")
    (inside / "03-gone.txt").symlink_to(tmp_path / "deleted.txt")              # found by the walk, then unreadable
    error_line(verify_cli("check", inside), "03-gone.txt: cannot read (No such file or directory)")
    result = ok(verify_cli("extract", inside, "--skip-bad"))
    assert result.stderr == f"verify: skipped {inside / '03-gone.txt'}: cannot read (No such file or directory)\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_path_without_permission(tmp_path, verify_cli):
    locked = write(tmp_path / "locked.txt", KYIV)
    locked.chmod(0)
    try:
        error_line(verify_cli("check", locked), f"{locked}: cannot read (Permission denied)")
    finally:
        locked.chmod(0o644)


def test_missing_input_path(tmp_path, verify_cli):
    folder = pair(tmp_path / "in")
    error_line(verify_cli("check", tmp_path / "nope"), f"{tmp_path / 'nope'}: no such file or folder")
    # One good path and one missing: an error, not a report on part of the input.
    error_line(verify_cli("check", folder, tmp_path / "typo.txt"), "typo.txt: no such file or folder")


def test_output_path_in_a_missing_folder(tmp_path, verify_cli, monkeypatch):
    """The error comes before the work (the run would be wasted), and nothing is written."""
    folder = pair(tmp_path / "in")
    monkeypatch.setattr("verify.pipeline.check", lambda *a, **k: pytest.fail("ran although the output is unwritable"))
    for option, name in (("-o", "report.md"), ("--jsonl", "findings.jsonl")):
        target = tmp_path / "reports" / name
        error_line(verify_cli("check", folder, option, target), f"{target}: folder ", "does not exist")
    error_line(verify_cli("extract", folder, "--jsonl", tmp_path / "reports" / "s.jsonl"), "does not exist")
    assert not (tmp_path / "reports").exists()


def test_interrupted_run_leaves_the_old_report(tmp_path, verify_cli, monkeypatch):
    """Ctrl-C while the report is rendered, at the first rename, or a disk that fills up while the second output
    is written: the previous report and JSONL stay as they were, and no temporary file is left behind."""
    import errno

    folder = pair(tmp_path / "in")
    out = tmp_path / "out"
    report, findings = write(out / "report.md", "previous report\n"), write(out / "findings.jsonl", "{}\n")
    args = ("check", folder, "-o", report, "--jsonl", findings)

    def unchanged():
        assert report.read_text(encoding="utf-8") == "previous report\n"
        assert findings.read_text(encoding="utf-8") == "{}\n"
        assert sorted(os.listdir(out)) == ["findings.jsonl", "report.md"]

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr("verify.report.render_markdown", interrupt)
        result = verify_cli(*args)
    assert result.exit_code != 0 and "Traceback" not in result.output
    unchanged()

    with monkeypatch.context() as patch:
        patch.setattr("verify.output.os.replace", interrupt)
        result = verify_cli(*args)
    assert result.exit_code != 0 and "Traceback" not in result.output
    unchanged()

    real_fsync, calls = os.fsync, []

    def full_on_second(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    with monkeypatch.context() as patch:
        patch.setattr("verify.output.os.fsync", full_on_second)
        line = error_line(verify_cli(*args), "cannot write (No space left on device)")
    assert str(report) in line
    unchanged()

    ok(verify_cli(*args))                         # and an uninterrupted run replaces both
    assert report.read_text(encoding="utf-8").startswith("# Cross-check report")
    assert of_type(records(findings), "run")
    assert sorted(os.listdir(out)) == ["findings.jsonl", "report.md"]


def test_publication_date_at_the_end_of_the_calendar(tmp_path, verify_cli):
    """" date 9999-12-31": "next week" has no date to resolve to; it is left unresolved instead of crashing."""
    late = write(tmp_path / "late.txt", " date 9999-12-31 Next week, the plant will open, officials said on Tuesday.\n")
    early = write(tmp_path / "early.txt", " date 0001-01-01 Last year, on Tuesday, 25 people died, officials said.\n")
    for path in (late, early):
        [sentence] = map(json.loads, ok(verify_cli("extract", path)).stdout.splitlines())
        assert sentence["dates"]
        unresolved = [d for d in sentence["dates"] if d["resolution"] == "unresolved"]
        assert unresolved and all(d["value"] is None for d in unresolved)


# ---------------------------------------------------------------- hostile text, and the same answer twice

INJECTION = ("<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil.example/p.png) "
             "<img src=x onerror=alert(1)> <a href='http://evil.example'>here</a> https://evil.example/x "
             "www.evil.example me@evil.example | cell | `code` **bold** <!-- comment --> &#x3C;b&#x3E;")


def test_hostile_source_text(tmp_path, verify_cli):
    """Markup in a source's text, title, id and outlet is shown as text: no link, image or HTML of its own."""
    hostile = {"id": "<b>x</b>", "source": "[BBC](http://evil.example)", "title": "<script>t</script>",
               "date": "2025-11-19", "text": BBC.replace("officials said", "officials said " + INJECTION)
               + f"\n# {INJECTION}\n| 25 | people | killed |\n|---|---|---|\n<details><summary>x</summary>\n"}
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "kyiv", "date": "2025-11-19", "text": KYIV}) + "\n"
                 + json.dumps(hostile) + "\n")
    report = tmp_path / "report.md"
    ok(verify_cli("check", feed, "-o", report))
    markdown = report.read_text(encoding="utf-8")
    assert "25" in markdown and "evil" in markdown           # the hostile source's claims are in the report
    tokens = list(_walk(GFM.parse(markdown)))
    assert not [t for t in tokens if t.type in ("link_open", "image", "code_inline", "code_block", "fence")]
    # The only HTML is the report's own: the <details> blocks that fold away the wordings.
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            assert OWN_HTML.fullmatch(token.content), token.content
    rendered = GFM.render(markdown).replace(REPORT_MARKER, "")     # the report's own comment, its last line
    for tag in ("<script", "<img", "<a ", "<!--", "<b>", "<h1>x"):
        assert tag not in rendered, tag


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def test_same_input_twice(tmp_path, verify_cli):
    """Two runs on the same input: byte-identical markdown and JSONL."""
    outputs = []
    for run in ("first", "second"):
        report, findings = tmp_path / run / "report.md", tmp_path / run / "findings.jsonl"
        report.parent.mkdir()
        ok(verify_cli("check", SEEDS, pair(tmp_path / "in"), "-o", report, "--jsonl", findings))
        outputs.append((report.read_bytes(), findings.read_bytes()))
    assert outputs[0] == outputs[1]
    assert b"conflict" in outputs[0][1]


_STUB_RUN = RUN_WITH_BAG_OF_WORDS


def test_same_input_twice_in_processes_with_different_hash_seeds(tmp_path):
    """Set and dict order must not leak into the output: string hashing differs between processes."""
    folder = pair(tmp_path / "in")
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _STUB_RUN, "check", str(SEEDS), str(folder),
                               "-o", str(out / "report.md"), "--jsonl", str(out / "findings.jsonl"),
                               "--fail-on", "never"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(((out / "report.md").read_bytes(), (out / "findings.jsonl").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]


def test_every_row_of_the_readme_table_has_its_test():
    """README.md's "Input problems" table names the tests that back its rows: each must exist."""
    import ast

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Input problems\n", 1)[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| input |")]
    defined = set()
    for name in ("test_robustness.py", "test_cli.py"):
        tree = ast.parse((ROOT / "tests" / name).read_text(encoding="utf-8"))
        defined |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert len(rows) >= 15
    for row in rows:
        named = re.findall(r"`(test_\w+)`", row.rsplit(" | ", 1)[1])
        assert named and set(named) <= defined, row
