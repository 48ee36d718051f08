"""Read articles (folders of .txt/.md/.html, JSONL) into Documents: text, outlet, title, url, publication date.

Offsets later stages report point into `Document.text`, so the text is kept exactly as decoded: for a .txt/.md file
the whole file (date marker, front matter, boilerplate and "\\r\\n" line ends included), for an HTML page the main
text trafilatura extracts, for a JSONL record its text field. What is article content is recorded as
`Document.body` spans instead of cutting the text.

The outlet is the publisher the input names (JSONL source, front matter source/outlet/site, the page's site name),
else the domain of its URL, else the file name ("01-unn.ua.txt" -> "unn.ua").
"""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from charset_normalizer import from_bytes

from .boilerplate import DATE_STAMP, Line, classify_lines, is_headline, is_prose, iter_lines
from .errors import InputError
from .html import NO_ARTICLE_TEXT, declared_charset, extract_page

TEXT_SUFFIXES = (".txt", ".md")
MARKDOWN_SUFFIX = ".md"
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIX = ".jsonl"
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, JSONL_SUFFIX)
_EXPECTED = ".txt, .md, .html, .htm or .jsonl"
# `-` as an input path: JSONL on standard input, named so in messages and locations.
STDIN = "-"
STDIN_NAME = "<stdin>"
# The last line of every markdown report `verify check` writes (an HTML comment: invisible when rendered). A file
# that ends with it, or that starts like a findings or extract JSONL, is verify's own output, never an article.
REPORT_MARKER = "<!-- written by verify check: not an article; verify skips this file when it reads a folder -->"
_OLD_REPORT_TITLE = b"# Cross-check report\n"      # reports written before the marker existed
_EXTRACT_KEYS = frozenset({"doc", "start", "end", "sentence", "quantities", "dates"})
_OWN_OUTPUT_SUFFIXES = (*TEXT_SUFFIXES, JSONL_SUFFIX)

# Markdown front matter: a "---" line first, YAML, then a "---" (or "...") line.
_FENCE_OPEN = "---"
_FENCE_CLOSE = ("---", "...")
# Front matter keys naming the publisher, in order of preference.
_OUTLET_KEYS = ("source", "outlet", "site")

