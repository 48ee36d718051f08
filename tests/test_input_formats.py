"""Real inputs: saved HTML pages, Markdown with front matter, JSONL exports with their own field names, --skip-bad."""
import datetime as dt
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import stand_ins
from verify.cli import main
from verify.errors import InputError
from verify.ingest import JsonlFields, parse_date, read_corpus, read_documents

DATA = Path(__file__).resolve().parent / "data"
PAGE = DATA / "html" / "kyivpost-ternopil.html"
COPY_PAGE = DATA / "html" / "wirefeed-ternopil-copy.html"
COOKIE_WALL = DATA / "html" / "cookie-wall.html"
FRONT_MATTER = DATA / "markdown" / "ternopil-front-matter.md"
BAD_YAML = DATA / "markdown" / "bad-yaml.md"
NEWSAPI = DATA / "jsonl" / "newsapi-export.jsonl"
BAD_LINES = DATA / "jsonl" / "export-with-bad-lines.jsonl"
NEWSAPI_FIELDS = JsonlFields(id="url", text="content", date="publishedAt", source="source.name")

PARAGRAPHS = [
    "Ternopil strike death toll rises to 26",
    "The number of people killed by a Russian missile strike on two apartment blocks in Ternopil has risen to 26, "
    "including three children, the State Emergency Service said on Wednesday evening.",
    "At least 93 people were injured, among them 18 children, and 22 residents were still unaccounted for, the "
    "service said. Rescuers had pulled 45 people from the rubble since the strike at about 7 a.m. on November 19.",
    "Russia launched 476 drones and 48 missiles across Ukraine overnight, the Air Force said. Air defences shot down "
    "442 drones and 41 missiles.",
    "Regional governor Vyacheslav Nehoda declared three days of mourning in the Ternopil region, starting on "
    "Thursday, November 20.",
    "The two nine-story buildings stand about 200 kilometers from the Polish border, far from the front line.",
]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def body_text(doc) -> list[str]:
    return [doc.text[start:end] for start, end in doc.body]


def read_documents_with(path, fields):
    return read_corpus([path], fields).documents


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


ARTICLE = ("<article><p>The strike on Ternopil killed 25 people and injured 93 more on Wednesday, the regional "
           "governor said in a statement on Telegram.</p><p>Rescuers pulled 45 people from the rubble of two "
           "nine-story apartment blocks, the State Emergency Service said.</p></article>")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- HTML ----------------------------------------------------------------------------------------------------------

def test_html_page_gives_the_article_text_and_its_metadata(no_network):
    [doc] = read_documents([PAGE])
    assert body_text(doc) == PARAGRAPHS
    assert doc.text == "\n".join(PARAGRAPHS)          # offsets point into the extracted text
    assert doc.source_format == "html"
    assert (doc.id, doc.origin) == ("kyivpost-ternopil.html", str(PAGE))
    assert doc.outlet == "Kyiv Daily Post"             # og:site_name
    assert doc.title == "Ternopil strike death toll rises to 26"
    assert doc.url == "https://www.kyivdailypost.example/news/ternopil-strike-toll-26"
    assert doc.published == dt.date(2025, 11, 19)     # datePublished, not dateModified (Nov. 20)
    assert doc.author == "Olena Marchenko"


@pytest.mark.parametrize("furniture", [
    "Subscribe for $1 a month",                  # navigation
    "Breaking: 3 people injured in Kharkiv",     # ticker
    "Advertisement",                             # ad slots
    "Rescuers work at a damaged apartment block",  # photo caption
    "Share on Facebook",
    "Tags:",
    "Kharkiv strike kills 12",                   # related articles
    "Kharkiv toll rises to 14",                  # a line of links inside the article
    "at least 40 people died",                   # comments
    "1000 days and counting",
    "14 comments",
    "All rights reserved",                       # footer
    "gtag",                                      # scripts
])
def test_html_page_furniture_is_left_out(furniture):
    [doc] = read_documents([PAGE])
    assert furniture not in doc.text


def test_html_paragraph_citing_its_sources_with_links_is_kept(tmp_path):
    cited = ("<article><p>The strike killed 25 people, <a href='/a'>the police</a> and <a href='/b'>the governor</a> "
             "said on Wednesday, and rescuers were still searching two apartment blocks for 22 missing residents."
             "</p><p>At least 93 people were injured, 18 of them children, the State Emergency Service said.</p>"
             "</article>")
    [doc] = read_documents([write(tmp_path / "a.html", page(cited))])
    assert body_text(doc)[0].startswith("The strike killed 25 people, the police and the governor said")


