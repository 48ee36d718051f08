"""Page boilerplate is dropped line by line; article lines, headlines included, are kept."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify import boilerplate as bp
from verify.boilerplate import classify_lines, content_spans, iter_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"
_MARKER = re.compile(r"\s*date \d{4}-\d{2}-\d{2}\s*")


def after_marker(text: str) -> int:
    """Where the text starts after the page store's " date YYYY-MM-DD" marker (ingest leaves it out too)."""
    marker = _MARKER.match(text)
    return marker.end() if marker else 0


def decisions(path: Path) -> dict[str, str | None]:
    """Each non-blank line of a file (after the date marker) -> why it is dropped, None when kept."""
    text = path.read_text(encoding="utf-8")
    return {line.text: line.reason for line in classify_lines(text, after_marker(text))}


def bench_doc(event: str, name: str) -> Path:
    path = BENCH / event / "docs" / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def dropped(lines: dict[str, str | None], beginning: str) -> str | None:
    """The reason for the line starting with `beginning` (asserting there is such a line)."""
    matches = [reason for line, reason in lines.items() if line.startswith(beginning)]
    assert matches, f"no line starts with {beginning!r}"
    return matches[0]


def test_kyiv_independent_page_furniture_is_dropped():
    lines = decisions(SEEDS / "004_1813ec40aa6a27d0.txt")
    assert lines["KI logo"] == bp.WIDGET
    assert lines["War"] == bp.LABEL
    assert lines["2 min read"] == bp.WIDGET
    assert lines["Avatar"] == bp.LABEL
    assert lines["by Asami Terajima"] == bp.BYLINE
    assert dropped(lines, "Ukraine's ambassador to the U.K., Valerii Zaluzhnyi, addresses the rally") == bp.PHOTO_CAPTION
    assert lines["Become a member – go ad‑free"] == bp.WIDGET
    assert lines["read also"] == bp.RELATED_LABEL
    assert lines["As Ukraine war deaths mount, Kharkiv morgue strains to identify the truth"] == bp.RELATED_LINK
    assert dropped(lines, "Four years into Russia’s full-scale invasion") == bp.RELATED_LINK
    assert dropped(lines, "Asami Terajima is a reporter at the Kyiv Independent") == bp.AUTHOR_BIO
    assert lines["Most Popular"] is not None
    assert lines["Wednesday, February 25"] == bp.DATE_STAMP
    # A whole paragraph after the bio is another story's teaser: only its position gives it away.
    assert dropped(lines, "The Kyiv Independent’s separate analytical unit") == bp.AFTER_ARTICLE
    assert lines["Editors' Picks"] is not None


def test_kyiv_independent_article_is_kept():
    text = (SEEDS / "004_1813ec40aa6a27d0.txt").read_text(encoding="utf-8")
    kept = [line for line in classify_lines(text) if line.kept]
    assert kept[0].text == "1st Ukrainian drone factory starts production in UK, Zaluzhnyi says"
    assert [line.text for line in kept].count(kept[0].text) == 1
    assert any(line.text.startswith("U.K. Defence Journal reported in September 2025") for line in kept)
    assert kept[-1].text.startswith('"We are creating a new quality of partnership')
    assert len(kept) == 12
    assert all(text[line.start:line.end] == line.text for line in kept)


def test_advertising_block_and_footer_are_dropped():
    lines = decisions(SEEDS / "003_6857bf80342c0cbf.txt")
    assert lines["Our Reporters — Alexa News Network"] == bp.AFTER_ARTICLE
    for beginning in ("Thank you for reaching out to us", "PRICING", "The price largely depends",
                      "Banner Size 300 X 250 pixels", "Normally, we should respond within 48 hours",
                      "Previous Post Next Post", "All rights reserved", "نموذج الاتصال"):
        assert dropped(lines, beginning) is not None, beginning
    kept = [line for line, reason in lines.items() if reason is None]
    assert kept[0].startswith("Ukraine’s First Military Drone Plant Begins Operations in Britain")
    assert kept[-1].startswith("The announcement comes amid ongoing discussions in Western capitals")
    assert len(kept) == 11


