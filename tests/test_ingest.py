"""Reading files, folders and JSONL into Documents; every input problem is a one-line InputError."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from verify.errors import InputError
from verify.ingest import Corpus, classified_lines, document_from_text, read_corpus, read_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"


def by_id(paths) -> dict:
    return {doc.id: doc for doc in read_documents(paths)}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def body_text(doc) -> list[str]:
    return [doc.text[start:end] for start, end in doc.body]


def test_seed_folder():
    corpus = read_corpus([SEEDS])
    assert isinstance(corpus, Corpus) and corpus.skipped == []
    assert [doc.id for doc in corpus.documents] == sorted(path.name for path in SEEDS.glob("*.txt"))
    for doc in corpus.documents:
        assert doc.text == (SEEDS / doc.id).read_bytes().decode("utf-8")   # the file as it is, nothing cut
        assert doc.origin == str(SEEDS / doc.id)
        assert doc.outlet == Path(doc.id).stem                              # not an "NN-domain" name
        assert doc.encoding == "utf-8"
        assert all(doc.text[start:end] == doc.text[start:end].strip() for start, end in doc.body)


def test_date_marker_gives_the_date_and_stays_out_of_the_body():
    docs = by_id([SEEDS])
    doc = docs["001_4cafb03c0bc694a9.txt"]
    assert doc.text.startswith(" date 2025-04-04 In 2024, Ukraine caught up")
    assert doc.published == dt.date(2025, 4, 4)
    first_start, _ = doc.body[0]
    assert first_start == len(" date 2025-04-04 ")
    assert body_text(doc)[0].startswith("In 2024, Ukraine caught up with Russia")
    assert doc.title is None                       # the first line is a sentence, not a headline
    assert docs["004_1813ec40aa6a27d0.txt"].published == dt.date(2026, 2, 25)
    assert docs["000_a28f620ae836cfc1.txt"].published is None


def test_title_is_the_first_content_line_when_it_reads_as_a_headline():
    docs = by_id([SEEDS])
    assert docs["004_1813ec40aa6a27d0.txt"].title == "1st Ukrainian drone factory starts production in UK, Zaluzhnyi says"
    assert docs["002_d6449e741489756f.txt"].title == (
        "Ukraine to boost drone production: Western aid, Russian attacks, new contracts for military personnel")
    assert docs["000_a28f620ae836cfc1.txt"].title.startswith("Defence City launch, record interceptor drone")


def test_bench_documents():
    folder = BENCH / "attack-november-2025" / "docs"
    if not folder.exists():
        pytest.skip(f"{folder} not present")
    docs = by_id([folder])
    unn = docs["01-unn.ua.txt"]
    assert unn.outlet == "unn.ua"
    assert unn.published == dt.date(2025, 11, 19)
    assert body_text(unn)[0].startswith("In Ternopil, the number of dead")
    assert docs["02-localnewswave.com.txt"].published is None
    aid = BENCH / "aid-ukraine-israel-taiwan-2024" / "docs"
    # No marker: the dateline under the byline gives the date.
    assert by_id([aid])["02-thefiscaltimes.com.txt"].published == dt.date(2024, 4, 20)


def test_outlet_from_file_name(tmp_path):
    write(tmp_path / "01-unn.ua.txt", "Ternopil toll rises, police said.")
    write(tmp_path / "02-www.example.co.uk.md", "The plant opened, officials said.")
    write(tmp_path / "notes.txt", "The plant opened, officials said.")
    docs = by_id([tmp_path])
    assert docs["01-unn.ua.txt"].outlet == "unn.ua"
    assert docs["02-www.example.co.uk.md"].outlet == "example.co.uk"
    assert docs["notes.txt"].outlet == "notes"


def test_folder_walk_ids_order_and_skipped_files(tmp_path):
    write(tmp_path / "b.txt", "Second, officials said.")
    write(tmp_path / "a.md", "First, officials said.")
    write(tmp_path / "sub" / "c.txt", "Nested, officials said.")
    write(tmp_path / "sub" / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / ".hidden.txt", "Hidden, officials said.")
    write(tmp_path / ".git" / "x.txt", "Hidden, officials said.")
    corpus = read_corpus([str(tmp_path)])
    assert [doc.id for doc in corpus.documents] == ["a.md", "b.txt", "sub/c.txt"]
    assert corpus.documents[2].origin == str(tmp_path / "sub" / "c.txt")
    assert corpus.skipped == [str(tmp_path / "notes.pdf"), str(tmp_path / "sub" / "photo.jpg")]


def test_file_given_directly(tmp_path):
    path = write(tmp_path / "deep" / "01-bnonews.com.txt", "The strike killed 25 people, officials said.")
    [doc] = read_documents([path])
    assert doc.id == "01-bnonews.com.txt" and doc.origin == str(path) and doc.outlet == "bnonews.com"


def test_crlf_text_is_kept_as_read(tmp_path):
    path = write(tmp_path / "a.txt", b"Plant opens in Suffolk\r\n\r\nThe plant opened, officials said.\r\n")
    [doc] = read_documents([path])
    assert doc.text == "Plant opens in Suffolk\r\n\r\nThe plant opened, officials said.\r\n"
    assert body_text(doc) == ["Plant opens in Suffolk", "The plant opened, officials said."]


def test_jsonl_records(tmp_path):
    records = [
        {"id": "a1", "text": "Ternopil death toll rises after strike\nThe strike killed 25 people, officials said.",
         "title": "Toll rises", "source": "BNO News", "url": "https://bnonews.com/x", "date": "2025-11-19"},
        {"id": "a2", "text": "The strike killed 26 people, officials said.", "url": "https://www.unn.ua/en/news/1",
         "date": "2025-11-20T08:15:00+02:00"},
        {"id": 3, "text": "The strike killed 27 people, officials said."},
    ]
    lines = [json.dumps(records[0]), "", json.dumps(records[1]), "  ", json.dumps(records[2])]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs = read_documents([path])
    assert [d.id for d in docs] == ["a1", "a2", "3"]
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:5"]
    assert [d.outlet for d in docs] == ["BNO News", "unn.ua", "3"]
    assert [d.published for d in docs] == [dt.date(2025, 11, 19), dt.date(2025, 11, 20), None]
    assert docs[0].title == "Toll rises" and docs[0].url == "https://bnonews.com/x"
    assert docs[0].text == records[0]["text"]
    assert body_text(docs[0]) == ["Ternopil death toll rises after strike", "The strike killed 25 people, officials said."]


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": "Fine."}\n{"id": "b", "text": ', "feed.jsonl:2: not valid JSON"),
    ('{"id": "a"}', "feed.jsonl:1: missing 'text'"),
    ('{"text": "No id here."}', "feed.jsonl:1: missing 'id'"),
    ('["id", "text"]', "feed.jsonl:1: expected a JSON object"),
    ('{"id": "a", "text": 5}', "feed.jsonl:1: 'text' must be a string"),
    ('{"id": "a", "text": "   "}', "feed.jsonl:1: empty 'text'"),
    ('{"id": "a", "text": "Fine.", "date": "last week"}', "feed.jsonl:1: 'date' is not a date with year, month"),
    ('{"id": "a", "text": "Fine.", "title": {"main": "x"}}', "feed.jsonl:1: 'title' must be a string, got dict"),
    ('{"id": "a", "text": "Fine."}\n{"id": "a", "text": "Again."}',
     "feed.jsonl:2: duplicate document id 'a', first used at .*feed.jsonl:1"),
])
def test_bad_jsonl_lines(tmp_path, line, message):
    path = write(tmp_path / "feed.jsonl", line)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace("[", r"\[")) as caught:
        read_corpus([path])
    assert "\n" not in str(caught.value)


def test_duplicate_ids_across_inputs(tmp_path):
    write(tmp_path / "one" / "a.txt", "First, officials said.")
    write(tmp_path / "two" / "a.txt", "Second, officials said.")
    with pytest.raises(InputError, match="duplicate document id 'a.txt'"):
        read_corpus([tmp_path / "one", tmp_path / "two"])


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="nowhere.txt: no such file or folder"):
        read_corpus([tmp_path / "nowhere.txt"])


def test_unknown_extension_given_directly(tmp_path):
    path = write(tmp_path / "report.pdf", b"%PDF-1.4")
    with pytest.raises(InputError, match=r"report\.pdf: unsupported file type '\.pdf'"):
        read_corpus([path])


def test_folder_without_articles(tmp_path):
    write(tmp_path / "report.pdf", b"%PDF-1.4")
    with pytest.raises(InputError, match=r"no \.txt, \.md, \.html, \.htm or \.jsonl files"):
        read_corpus([tmp_path])


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", "The plant opened, officials said.")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=r"a\.txt: cannot read \(Permission denied\)"):
        read_corpus([path])


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", "\u00a0\u2003\n".encode("utf-8")])
def test_empty_file(tmp_path, content):
    path = write(tmp_path / "a.txt", content)
    with pytest.raises(InputError, match=r"a\.txt: empty file, nothing to check"):
        read_corpus([path])


@pytest.mark.parametrize("content", [
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff",              # an image
    b"The plant opened, officials said.\n" * 50 + b"\x00",          # text with a NUL byte: a binary format
    bytes(range(1, 32)) * 40,                                        # control characters, no NUL
])
def test_binary_file(tmp_path, content):
    path = write(tmp_path / "a.txt", content)
    with pytest.raises(InputError, match=r"a\.txt: not a text file"):
        read_corpus([path])


def test_non_utf8_text_is_decoded_with_a_recorded_guess(tmp_path):
    text = ("Україна збільшила виробництво дронів у десять разів за останні пів року, повідомив міністр.\n"
            "Завод у Великій Британії почав роботу в середу, заявив посол.\n")
    path = write(tmp_path / "a.txt", text.encode("cp1251"))
    [doc] = read_documents([path])
    assert doc.text == text
    assert doc.encoding == "cp1251"


def test_byte_order_marks(tmp_path):
    text = "The plant opened, officials said."
    [utf8] = read_documents([write(tmp_path / "a.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))])
    [utf16] = read_documents([write(tmp_path / "b.txt", text.encode("utf-16"))])
    assert (utf8.text, utf8.encoding) == (text, "utf-8-sig")
    assert (utf16.text, utf16.encoding) == (text, "utf-16")


def test_document_from_text():
    doc = document_from_text("draft", " date 2026-02-25 WORLD\nPlant opens in UK\nIt opened, the ministry said.\n")
    assert doc.published == dt.date(2026, 2, 25)
    assert doc.title == "Plant opens in UK"
    assert doc.outlet == "draft"
    assert body_text(doc) == ["Plant opens in UK", "It opened, the ministry said."]


def test_classified_lines_are_the_lines_the_body_was_chosen_from(tmp_path):
    front = write(tmp_path / "a.md", "---\ntitle: Toll\n---\nWORLD\nThe strike killed 25 people, police said.\n")
    for doc in read_documents([SEEDS, front]):
        lines = classified_lines(doc)
        assert [(line.start, line.end) for line in lines if line.kept] == list(doc.body)
    assert [line.text for line in classified_lines(read_documents([front])[0])] == [
        "WORLD", "The strike killed 25 people, police said."]