def test_html_outlet_falls_back_on_the_url_domain_then_the_file_name(tmp_path):
    canonical = "<link rel='canonical' href='https://www.ternopil-news.example/2025/11/19/strike'>"
    write(tmp_path / "a.html", page(ARTICLE, canonical))
    write(tmp_path / "05-unn.ua.htm", page(ARTICLE))
    docs = {doc.id: doc for doc in read_documents([tmp_path])}
    assert docs["a.html"].outlet == "ternopil-news.example"
    assert docs["a.html"].url == "https://www.ternopil-news.example/2025/11/19/strike"
    assert docs["05-unn.ua.htm"].outlet == "unn.ua"
    assert docs["05-unn.ua.htm"].published is None    # no date on the page, none guessed from the text


def test_folder_walk_reads_html_and_htm(tmp_path):
    write(tmp_path / "a.html", page(ARTICLE))
    write(tmp_path / "b.HTM", page(ARTICLE.replace("25 people", "26 people")))
    write(tmp_path / "c.txt", "The strike killed 27 people, officials said.")
    write(tmp_path / "d.css", "body {}")
    corpus = read_corpus([tmp_path])
    assert [(d.id, d.source_format) for d in corpus.documents] == [("a.html", "html"), ("b.HTM", "html"),
                                                                  ("c.txt", "text")]
    assert corpus.skipped == [str(tmp_path / "d.css")]


@pytest.mark.parametrize("content", [
    COOKIE_WALL.read_bytes(),                                            # menus and a consent box, no article
    page("<nav><a href='/'>Home</a><a href='/news'>News</a></nav><script>var a = 1;</script>").encode(),
    b"<html><head><title>Loading</title></head><body></body></html>",
    b"<<<>>>",
])
def test_html_without_article_text_is_an_error_naming_the_file(tmp_path, content):
    path = write(tmp_path / "saved.html", content)
    with pytest.raises(InputError, match=r"saved\.html: no article text found in this HTML page"):
        read_corpus([path])


def test_html_in_a_declared_legacy_encoding(tmp_path):
    html = page("<article><p>Удар по Тернополю забрав життя 25 людей, ще 93 поранені, повідомив голова ОВА.</p>"
                "<p>Рятувальники дістали з-під завалів 45 людей, повідомила ДСНС у середу ввечері.</p></article>")
    path = write(tmp_path / "ua.html", html.replace("charset='utf-8'", "charset='windows-1251'").encode("cp1251"))
    [doc] = read_documents([path])
    assert doc.encoding == "cp1251"
    assert body_text(doc)[0].startswith("Удар по Тернополю забрав життя 25 людей")


def test_html_with_an_xml_declaration(tmp_path):
    path = write(tmp_path / "x.html", '<?xml version="1.0" encoding="utf-8"?>\n' + page(ARTICLE))
    [doc] = read_documents([path])
    assert body_text(doc)[0].startswith("The strike on Ternopil killed 25 people")


# --- Markdown front matter ------------------------------------------------------------------------------------------

def test_markdown_front_matter_gives_metadata_and_stays_out_of_the_body():
    [doc] = read_documents([FRONT_MATTER])
    raw = FRONT_MATTER.read_text(encoding="utf-8")
    assert doc.text == raw                             # offsets stay file offsets
    assert doc.source_format == "markdown"
    assert doc.outlet == "Ukrainska Pravda"
    assert doc.title == "Ternopil: death toll rises to 31"
    assert doc.url == "https://www.pravda.com.ua/eng/news/2025/11/21/ternopil/"
    assert doc.published == dt.date(2025, 11, 21)
    assert doc.author == "Iryna Kutielieva, Oleh Pavliuk"
    assert doc.body[0][0] > raw.index("\n---\n")       # nothing before the closing fence
    assert body_text(doc) == [
        "Ternopil: death toll rises to 31",
        "The death toll from the Russian strike on Ternopil has risen to 31, including six children, the National "
        "Police said on Friday.",
        "At least 94 people were injured, 18 of them children.",
    ]


@pytest.mark.parametrize("front, outlet", [
    ("outlet: Suspilne\nsite: ignored.example\nurl: https://suspilne.media/x", "Suspilne"),
    ("site: Hromadske\nurl: https://hromadske.ua/x", "Hromadske"),
    ("url: https://www.pravda.com.ua/eng/news/x", "pravda.com.ua"),
    ("title: No outlet named", "rferl.org"),
])
def test_markdown_outlet_from_front_matter_then_url_then_file_name(tmp_path, front, outlet):
    path = write(tmp_path / "07-rferl.org.md", f"---\n{front}\n---\nThe toll rose to 31, police said.\n")
    [doc] = read_documents([path])
    assert doc.outlet == outlet


