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


@pytest.mark.parametrize("text", ["# heading", "- item", "+ item", "12. item", "3) item", "> quote", "---"])
def test_a_line_start_marker_stays_text_inside_a_list_item(text):
    tokens = GFM.parse(f"- {escape(text)}")
    types = [t.type for t in tokens]
    assert types.count("bullet_list_open") == 1 and "ordered_list_open" not in types
    assert not {"heading_open", "blockquote_open", "hr"} & set(types)


@pytest.mark.parametrize("text, shown", [
    ("000_a28f620ae836cfc1.txt", "000_a28f620ae836cfc1.txt"),   # an underscore inside a word cannot emphasise
    ("a 200 million-pound (nearly £270 million) deal", "a 200 million-pound (nearly £270 million) deal"),
    ("AT&T said!", "AT&T said!"),
    ("first #1 hit", "first #1 hit"),
])
def test_inert_characters_are_left_as_written(text, shown):
    assert escape(text) == shown


def test_link_text_keeps_domains_as_written():
    assert escape("01-unn.ua.txt") == "01-unn\\.ua.txt"
    assert escape("01-unn.ua.txt", in_link=True) == "01-unn.ua.txt"
    tokens = GFM.parse(f"[{escape('see www.evil.example and unn.ua', in_link=True)}](<x.txt#L1>)")
    links = [c for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert [link.attrGet("href") for link in links] == ["x.txt#L1"]
