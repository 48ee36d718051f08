"""Tell article content from page boilerplate, line by line.

Stored web pages keep everything around the article: navigation, bylines, photo captions, ads, author bios,
related-article lists, widget labels. None of it is a claim of the article, so later stages only read the lines
kept here. A page's blocks end up one per line, so the classifier works on lines, with three kinds of rules:

- what a line looks like: a short label, a byline, a photo credit, a date stamp, a widget phrase;
- where it stands: everything after the article's end (author bio, "Most Popular", copyright) goes, so do the
  related-article headlines after a "Read also" label and headline-like lines trailing the last paragraph
  (links to other stories, short fragments);
- repetition: page templates repeat the headline; only its first occurrence is kept.

Some article content has the shape of furniture and is told apart by its structure: a table flattened to one cell
per line (row labels, each followed by its figures: "Conservatives / 121 / -244") and a fact box of "Key - value"
rows ("Storage - 256 GB UFS") are content: table cells escape the label and bare-number rules, and neither is taken
for repeated or trailing headlines. A page store that cuts a page at a length limit leaves the last paragraph
unfinished ("... is rooted in a salty snac"): that last line still reads as running text, unlike a headline, and
is kept.

The rules prefer shapes and positions to exact strings; the few phrase lists are the common widget vocabulary.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Why a line was dropped; `None` means the line is article content. Callers may test for these.
NO_WORDS = "no words"
# Longer than any word of running text (URLs and chemical names aside): a line made mostly of such runs is data.
_LONGEST_WORD = 60
DATE_STAMP = "date stamp"
BREADCRUMBS = "breadcrumbs"
PHOTO_CAPTION = "photo caption or credit"
BYLINE = "byline"
AUTHOR_BIO = "author bio"
WIDGET = "page widget"
RELATED_LABEL = "related-articles label"
RELATED_LINK = "related article"
LABEL = "label"
OTHER_SCRIPT = "label in another script"
AFTER_ARTICLE = "after the article's end"
REPEATED = "repeated line"
TRAILING = "trailing line without end punctuation"

# The line breaks `str.splitlines` knows, so every stage agrees on what a line is.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# Leading Markdown block markers ("# ", "> ", "- ") are layout, not part of a sentence.
_BLOCK_MARKER = re.compile(r"(?:#{1,6}|>|[-*+•])[ \t]+")

# Dashes and apostrophes are normalised before matching phrases ("ad‑free" is written with U+2011).
_PLAIN = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u2019": "'", "\u2018": "'"})

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_CLOSERS = "\"'”’»)]"
_INNER_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘(]?[A-Z0-9]")

# A line made only of date and time tokens: "Tuesday, 02 January 2024 12:17 GMT", "2026-02-26 02:01:45".
_DATE_WORDS = (r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?"
               r"|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
               r"|dec(?:ember)?|[ap]\.?m\.?|gmt|utc|[ecmp][sd]t|bst|cet|cest|eet|eest|msk|updated|published"
               r"|posted|last|on|at")
_DATE_TOKEN = re.compile(rf"\b(?:{_DATE_WORDS})\b\.?|\d+(?:st|nd|rd|th)?|T(?=\d)|[\s,.:;/|()+\-]", re.I)
# ... and it must name a month or weekday, or read as a date or a time: a lone "403" is not a date stamp.
_DATE_EVIDENCE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                            r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2}", re.I)

_READING_TIME = re.compile(r"^\d+\s*(?:min|minute)s?\.?\s+read$", re.I)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[>»›]\s")
_BREADCRUMB_START = re.compile(r"^(?:home|main)\s*[>»›/|]", re.I)
_BYLINE = re.compile(r"^(?:(?:written|reporting|text|words)\s+)?by\s+\S", re.I)

# Photo credits close a caption: "(Guy Smallman/Getty Images)", "Photo by Annabelle Gordon/UPI", "Photo: Reuters",
# "(FILE) / AP", "... | License Photo". Matched on the end of the line only, so a long line costs nothing. A credit
# ends without a full stop (dots inside "facebook.com/x" are fine): "... a photo by the AP." is a sentence.
_CREDIT_WORDS = re.compile(
    r"(?:(?:\b(?:photos?|images?|pictures?|illustration)\s*(?:by\b|:|credits?\b)|^credits?:)(?:[^.!?]|\.(?=\S)){0,80}"
    r"|\(file\)\s*/\s*[\w .-]{1,40}|\|\s*licen[cs]e photo|\bgetty images\b[^.!?]{0,40})[\s)\]]*$", re.I)
_CREDIT_PARENS = re.compile(r"\([A-Z][^()/]{0,59}/\s*[A-Z][^()/]{0,59}\)\s*$")
_GALLERY_COUNTER = re.compile(r"^\d+\s+of\s+\d+\s*\|")

# "Asami Terajima is a reporter at the Kyiv Independent covering ...": the article is over.
_BIO = re.compile(r"^(?:[A-Z][\w'’.-]*\s){1,3}(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s){0,4}?"
                  r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|photographer)"
                  r"\s+(?:at|for|with|of)\b")

_WIDGET_PHRASES = re.compile(
    r"skip to (?:main )?content|become a (?:member|subscriber|patron)|\bad-free\b|\bsubscribe\b|\bsign (?:up|in)\b"
    r"|\blog ?in\b|continues? (?:below|after)|continue reading|connect with us|follow us|share (?:this|on)\b"
    r"|click here|\bcookies?\b|\blogo\b|all rights reserved|^copyright|©|previous (?:post|article)"
    r"|next (?:post|article)|show more|load more|most (?:popular|read|viewed)|editors'? picks|news ?feed"
    r"|^advertisement|^sponsored|sponsored (?:content|posts?|links?|by)\b|newsletter", re.I)

_RELATED_LABEL = re.compile(r"^(?:(?:read|see) (?:also|more)|also read|related(?: articles?| stories| news| posts)?"
                            r"|more on (?:this|that))\b[\s:.-]*", re.I)

# Labels that end the article when they come after it: everything below is page furniture.
_ARTICLE_END = re.compile(
    r"^(?:our (?:reporters|correspondents|journalists|team)|about the authors?|most (?:popular|read|viewed)"
    r"|editors'? picks|(?:related|recommended|more) (?:articles|stories|news|posts|reading)|you (?:may|might) also like"
    r"|tags\b|copyright|all rights reserved|previous (?:post|article))", re.I)

_MAX_LABEL_WORDS = 3      # "Details", "Most Popular", "Connect with us", "KI logo", "War"
_MAX_WIDGET_WORDS = 10    # "Become a member - go ad-free", "Article continues below the player"
_MAX_WIDGET_CHARS = 150
_MAX_HEADLINE_WORDS = 30  # longer lines without end punctuation are cut-off paragraphs, not headlines
_MIN_TABLE_ROWS = 3       # a label followed by figures twice is a caption or a counter; three times, a table
_MIN_FACT_ROWS = 3        # one "Topic: Headline 60%" line is a link; three "Key - value" rows are a fact box
_SCRIPT_SAMPLE = 20_000   # letters read to find a document's main script

# One cell of a table of figures: "121", "-244", "+210", "33.8%", "2024", "1,500".
_FIGURE_CELL = re.compile(r"[+\-−–]?\d[\d,.]*\s?%?")
# A fact-box row: a key of one to three words, a dash or a colon, a value: "Video output - 1920 x 1080 ...".
_FACT_ROW = re.compile(r"[A-Z][^\s:]*(?:\s[^\s:]+){0,2}?(?:\s[-–—]|:)\s+\S")
# Words of running text that headlines leave out ("headlinese"): articles, auxiliaries, relative pronouns.
_RUNNING_TEXT = re.compile(r"\b(?:the|a|an|is|are|was|were|has|had|have|which|who|whose|it|its|said|says)\b")
# A headline closing with its source: "... rises to 12 - mayor", "... Irreverent Welcome (Forbes)".
_HEADLINE_SOURCE = re.compile(r"\s[-–—]\s+(?!(?:a|an|the)\b)[\w.'’]+(?:\s[\w.'’]+){0,2}$"
                              r"|\s\([A-Z][\w.&'’ ]{0,30}\)$")


@dataclass(frozen=True)
class Line:
    """One non-blank line: `text[start:end]`, surrounding whitespace (and Markdown block markers) left out."""

    start: int
    end: int
    text: str
    reason: str | None = None   # why it is boilerplate; None: article content

    @property
    def kept(self) -> bool:
        return self.reason is None


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text[start:end]`, line breaks excluded; linear time, no copies."""
    end = len(text) if end is None else end
    line_start = start
    for brk in _LINE_BREAK.finditer(text, start, end):
        yield line_start, brk.start()
        line_start = brk.end()
    yield line_start, end