def test_markdown_front_matter_with_crlf_and_a_written_out_date(tmp_path):
    path = write(tmp_path / "a.md", "---\r\ntitle: Toll rises\r\ndate: 'Nov 21, 2025'\r\n...\r\n"
                                    "The toll rose to 31, police said.\r\n")
    [doc] = read_documents([path])
    assert (doc.title, doc.published) == ("Toll rises", dt.date(2025, 11, 21))
    assert body_text(doc) == ["The toll rose to 31, police said."]


def test_markdown_without_front_matter_is_read_as_before(tmp_path):
    path = write(tmp_path / "a.md", "# Ternopil toll rises to 31\n\nThe toll rose to 31, police said.\n\n---\n\n"
                                    "Rescuers found two more bodies, the service said.\n")
    [doc] = read_documents([path])
    assert doc.source_format == "markdown" and doc.outlet == "a"
    assert doc.title == "Ternopil toll rises to 31"
    assert body_text(doc) == ["Ternopil toll rises to 31", "The toll rose to 31, police said.",
                              "Rescuers found two more bodies, the service said."]


@pytest.mark.parametrize("content, message", [
    (BAD_YAML.read_text(encoding="utf-8"), r"bad\.md:3: bad YAML front matter \(expected ',' or ']'"),
    ("---\ntitle: a: b\n---\nText.\n", r"bad\.md:2: bad YAML front matter \(mapping values are not allowed"),
    ("---\ntitle: Toll\nThe toll rose to 31.\n", r"bad\.md:1: front matter is not closed"),
    ("---\n- a\n- b\n---\nText.\n", r"bad\.md:2: front matter must be 'key: value' lines"),
    ("---\ndate: yesterday\n---\nText.\n", r"bad\.md: front matter 'date' is not a date"),
    ("---\nsource: {name: BBC}\n---\nText.\n", r"bad\.md: 'source' must be a string"),
])
def test_bad_front_matter_names_file_and_line(tmp_path, content, message):
    path = write(tmp_path / "bad.md", content)
    with pytest.raises(InputError, match=message):
        read_corpus([path])


# --- JSONL exports --------------------------------------------------------------------------------------------------

def test_jsonl_export_with_its_own_field_names():
    docs = read_documents_with(NEWSAPI, NEWSAPI_FIELDS)
    assert [d.id for d in docs] == ["https://www.kyivdailypost.example/news/ternopil-strike-toll-26",
                                    "https://bnonews.com/index.php/2025/11/ternopil/",
                                    "https://www.eutoday.example/ternopil-33"]
    assert [d.outlet for d in docs] == ["Kyiv Daily Post", "BNO News", "eutoday.example"]   # null name: domain
    assert [d.published for d in docs] == [dt.date(2025, 11, 19), dt.date(2025, 11, 19), dt.date(2025, 11, 22)]
    assert [d.author for d in docs] == ["Olena Marchenko", None, "Staff"]
    assert docs[0].title == "Ternopil strike death toll rises to 26"
    assert docs[0].text == json.loads(NEWSAPI.read_text().splitlines()[0])["content"]
    assert {d.source_format for d in docs} == {"jsonl"}


def test_jsonl_default_fields_name_the_missing_key():
    with pytest.raises(InputError, match=r"newsapi-export\.jsonl:1: missing 'id'"):
        read_corpus([NEWSAPI])
    with pytest.raises(InputError, match=r"newsapi-export\.jsonl:1: 'source' must be a string, got dict \(a dotted"):
        read_corpus([NEWSAPI], JsonlFields(id="url", text="content"))


def test_a_key_with_a_dot_wins_over_the_nested_path(tmp_path):
    path = write(tmp_path / "f.jsonl", json.dumps({"id": "a", "text": "The toll rose to 31.", "source.name": "Flat",
                                                   "source": {"name": "Nested"}}))
    [doc] = read_documents_with(path, JsonlFields(source="source.name"))
    assert doc.outlet == "Flat"


@pytest.mark.parametrize("value, expected", [
    ("2025-11-19", dt.date(2025, 11, 19)),
    ("2025-11-19T08:00:00Z", dt.date(2025, 11, 19)),
    ("2025-11-19T23:30:00-05:00", dt.date(2025, 11, 19)),    # the day as written, in its own time zone
    ("2025-11-19 08:00", dt.date(2025, 11, 19)),
    ("Nov 19, 2025", dt.date(2025, 11, 19)),
    ("19 November 2025", dt.date(2025, 11, 19)),
    ("Wed, 19 Nov 2025 08:00:00 GMT", dt.date(2025, 11, 19)),
    ("19.11.2025", dt.date(2025, 11, 19)),
    (" 2025/11/19 ", dt.date(2025, 11, 19)),
    ("19 листопада 2025", dt.date(2025, 11, 19)),
    ("yesterday", None),
    ("last week", None),
    ("Tuesday", None),
    ("2 days ago", None),
    ("November 2025", None),
    ("2025", None),
    ("not a date", None),
])
def test_parse_date_takes_absolute_full_dates_only(value, expected):
    assert parse_date(value) == expected


