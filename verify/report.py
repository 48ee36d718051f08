"""The markdown report a person reviews, top to bottom: what was checked and what was found, with the few claims to
verify next; conflicts, most important first; corroborated claims; shared statements; single-source claims, ranked;
the source pairs that dispute or share most.

Everything that comes from a source (text, title, outlet, document id, file name) goes through `escape`, URLs
through `_safe_url` and chart labels through `_chart_text`: nothing in a source can add a link, image, HTML,
heading, table cell or chart element. Evidence links point at the file and line (`.txt`/`.md`, relative to the
report) or at the article's URL. The same result gives the same bytes: there are no timestamps, and every list has
a fixed order.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from string import punctuation
from urllib.parse import quote, urlsplit

from .claims import Claim
from .labels import describe, group_label
from .compare import Finding, Slot, display_value
from .escape import escape
from .group import shared_statements
from .ingest import Document
from .pipeline import Result
from .segment import Sentence

# One-line lists cut a sentence longer than this around its values ...
_LONG_SENTENCE = 200
# ... keeping about this many characters on either side of them.
_CONTEXT = 70
_ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")
# Titles in the sources table are cut to this many characters, so the table fits the first screen.
_TITLE_LENGTH = 80
# The summary names this many disputed quantities ...
_HEADLINE_CONFLICTS = 5
# ... and this many single-source claims to verify next; their section shows this many before the rest collapse.
_VERIFY_NEXT = 5
_SINGLE_SHOWN = 10
_SHARED_STATEMENTS = 30     # a large corpus shares hundreds; the JSONL has them all
_SOURCE_PAIRS = 20          # 5,000 articles make millions of pairs; the JSONL has every pair that compared values
_DOT = " · "
# Characters a URL keeps as written; anything else (spaces, "<", ">", quotes, backticks, backslashes, non-ASCII)
# is percent-encoded, so a URL cannot close its angle brackets or break the line.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"
_PATH_SAFE = "/-._~"
# Quotation marks a sentence may open with: such a sentence is shown as it is, not inside quotation marks of ours.
_QUOTES = "\"'“”‘’«»„"
# Units of duration (a closed class): a figure in them is background ("a one-year plan"), not the story's event.
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second"}
# Chart labels keep letters, digits and a few inert marks; anything else becomes a space.
_CHART_UNSAFE = re.compile(r"[^\w .,:/()%+-]")
_CHART_LABEL = 40


def shown_statements(result: Result) -> list[tuple[Sentence, ...]]:
    """The shared statements the report lists, in its order (the JSONL has them all)."""
    return shared_statements(result.groups, result.claims, _copy_of(result))[:_SHARED_STATEMENTS]


@dataclass(frozen=True)
class SourcePair:
    """What two sources have in common: statements told alike, values compared (agreeing or conflicting)."""

    docs: tuple[str, str]
    statements: int
    agree: int
    conflict: int


def source_pairs(result: Result, statements: list[tuple[Sentence, ...]]) -> list[SourcePair]:
    """Every pair of independent sources that compared a value, those that dispute most first, then those that
    agree and share most. Built from the findings, so in time linear in them, not in the square of the sources;
    each pair's shared statements are counted from the statements each of the two documents is in."""
    order = {d.id: i for i, d in enumerate(result.documents)}
    verdicts: Counter = Counter()
    for finding in result.comparison.findings:
        a, b = sorted((c.doc for c in finding.claims), key=order.__getitem__)
        verdicts[a, b, finding.type] += 1
    statements_of: dict[str, set[int]] = {}
    for n, statement in enumerate(statements):
        for sentence in statement:
            statements_of.setdefault(sentence.doc, set()).add(n)
    pairs = []
    for a, b in dict.fromkeys((a, b) for a, b, _ in verdicts):
        shared = len(statements_of.get(a, set()) & statements_of.get(b, set()))
        pairs.append(SourcePair((a, b), shared, verdicts[a, b, "agreement"], verdicts[a, b, "conflict"]))
    return sorted(pairs, key=lambda p: (-p.conflict, -(p.agree + p.statements), order[p.docs[0]], order[p.docs[1]]))


def _copy_of(result: Result) -> dict[str, str]:
    """Each copy -> the document it repeats. A copy repeats its source's claims, it does not corroborate them."""
    return {doc: c.representative for c in result.copies for doc in c.docs if doc != c.representative}


