"""Markdown escaping of source text: a source can never add structure to the report.

Only what could start structure is escaped, so that the markdown stays readable in a terminal or editor:
"000_a28f.txt", "(nearly $270 million)" or "AT&T" stay as written where they are inert.
"""
from __future__ import annotations

import re

# Characters that open structure anywhere in a line: links and images ("[", "]"), HTML and autolinks ("<", ">"),
# code spans, emphasis ("*"; "_" only where it can flank, see below), table cells ("|"), strikethrough ("~"),
# math on forges that render it ("$"), and the backslash itself.
_ALWAYS = re.compile(r"([\\`*\[\]<>|~$])")
# "_" opens or closes emphasis only next to a non-alphanumeric character: "file_name" is inert, "_it_" is not.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# An entity reference ("&amp;", "&#x3C;") would be decoded; a lone "&" is inert.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# "name@example.com" is an e-mail autolink in GFM and linkify; "@" before a word is escaped.
_AT = re.compile(r"@(?=\w)")
# At the start of the text (a list item's or a table cell's content): a heading, quote, list or rule marker.
_LEADING = re.compile(r"^(?:([#>]|[-+](?=[-\s]|$))|(\d+)(?=[.)](?:\s|$)))")
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


def escape(text: str, in_link: bool = False) -> str:
    """Source text as inert markdown on a single line. `in_link`: the text of a link the report writes, where
    no autolink can start, so URLs and domain names need no escaping."""
    text = " ".join(text.split())
    text = _ENTITY.sub("&amp;", text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _AT.sub(r"\\@", text)
    text = _LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\", text)
    if in_link:
        return text
    text = _DOMAIN_DOT.sub(r"\\.", text)
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(3)) + "\\" + (m.group(2) or m.group(4)), text)
