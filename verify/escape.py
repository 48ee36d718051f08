"""Markdown escaping of source text: a source can never add structure to the report."""
from __future__ import annotations

import re

# Every character that can start markdown or HTML structure inline. Source text is data: escaping these
# keeps a source from opening a link, image, HTML tag, code span, emphasis or table cell.
# "@" is here because GFM and linkify turn "name@example.com" into a mailto link.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^$@])")
# GFM turns bare URLs and www. names into links; a backslash before the dot or colon stops the autolink.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")
# Linkify (markdown-it, editor previews) also links bare domains such as "unn.ua": a backslash before the dot of a
# top-level domain it knows (any two letters, its default generic list, punycode) stops it. Decimals ("14.5"),
# abbreviations ("U.K.") and file names ("report.txt") stay as they are.
_DOMAIN_DOT = re.compile(
    r"(?<=[^\W_])\.(?=(?:[^\W\d_]{2}|biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop"
    r"|xn--)(?![^\W_]))",
    re.IGNORECASE,
)


def escape(text: str) -> str:
    """Source text as inert markdown on a single line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _DOMAIN_DOT.sub(r"\\.", text)
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(3)) + "\\" + (m.group(2) or m.group(4)), text)
