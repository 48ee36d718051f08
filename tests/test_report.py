"""The markdown report as a GFM parser reads it: its sections and tables, source text that cannot change how it
renders, <details> blocks that render their markdown on forges, and the same bytes for the same input."""
import dataclasses
import html
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from verify.copies import CopySet
from verify.findings import render_jsonl
from verify.ingest import document_from_text
from verify.pipeline import check, check_documents
import verify.report as report_module
from verify.group import shared_statements
from verify.report import _chart_text, _marked, _safe_url, render_markdown

GFM = MarkdownIt("gfm-like")  # linkify on: bare domains and e-mail addresses would become links
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_REPORT = ROOT / "reports" / "seeds.md"
TITLE = "Cross-check report"
SECTIONS = ["Sources", "Conflicts", "Corroborated claims", "Shared statements", "Single-source claims", "Source pairs"]

# Markdown and HTML a source might carry, on purpose or not, in every field the report shows.
INJECTION = ("<script>alert(1)</script> | cell | `code` [x](javascript:alert(1)) ![img](http://evil.example/p.png) "
             "<img src=x onerror=alert(1)> www.evil.example evil.com me@evil.com &#x3C;b&#x3E; **bold** _it_ ~~s~~")
SAFE_URL = "https://example.com/a b<c>?q=1&amp;x=`y`"
HOSTILE_RECORDS = [
    {"id": "a|b`c#[x](javascript:alert(1))", "source": "<script>alert(1)</script>",
     "title": "[x](javascript:alert(1))", "url": "javascript:alert(1)", "date": "2025-11-19",
     "text": "# Heading injection\n"
             f"A Russian missile strike on the city of Ternopil killed 25 people and injured 93 others {INJECTION}.\n"
             "Russia launched 476 drones and 48 missiles overnight, see www.evil.example or mail me@evil.com.\n"},
    {"id": "<b>b</b>", "source": "evil.com | x", "title": "# Title <details>", "url": SAFE_URL, "date": "2025-11-20",
     "text": "A Russian missile strike on the city of Ternopil killed 33 people and injured 94 others **bold** "
             "_it_ ~~gone~~.\nRussia launched 476 drones and 48 missiles overnight.\n"},
    {"id": "![i](http://e.x/p.png)", "source": "![img](http://evil.example/p.png)", "title": "`</details>`",
     "url": "data:text/html,<script>alert(1)</script>",
     "text": "A missile strike on Ternopil killed 19 people and injured 66 others, officials said.\n"
             "<details><summary>x</summary>\n"
             "| The city hosted 12 rescue teams from [nine](http://evil.example) regions. |\n"},
]
# The only HTML the report writes itself.
OWN_HTML = re.compile(r"(<details>\n<summary>[^<>]*</summary>|<details><summary>[^<>]*</summary>|</details>)\n")


@pytest.fixture(scope="module")
def seeds(embedder):
    result = check([str(SEEDS)], embedder=embedder)
    return result, render_markdown(result, report_path=str(SEEDS_REPORT))


@pytest.fixture(scope="module")
def hostile(embedder, tmp_path_factory):
    """A JSONL feed whose file name, ids, outlets, titles, URLs and texts all carry markup."""
    path = tmp_path_factory.mktemp("hostile") / "feed |`#[x](y).jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in HOSTILE_RECORDS), encoding="utf-8")
    result = check([str(path)], embedder=embedder)
    return result, render_markdown(result)


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def _headings(markdown):
    tokens = GFM.parse(markdown)
    return [(token.tag, tokens[i + 1].content) for i, token in enumerate(tokens) if token.type == "heading_open"]


def _plain(markdown):
    """The text a reader sees, whitespace collapsed."""
    text = re.sub(r"</?(?:strong|em|a)\b[^>]*>", "", GFM.render(markdown))
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def _section(markdown, name):
    return markdown.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]