BAD_LINE_PROBLEMS = [
    f"{BAD_LINES}:2: not valid JSON (Expecting ',' delimiter at column 121)",
    f"{BAD_LINES}:3: empty 'text', nothing to check",
    f"{BAD_LINES}:4: 'date' is not a date with year, month and day: 'sometime last week'",
    f"{BAD_LINES}:5: duplicate document id 'n1', first used at {BAD_LINES}:1",
]


def test_skip_bad_leaves_out_bad_lines_and_says_which():
    corpus = read_corpus([BAD_LINES], skip_bad=True)
    assert [(d.id, d.outlet, d.published) for d in corpus.documents] == [
        ("n1", "BNO News", dt.date(2025, 11, 19)), ("n5", "Ukrainska Pravda", dt.date(2025, 11, 21))]
    assert corpus.problems == BAD_LINE_PROBLEMS


def test_without_skip_bad_the_first_bad_line_stops_the_run():
    with pytest.raises(InputError, match=r"export-with-bad-lines\.jsonl:2: not valid JSON"):
        read_corpus([BAD_LINES])


def test_skip_bad_also_leaves_out_bad_files_in_a_folder(tmp_path):
    write(tmp_path / "a.txt", "The strike killed 25 people, officials said.")
    write(tmp_path / "b.html", COOKIE_WALL.read_bytes())
    write(tmp_path / "c.txt", b"")
    corpus = read_corpus([tmp_path], skip_bad=True)
    assert [d.id for d in corpus.documents] == ["a.txt"]
    assert corpus.problems == [f"{tmp_path / 'b.html'}: no article text found in this HTML page",
                               f"{tmp_path / 'c.txt'}: empty file, nothing to check"]


def test_skip_bad_with_nothing_left_is_an_error(tmp_path):
    path = write(tmp_path / "f.jsonl", '{"id": "a"}\n{"text": "x"}\n')
    with pytest.raises(InputError, match=r"nothing left to check: 2 bad inputs skipped, the first: .*f\.jsonl:1"):
        read_corpus([path], skip_bad=True)


# --- command line ---------------------------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_extract_takes_jsonl_field_names():
    result = run("extract", NEWSAPI, "--id-field", "url", "--text-field", "content", "--date-field", "publishedAt",
                 "--source-field", "source.name", "--title-field", "title", "--url-field", "url")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in records} == {json.loads(line)["url"] for line in NEWSAPI.read_text().splitlines()}
    assert any(q["value"] == 26 for r in records for q in r["quantities"])   # read from "content"


def test_extract_field_option_names_the_missing_key():
    result = run("extract", NEWSAPI, "--id-field", "url", "--text-field", "body")
    assert result.exit_code == 2
    assert "newsapi-export.jsonl:1: missing 'body'" in result.stderr


def test_extract_skip_bad():
    stopped = run("extract", BAD_LINES)
    assert stopped.exit_code == 2 and "export-with-bad-lines.jsonl:2: not valid JSON" in stopped.stderr
    result = run("extract", BAD_LINES, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["n1", "n5"]
    assert result.stderr.splitlines() == [f"verify: skipped {problem}" for problem in BAD_LINE_PROBLEMS]


class BagOfWords(stand_ins.BagOfWords):
    """The shared stand-in with more buckets: fewer hash collisions between these pages' words."""

    DIMENSIONS = 256


def test_check_reads_html_markdown_and_jsonl_and_reports_skipped_lines(tmp_path, monkeypatch):
    monkeypatch.setattr("verify.pipeline.Embedder", BagOfWords)
    report = tmp_path / "report.md"
    result = run("check", PAGE, FRONT_MATTER, BAD_LINES, "--skip-bad", "-o", report, "--quiet", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"verify: skipped {problem}" for problem in BAD_LINE_PROBLEMS]
    markdown = report.read_text(encoding="utf-8")
    for outlet in ("Kyiv Daily Post", "Ukrainska Pravda", "BNO News"):
        assert outlet in markdown


def test_check_api_carries_copies_and_problems():
    from verify.pipeline import check

    result = check([str(PAGE), str(COPY_PAGE), str(BAD_LINES)], embedder=BagOfWords(), skip_bad=True)
    [copy] = result.copies
    assert copy.docs == ("kyivpost-ternopil.html", "wirefeed-ternopil-copy.html")
    assert result.problems == BAD_LINE_PROBLEMS