def test_navigation_and_tag_labels_are_dropped_and_headings_kept():
    lines = decisions(SEEDS / "000_a28f620ae836cfc1.txt")
    assert lines["Skip to main content"] == bp.WIDGET
    assert lines["Tags"] == bp.LABEL
    assert lines["Air shield: daily supply of 1,500 interceptor drones"] is None
    assert lines["Ukraine and the United Kingdom: roadmap for a one-hundred-year defence partnership"] is None
    crumbs = decisions(SEEDS / "002_d6449e741489756f.txt")
    assert dropped(crumbs, "Home > War > Ukraine to boost drone production") == bp.BREADCRUMBS
    assert crumbs["Ukraine to boost drone production: Western aid, Russian attacks, new contracts for military "
                  "personnel"] is None


def test_plain_article_is_kept_whole():
    lines = decisions(SEEDS / "001_4cafb03c0bc694a9.txt")
    assert len(lines) == 20 and all(reason is None for reason in lines.values())


def test_trailing_related_headline_is_dropped():
    lines = decisions(bench_doc("attack-november-2025", "01-unn.ua.txt"))
    assert dropped(lines, "Death toll from Russian attack on Ternopil rises to 12") == bp.TRAILING
    assert lines["Details"] == bp.LABEL
    assert dropped(lines, "As of 12:00, 16 people are known to have died") is None


def test_captions_credits_and_stamps_in_the_bench():
    upi = decisions(bench_doc("aid-ukraine-israel-taiwan-2024", "01-upi.com.txt"))
    assert upi["By Ehren Wynder"] == bp.BYLINE
    assert dropped(upi, "Speaker of the House Mike Johnson, R-La., speaks to reporters") == bp.PHOTO_CAPTION
    assert dropped(upi, "1 of 2 | Speaker of the House") == bp.PHOTO_CAPTION
    assert upi["House passes $95 billion foreign aid package for Ukraine, Israel, Taiwan"] is None
    vietnam = decisions(bench_doc("aid-ukraine-israel-taiwan-2024", "06-vietnam.vn.txt"))
    assert dropped(vietnam, "US House Speaker Mike Johnson speaks to the media") == bp.PHOTO_CAPTION
    fiscal = decisions(bench_doc("aid-ukraine-israel-taiwan-2024", "02-thefiscaltimes.com.txt"))
    assert fiscal["Saturday, April 20, 2024"] == bp.DATE_STAMP
    menafn = decisions(bench_doc("ukrspecsystems-uk-plant", "06-menafn.com.txt"))
    assert menafn["Tuesday, 02 January 2024 12:17 GMT"] == bp.DATE_STAMP
    assert menafn["2026-02-26 02:01:45"] == bp.DATE_STAMP
    status = decisions(bench_doc("attack-november-2025", "04-menafn.com.txt"))
    assert status["403"] == bp.NO_WORDS
    novyny = decisions(bench_doc("ukrspecsystems-uk-plant", "02-news.novyny.live.txt"))
    assert novyny["UAV. Photo: facebook.com/ukrspecsystems"] == bp.PHOTO_CAPTION
    assert novyny["Advertisement"] == bp.WIDGET
    assert novyny["Read more:"] == bp.RELATED_LABEL
    assert novyny["Ukraine debuts AI-driven drone with long-range strike capability"] == bp.RELATED_LINK
    trt = decisions(bench_doc("ukrspecsystems-uk-plant", "05-trtworld.com.txt"))
    assert trt["WORLD"] == bp.LABEL
    assert dropped(trt, "First Ukrainian military plant starts operations in Britain") == bp.PHOTO_CAPTION
    assert trt["First Ukrainian drone factory starts operations in UK"] is None
    assert decisions(bench_doc("ukrspecsystems-uk-plant", "04-wordupnews.com.txt"))["NewsBeat"] == bp.LABEL
    assert decisions(bench_doc("attack-november-2025", "03-bnonews.com.txt"))[
        "Article continues below the player"] == bp.WIDGET
    assert decisions(bench_doc("aid-ukraine-israel-taiwan-2024", "05-topnaija.ng.txt"))[
        "Connect with us"] == bp.WIDGET