def content_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of `text[start:]` that are article content, one per kept line, in order."""
    return [(line.start, line.end) for line in classify_lines(text, start) if line.kept]


def classify_lines(text: str, start: int = 0) -> list[Line]:
    """Every non-blank line of `text[start:]`, with the reason it is boilerplate or None when it is content."""
    spans: list[tuple[int, int]] = []
    opens_block: list[bool] = []   # a blank line (or the start) comes before it: it opens a page block
    after_blank = True
    for line_start, line_end in iter_lines(text, start):
        span = _trim(text, line_start, line_end)
        if span is None:
            after_blank = True
            continue
        spans.append(span)
        opens_block.append(after_blank)
        after_blank = False

    texts = [text[s:e] for s, e in spans]
    script = _main_script(texts)
    reasons = [_line_reason(t, script) for t in texts]
    structured = _keep_tables(texts, reasons) | _fact_rows(texts)
    _drop_after_article_end(texts, reasons)
    _drop_related_lists(texts, opens_block, reasons)
    _drop_repeats(texts, reasons, structured)
    _drop_trailing_headlines(texts, reasons, structured)
    return [Line(s, e, t, r) for (s, e), t, r in zip(spans, texts, reasons)]


def is_prose(line: str) -> bool:
    """A line that reads as sentences: it ends like one, or holds a sentence boundary."""
    return _ends_like_sentence(line) or bool(_INNER_BOUNDARY.search(line))


def _ends_like_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def is_headline(line: str) -> bool:
    """A short line without sentence punctuation: a headline, a heading, a link to another story."""
    return not is_prose(line) and len(line.split()) <= _MAX_HEADLINE_WORDS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    marker = _BLOCK_MARKER.match(text, start, end)
    if marker:
        start = marker.end()
    return (start, end) if start < end else None


def _line_reason(line: str, script: str | None) -> str | None:
    """What the line looks like on its own, ignoring its neighbours."""
    plain = line.translate(_PLAIN)
    words = plain.split()
    short = len(words) <= _MAX_WIDGET_WORDS and len(plain) <= _MAX_WIDGET_CHARS
    sentence = _ends_like_sentence(plain)
    if short and _is_date_stamp(plain):
        return DATE_STAMP
    if not _LETTER.search(plain):
        return NO_WORDS                       # "403" (a status code), "* * *", a lone number
    if words and sum(len(w) for w in words if len(w) > _LONGEST_WORD) > len(plain) / 2:
        return NO_WORDS                       # base64, a minified script, a URL list: runs no word is that long
    if _READING_TIME.match(plain):
        return WIDGET
    if len(_BREADCRUMB_SEPARATOR.findall(plain)) >= 2 or _BREADCRUMB_START.match(plain):
        return BREADCRUMBS
    tail = plain[-200:]
    if _CREDIT_WORDS.search(tail) or _CREDIT_PARENS.search(tail) or _GALLERY_COUNTER.match(plain):
        return PHOTO_CAPTION
    if _BYLINE.match(plain) and len(words) <= 6 and not sentence and not _DIGIT.search(plain):
        return BYLINE
    if len(words) >= 12 and _BIO.match(plain):
        return AUTHOR_BIO
    related = _RELATED_LABEL.match(plain)
    if related and not sentence and len(words) <= _MAX_HEADLINE_WORDS:
        return RELATED_LABEL if related.end() == len(plain) else RELATED_LINK
    if short and not sentence and _WIDGET_PHRASES.search(plain):
        return WIDGET
    if len(words) <= _MAX_LABEL_WORDS and not sentence and not _DIGIT.search(plain):
        return LABEL
    if short and script and _script(plain) not in (script, None):
        return OTHER_SCRIPT                   # "نموذج الاتصال" (a contact-form label) on an English page
    return None


def _is_date_stamp(line: str) -> bool:
    return bool(_DATE_EVIDENCE.search(line)) and not _DATE_TOKEN.sub("", line)


def _drop_after_article_end(texts: list[str], reasons: list[str | None]) -> None:
    """From an author bio or an end-of-article label that follows the article, drop everything."""
    seen_prose = False
    for i, line in enumerate(texts):
        if reasons[i] is None and is_prose(line):
            seen_prose = True
        elif seen_prose and _ends_article(line, reasons[i]):
            for j in range(i, len(texts)):
                reasons[j] = reasons[j] or AFTER_ARTICLE
            return


def _ends_article(line: str, reason: str | None) -> bool:
    if reason == AUTHOR_BIO:
        return True
    plain = line.translate(_PLAIN)
    return (bool(_ARTICLE_END.match(plain)) and len(plain.split()) <= 8
            and not _ends_like_sentence(plain))


def _drop_related_lists(texts: list[str], opens_block: list[bool], reasons: list[str | None]) -> None:
    """After a "Read also" label, drop the related story that follows (headline, teaser, byline, tags: one block)
    and any further blocks of headlines. The first block must open with a headline, or it is the article again."""
    blocks = _blocks(opens_block)
    for b, block in enumerate(blocks):
        if reasons[block[-1]] != RELATED_LABEL:
            continue
        following = blocks[b + 1:]
        if not following or not is_headline(texts[following[0][0]]):
            continue
        for n, related in enumerate(following):
            if n > 0 and not all(reasons[i] or is_headline(texts[i]) for i in related):
                break
            for i in related:
                reasons[i] = reasons[i] or RELATED_LINK


def _blocks(opens_block: list[bool]) -> list[list[int]]:
    blocks: list[list[int]] = []
    for i, opens in enumerate(opens_block):
        if opens or not blocks:
            blocks.append([])
        blocks[-1].append(i)
    return blocks


def _keep_tables(texts: list[str], reasons: list[str | None]) -> set[int]:
    """Find tables flattened to one cell per line: at least three rows in a row, each a short label followed by
    figure cells. Their lines are content (the labels and figures that rules for labels and bare numbers would
    drop); the indices of those lines are returned."""
    def figure(i: int) -> bool:
        return reasons[i] == NO_WORDS and bool(_FIGURE_CELL.fullmatch(texts[i]))

    kept: set[int] = set()
    i = 0
    while i < len(texts):
        rows, j = 0, i
        while j < len(texts) and reasons[j] == LABEL and j + 1 < len(texts) and figure(j + 1):
            j += 1
            while j < len(texts) and figure(j):
                j += 1
            rows += 1
        if rows >= _MIN_TABLE_ROWS:
            for k in range(i, j):
                reasons[k] = None
                kept.add(k)
        i = max(j, i + 1)
    return kept


def _fact_rows(texts: list[str]) -> set[int]:
    """Lines of a fact box: at least three consecutive "Key - value" or "Key: value" rows, each with a figure
    ("Storage - 256 GB UFS"). They have no end punctuation, but they are the article's data, not headlines."""
    rows: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*texts, ""]):
        if _FACT_ROW.match(line) and _DIGIT.search(line):
            run.append(i)
            continue
        if len(run) >= _MIN_FACT_ROWS:
            rows.update(run)
        run = []
    return rows