# The page store writes the publication date before the text: " date 2025-04-04 In 2024, Ukraine caught up ...".
_DATE_MARKER = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})(?=\s|$)\s*")
# "01-unn.ua.txt": a number, then the outlet's domain.
_NUMBERED_DOMAIN = re.compile(r"\d+[-_]((?:[a-z0-9-]+\.)+[a-z]{2,})", re.I)
# "Source: Ukrinform", "Publisher: ...": a line of its own naming where the text comes from.
_SOURCE_LINE = re.compile(r"^[ \t]*(?:source|publisher|published by)[ \t]*:[ \t]*(\S[^\n]{0,80}?)[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)
# "© 2025 Kyiv Independent. All rights reserved.", "Copyright © 2024 Thomson Reuters": a copyright line of its own.
_COPYRIGHT_LINE = re.compile(r"^[ \t]*(?:[Cc]opyright[ \t]*)?(?:©|\([cC]\))[ \t]*(?:\d{4}(?:[ \t]*[-–][ \t]*\d{4})?[ \t]*)?"
                             r"([A-Z][^\n.,|©]{1,60}?)[ \t]*(?:[.,|][^\n]*)?$", re.MULTILINE)
_OUTLET_WORDS = 6
# Control characters other than the whitespace ones, and the replacement character: signs of a binary file.
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_NON_TEXT_SHARE = 0.05
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# Datelines under a byline: "Saturday, April 20, 2024", "Tuesday, 02 January 2024 12:17 GMT", "2026-02-26 02:01:45".
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MIN_PARAGRAPH_WORDS = 12
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


@dataclass(frozen=True)
class Document:
    id: str                          # path relative to the input folder, or the JSONL `id`
    text: str                        # exact text that every offset points into
    outlet: str                      # outlet / source name shown in reports
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    origin: str | None = None        # where the text came from, for locations in reports: a file path, or "file.jsonl:3"
    body: tuple[tuple[int, int], ...] = ()  # spans of `text` that are article content (boilerplate left out)
    encoding: str = "utf-8"          # how the file was decoded (a best guess when it was not UTF-8)
    # What `text` is: "text" or "markdown" (the whole file as read, so offsets are file offsets), "html" (the main
    # text extracted from the page, not the page's markup), "jsonl" (the record's text field).
    source_format: str = "text"
    author: str | None = None


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # files inside input folders that are not article files
    problems: list[str] = field(default_factory=list)  # bad inputs left out (skip_bad): "feed.jsonl:3: not valid JSON"


@dataclass(frozen=True)
class JsonlFields:
    """The key of each field in JSONL records, for exports that name them otherwise ("content", "publishedAt").

    A dotted name reaches into nested objects, "source.name" for {"source": {"name": "BBC News"}}, unless the record
    has that very key.
    """
    id: str = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    source: str = "source"
    url: str = "url"
    author: str = "author"


def read_documents(paths: Sequence[str | os.PathLike]) -> list[Document]:
    """The documents of `read_corpus`, for callers that do not report skipped files."""
    return read_corpus(paths).documents


def read_corpus(paths: str | os.PathLike | Sequence[str | os.PathLike], fields: JsonlFields | None = None, *,
                skip_bad: bool = False, outputs: Sequence[str | os.PathLike] = ()) -> Corpus:
    """Read files and folders (walked recursively, in sorted order) into documents; `-` reads JSONL from stdin.

    In a folder, .txt, .md, .html/.htm and .jsonl files are read and other files are listed in `skipped`; hidden
    files and folders are passed over. A file named directly must be one of those types. Files verify wrote (its
    reports and JSONL, see `written_by_verify`) are never read: they are listed in `skipped`, except the
    `outputs` this run is about to replace, which are passed over (a rerun reports what the first run did).
    `fields` names the keys of JSONL records. Raises InputError naming the file (and line, for JSONL) for anything
    that cannot be read, and for a document id used twice; with `skip_bad`, such an input (a file, or one JSONL
    record) is left out instead and described in `problems`, so one broken record does not stop a run over a
    large export.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    corpus = Corpus()
    reader = _Reader(fields or JsonlFields(), corpus.problems if skip_bad else None,
                     {key for key in map(_file_key, outputs) if key}, corpus.skipped)
    origins: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        shown = os.fspath(given)
        if shown == STDIN:
            documents = reader.read_stdin()
        elif path.is_dir():
            documents = reader.read_folder(path, shown)
        elif path.exists():
            documents = reader.read_file(path, shown, doc_id=path.name)
        else:
            raise InputError(f"{shown}: no such file or folder")
        for doc in documents:
            if doc.id in origins:
                first = origins[doc.id]
                reader.bad(InputError(f"{doc.origin}: duplicate document id {doc.id!r}, first used at {first}"))
                continue
            origins[doc.id] = doc.origin or doc.id
            corpus.documents.append(doc)
    if not corpus.documents and corpus.problems:
        raise InputError(f"nothing left to check: {len(corpus.problems)} bad inputs skipped, "
                         f"the first: {corpus.problems[0]}")
    if not corpus.documents:
        skipped = f" (skipped: {', '.join(corpus.skipped)})" if corpus.skipped else ""
        raise InputError(f"{', '.join(map(os.fspath, paths))}: no articles to check{skipped}")
    return corpus


def files_read(paths: Sequence[str | os.PathLike]) -> dict[tuple[int, int], str]:
    """The article files `read_corpus(paths)` would open, as (device, inode) -> the path shown: what no output
    may replace, however it is reached (a link, a linked folder, another name of the same file)."""
    found: dict[tuple[int, int], str] = {}
    for given in ([paths] if isinstance(paths, (str, os.PathLike)) else paths):
        path, shown = Path(given), os.fspath(given)
        if shown == STDIN:
            continue
        if path.is_dir():
            files = ((file, origin) for file, origin, _, article in _walk(path, shown) if article)
        else:
            files = [(path, shown)]
        for file, origin in files:
            if key := _file_key(file):
                found.setdefault(key, origin)
    return found


def written_by_verify(path: str | os.PathLike) -> bool:
    """Whether a file is one verify wrote: a markdown report (its last line is REPORT_MARKER; older ones start
    with the report's title and summary line), a findings JSONL (its first record is the `run` record) or the
    JSONL of `verify extract` (sentence records). Reads the first lines and the end of the file only."""
    path = Path(path)
    if path.suffix.lower() not in _OWN_OUTPUT_SUFFIXES:
        return False
    try:
        with open(path, "rb") as handle:
            head = [handle.readline() for _ in range(3)]
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - 2 * len(REPORT_MARKER.encode())))
            tail = handle.read()
    except OSError:
        return False      # read_file reports it
    if path.suffix.lower() == JSONL_SUFFIX:
        try:
            record = json.loads(head[0])
        except (ValueError, RecursionError):
            return False
        return isinstance(record, dict) and (
            (record.get("type") == "run" and "schema" in record) or _EXTRACT_KEYS <= record.keys())
    last = tail.decode("utf-8", "replace").rstrip().rsplit("\n", 1)[-1]
    return last == REPORT_MARKER or (head[0] == _OLD_REPORT_TITLE and not head[1].strip()
                                     and head[2].startswith(b"Checked "))


def _file_key(path: str | os.PathLike) -> tuple[int, int] | None:
    """(device, inode) of an existing file, links followed; None for anything else."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _walk(folder: Path, shown: str) -> Iterator[tuple[Path, str, str, bool]]:
    """Each file under `folder`, in sorted order: (path, the path shown, id relative to the folder, whether it is
    an article file). Hidden files and folders are passed over; linked folders are followed (collections are often
    assembled with links), each real folder once, so a link loop ends."""
    def unreadable(error: OSError) -> None:
        raise InputError(f"{error.filename or shown}: cannot read folder ({error.strerror or error})")

    visited: set[str] = set()
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            yield path, os.path.join(shown, *relative.split("/")), relative, path.suffix.lower() in ARTICLE_SUFFIXES


def document_from_text(doc_id: str, text: str, *, outlet: str | None = None, title: str | None = None,
                       url: str | None = None, published: dt.date | None = None, origin: str | None = None,
                       encoding: str = "utf-8", source_format: str = "text", author: str | None = None,
                       content_start: int = 0) -> Document:
    """A Document from text in memory, with its body found the same way as for files.

    Text before `content_start` (Markdown front matter) is never body. A " date YYYY-MM-DD" marker at the start of
    the content is left out of the body and gives the publication date unless `published` is given; without
    either, a dateline above the first paragraph ("Saturday, April 20, 2024") gives it. Without `title`, the first
    content line is the title when it reads as a headline.
    """
    marker = _DATE_MARKER.match(text, content_start)
    lines = classify_lines(text, marker.end() if marker else content_start)
    content = [line for line in lines if line.kept]
    if published is None and marker:
        published = _valid_date(*map(int, marker.group(1).split("-")))
    if published is None:
        published = _dateline(lines)
    if title is None and content and is_headline(content[0].text):
        title = content[0].text
    return Document(id=doc_id, text=text, outlet=outlet or doc_id, title=title, url=url, published=published,
                    origin=origin, body=tuple((line.start, line.end) for line in content), encoding=encoding,
                    source_format=source_format, author=author)


def classified_lines(doc: Document) -> list[Line]:
    """The lines of a document's article region as the boilerplate classifier saw them when it chose the body:
    kept ones and dropped ones, with the reason (for audits of the classifier)."""
    start = _front_matter(doc.text, doc.origin or doc.id)[1] if doc.source_format == "markdown" else 0
    marker = _DATE_MARKER.match(doc.text, start)
    return classify_lines(doc.text, marker.end() if marker else start)


def parse_date(value: str) -> dt.date | None:
    """A full calendar date written as in feeds and exports, or None: ISO dates and datetimes ("2025-11-19",
    "2025-11-19T08:00:00Z"), then other absolute forms ("Nov 19, 2025", "Wed, 19 Nov 2025 08:00:00 GMT",
    "19.11.2025"). Relative or partial dates ("yesterday", "Tuesday", "November 2025") are refused: nothing here
    says what they are relative to. A datetime gives the day as written, in its own time zone."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    return _parse_absolute_date(value)


@functools.lru_cache(maxsize=4096)   # exports repeat the same few dates; dateparser takes milliseconds a call
def _parse_absolute_date(value: str) -> dt.date | None:
    for parser in _date_parsers():
        found = parser.get_date_data(value)
        if found.date_obj is not None:
            return found.date_obj.date()
    return None


@functools.cache
def _date_parsers() -> tuple:
    """English first (fast, and what most exports use), then any language dateparser knows."""
    from dateparser.date import DateDataParser   # imported here: only non-ISO dates need it

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings), DateDataParser(settings=settings)


class _Reader:
    """Reads files and records; `problems` collects bad inputs instead of raising when it is a list. Files whose
    (device, inode) is in `outputs` are passed over when verify wrote them; other files verify wrote go to
    `skipped`."""

    def __init__(self, fields: JsonlFields, problems: list[str] | None, outputs: set[tuple[int, int]] = frozenset(),
                 skipped: list[str] | None = None):
        self.fields = fields
        self.problems = problems
        self.outputs = outputs
        self.skipped = skipped if skipped is not None else []

    def bad(self, error: InputError) -> None:
        if self.problems is None:
            raise error
        self.problems.append(str(error))

    def read_folder(self, folder: Path, shown: str) -> list[Document]:
        documents: list[Document] = []
        article_files = 0
        for path, origin, relative, article in _walk(folder, shown):
            if article:
                article_files += 1
                documents.extend(self.read_file(path, origin, doc_id=relative))
            else:
                self.skipped.append(origin)
        if not article_files:
            raise InputError(f"{shown}: no {_EXPECTED} files in this folder")
        return documents

    def read_stdin(self) -> list[Document]:
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise InputError(f"{STDIN_NAME}: empty input, nothing to check (expected JSONL, one article a line)")
        text, encoding = _decode(data, STDIN_NAME)
        _check_text(text, STDIN_NAME)
        return self._jsonl_records(text, encoding, STDIN_NAME)

    def read_file(self, path: Path, shown: str, doc_id: str) -> list[Document]:
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES:
            raise InputError(f"{shown}: unsupported file type {suffix or '(no extension)'!r}; expected {_EXPECTED}")
        if written_by_verify(path):
            if _file_key(path) not in self.outputs:     # the output this run replaces is not news to the reader
                self.skipped.append(shown)
            return []
        try:
            if suffix == JSONL_SUFFIX:
                return self._read_jsonl(path, shown)
            if suffix in HTML_SUFFIXES:
                return [_read_html(path, shown, doc_id)]
            return [_read_text_file(path, shown, doc_id)]
        except InputError as error:
            self.bad(error)
            return []

    def _read_jsonl(self, path: Path, shown: str) -> list[Document]:
        return self._jsonl_records(*_read_text(path, shown), shown)

    def _jsonl_records(self, text: str, encoding: str, shown: str) -> list[Document]:
        documents = []
        # Split on "\n" only: JSON strings may hold U+2028 and other characters that str.splitlines breaks on.
        for number, raw in enumerate(text.split("\n"), start=1):
            if raw.strip():
                try:
                    documents.append(_jsonl_document(raw, f"{shown}:{number}", encoding, self.fields))
                except InputError as error:
                    self.bad(error)
        return documents


def _read_text_file(path: Path, shown: str, doc_id: str) -> Document:
    text, encoding = _read_text(path, shown)
    outlet = _outlet_from_file_name(path.name)
    if not _NUMBERED_DOMAIN.fullmatch(Path(path.name).stem):
        outlet = outlet_from_text(text) or outlet
    if path.suffix.lower() != MARKDOWN_SUFFIX:
        return document_from_text(doc_id, text, outlet=outlet, origin=shown, encoding=encoding)
    meta, content_start = _front_matter(text, shown)
    url = _text_value(meta.get("url"), shown, "url")
    named = (_text_value(meta.get(key), shown, key) for key in _OUTLET_KEYS)
    outlet = next(filter(None, named), None) or _domain(url) or outlet
    return document_from_text(doc_id, text, outlet=outlet, title=_text_value(meta.get("title"), shown, "title"),
                              url=url, published=_front_matter_date(meta.get("date"), shown), origin=shown,
                              encoding=encoding, source_format="markdown",
                              author=_text_value(meta.get("author"), shown, "author"), content_start=content_start)


def _front_matter(text: str, shown: str) -> tuple[dict, int]:
    """The YAML front matter of a Markdown file and the offset where the text after it starts; ({}, 0) without."""
    lines = iter_lines(text)
    _, first_end = next(lines)
    if text[:first_end].rstrip() != _FENCE_OPEN:
        return {}, 0
    for start, end in lines:
        if text[start:end].rstrip() in _FENCE_CLOSE:
            break
    else:
        raise InputError(f"{shown}:1: front matter is not closed (no '---' line after it)")
    # The YAML starts with the line break after the opening fence, so its line n is line n + 1 of the file.
    try:
        meta = yaml.safe_load(text[first_end:start])
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise InputError(f"{shown}{line}: bad YAML front matter ({problem})") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"{shown}:2: front matter must be 'key: value' lines")
    return meta, end


def _front_matter_date(value, shown: str) -> dt.date | None:
    # YAML reads an unquoted 2025-11-19 as a date, and 2025-11-19T08:00:00Z as a datetime (a kind of date).
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text_value(value, shown, "date")
    if text is None:
        return None
    if (date := parse_date(text)) is None:
        raise InputError(f"{shown}: front matter 'date' is not a date with year, month and day: {text!r}")
    return date


def _read_html(path: Path, shown: str, doc_id: str) -> Document:
    data = _read_bytes(path, shown)
    text, encoding = _decode(data, shown, declared=declared_charset(data))
    _check_text(text, shown)
    page = extract_page(text, shown)
    outlet = page.site_name or _domain(page.url) or _outlet_from_file_name(path.name)
    doc = document_from_text(doc_id, page.text, outlet=outlet, title=page.title, url=page.url,
                             published=page.published, origin=shown, encoding=encoding, source_format="html",
                             author=page.author)
    if not doc.body:   # trafilatura fell back on menu labels or link lists: a cookie wall, an index page
        raise InputError(f"{shown}: {NO_ARTICLE_TEXT}")
    return doc


_UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_document(raw: str, where: str, encoding: str, fields: JsonlFields) -> Document:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = _lookup(record, fields.id)
    if doc_id is None:
        raise InputError(f"{where}: missing {fields.id!r}")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise InputError(f"{where}: {fields.id!r} must be a non-empty string")
    text = _lookup(record, fields.text)
    if text is None:
        raise InputError(f"{where}: missing {fields.text!r}")
    if not isinstance(text, str):
        raise InputError(f"{where}: {fields.text!r} must be a string")
    if not text.strip():
        raise InputError(f"{where}: empty {fields.text!r}, nothing to check")
    # Half an emoji cut by a scraper ("\ud83d") cannot be written to any output: one replacement character
    # keeps the text's length, so offsets stay valid.
    text = _UNPAIRED_SURROGATE.sub("\ufffd", text)
    title, source, url, date, author = (_text_value(_lookup(record, key), where, key) for key in
                                        (fields.title, fields.source, fields.url, fields.date, fields.author))
    published = None
    if date and (published := parse_date(date)) is None:
        raise InputError(f"{where}: {fields.date!r} is not a date with year, month and day: {date!r}")
    return document_from_text(str(doc_id), text, outlet=source or _domain(url) or str(doc_id), title=title, url=url,
                              published=published, origin=where, encoding=encoding, source_format="jsonl",
                              author=author)


def _lookup(record: dict, name: str):
    """record[name]; a dotted name reaches into nested objects unless the record has that very key."""
    if name in record:
        return record[name]
    value = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _text_value(value, where: str, key: str) -> str | None:
    """A metadata field as text: a string, a number (YAML reads `title: 1917` as one), or a list of them
    (several authors); None when absent or blank."""
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        value = ", ".join(str(item).strip() for item in value if str(item).strip())
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        hint = " (a dotted name reaches inside an object: 'source.name')" if isinstance(value, dict) else ""
        raise InputError(f"{where}: {key!r} must be a string, got {type(value).__name__}{hint}")
    return " ".join(str(value).split()) or None


def _read_text(path: Path, shown: str) -> tuple[str, str]:
    """The decoded text of a file and the encoding used; InputError if it is unreadable, empty or not text."""
    text, encoding = _decode(_read_bytes(path, shown), shown)
    _check_text(text, shown)
    return text, encoding


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown}: cannot read ({error.strerror or error})") from None
    if not data.strip():
        raise InputError(f"{shown}: empty file, nothing to check")
    return data


def _check_text(text: str, shown: str) -> None:
    if not text.strip():
        raise InputError(f"{shown}: empty file, nothing to check")
    if len(_NON_TEXT.findall(text)) > _MAX_NON_TEXT_SHARE * len(text):
        raise InputError(f"{shown}: not a text file")


# DOS, classic Mac and EBCDIC code pages: no saved web page or news export uses them, yet on a short text
# charset-normalizer can rank one first (Windows-1252 curly quotes and euro sign read as Baltic DOS cp775).
_UNLIKELY_CODE_PAGES = [
    "cp437", "cp720", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861",
    "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "cp037", "cp273", "cp424", "cp500", "cp875", "cp1026",
    "cp1140", "mac_arabic", "mac_croatian", "mac_cyrillic", "mac_farsi", "mac_greek", "mac_iceland", "mac_latin2",
    "mac_roman", "mac_romanian", "mac_turkish",
]


def _decode(data: bytes, shown: str, declared: str | None = None) -> tuple[str, str]:
    """Decode by byte order mark, else as UTF-8, else by the encoding the file declares (an HTML <meta>), else by
    charset-normalizer's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{shown}: not a text file (bad {encoding})") from None
    if b"\x00" in data:
        raise InputError(f"{shown}: not a text file")
    for encoding in dict.fromkeys(filter(None, ("utf-8", declared))):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    guess = from_bytes(data, cp_exclusion=_UNLIKELY_CODE_PAGES).best()
    if guess is None:
        raise InputError(f"{shown}: not a text file")
    return str(guess), guess.encoding


def outlet_from_text(text: str) -> str | None:
    """The outlet a page names in its own text, for a file whose name does not: a "Source:" line (a name or a
    URL, whose domain is taken), else a copyright line of its own ("© 2025 Kyiv Independent. All rights
    reserved."). A photo credit inside a sentence ("... revenues. © JULIEN DE ROSA / AFP") is not a line of its
    own and is not taken."""
    for pattern in (_SOURCE_LINE, _COPYRIGHT_LINE):
        found = pattern.search(text)
        if found:
            name = found.group(1).strip()
            if "//" in name or name.lower().startswith("www."):
                return _domain(name)
            if len(name.split()) <= _OUTLET_WORDS:
                return name
    return None


def _outlet_from_file_name(name: str) -> str:
    stem = Path(name).stem
    numbered = _NUMBERED_DOMAIN.fullmatch(stem)
    outlet = numbered.group(1) if numbered else stem
    return outlet.removeprefix("www.")


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None


def _dateline(lines: list[Line]) -> dt.date | None:
    """The date of a date-stamp line above the first paragraph, when it names a full date.
    Short sentences (a photo caption) may stand above the dateline; a paragraph of some length starts the story."""
    for line in lines:
        if line.kept and is_prose(line.text) and len(line.text.split()) >= _MIN_PARAGRAPH_WORDS:
            return None
        if line.reason == DATE_STAMP:
            date = _parse_dateline(line.text)
            if date:
                return date
    return None


def _parse_dateline(text: str) -> dt.date | None:
    if iso := _ISO_DATE.search(text):
        return _valid_date(*map(int, iso.groups()))
    for found in _MONTH_DAY_YEAR.finditer(text):
        month = _month(found.group(1))
        if month:
            return _valid_date(int(found.group(3)), month, int(found.group(2)))
    for found in _DAY_MONTH_YEAR.finditer(text):
        month = _month(found.group(2))
        if month:
            return _valid_date(int(found.group(3)), month, int(found.group(1)))
    return None


def _month(name: str) -> int | None:
    name = name.lower()   # three letters at least, as the patterns require: "Apr", "Sept", "April"
    return next((number for number, month in enumerate(_MONTHS, start=1) if month.startswith(name)), None)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