def _assert_structure(markdown):
    headings = _headings(markdown)
    assert headings[0] == ("h1", TITLE)
    assert [text for tag, text in headings if tag == "h2"] == SECTIONS
    assert {tag for tag, _ in headings} <= {"h1", "h2", "h3"}
    # Level-3 headings are numbered conflicts, nothing else.
    h2_at = {text: i for i, (tag, text) in enumerate(headings) if tag == "h2"}
    conflicts = headings[h2_at["Conflicts"] + 1: h2_at["Corroborated claims"]]
    assert [text.split(".")[0] for _, text in conflicts] == [str(n) for n in range(1, len(conflicts) + 1)]
    assert headings[h2_at["Corroborated claims"] + 1: h2_at["Shared statements"]] == []
    assert headings[h2_at["Shared statements"] + 1: h2_at["Single-source claims"]] == []
    assert headings[h2_at["Single-source claims"] + 1: h2_at["Source pairs"]] == []
    assert headings[h2_at["Source pairs"] + 1:] == []


def _assert_tables(markdown, expected_columns):
    tokens = GFM.parse(markdown)
    columns = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = 0
            for inner in tokens[i + 1:]:
                if inner.type == "tr_close":
                    break
                cells += inner.type in ("th_open", "td_open")
            columns.append(cells)
    assert columns and set(columns) == {expected_columns}
    # The parser pads short rows and drops extra cells: count the unescaped pipes of the raw lines as well.
    for line in markdown.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) == expected_columns + 1, line


def _assert_details_render(markdown):
    """<details> blocks nest properly, and the blank lines around them let forges render the markdown inside."""
    lines = markdown.splitlines()
    depth = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("<details>"):
            depth += 1
            assert lines[i - 1].strip() == "", "a blank line must come before <details>"
            summary = i if "<summary>" in stripped else i + 1
            assert lines[summary].strip().endswith("</summary>")
            assert lines[summary + 1].strip() == "", "a blank line must follow </summary>"
        elif stripped == "</details>":
            depth -= 1
            assert depth >= 0
            assert lines[i - 1].strip() == "" and lines[i + 1].strip() == ""
    assert depth == 0
    # Inside each block the list is markdown, not raw HTML text.
    tokens = GFM.parse(markdown)
    opened = [i for i, t in enumerate(tokens) if t.type == "html_block" and "<details>" in t.content]
    closed = [i for i, t in enumerate(tokens) if t.type == "html_block" and "</details>" in t.content]
    assert len(opened) == len(closed)
    for start, end in zip(opened, closed):
        assert start < end and any(t.type == "bullet_list_open" for t in tokens[start:end])


def test_seeds_report_has_every_section_in_order(seeds):
    result, seeds_report = seeds
    _assert_structure(seeds_report)
    _assert_tables(seeds_report, expected_columns=6)
    _assert_details_render(seeds_report)


def _first_screen(markdown):
    return markdown.split("\n## Conflicts\n")[0]


def _counts(markdown):
    """The figures the summary's first paragraph gives, as a reader sees them."""
    lead = _plain(markdown.split("\n\n")[1])
    found = re.search(r"stating (\d+) numbers? (?:and|or) dates?(?:; (\d+) of them repeat a figure their own source "
                      r"already gives)?\. That leaves (\d+) figures?, one per source and quantity: (\d+) in conflicts "
                      r"\+ (\d+) corroborated(?: \+ (\d+) rounded)? \+ (\d+) single-source(?: \+ (\d+) repeated by copies)?\.", lead)
    assert found, lead
    return [int(x or 0) for x in found.groups()]


def _assert_counts_add_up(result, markdown):
    claims, restated, figures, conflicting, corroborated, rounded, single, copied = _counts(markdown)
    assert claims == len(result.claims) == restated + figures
    assert figures == conflicting + corroborated + rounded + single + copied
    summary = _plain(_first_screen(markdown))
    groups = {f.group for f in result.comparison.findings}
    disputed = {f.group for f in result.comparison.findings if f.type == "conflict"}
    assert f"{len(disputed)} conflict" in summary and f"({conflicting} figure" in summary
    agreeing = {f.group for f in result.comparison.findings if f.type == "agreement"} - disputed
    assert f"{len(agreeing)} corroborated claim" in summary and f"({corroborated} figure" in summary
    assert rounded == 0 or f"{len(groups - disputed - agreeing)} rounded figure" in summary
    assert f"{single} single-source claim" in summary
    # Each figure in a value group is one of its claims; single-source figures are listed in their section.
    assert conflicting + corroborated + rounded == sum(len(g.claims) for g in result.comparison.value_groups)
    assert single == len(result.comparison.single_source())
    section = _plain(_section(markdown, "Single-source claims"))
    assert section.startswith(f"{single} number")


