"""Source text is data: once escaped, nothing in it can change how the report renders."""
import pytest
from markdown_it import MarkdownIt

from verify.escape import escape

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](http://evil.example/p.png)",
    "a | b | c",
    "`code` and ``more``",
    "# not a heading",
    "**bold** _it_ ~~gone~~",
    "see https://evil.example and www.evil.example",
    "&lt;b&gt; &amp; &#x3C;",
    "<http://evil.example>",
    "[ref]: http://evil.example",
    "line one\n# heading two\n| a | b |\n|---|---|",
    "\\[escaped\\](x)",
]
GFM = MarkdownIt("gfm-like")


def _inline_types(tokens):
    for token in tokens:
        yield token.type
        for child in token.children or []:
            yield child.type


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_source_text_renders_as_one_plain_paragraph(text):
    tokens = GFM.parse(f"- {escape(text)}")
    types = set(_inline_types(tokens))
    assert types <= {"bullet_list_open", "list_item_open", "paragraph_open", "inline", "text",
                     "paragraph_close", "list_item_close", "bullet_list_close", "softbreak"}, types
    rendered = GFM.render(f"- {escape(text)}")
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "<table" not in rendered and "<h1" not in rendered and "<code" not in rendered


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_the_original(text):
    """The reader sees the source's characters, whitespace aside."""
    import html
    import re

    rendered = GFM.render(escape(text))
    plain = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
    assert plain == " ".join(text.split())