def render_markdown(result: Result, title: str = "Cross-check report", report_path: str | None = None) -> str:
    """The report. Links to `.txt`/`.md` sources are relative to `report_path`'s folder (the working folder when
    the report goes to stdout)."""
    report = _Report(result, os.path.dirname(os.path.abspath(report_path)) if report_path else os.getcwd())
    lines = [f"# {escape(title)}", ""]
    for section in (report.summary, report.sources, report.conflicts, report.corroborated, report.rounding,
                    report.shared_statements, report.single_source, report.source_pairs):
        lines += section()
    return "\n".join(lines).rstrip("\n") + "\n"


class _Report:
    """The sections of the report, over lookups they share."""

    def __init__(self, result: Result, report_dir: str):
        self.result = result
        self.report_dir = report_dir
        self.docs = {d.id: d for d in result.documents}
        self.doc_order = {d.id: i for i, d in enumerate(result.documents)}
        self.names = _source_names(result.documents)
        comparison = result.comparison
        self.slot_of = {c.id: slot for slot in comparison.slots for c in slot.members}
        self.findings_of: dict[str, list[Finding]] = {}
        for finding in comparison.findings:  # conflicts first, then agreements, each by score
            self.findings_of.setdefault(finding.group, []).append(finding)
        self.value_groups = {g.id: g for g in comparison.value_groups}
        # Groups in order of their best finding: the most important conflict first.
        disputed = {f.group for f in comparison.findings if f.type == "conflict"}
        self.conflict_groups = [g for g in self.findings_of if g in disputed]
        self.labels = {g.id: group_label(list(g.claims)) for g in comparison.value_groups}
        agreeing = {f.group for f in comparison.findings if f.type == "agreement"}
        agreed = [g for g in self.findings_of if g not in disputed and g in agreeing]
        # Quantities whose only finding is that one figure is the other rounded (findings of type "rounding"):
        # neither a conflict nor a plain agreement; they get a short section of their own.
        self.rounding_groups = [g for g in self.findings_of if g not in disputed and g not in agreeing]
        # The claims most sources carry first; among equals, the surest agreement first.
        self.agreed_groups = sorted(agreed, key=lambda g: -len(self.value_groups[g].docs))
        self.copy_of = _copy_of(result)
        self.single = _ranked(comparison.single_source(), result, self.labels.values())
        self.statements = shared_statements(result.groups, result.claims, self.copy_of)

    # ------------------------------------------------------------ sections

    def summary(self) -> list[str]:
        result = self.result
        comparison = result.comparison
        inputs = ", ".join(escape(path) for path in _inputs(result.documents))
        slots = comparison.slots
        restated = len(result.claims) - len(slots)
        in_group = {c.id: g.id for g in comparison.value_groups for c in g.claims}
        disputed = sum(in_group.get(s.claim.id) in set(self.conflict_groups) for s in slots)
        rounded = sum(in_group.get(s.claim.id) in set(self.rounding_groups) for s in slots)
        agreed = sum(s.claim.id in in_group for s in slots) - disputed - rounded
        single = len(self.single)
        copies_only = len(slots) - disputed - agreed - rounded - single
        values = _count(len(result.claims), "number or date", "numbers and dates")
        parts = [f"{disputed} in conflicts", f"{agreed} corroborated", f"{single} single-source"]
        if rounded:
            parts.insert(2, f"{rounded} rounded")
        if copies_only:
            parts.append(f"{copies_only} repeated by copies")
        lines = [f"Checked {_count(len(result.documents), 'source')}{' from ' + inputs if inputs else ''}: "
                 f"{_count(len(result.sentences), 'sentence')} stating {values}"
                 + (f"; {restated} of them repeat a figure their own source already gives" if restated else "")
                 + f". That leaves {_count(len(slots), 'figure')}, one per source and quantity: "
                 + " + ".join(parts) + ".",
                 "",
                 f"- **{_count(len(self.conflict_groups), 'conflict')}**: quantities on which sources give "
                 f"different values ({_count(disputed, 'figure')}){self._conflict_list()}",
                 *self._conflict_headlines(),
                 f"- **{_count(len(self.agreed_groups), 'corroborated claim')}**: values stated alike by two "
                 f"sources or more ({_count(agreed, 'figure')})",
                 *([f"- **{_count(len(self.rounding_groups), 'rounded figure')}**: one source's figure is the "
                     f"other's rounded ({_count(rounded, 'figure')})"] if rounded else []),
                 f"- **{_count(single, 'single-source claim')}**: stated by one source only"]
        copies = _count(len(self.copy_of), "duplicate or syndicated copy", "duplicates or syndicated copies")
        shared = _count(len(self.statements), "statement")
        lines += ["", f"Also: **{copies}** among the sources{self._copy_list()}; **{shared}** told by several "
                  "sources in similar words.", ""]
        if len(result.documents) < 2:
            lines += ["Only one source was given: nothing can be cross-checked.", ""]
        if self.single:
            lines += ["**Verify next**, the single-source figures that matter most to the story:", ""]
            lines += [self._single_line(claims) for claims in self._single_sentences()[:_VERIFY_NEXT]] + [""]
        return lines

    def _conflict_list(self) -> str:
        if not self.conflict_groups:
            return ""
        pairs = sum(f.type == "conflict" for f in self.result.comparison.findings)
        return f", {_count(pairs, 'conflicting pair')}; most important first:"

    def _conflict_headlines(self) -> list[str]:
        """The first disputed quantities and their values, so the first screen says what to look at."""
        lines = [f"  - {self._headline(group)}" for group in self.conflict_groups[:_HEADLINE_CONFLICTS]]
        more = len(self.conflict_groups) - _HEADLINE_CONFLICTS
        return lines + ([f"  - and {more} more"] if more > 0 else [])

    def _copy_list(self) -> str:
        """Which document repeats which, in document order."""
        if not self.copy_of:
            return ""
        copies = sorted(self.copy_of.items(), key=lambda item: self.doc_order[item[0]])
        return " (" + "; ".join(f"{self.names[copy]} repeats {self.names[original]}"
                                for copy, original in copies) + ")"

    def sources(self) -> list[str]:
        result = self.result
        sentences = Counter(s.doc for s in result.sentences)
        claims = Counter(c.doc for c in result.claims)
        rows = []
        for doc in result.documents:
            title = escape(_shortened(doc.title)) if doc.title else ""
            url = _safe_url(doc.url)
            if url:
                title = f"[{title or 'link'}](<{url}>)"
            document = escape(doc.id) + (f" ({escape(doc.origin)})" if doc.source_format == "jsonl" else "")
            # An outlet that is only the file name is not said twice.
            outlet = "—" if doc.outlet == PurePath(doc.id).stem else escape(doc.outlet)
            if doc.id in self.copy_of:
                outlet += f" (copy of {self.names[self.copy_of[doc.id]]})"
            rows.append([document, outlet, _date(doc, "—"), title or "—",
                         str(sentences[doc.id]), str(claims[doc.id])])
        lines = ["## Sources", ""]
        lines += _table(["document", "outlet", "published", "title", "sentences", "numbers and dates"], rows,
                        numeric=2) + [""]
        guessed = [d for d in result.documents if d.encoding not in ("utf-8", "utf-8-sig")]
        if guessed:
            # Text decoded by a guessed encoding may hold misread letters: say so where the reader checks sources.
            lines += ["Not in UTF-8, decoded by detected encoding: "
                      + ", ".join(f"{escape(d.id)} ({escape(d.encoding)})" for d in guessed), ""]
        if result.skipped:
            lines += ["Skipped (not an article file): " + ", ".join(escape(path) for path in result.skipped), ""]
        if result.problems:
            lines += ["Left out (could not be read):", ""] + [f"- {escape(problem)}" for problem in result.problems]
            lines.append("")
        return lines

    def conflicts(self) -> list[str]:
        lines = ["## Conflicts", ""]
        if not self.conflict_groups:
            return lines + ["No source contradicts another on a number or date.", ""]
        lines += ["Each quantity once, most important first, with every source's figure and the sentence that "
                  "states it; the pairs compared are under each.", ""]
        for n, group in enumerate(self.conflict_groups, 1):
            lines += self._conflict(n, group)
        return lines

    def corroborated(self) -> list[str]:
        lines = ["## Corroborated claims", ""]
        if not self.agreed_groups:
            return lines + ["No number or date is stated alike by two sources.", ""]
        lines += ["Values two sources or more state alike, the most widely carried first. A value some sources "
                  "dispute is under Conflicts.", ""]
        for group in self.agreed_groups:
            best = self.findings_of[group][0].claims[0]
            entries = self._entries(group, by_value=False)
            outlets = ", ".join(dict.fromkeys(self.names[claim.doc] for claim in entries))
            # Values that agree within rounding or an approximation are not all equal: show them all.
            labels = _value_labels(self._entries(group, by_value=True))
            told_as = f"; told as {_DOT.join(labels)}" if len(labels) > 1 else ""
            lines += [f"- {escape(self.labels[group])}: {_quoted(best.sentence, [best])} — "
                      f"{self._carried_by(entries)}: {outlets}{told_as}",
                      "",
                      f"  <details><summary>{_count(len(entries), 'wording')}</summary>", ""]
            lines += [f"  - {self._who(claim)}: {_quoted(claim.sentence, [claim], whole=True)} "
                      f"{self._place(claim)}" for claim in entries]
            lines += ["", "  </details>", ""]
        return lines

    def rounding(self) -> list[str]:
        """Quantities where one figure is the other rounded ("34%" and "33.7%"): a section only when there are any."""
        if not self.rounding_groups:
            return []
        lines = ["## Rounded figures", "", "One source gives the figure rounded, another more precisely: the same "
                 "quantity, not a conflict.", ""]
        for group in self.rounding_groups:
            lines.append(f"- {escape(self.labels[group])}: "
                         + "; ".join(self._pair(f) for f in self.findings_of[group] if f.type == "rounding"))
            lines += [f"  - {self._who(claim)}: {_quoted(claim.sentence, [claim], whole=True)} {self._place(claim)}"
                      for claim in self._entries(group, by_value=True)]
        return lines + [""]

    def shared_statements(self) -> list[str]:
        """Sentences several sources tell in the same words or nearly, stating the same numbers and dates."""
        lines = ["## Shared statements", ""]
        if not self.statements:
            return lines + ["No two sources tell the same statement in similar words.", ""]
        lines += ["Statements two sources or more tell in similar words, with the same numbers and dates where "
                  "they give any; the most widely told first.", ""]
        for statement in self.statements[:_SHARED_STATEMENTS]:
            docs = list(dict.fromkeys(s.doc for s in statement))
            outlets = ", ".join(self.names[d] for d in docs)
            lines += [f"- {_quoted(statement[0], [])} — {_count(len(docs), 'source')}: {outlets}", "",
                      f"  <details><summary>{_count(len(statement), 'wording')}</summary>", ""]
            lines += [f"  - {self._who(s)}: {_quoted(s, [], whole=True)} {self._place(s)}" for s in statement]
            lines += ["", "  </details>", ""]
        more = len(self.statements) - _SHARED_STATEMENTS
        if more > 0:
            lines += [f"And {more} more, in the JSONL (`statement` records).", ""]
        return lines

    def single_source(self) -> list[str]:
        lines = ["## Single-source claims", ""]
        if not self.single:
            return lines + ["Every number and date was matched with another source.", ""]
        sentences = self._single_sentences()
        lines += [f"{_count(len(self.single), 'number or date', 'numbers and dates')} only one source gives, in "
                  f"{_count(len(sentences), 'sentence')}, ranked by what matters to the story: figures of its "
                  "event (tolls, counts of what was launched or destroyed), quantities other sources give too, "
                  "amounts and exact dates first; relative dates, bare years, durations and small incidental "
                  "counts last.", ""]
        lines += [self._single_line(claims) for claims in sentences[:_SINGLE_SHOWN]] + [""]
        rest = sentences[_SINGLE_SHOWN:]
        if rest:
            lines += ["<details>", f"<summary>{_count(len(rest), 'more sentence')}, ranked</summary>", ""]
            lines += [self._single_line(claims) for claims in rest]
            lines += ["", "</details>", ""]
        return lines

    def _single_sentences(self) -> list[list[Claim]]:
        """The ranked single-source claims, those of one sentence on one line, at the rank of its first."""
        by_sentence: dict[tuple[str, int], list[Claim]] = {}
        for slot in self.single:
            by_sentence.setdefault((slot.doc, slot.claim.sentence.start), []).append(slot.claim)
        return list(by_sentence.values())

    def _single_line(self, claims: list[Claim]) -> str:
        first = claims[0]
        return (f"- {escape(describe(first))}: {_excerpt(first.sentence, claims)} — {self.names[first.doc]} "
                f"{self._place(first)}")

    def source_pairs(self) -> list[str]:
        pairs = source_pairs(self.result, self.statements)
        lines = ["## Source pairs", ""]
        if not pairs:
            return lines + ["No two sources compared a number or date.", ""]
        lines += ["Pairs of sources that compared numbers or dates, those that dispute most first, then those that "
                  "agree and share most; statements = shared statements both tell.", ""]
        rows = [[self.names[p.docs[0]], self.names[p.docs[1]], str(p.statements), str(p.agree + p.conflict),
                 str(p.agree), str(p.conflict)] for p in pairs[:_SOURCE_PAIRS]]
        lines += _table(["source", "source", "statements", "values compared", "agree", "conflict"], rows,
                        numeric=4) + [""]
        more = len(pairs) - _SOURCE_PAIRS
        if more > 0:
            lines += [f"And {_count(more, 'more pair')}, in the JSONL (`source_pair` records).", ""]
        return lines

    # ------------------------------------------------------------ parts

    def _conflict(self, n: int, group: str) -> list[str]:
        findings = self.findings_of[group]
        entries = self._entries(group, by_value=True)
        lines = [f"### {n}. {self._headline(group)}", "", self._reason(entries), ""]
        newest = self._newest(entries)
        for claim in entries:
            lines.append(f"- **{escape(claim.surface)}** — {self._who(claim, claim.doc in newest)}: "
                         f"{_quoted(claim.sentence, [claim], whole=True)} {self._place(claim)}")
        lines.append("")
        lines += self._chart(group, entries)
        conflicts = sum(f.type == "conflict" for f in findings)
        agreeing = len(findings) - conflicts
        summary = f"{_count(len(findings), 'pair')} compared: {conflicts} conflicting, {agreeing} agreeing"
        lines += ["<details>", f"<summary>{summary}</summary>", ""]
        lines += [f"- {self._pair(f)}" for f in findings]
        return lines + ["", "</details>", ""]

    def _reason(self, entries: list[Claim]) -> str:
        """Why the block is a conflict, said once: how far apart the figures are, whether any is approximate, and
        whether the sources were published on different days."""
        kind = "dates" if entries[0].kind == "date" else "figures"
        values = _value_labels(entries)
        sources = len({claim.doc for claim in entries})
        text = f"{_count(sources, 'source')} give {len(values)} different {kind}, {values[0]} to {values[-1]}"
        approx = sorted({c.mention.approx for c in entries if c.kind == "number" and c.mention.approx})
        if kind == "dates":
            text += ": they do not overlap."
        elif approx:
            text += (", further apart than rounding and the approximations stated ("
                     + ", ".join(f"“{escape(a)}”" for a in approx) + ") allow.")
        else:
            text += ", all stated as exact figures."
        return text + self._newest_note(entries)

    def _pair(self, finding: Finding) -> str:
        """One compared pair, in a few words: the reason common to the block is said above it."""
        a, b = finding.claims
        if finding.type in ("conflict", "rounding"):
            verdict = "one rounded" if finding.type == "rounding" else "conflict"
        else:
            verdict = "agree, same value" if display_value(a) == display_value(b) else "agree, within rounding"
        return (f"{verdict}: **{escape(a.surface)}** ({self.names[a.doc]}) and **{escape(b.surface)}** "
                f"({self.names[b.doc]}), score {finding.score:.2f}")

    def _chart(self, group: str, entries: list[Claim]) -> list[str]:
        """A Mermaid bar chart of the figures by publication date, when the sources were published on several
        days: a toll that rises from day to day reads at a glance. Labels keep only inert characters."""
        dated = [c for c in entries if self.docs[c.doc].published and c.kind == "number"
                 and c.mention.value is not None and c.mention.tally is None]
        if len({self.docs[c.doc].published for c in dated}) < 2:
            return []
        dated.sort(key=lambda c: (self.docs[c.doc].published, c.mention.value, self.doc_order[c.doc]))
        labels = ", ".join(f'"{_chart_text(_date(self.docs[c.doc]) + " " + self.docs[c.doc].outlet)}"'
                           for c in dated)
        values = ", ".join(_plain_number(c.mention.value) for c in dated)
        what = _chart_text(self.labels[group])
        return ["```mermaid", "xychart-beta", f'    title "{what}, by publication date"', f"    x-axis [{labels}]",
                f'    y-axis "{what}"', f"    bar [{values}]", "```", ""]

    def _headline(self, group: str) -> str:
        """What is disputed and the values given: "people killed: 16 · 19 · 25"."""
        return f"{escape(self.labels[group])}: {_DOT.join(_value_labels(self._entries(group, by_value=True)))}"

    def _entries(self, group: str, by_value: bool) -> list[Claim]:
        """One claim per slot of the value group: the statement its best finding cites, so the sentence shown is
        the one compared. In value order for a conflict, in document order otherwise."""
        cited = [c for f in self.findings_of[group] for c in f.claims]
        entries = []
        for representative in self.value_groups[group].claims:
            members = {c.id for c in self.slot_of[representative.id].members}
            entries.append(next((c for c in cited if c.id in members), representative))
        if by_value:
            return sorted(entries, key=lambda c: (_value_order(c), self.doc_order[c.doc], c.id))
        return sorted(entries, key=lambda c: (self.doc_order[c.doc], c.id))

    def _carried_by(self, claims: list[Claim]) -> str:
        """How many sources state a claim, and how many of them are independent: copies count once."""
        docs = {claim.doc for claim in claims}
        independent = len({self.copy_of.get(doc, doc) for doc in docs})
        return _count(len(docs), "source") + (f" ({independent} independent)" if independent < len(docs) else "")

    def _newest(self, claims: list[Claim]) -> set[str]:
        """The documents published last, when the sources were published on different days."""
        dates = {self.docs[c.doc].published for c in claims} - {None}
        if len(dates) < 2:
            return set()
        return {c.doc for c in claims if self.docs[c.doc].published == max(dates)}

    def _newest_note(self, claims: list[Claim]) -> str:
        newest = self._newest(claims)
        if not newest:
            return ""
        names = ", ".join(dict.fromkeys(self.names[c.doc] for c in claims if c.doc in newest))
        note = f" Reported on different days; newest: {names}, which may carry an updated figure."
        undated = len({c.doc for c in claims if self.docs[c.doc].published is None})
        if undated:
            note += f" {_count(undated, 'source is', 'sources are')} undated."
        return note

    def _who(self, claim: Claim | Sentence, newest: bool = False) -> str:
        """The source and its date."""
        return f"{self.names[claim.doc]}, {_date(self.docs[claim.doc])}{' (newest)' if newest else ''}"

    def _place(self, claim: Claim | Sentence) -> str:
        """Where to find the sentence, as a link where one can exist: to the file and line of a text or markdown
        file (relative to the report, with a line anchor as forges read it), else the record and character, with
        the article's URL."""
        doc = self.docs[claim.doc]
        start = claim.start if isinstance(claim, Sentence) else claim.sentence.start
        url = _safe_url(doc.url)
        if doc.source_format in ("text", "markdown") and doc.origin:
            target = os.path.relpath(os.path.abspath(doc.origin), self.report_dir).replace(os.sep, "/")
            line = _line(doc, start)
            # The file is named once: where the source's name is the file's, the link says only the line.
            shown = f"line {line}" if doc.outlet == PurePath(doc.id).stem else f"{escape(doc.id, in_link=True)}:{line}"
            link = f"[{shown}](<{quote(target, safe=_PATH_SAFE)}#L{line}>)"
            return f"({link}{f', [article](<{url}>)' if url else ''})"
        return f"({_location(doc, start)}{f', [article](<{url}>)' if url else ''})"