def test_first_screen_says_what_was_checked_and_what_was_found(seeds):
    result, seeds_report = seeds
    first_screen = _first_screen(seeds_report)
    assert f"Checked {len(result.documents)} sources" in first_screen
    _assert_counts_add_up(result, seeds_report)
    for doc in result.documents:
        assert doc.id in first_screen
    # What to verify next: the event's figures, not trivia; the trivia is ranked last, collapsed.
    verify_next = first_screen.split("**Verify next**", 1)[1]
    # The story is drone production: its plant investment and the daily deliveries, each with a frame saying what
    # happened to what, come before background figures.
    assert "**200 million-pound**" in verify_next and "**1,500** interceptor drones" in verify_next
    for trivia in ("postage stamps", "This year", "one-hundred-year"):
        assert trivia not in first_screen
        collapsed = _section(seeds_report, "Single-source claims").split("<details>", 1)[1]
        assert trivia in collapsed


def test_counts_add_up_with_conflicts_and_copies(hostile):
    result, markdown = hostile
    _assert_counts_add_up(result, markdown)
    first, second = result.documents[0].id, result.documents[1].id
    copied = dataclasses.replace(result, copies=[CopySet(docs=(first, second), representative=first, overlap=0.9)])
    _assert_counts_add_up(copied, render_markdown(copied))


def test_rounding_findings_get_a_section_of_their_own(hostile):
    """The matcher will add findings of type "rounding"; the report already shows them apart, and counts them."""
    result, _ = hostile
    agreement = next(f for f in result.comparison.findings if f.type == "agreement")
    findings = [dataclasses.replace(f, type="rounding") if f.group == agreement.group else f
                for f in result.comparison.findings]
    rounded = dataclasses.replace(result, comparison=dataclasses.replace(result.comparison, findings=findings))
    markdown = render_markdown(rounded)
    assert [t for tag, t in _headings(markdown) if tag == "h2"] == SECTIONS[:3] + ["Rounded figures"] + SECTIONS[3:]
    assert "one rounded: " in _section(markdown, "Rounded figures")
    _assert_counts_add_up(rounded, markdown)


def _links(markdown):
    """(href, text of the list item or cell it stands in) for every link, as the parser reads them."""
    found = []
    for token in GFM.parse(markdown):
        if token.type != "inline":
            continue
        text = "".join(child.content for child in token.children if child.type == "text")
        found += [(child.attrGet("href"), " ".join(text.split())) for child in token.children
                  if child.type == "link_open"]
    return found


def test_every_evidence_link_resolves_to_the_file_and_line_it_names(seeds):
    result, markdown = seeds
    local = [(href, text) for href, text in _links(markdown) if not href.startswith(("http:", "https:"))]
    assert len(local) > 20
    sentences_of = {}
    for sentence in result.sentences:
        sentences_of.setdefault(sentence.doc, []).append(sentence)
    for href, text in local:
        path, anchor = href.split("#L")
        target = (SEEDS_REPORT.parent / path).resolve()
        assert target.is_file() and target.parent == SEEDS.resolve(), href
        line = int(anchor)
        file_lines = target.read_text(encoding="utf-8").split("\n")
        assert 1 <= line <= len(file_lines)
        # A sentence of that document starts on that line, and it is the one the item quotes.
        offset = sum(len(x) + 1 for x in file_lines[: line - 1])
        starting = [s for s in sentences_of[target.name] if offset <= s.start <= offset + len(file_lines[line - 1])]
        assert any(_quotes(s.text, text) for s in starting), (href, text)


def _quotes(sentence, text):
    """Whether `text` shows a piece of `sentence` (an excerpt may be cut around its values)."""
    sentence = " ".join(sentence.split())
    return any(sentence[i:i + 20] in text for i in range(0, max(1, len(sentence) - 19), 5))


def test_links_are_relative_to_where_the_report_is_written(seeds, embedder, tmp_path):
    result, _ = seeds
    markdown = render_markdown(result, report_path=str(tmp_path / "deep" / "report.md"))
    href = next(h for h, _ in _links(markdown) if "#L" in h)
    assert (tmp_path / "deep" / href.split("#")[0]).resolve() == (SEEDS / Path(href.split("#")[0]).name).resolve()