def test_gold_quotes_stay_in_kept_lines():
    """No line the answer key quotes is dropped; the only exception is a dateline under a byline. A quote may span
    several lines (a table flattened to one cell per line: "Conservatives\n121\n-244"): each of them is kept."""
    if not BENCH.exists():
        pytest.skip(f"{BENCH} not present")
    datelines = {("02-thefiscaltimes.com.txt", "Saturday, April 20, 2024")}
    checked = 0
    for gold_path in sorted(BENCH.glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for pair in gold["conflicts"] + gold["agreements"]:
            for side in (pair["a"], pair["b"]):
                if (side["doc"], side["quote"]) in datelines:
                    continue
                text = (gold_path.parent / "docs" / side["doc"]).read_text(encoding="utf-8")
                at = text.index(side["quote"])
                spans = content_spans(text, after_marker(text))
                for piece_start, piece_end in iter_lines(text, at, at + len(side["quote"])):
                    piece = text[piece_start:piece_end]
                    if not piece.strip():
                        continue
                    piece_start += len(piece) - len(piece.lstrip())
                    piece_end -= len(piece) - len(piece.rstrip())
                    assert any(start <= piece_start and piece_end <= end for start, end in spans), \
                        (side["doc"], side["quote"], piece.strip())
                checked += 1
    assert checked > 100


def test_caption_and_stamp_traps_are_dropped():
    """A caption's date and a page's time stamp are not the event's date: they never reach claims."""
    menafn = bench_doc("ukrspecsystems-uk-plant", "06-menafn.com.txt").read_text(encoding="utf-8")
    kyiv = (SEEDS / "004_1813ec40aa6a27d0.txt").read_text(encoding="utf-8")
    for text, quote in ((menafn, "Tuesday, 02 January 2024 12:17 GMT"), (menafn, "2026-02-26 02:01:45"),
                        (kyiv, "addresses the rally in London, England, on Feb. 24, 2026")):
        at = text.index(quote)
        assert not any(start <= at < end for start, end in content_spans(text, after_marker(text))), quote


def test_related_label_needs_a_headline_after_it():
    text = ("The strike killed 25 people, officials said.\n\nRead also\n\n"
            "The toll rose to 33 on Saturday, rescuers said.\n")
    lines = {line.text: line.reason for line in classify_lines(text)}
    assert lines["Read also"] == bp.RELATED_LABEL
    assert lines["The toll rose to 33 on Saturday, rescuers said."] is None


def test_trailing_rule_keeps_cut_off_paragraphs_and_headline_only_documents():
    text = "The vote was 311-112.\nBut Trump backed Johnson on April 12. In a so"
    assert all(line.kept for line in classify_lines(text))
    headlines = "Ukraine opens first drone factory in UK\nTernopil toll rises to 33 after strike"
    assert all(line.kept for line in classify_lines(headlines))


def test_table_flattened_to_one_cell_per_line_is_kept():
    text = ("Seats by party\nLabour\n412\n+210\nConservatives\n121\n-244\nLib Dems\n72\n+61\n\n"
            "Vote share\nLabour\n2024\n33.8%\n2019\n32.1%\nConservatives\n2024\n23.7%\nOther\n2024\n27.1%\n\n"
            "Labour won a large majority, the count showed.\n")
    lines = classify_lines(text)
    kept = [line.text for line in lines if line.kept]
    assert kept[:9] == ["Labour", "412", "+210", "Conservatives", "121", "-244", "Lib Dems", "72", "+61"]
    assert kept.count("2024") == 3 and kept.count("Labour") == 2    # a table's cells repeat: not template repeats
    assert {line.text: line.reason for line in lines}["Seats by party"] == bp.LABEL


def test_label_number_pairs_short_of_a_table_stay_dropped():
    text = "The plant opened on Monday, officials said.\n\nShare\n12\nComments\n3\n"
    lines = {line.text: line.reason for line in classify_lines(text)}
    assert lines["Share"] == bp.LABEL and lines["12"] == bp.NO_WORDS and lines["3"] == bp.NO_WORDS


def test_fact_box_rows_after_the_last_paragraph_are_kept():
    text = ("The console goes on sale on June 5, the company said.\n\nSpecs\n\n"
            "Screen - 7.9-inch LCD, up to 120 Hz\n\nStorage - 256 GB UFS\n\nBattery: 2 to 6.5 hours\n")
    lines = {line.text: line.reason for line in classify_lines(text)}
    assert lines["Screen - 7.9-inch LCD, up to 120 Hz"] is None
    assert lines["Storage - 256 GB UFS"] is None and lines["Battery: 2 to 6.5 hours"] is None
    assert lines["Specs"] == bp.LABEL
    links = ("The stock rose 48% on its first day, the exchange said.\n"
             "Reddit IPO: Stock Rallies 60% In Wall Street Debut (Forbes)\nMarkets: Dow Closes At Record\n")
    assert [line.reason for line in classify_lines(links)][1:] == [bp.TRAILING, bp.TRAILING]


def test_last_paragraph_cut_off_by_the_page_store_is_kept():
    text = ("Mars will pay $83.50 per share, the companies said.\n\n"
            "Kellanova, which split from WK Kellogg last October, is rooted in a salty snac")
    assert all(line.kept for line in classify_lines(text))
    for headline in ("Death toll from Russian attack on the city rises to 12, the chlorine level is higher - mayor",
                     "As Reddit Went Public, Redditors Gave It An Irreverent Welcome To The Market (Forbes)",
                     "Ukraine debuts AI-driven drone with long-range strike capability"):
        lines = classify_lines("The strike killed 13 people, officials said.\n\n" + headline)
        assert lines[-1].reason == bp.TRAILING, headline
    # Only the last line can be cut off: a running-text line before another trailing line is a teaser.
    middle = ("The strike killed 13 people, officials said.\n\n"
              "Rescuers in the city said the toll of the strike was rising again on Sunday\nMore stories")
    assert classify_lines(middle)[1].reason == bp.TRAILING


def test_other_script_label_and_markdown_markers():
    text = ("# Drone plant opens in Suffolk\n\nThe plant opened on Wednesday, the ministry said. It employs 500.\n"
            "- The factory cost £200 million.\n"
            "نموذج الاتصال بنا الآن\n")
    lines = {line.text: line.reason for line in classify_lines(text)}
    assert lines["Drone plant opens in Suffolk"] is None
    assert lines["The factory cost £200 million."] is None
    assert lines["نموذج الاتصال بنا الآن"] == bp.OTHER_SCRIPT


def test_crlf_lines_and_offsets():
    text = "Headline of the day\r\n\r\nBy Jane Doe\r\nThe plant opened, officials said.\r\n"
    spans = content_spans(text)
    assert [text[s:e] for s, e in spans] == ["Headline of the day", "The plant opened, officials said."]


def test_long_single_line_is_classified_quickly():
    text = "The plant opened." + " " * 5_000_000 + "It employs 500 people."
    assert [line.reason for line in classify_lines(text)] == [None]


_LINES = st.lists(st.one_of(st.text(max_size=60), st.sampled_from([
    "Read also", "By Jane Doe", "Photo: Reuters", "Tags", "Home > War > Story", "2 min read", "The toll rose to 33.",
    "Ternopil toll rises after strike", "Wednesday, February 25", "403", "", "\r"])), max_size=30)


@settings(max_examples=200, deadline=None)
@given(lines=_LINES)
def test_content_spans_are_sorted_trimmed_lines(lines):
    text = "\n".join(lines)
    previous_end = 0
    for start, end in content_spans(text):
        piece = text[start:end]
        assert previous_end <= start < end and piece == piece.strip()
        assert "\n" not in piece and "\r" not in piece
        previous_end = end