def _ranked(single: list[Slot], result: Result, shared_labels) -> list[Slot]:
    """Single-source claims, those that matter most to the story first (see `_importance`)."""
    labels_by_doc: dict[str, set[str]] = {}
    for claim in result.claims:
        # Only labels that say what is counted or what happened: "amount (USD)" or "date" alone says nothing of
        # the story.
        if claim.kind == "number" and (claim.frame.counted or claim.frame.predicate):
            labels_by_doc.setdefault(claim.doc, set()).add(describe(claim))
    given_by: Counter = Counter(label for labels in labels_by_doc.values() for label in labels)
    sentences = Counter(s.doc for s in result.sentences)
    order = {d.id: i for i, d in enumerate(result.documents)}
    shared = set(shared_labels)

    def key(slot: Slot):
        claim = slot.claim
        label = describe(claim)
        elsewhere = claim.kind == "number" and bool(claim.frame.counted or claim.frame.predicate) and (
            given_by[label] > 1 or label in shared)
        return (-_importance(claim, elsewhere, claim.sentence.index / max(1, sentences[slot.doc])),
                order[slot.doc], claim.sentence.start, claim.mention.start)

    return sorted(single, key=key)


def _importance(claim: Claim, elsewhere: bool, position: float) -> float:
    """How much a single-source figure matters to a fact-checker. Minor ones score below every other: relative
    and bare-year dates ("the past week", "This year", "in 2023"), durations ("one-year"), and small counts with
    no event ("6 postage stamps", "three projects"). Above them: figures of the story's event (tolls, what was
    what the frame says happened to what), quantities another source also gives a figure for, amounts and exact
    dates, specific figures; and, among equals, what comes earlier in its article."""
    m = claim.mention
    if claim.kind == "date":
        minor = m.granularity not in ("day", "month") or m.resolution not in ("explicit", "year from publication date")
        score = 1.0 + (claim.frame.predicate is not None) * 0.5 + (m.granularity == "day") * 0.5
    else:
        value = m.value if m.value is not None else (m.low if m.low is not None else m.high)
        # An event figure: the frame says what happened to what ("179 were killed", "Labour won 412 seats").
        event = claim.frame.predicate is not None and (claim.frame.counted is not None or claim.frame.holder is not None)
        # A small count no other source gives ("6 postage stamps", "three projects") is background even with a
        # predicate: nearly every figure has one.
        small = m.kind == "count" and value is not None and value < 10 and not elsewhere
        minor = small or m.unit in _TIME_UNITS
        score = (3.0 * event + 1.0 * (m.kind in ("money", "percent", "tally"))
                 + 0.5 * (claim.frame.counted is not None or m.unit is not None))
    if minor:
        return -1.0 + (1.0 - position) * 0.5
    return score + 2.0 * elsewhere + (1.0 - position)