def test_no_doubled_quotation_marks(seeds):
    _, markdown = seeds
    quote = "We are creating a new quality of partnership"
    assert quote in markdown
    for pair in ("““", "””", "“\"", "\"”"):
        assert pair not in markdown


def test_a_sentence_ending_on_a_quotation_mark_is_not_quoted_again(embedder):
    doc = document_from_text("a.txt", 'The mayor said that "at least 13 people died, including one child."\n')
    other = document_from_text("b.txt", "The strike killed 16 people, including one child, police said.\n")
    markdown = render_markdown(check_documents([doc, other], embedder))
    assert 'child."' in markdown and 'child."”' not in markdown


def test_source_pairs_show_the_top_and_say_how_many_more(hostile, monkeypatch):
    result, _ = hostile
    monkeypatch.setattr(report_module, "_SOURCE_PAIRS", 1)
    markdown = render_markdown(result)
    records = [json.loads(line) for line in render_jsonl(result).splitlines()]
    pairs = [r for r in records if r["type"] == "source_pair"]
    assert len(pairs) == 3
    rows = _table_rows(_section(markdown, "Source pairs"))
    assert len(rows) == 2   # the header and the top pair
    assert "And 2 more pairs, in the JSONL (`source_pair` records)." in markdown
    # The top pair is the one that disputes most.
    assert int(rows[1][-1]) == max(p["conflict"] for p in pairs)


def test_same_input_gives_the_same_bytes(seeds, embedder):
    first, markdown = seeds
    second = check([str(SEEDS)], embedder=embedder)
    assert render_markdown(second, report_path=str(SEEDS_REPORT)) == markdown
    assert render_jsonl(second) == render_jsonl(first)


def test_hostile_report_keeps_its_structure(hostile):
    result, markdown = hostile
    assert "## Conflicts\n\nNo source" not in markdown, "the corpus is built to conflict"
    assert _section(markdown, "Corroborated claims").count("<details>") >= 1
    _assert_structure(markdown)
    _assert_tables(markdown, expected_columns=6)
    _assert_details_render(markdown)


def test_source_text_adds_no_link_image_html_or_code(hostile):
    _, markdown = hostile
    tokens = list(_walk(GFM.parse(markdown)))
    types = {token.type for token in tokens}
    assert not types & {"image", "html_inline", "code_inline", "code_block", "hr", "blockquote_open"}
    # The only fenced blocks are the report's charts, which parse as charts.
    charts = [token for token in tokens if token.type == "fence"]
    assert charts
    for chart in charts:
        _assert_chart(chart)
    for token in tokens:
        if token.type == "html_block":
            assert OWN_HTML.fullmatch(token.content), token.content
    # The one link is the article URL from the metadata, and only for http(s).
    assert {t.attrGet("href") for t in tokens if t.type == "link_open"} == {
        "https://example.com/a%20b%3Cc%3E?q=1&amp;x=%60y%60"}
    rendered = GFM.render(markdown)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered


_CHART_STRING = r'"[^"`;#<>\[\]{}\\\n]*"'
_CHART_LINES = [re.compile(p) for p in (
    r"xychart-beta",
    rf"    title {_CHART_STRING}",
    rf"    x-axis \[{_CHART_STRING}(?:, {_CHART_STRING})*\]",
    rf"    y-axis {_CHART_STRING}",
    r"    bar \[-?\d+(?:\.\d+)?(?:, -?\d+(?:\.\d+)?)*\]",
)]


def _assert_chart(token):
    """A well-formed Mermaid xychart-beta: one title, labels on the x axis, one bar per label; every label a
    double-quoted string with nothing that could end it or be read as markup."""
    assert token.info == "mermaid"
    lines = token.content.rstrip("\n").split("\n")
    assert len(lines) == len(_CHART_LINES)
    for line, pattern in zip(lines, _CHART_LINES):
        assert pattern.fullmatch(line), line
    labels = re.findall(_CHART_STRING, lines[2])
    values = lines[4].split("[", 1)[1].rstrip("]").split(", ")
    assert len(labels) == len(values) >= 2


def test_a_chart_shows_the_figures_by_publication_date(hostile):
    result, markdown = hostile
    block = next(b for b in _section(markdown, "Conflicts").split("\n### ")[1:] if "people killed" in b)
    [chart] = [t for t in GFM.parse(block) if t.type == "fence"]
    _assert_chart(chart)
    # Two dated sources, in date order: 2025-11-19 said 25, 2025-11-20 said 33; the undated one is left out.
    assert re.search(r'x-axis \["2025-11-19 [^"]*", "2025-11-20 [^"]*"\]', chart.content)
    assert "bar [25, 33]" in chart.content
    assert "script" in chart.content and "<" not in chart.content   # the outlet's name, made inert


