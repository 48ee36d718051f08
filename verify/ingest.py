"""Read articles (folders of .txt/.md, JSONL) into Documents: text, outlet, title, url, publication date.

Offsets later stages report point into `Document.text`, so the text is kept exactly as decoded: for a .txt/.md file
the whole file (date marker, boilerplate and "\\r\\n" line ends included), for a JSONL record its `text` field.
What is article content is recorded as `Document.body` spans instead of cutting the text.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from charset_normalizer import from_bytes

from .boilerplate import DATE_STAMP, Line, classify_lines, is_headline, is_prose
from .errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIX = ".jsonl"

# The page store writes the publication date before the text: " date 2025-04-04 In 2024, Ukraine caught up ...".
_DATE_MARKER = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})(?=\s|$)\s*")
# "01-unn.ua.txt": a number, then the outlet's domain.
_NUMBERED_DOMAIN = re.compile(r"\d+[-_]((?:[a-z0-9-]+\.)+[a-z]{2,})", re.I)
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


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files inside input folders that are not .txt/.md/.jsonl


def read_documents(paths: Sequence[str | os.PathLike]) -> list[Document]:
    """The documents of `read_corpus`, for callers that do not report skipped files."""
    return read_corpus(paths).documents


def read_corpus(paths: Sequence[str | os.PathLike]) -> Corpus:
    """Read files and folders (walked recursively, in sorted order) into documents.

    In a folder, .txt, .md and .jsonl files are read and other files are listed in `skipped`; hidden files and
    folders are passed over. A file named directly must be one of those types. Raises InputError naming the file
    (and line, for JSONL) for anything that cannot be read, and for a document id used twice.
    """
    corpus = Corpus()
    origins: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        shown = os.fspath(given)
        if path.is_dir():
            documents = _read_folder(path, shown, corpus.skipped)
        elif path.exists():
            documents = _read_file(path, shown, doc_id=path.name)
        else:
            raise InputError(f"{shown}: no such file or folder")
        for doc in documents:
            if doc.id in origins:
                raise InputError(f"duplicate document id {doc.id!r}: {origins[doc.id]} and {doc.origin}")
            origins[doc.id] = doc.origin or doc.id
            corpus.documents.append(doc)
    return corpus


def document_from_text(doc_id: str, text: str, *, outlet: str | None = None, title: str | None = None,
                       url: str | None = None, published: dt.date | None = None, origin: str | None = None,
                       encoding: str = "utf-8") -> Document:
    """A Document from text in memory, with its body found the same way as for files.

    A leading " date YYYY-MM-DD" marker is left out of the body and gives the publication date unless `published`
    is given; without either, a dateline above the first paragraph ("Saturday, April 20, 2024") gives it.
    Without `title`, the first content line is the title when it reads as a headline.
    """
    marker = _DATE_MARKER.match(text)
    lines = classify_lines(text, marker.end() if marker else 0)
    content = [line for line in lines if line.kept]
    if published is None and marker:
        published = _valid_date(*map(int, marker.group(1).split("-")))
    if published is None:
        published = _dateline(lines)
    if title is None and content and is_headline(content[0].text):
        title = content[0].text
    return Document(id=doc_id, text=text, outlet=outlet or doc_id, title=title, url=url, published=published,
                    origin=origin, body=tuple((line.start, line.end) for line in content), encoding=encoding)


def _read_folder(folder: Path, shown: str, skipped: list[str]) -> list[Document]:
    documents: list[Document] = []

    def unreadable(error: OSError) -> None:
        raise InputError(f"{error.filename or shown}: cannot read folder ({error.strerror or error})")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            origin = os.path.join(shown, *relative.split("/"))
            if path.suffix.lower() in (*TEXT_SUFFIXES, JSONL_SUFFIX):
                documents.extend(_read_file(path, origin, doc_id=relative))
            else:
                skipped.append(origin)
    if not documents:
        raise InputError(f"{shown}: no .txt, .md or .jsonl files in this folder")
    return documents


def _read_file(path: Path, shown: str, doc_id: str) -> list[Document]:
    suffix = path.suffix.lower()
    if suffix == JSONL_SUFFIX:
        return _read_jsonl(path, shown)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"{shown}: unsupported file type {suffix or '(no extension)'!r}; "
                         "expected .txt, .md or .jsonl")
    text, encoding = _read_text(path, shown)
    return [document_from_text(doc_id, text, outlet=_outlet_from_file_name(path.name), origin=shown,
                               encoding=encoding)]


def _read_jsonl(path: Path, shown: str) -> list[Document]:
    text, encoding = _read_text(path, shown)
    documents = []
    # Split on "\n" only: JSON strings may hold U+2028 and other characters that str.splitlines breaks on.
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            where = f"{shown}:{number}"
            documents.append(_jsonl_document(raw, where, encoding))
    return documents


def _jsonl_document(raw: str, where: str, encoding: str) -> Document:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    if doc_id is None:
        raise InputError(f"{where}: missing 'id'")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise InputError(f"{where}: 'id' must be a non-empty string")
    text = record.get("text")
    if text is None:
        raise InputError(f"{where}: missing 'text'")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string")
    if not text.strip():
        raise InputError(f"{where}: empty 'text', nothing to check")
    title, source, url, date = (_optional_string(record, key, where) for key in ("title", "source", "url", "date"))
    outlet = source or _domain(url) or str(doc_id)
    published = _parse_record_date(date, where) if date else None
    return document_from_text(str(doc_id), text, outlet=outlet, title=title, url=url, published=published,
                              origin=where, encoding=encoding)


def _optional_string(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{where}: {key!r} must be a string")
    return value or None


def _parse_record_date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise InputError(f"{where}: 'date' must be YYYY-MM-DD or an ISO datetime, got {value!r}") from None


def _read_text(path: Path, shown: str) -> tuple[str, str]:
    """The decoded text of a file and the encoding used; InputError if it is unreadable, empty or not text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown}: cannot read ({error.strerror or error})") from None
    if not data.strip():
        raise InputError(f"{shown}: empty file, nothing to check")
    text, encoding = _decode(data, shown)
    if not text.strip():
        raise InputError(f"{shown}: empty file, nothing to check")
    if len(_NON_TEXT.findall(text)) > _MAX_NON_TEXT_SHARE * len(text):
        raise InputError(f"{shown}: not a text file")
    return text, encoding


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{shown}: not a text file (bad {encoding})") from None
    if b"\x00" in data:
        raise InputError(f"{shown}: not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data).best()
    if guess is None:
        raise InputError(f"{shown}: not a text file")
    return str(guess), guess.encoding


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