# ---------------------------------------------------------------- text

def _excerpt(sentence: Sentence, claims: list[Claim], whole: bool = False) -> str:
    """The sentence with the claims' values in bold; unless `whole`, a long one is cut around the values, with an
    ellipsis. Always a slice of the document's text, never re-typed."""
    text, spans = sentence.text, [(c.mention.start - sentence.start, c.mention.end - sentence.start) for c in claims]
    start, end = 0, len(text)
    if not whole and len(text) > _LONG_SENTENCE:
        # A statement without a value is cut after its opening words.
        first, last = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else (0, 0)
        if first > _CONTEXT:
            gap = _WHITESPACE.search(text, first - _CONTEXT, first)
            start = gap.end() if gap else first - _CONTEXT
        if len(text) - last > _CONTEXT:
            gaps = [m.start() for m in _WHITESPACE.finditer(text, last, last + _CONTEXT)]
            end = gaps[-1] if gaps else last + _CONTEXT
    marked = _marked(text[start:end], [(s - start, e - start) for s, e in spans])
    return (_ELLIPSIS if start > 0 else "") + marked + (_ELLIPSIS if end < len(text) else "")


def _quoted(sentence: Sentence, claims: list[Claim], whole: bool = False) -> str:
    """The excerpt in quotation marks, unless it opens or closes with a quotation mark of its own (a quote, or a
    sentence ending on one): never two marks side by side."""
    excerpt = _excerpt(sentence, claims, whole)
    return excerpt if excerpt[:1] in _QUOTES or excerpt[-1:] in _QUOTES else f"“{excerpt}”"


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, with each span in bold."""
    plain, values, cursor = [], [], 0
    for start, end in _merged(spans):
        plain.append(_escape_inner(text[cursor:start]))
        values.append(escape(text[start:end]))
        cursor = end
    plain.append(_escape_inner(text[cursor:]))
    out = plain[0]
    for value, after in zip(values, plain[1:]):
        # "**" only opens and closes emphasis when CommonMark's flanking rules hold: a value that begins or ends
        # with punctuation ("$61", "100%") needs whitespace or punctuation on that side, else a space is added.
        opens = not _punctuation_like(value[0]) or not out or _whitespace_or_punctuation(out[-1])
        closes = not _punctuation_like(value[-1]) or not after or _whitespace_or_punctuation(after[0])
        out += ("" if opens else " ") + f"**{value}**" + ("" if closes else " ") + after
    return out.strip()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones joined: two claims may share characters (a date inside a
    range), and "**a****b**" would not render as bold."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _escape_inner(text: str) -> str:
    """A piece of a sentence escaped, keeping one space where it began or ended with whitespace: `escape`
    trims, and the pieces are joined around the bold values."""
    if not text:
        return ""
    body = escape(text)
    if not body:
        return " "
    return (" " if text[0].isspace() else "") + body + (" " if text[-1].isspace() else "")


def _punctuation_like(char: str) -> bool:
    return not (char.isalnum() or char.isspace())


def _whitespace_or_punctuation(char: str) -> bool:
    """Whitespace or punctuation for every CommonMark version: ASCII punctuation and Unicode P categories."""
    return char.isspace() or char in punctuation or unicodedata.category(char).startswith("P")


# ---------------------------------------------------------------- values, places, names

def _value_order(claim: Claim) -> tuple:
    mention = claim.mention
    if claim.kind == "date":
        return ("date", display_value(claim))
    if mention.tally is not None:
        return ("tally", *mention.tally)
    return ("number", next((x for x in (mention.value, mention.low, mention.high) if x is not None), 0.0))


def _value_labels(claims: list[Claim]) -> list[str]:
    """The distinct values, in the claims' order: dates as ISO dates, numbers as the shortest wording that states
    each ("25" rather than "at least 25"), so that units and currencies stay."""
    wordings: dict[str, list[str]] = {}
    for claim in claims:
        wordings.setdefault(display_value(claim), []).append(claim.surface)
    if claims[0].kind == "date":
        return [escape(value) for value in wordings]
    return [escape(min(surfaces, key=len)) for surfaces in wordings.values()]


def _location(doc: Document, offset: int) -> str:
    """Where a reader finds an offset. Offsets into a text or markdown file are file positions: "file:line". Those
    of an HTML page point into the text extracted from it, and those of a JSONL record into its text field:
    "page.html, text char N", "file.jsonl:line, text char N"."""
    if doc.source_format == "jsonl":
        return f"{escape(doc.origin)}, text {_where_in(doc, offset)}"
    if doc.source_format == "html":
        return f"{escape(doc.id)}, text {_where_in(doc, offset)}"
    return f"{escape(doc.id)}:{_line(doc, offset)}"


def _where_in(doc: Document, offset: int) -> str:
    """Where an offset is within a document already named."""
    if doc.source_format in ("jsonl", "html"):
        return f"char {offset}"
    return f"line {_line(doc, offset)}"


def _line(doc: Document, offset: int) -> int:
    return bisect_right(_line_starts(doc.text), offset)   # the line starts at or before `offset`


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts: found once per document, not once per claim."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _chart_text(text: str) -> str:
    """A label for a Mermaid chart: inside double quotes, with nothing that could end the string, the line or the
    fenced block, or be read as markup (quotes, backticks, brackets, "#", ";", "<")."""
    return " ".join(_CHART_UNSAFE.sub(" ", text).split())[:_CHART_LABEL].strip()


def _plain_number(value: float) -> str:
    """A number as a chart reads it: digits, a point, no exponent."""
    return str(int(value)) if float(value).is_integer() else f"{value:f}".rstrip("0").rstrip(".")


def _inputs(documents: list[Document]) -> list[str]:
    """The folders and JSONL files the documents were read from: locations name files relative to them."""
    inputs = []
    for doc in documents:
        if doc.source_format == "jsonl":
            inputs.append(doc.origin.rsplit(":", 1)[0])
        elif doc.origin and doc.origin.endswith(doc.id):
            inputs.append(doc.origin[: -len(doc.id)].rstrip("/\\") or ".")
    return list(dict.fromkeys(inputs))


def _safe_url(url: str | None) -> str | None:
    """An http(s) URL ready for a markdown link destination in angle brackets, or None.

    Metadata is source data too: any other scheme (javascript:, data:) is dropped, and what could end the
    destination or the line is percent-encoded. "&" is backslash-escaped so that no entity reference is decoded.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE).replace("&", "\\&")


def _source_names(documents: list[Document]) -> dict[str, str]:
    """Escaped names to show for each document: the outlet, with the document id when an outlet has several."""
    per_outlet = Counter(d.outlet for d in documents)
    return {d.id: escape(d.outlet if per_outlet[d.outlet] == 1 else f"{d.outlet} ({d.id})") for d in documents}


def _date(doc: Document, unknown: str = "date unknown") -> str:
    return doc.published.isoformat() if doc.published else unknown


def _shortened(text: str, limit: int = _TITLE_LENGTH) -> str:
    """`text` cut at a word boundary before `limit` characters, with an ellipsis: a slice, never re-typed."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:–—-") + _ELLIPSIS


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _table(header: list[str], rows: list[list[str]], numeric: int = 0) -> list[str]:
    """A GFM table; the last `numeric` columns hold counts and are right-aligned."""
    align = ["---"] * (len(header) - numeric) + ["--:"] * numeric
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]