@pytest.mark.parametrize("text", ['a "quoted" name', "x`y`", "#35; entity", "a; b", "[x](y)", "<b>", "line\nbreak"])
def test_chart_labels_cannot_break_out(text):
    label = _chart_text(text)
    assert re.fullmatch(r'[^"`;#<>\[\]{}\\\n]*', label), label


def test_source_text_reads_back_verbatim(hostile):
    """Escaping changes how text is written, not what a reader sees: every field shows exactly as given."""
    result, markdown = hostile
    rows = _table_rows(_section(markdown, "Sources"))
    assert [_plain(row[0]).split(" (")[0] for row in rows[1:]] == [record["id"] for record in HOSTILE_RECORDS]
    for record, row in zip(HOSTILE_RECORDS, rows[1:]):
        assert _plain(row[1]) == record["source"]
        assert _plain(row[3]) == record["title"]
    seen = _plain(markdown)
    for claim in (c for f in result.comparison.findings for c in f.claims):
        assert " ".join(claim.sentence.text.split()) in seen


def _table_rows(markdown):
    """The inline markdown of each cell, row by row, as the parser splits them."""
    rows, row = [], None
    tokens = GFM.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif token.type == "tr_close":
            rows.append(row)
    return rows


def test_conflict_shows_each_source_once_with_the_newest_marked(hostile):
    result, markdown = hostile
    blocks = _section(markdown, "Conflicts").split("\n### ")[1:]
    block = next(b for b in blocks if "people killed" in b.splitlines()[0])
    assert block.splitlines()[0].endswith("people killed: 19 · 25 · 33")
    entries = [line for line in block.splitlines() if line.startswith("- **")]
    assert len(entries) == 3
    assert [line.split("**")[1] for line in entries] == ["19", "25", "33"]
    newest = [line for line in entries if "(newest)" in line]
    assert len(newest) == 1 and "2025-11-20 (newest)" in newest[0]
    # Every pairwise finding of this quantity is one line of the collapsed list.
    group = next(f.group for f in result.comparison.findings if f.what == "people killed")
    pairs = [f for f in result.comparison.findings if f.group == group]
    assert block.count("\n- conflict: ") + block.count("\n- agree, ") == len(pairs)
    # The reason is said once, above the figures; the pair lines do not repeat it.
    assert block.count("all stated as exact figures") == 1 and "beyond rounding" not in block
    # JSONL records are located by their line in the feed and the character in their text.
    assert re.search(r"\.jsonl:\d+, text char \d+", block)


def test_unsafe_urls_are_dropped_and_safe_ones_cannot_break_out():
    assert _safe_url("javascript:alert(1)") is None
    assert _safe_url("data:text/html,<script>") is None
    assert _safe_url("//evil.example/x") is None
    assert _safe_url("https:///no-host") is None
    assert _safe_url(None) is None
    assert _safe_url(" HTTPS://example.com/a b>c\n") == "HTTPS://example.com/a%20b%3Ec"
    assert _safe_url("http://example.com/?a=1&b=2") == "http://example.com/?a=1\\&b=2"


@pytest.mark.parametrize("text, spans, bold", [
    ("paid a$61b in", [(6, 9)], ["$61"]),           # punctuation inside a word: "**" would not open
    ("rose 100%of it", [(5, 9)], ["100%"]),         # punctuation then a letter: "**" would not close
    ("(**61**) and `x`", [(3, 5)], ["61"]),
    ("killed 16, said", [(7, 9)], ["16"]),
    ("“25” people", [(1, 3)], ["25"]),
    ("on 18–19 November", [(3, 5), (5, 8)], ["18–19"]),   # touching values: one bold run, not "****"
    ("passed 311-112", [(7, 10), (11, 14)], ["311", "112"]),
])
def test_values_are_bold_whatever_their_neighbours(text, spans, bold):
    markdown = _marked(text, spans)
    assert re.findall(r"<strong>(.*?)</strong>", GFM.render(markdown)) == bold
    assert _plain(markdown).replace(" ", "") == text.replace(" ", "")


