"""Saved web pages: the article's main text and its metadata, extracted offline with trafilatura.

trafilatura is given the page's markup, never a URL, so it cannot fetch anything; the URL it reports comes from the
page itself (canonical link, og:url). Precision is favoured over recall: a menu or a comment that slips into the
text becomes a claim, a dropped paragraph only costs one. For the same reason blocks made mostly of links are cut
before extraction: trafilatura keeps a "More coverage: <a>..</a> <a>..</a>" line that sits inside the article, and
the headlines it links to carry numbers of other stories.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:   # lxml loads with trafilatura, only when a page is read
    from lxml.html import HtmlElement

# <meta charset="windows-1251"> or <meta http-equiv="Content-Type" content="text/html; charset=windows-1251">,
# looked for in the first bytes of the page only, as browsers do.
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_CHARSET_PREFIX = 4096
NO_ARTICLE_TEXT = "no article text found in this HTML page"

# A block with at least this many links, whose text is mostly theirs, lists other pages.
_LINK_LIST_TAGS = frozenset({"p", "li", "ul", "ol", "div", "section", "aside", "nav", "td", "dl", "dd"})
_LINK_LIST_MIN_LINKS = 2
_LINK_LIST_MIN_SHARE = 0.7
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    text: str                         # the main text, one paragraph (or heading) a line
    title: str | None = None
    author: str | None = None
    site_name: str | None = None      # og:site_name, the publisher in JSON-LD, or the site named in <title>
    url: str | None = None            # canonical or og:url, as the page gives it
    published: dt.date | None = None  # the original publication date (JSON-LD, article:published_time, <time>)


def declared_charset(data: bytes) -> str | None:
    """The character set the page declares in a <meta> tag, when Python knows it."""
    found = _DECLARED_CHARSET.search(data, 0, _CHARSET_PREFIX)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def extract_page(html: str, shown: str) -> Page:
    """The main text and metadata of a saved page; InputError naming `shown` when the page has no main text."""
    import trafilatura   # imported here: it takes half a second, and only HTML input needs it

    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(f"{shown}: {NO_ARTICLE_TEXT}")
    for block in _link_lists(tree):
        block.drop_tree()
    extracted = trafilatura.bare_extraction(
        tree,
        favor_precision=True,
        include_comments=False,
        include_tables=False,     # table cells are not sentences; numbers in them would be read out of context
        include_images=False,
        with_metadata=True,
        # The date the page declares (JSON-LD, meta tags, <time>, a dateline), the original one rather than the
        # last update. No extensive search: it scans the whole page for anything date-like, and the text's dates
        # are the event's, not the report's (a page that declares none may still get one read off its text).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        raise InputError(f"{shown}: {NO_ARTICLE_TEXT}")
    return Page(text=text, title=_clean(extracted.title), author=_clean(extracted.author),
                site_name=_clean(extracted.sitename), url=_clean(extracted.url),
                published=_iso_date(extracted.date))


def _link_lists(root: HtmlElement) -> list[HtmlElement]:
    """The outermost blocks whose visible characters are mostly link text, in one pass over the tree: each
    element's counts are summed from its children's, taken in reverse document order (children first)."""
    counts: dict = {}   # element -> (characters, characters inside links, links)
    elements = list(root.iter())
    for element in reversed(elements):
        own = _count(element.text) if isinstance(element.tag, str) else 0
        total, linked, links = own, 0, 0
        for child in element:
            child_total, child_linked, child_links = counts[child]
            total += child_total + _count(child.tail)
            linked += child_linked
            links += child_links
        if element.tag == "a":
            linked, links = total, links + 1
        counts[element] = (total, linked, links)
    found = []
    inside: set = set()
    for element in elements:
        if element.getparent() in inside:
            inside.add(element)
            continue
        total, linked, links = counts[element]
        if (element.tag in _LINK_LIST_TAGS and links >= _LINK_LIST_MIN_LINKS and total
                and linked >= _LINK_LIST_MIN_SHARE * total):
            found.append(element)
            inside.add(element)
    return found


def _count(text: str | None) -> int:
    return len(_SPACE.sub("", text)) if text else 0


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