def _drop_repeats(texts: list[str], reasons: list[str | None], structured: set[int]) -> None:
    """A line repeated by the page template ("the headline again") is dropped; a table's cells repeat by nature."""
    seen: set[str] = set()
    for i, line in enumerate(texts):
        if reasons[i] is not None or i in structured:
            continue
        key = " ".join(line.split())
        if key in seen:
            reasons[i] = REPEATED
        seen.add(key)


def _drop_trailing_headlines(texts: list[str], reasons: list[str | None], structured: set[int]) -> None:
    """Headline-like lines after the last paragraph are links to other stories, not claims; tables and fact boxes
    are not headlines, nor is a last paragraph the page store cut off."""
    last_prose = max((i for i, line in enumerate(texts) if reasons[i] is None and is_prose(line)), default=None)
    if last_prose is None:
        return                                # no paragraph at all: nothing to tell the tail from
    for i in range(last_prose + 1, len(texts)):
        if reasons[i] is not None or i in structured or not is_headline(texts[i]):
            continue
        if i == len(texts) - 1 and _is_cut_off_paragraph(texts[i]):
            continue
        reasons[i] = TRAILING


def _is_cut_off_paragraph(line: str) -> bool:
    """A last line that stops mid-sentence but reads as running text: longer than a widget, with the lower-case
    articles and auxiliaries that headlines leave out, and not closed by a headline's source ("- mayor")."""
    plain = line.translate(_PLAIN)
    return (len(plain.split()) > _MAX_WIDGET_WORDS and bool(_RUNNING_TEXT.search(plain))
            and not _HEADLINE_SOURCE.search(plain))


def _main_script(texts: list[str]) -> str | None:
    counts: dict[str, int] = {}
    letters = (letter.group() for line in texts for letter in _LETTER.finditer(line))
    for _, ch in zip(range(_SCRIPT_SAMPLE), letters):
        name = _char_script(ch)
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _script(line: str) -> str | None:
    """The script most of the line's letters are written in."""
    return _main_script([line])


def _char_script(ch: str) -> str:
    # The first word of a character's Unicode name is its script: LATIN, CYRILLIC, ARABIC, CJK, ...
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