def test_readme_sample_is_the_seeds_report(embedder, monkeypatch):
    """README.md quotes the first screen of reports/seeds.md: it must be what `verify check seeds/` writes now."""
    monkeypatch.chdir(ROOT)
    result = check(["seeds/"], embedder=embedder)
    markdown = render_markdown(result, report_path="reports/seeds.md")
    first_screen = _first_screen(markdown).rstrip("\n")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"````markdown\n{first_screen}\n````" in readme, \
        "regenerate reports/seeds.md and paste its lines above '## Conflicts' into README.md's Sample report"
    from verify.cli import mark_report

    assert SEEDS_REPORT.read_text(encoding="utf-8") == mark_report(markdown), "regenerate reports/seeds.md"


def test_single_source_lines_are_slices_of_the_source(seeds):
    result, seeds_report = seeds
    texts = [" ".join(doc.text.split()) for doc in result.documents]
    lines = [line for line in _section(seeds_report, "Single-source claims").splitlines() if line.startswith("- ")]
    assert len(lines) == len({(s.doc, s.claim.sentence.start) for s in result.comparison.single_source()})
    for line in lines:
        shown = _plain(line.split(": ", 1)[1].rsplit(" — ", 1)[0])
        for piece in filter(None, (p.strip() for p in shown.split("…"))):
            assert any(piece in text for text in texts), piece


def test_copies_are_counted_and_do_not_corroborate(hostile):
    result, markdown = hostile
    assert "**0 duplicates or syndicated copies**" in markdown
    first, second = result.documents[0].id, result.documents[1].id
    copied = dataclasses.replace(result, copies=[CopySet(docs=(first, second), representative=first, overlap=0.9)])
    markdown = render_markdown(copied)
    summary = markdown.split("\n## Sources\n")[0]
    assert "**1 duplicate or syndicated copy**" in summary
    assert "(evil.com | x repeats <script>alert(1)</script>)" in _plain(summary)
    assert "(copy of" in _section(markdown, "Sources")
    assert "2 sources (1 independent)" in _section(markdown, "Corroborated claims")


def test_inputs_left_out_are_listed_escaped(hostile):
    result, _ = hostile
    markdown = render_markdown(dataclasses.replace(result, problems=["feed.jsonl:7: 'text' must be a string <b>"]))
    assert "- feed.jsonl:7: 'text' must be a string \\<b\\>" in _section(markdown, "Sources")


def test_a_single_source_is_said_to_be_unchecked(embedder):
    doc = document_from_text("only.txt", "The strike killed 16 people on Wednesday, officials said.\n")
    markdown = render_markdown(check_documents([doc], embedder))
    assert "Only one source was given: nothing can be cross-checked." in markdown
    assert [text for tag, text in _headings(markdown) if tag == "h2"] == SECTIONS


def test_outlet_named_in_the_text_when_no_metadata_or_file_name_gives_it(embedder, tmp_path):
    body = "A Russian missile strike on Ternopil killed 25 people, officials said.\n"
    (tmp_path / "a1b2c3.txt").write_text("Ternopil strike\n" + body + "© 2025 Kyiv Independent. All rights reserved.\n",
                                         encoding="utf-8")
    (tmp_path / "d4e5f6.txt").write_text(body.replace("25", "33") + "Source: https://www.bbc.co.uk/news/x\n",
                                         encoding="utf-8")
    (tmp_path / "07-unn.ua.txt").write_text(body + "Source: Ukrinform\n", encoding="utf-8")
    (tmp_path / "f00d.txt").write_text(body.replace("killed 25", "killed 19") + "It made $2 billion. © JOHN DOE / AFP\n",
                                       encoding="utf-8")
    result = check([str(tmp_path)], embedder=embedder)
    outlets = {d.id: d.outlet for d in result.documents}
    assert outlets == {"07-unn.ua.txt": "unn.ua", "a1b2c3.txt": "Kyiv Independent", "d4e5f6.txt": "bbc.co.uk",
                       "f00d.txt": "f00d"}
    rows = _table_rows(_section(render_markdown(result), "Sources"))
    # A name that is only the file's is not said twice.
    assert [_plain(row[1]) for row in rows[1:]] == ["unn.ua", "Kyiv Independent", "bbc.co.uk", "—"]
