"""The markdown report a person reviews, top to bottom: what was checked and the headline numbers; conflicts, most
important first; corroborated claims; single-source claims to verify next; what each pair of sources shares.

Everything that comes from a source (text, title, outlet, document id, file name) goes through `escape`, and URLs
through `_safe_url`: nothing in a source can add a link, image, HTML, heading or table cell. The same result gives
the same bytes: there are no timestamps, and every list has a fixed order.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import combinations
from pathlib import PurePath
from string import punctuation
from urllib.parse import quote, urlsplit

from .claims import Claim
from .compare import Finding, Slot, display_value
from .escape import escape
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
# The summary names this many disputed quantities.
_HEADLINE_CONFLICTS = 5
_SHARED_STATEMENTS = 30     # a large corpus shares hundreds; the JSONL has them all
_DOT = " · "
# Characters a URL keeps as written; anything else (spaces, "<", ">", quotes, backticks, backslashes, non-ASCII)
# is percent-encoded, so a URL cannot close its angle brackets or break the line.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def render_markdown(result: Result, title: str = "Cross-check report") -> str:
    report = _Report(result)
    lines = [f"# {escape(title)}", ""]
    for section in (report.summary, report.sources, report.conflicts, report.corroborated, report.shared_statements,
                    report.single_source, report.source_pairs):
        lines += section()
    return "\n".join(lines).rstrip("\n") + "\n"


class _Report:
    """The sections of the report, over lookups they share."""

    def __init__(self, result: Result):
        self.result = result
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
        # What each disputed quantity is, in the words of its most important conflict.
        self.disputed = {g: next(f.what for f in self.findings_of[g] if f.type == "conflict")
                         for g in self.conflict_groups}
        agreed = [g for g in self.findings_of if g not in disputed]
        # The claims most sources carry first; among equals, the surest agreement first.
        self.agreed_groups = sorted(agreed, key=lambda g: -len(self.value_groups[g].docs))
        self.single = comparison.single_source()
        # Each copy -> the document it repeats. A copy repeats its source's claims, it does not corroborate them.
        self.copy_of = {doc: c.representative for c in result.copies for doc in c.docs if doc != c.representative}

    # ------------------------------------------------------------ sections

    def summary(self) -> list[str]:
        result = self.result
        inputs = ", ".join(escape(path) for path in _inputs(result.documents))
        lines = [f"Checked {_count(len(result.documents), 'source')}{' from ' + inputs if inputs else ''}: "
                 f"{_count(len(result.sentences), 'sentence')}, "
                 f"{_count(len(result.claims), 'claim')} (numbers and dates).", "",
                 f"- **{_count(len(self.conflict_groups), 'conflict')}**{self._conflict_list()}",
                 *self._conflict_headlines(),
                 f"- **{_count(len(self.agreed_groups), 'corroborated claim')}**: the same value from two "
                 "sources or more",
                 f"- **{_count(len(self.single), 'single-source claim')}** with a number or date: what to verify "
                 "next"]
        copies = _count(len(self.copy_of), "duplicate or syndicated copy", "duplicates or syndicated copies")
        lines += [f"- **{copies}**{self._copy_list()}", ""]
        if len(result.documents) < 2:
            lines += ["Only one source was given: nothing can be cross-checked.", ""]
        return lines

    def _conflict_list(self) -> str:
        if not self.conflict_groups:
            return ""
        pairs = sum(f.type == "conflict" for f in self.result.comparison.findings)
        return f" ({_count(pairs, 'conflicting pair')}), most important first:"

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
        return ": " + "; ".join(f"{self.names[copy]} repeats {self.names[original]}" for copy, original in copies)

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
            outlet = escape(doc.outlet)
            if doc.id in self.copy_of:
                outlet += f" (copy of {self.names[self.copy_of[doc.id]]})"
            rows.append([document, outlet, _date(doc, "unknown"), title or "—",
                         str(sentences[doc.id]), str(claims[doc.id])])
        lines = ["## Sources", ""]
        lines += _table(["document", "outlet", "published", "title", "sentences", "claims"], rows,
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
            lines += [f"- “{_excerpt(best.sentence, [best])}” — {self._carried_by(entries)}: {outlets}{told_as}",
                      "",
                      f"  <details><summary>{_count(len(entries), 'wording')}</summary>", ""]
            lines += [f"  - {self._who(claim)}: “{_excerpt(claim.sentence, [claim], whole=True)}” "
                      f"{self._place(claim)}" for claim in entries]
            lines += ["", "  </details>", ""]
        return lines

    def shared_statements(self) -> list[str]:
        """Sentences several sources tell in similar words (the group stage): quotes, announcements, facts."""
        groups = [g for g in self.result.groups if len({self.copy_of.get(d, d) for d in g.docs}) > 1]
        groups.sort(key=lambda g: -len(g.docs))
        lines = ["## Shared statements", ""]
        if not groups:
            return lines + ["No two sources tell the same statement in similar words.", ""]
        lines += ["Statements two sources or more tell in similar words, the most widely told first.", ""]
        for group in groups[:_SHARED_STATEMENTS]:
            first = group.members[0]
            outlets = ", ".join(self.names[d] for d in group.docs)
            lines += [f"- “{_excerpt(first, [])}” — {_count(len(group.docs), 'source')}: {outlets}", "",
                      f"  <details><summary>{_count(len(group.members), 'wording')}</summary>", ""]
            lines += [f"  - {self._who(s)}: “{_excerpt(s, [], whole=True)}” {self._place(s)}" for s in group.members]
            lines += ["", "  </details>", ""]
        if len(groups) > _SHARED_STATEMENTS:
            lines += [f"And {len(groups) - _SHARED_STATEMENTS} more, in the JSONL findings.", ""]
        return lines

    def single_source(self) -> list[str]:
        lines = ["## Single-source claims", ""]
        if not self.single:
            return lines + ["Every number and date was matched with another source.", ""]
        lines += ["Numbers and dates only one source gives, by source in reading order: what to verify next.", ""]
        by_doc: dict[str, list[Slot]] = {}
        for slot in self.single:
            by_doc.setdefault(slot.doc, []).append(slot)
        for doc_id in sorted(by_doc, key=self.doc_order.__getitem__):
            doc = self.docs[doc_id]
            slots = by_doc[doc_id]
            # The file name, unless the name shown has it already or it is the outlet's name plus an extension
            # (the seeds: "000_a28f.txt").
            shown = PurePath(doc.id).stem == doc.outlet or escape(doc.id) in self.names[doc_id]
            file = "" if shown else f"{_DOT}{escape(doc.id)}"
            lines += [f"### {self.names[doc_id]}{file} ({_count(len(slots), 'claim')})", ""]
            # Values stated in one sentence share one line.
            by_sentence: dict[int, list[Claim]] = {}
            for slot in slots:
                by_sentence.setdefault(slot.claim.sentence.start, []).append(slot.claim)
            for start in sorted(by_sentence):
                claims = by_sentence[start]
                lines.append(f"- {_where_in(doc, start)}: {_excerpt(claims[0].sentence, claims)}")
            lines.append("")
        return lines

    def source_pairs(self) -> list[str]:
        result = self.result
        ids = [d.id for d in result.documents]
        similar: Counter = Counter()
        for group in result.groups:
            for a, b in combinations(sorted(group.docs, key=self.doc_order.__getitem__), 2):
                similar[a, b] += 1
        verdicts: Counter = Counter()
        for finding in result.comparison.findings:
            a, b = sorted((c.doc for c in finding.claims), key=self.doc_order.__getitem__)
            verdicts[a, b, finding.type] += 1
        rows = []
        for a, b in combinations(ids, 2):
            agree, conflict = verdicts[a, b, "agreement"], verdicts[a, b, "conflict"]
            if similar[a, b] or agree or conflict:
                rows.append([self.names[a], self.names[b], str(similar[a, b]), str(agree + conflict), str(agree),
                             str(conflict)])
        lines = ["## Source pairs", ""]
        if not rows:
            return lines + ["No two sources share a statement, a number or a date.", ""]
        lines += ["What each pair of sources shares: statements told in similar words, and the numbers and dates "
                  "both give, compared one to one. Pairs with nothing in common are left out.", ""]
        return lines + _table(["source", "source", "similar sentences", "values compared", "agree", "conflict"],
                              rows, numeric=4) + [""]

    # ------------------------------------------------------------ parts

    def _conflict(self, n: int, group: str) -> list[str]:
        findings = self.findings_of[group]
        entries = self._entries(group, by_value=True)
        kind = "dates" if entries[0].kind == "date" else "figures"
        values = len({display_value(claim) for claim in entries})
        sources = len({claim.doc for claim in entries})
        lines = [f"### {n}. {self._headline(group)}", "",
                 f"{_count(sources, 'source')} give {values} different {kind}.{self._newest_note(entries)}", ""]
        newest = self._newest(entries)
        for claim in entries:
            also = self._also(claim)
            lines.append(f"- **{escape(claim.surface)}** — {self._who(claim, claim.doc in newest)}: "
                         f"“{_excerpt(claim.sentence, [claim], whole=True)}”{also} {self._place(claim)}")
        lines.append("")
        if len(findings) == 1:
            return lines + [escape(findings[0].explanation), ""]
        conflicts = sum(f.type == "conflict" for f in findings)
        agreeing = len(findings) - conflicts
        summary = f"{_count(len(findings), 'pair')} compared: {conflicts} conflicting, {agreeing} agreeing"
        lines += ["<details>", f"<summary>{summary}</summary>", ""]
        lines += [f"- {f.type}, score {f.score:.2f}: {escape(f.explanation)}" for f in findings]
        return lines + ["", "</details>", ""]

    def _headline(self, group: str) -> str:
        """What is disputed and the values given: "people killed: 16 · 19 · 25"."""
        return f"{escape(self.disputed[group])}: {_DOT.join(_value_labels(self._entries(group, by_value=True)))}"

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
        note = f" Newest: {names}, which may carry an updated figure."
        undated = len({c.doc for c in claims if self.docs[c.doc].published is None})
        if undated:
            note += f" {_count(undated, 'source is', 'sources are')} undated."
        return note

    def _also(self, claim: Claim) -> str:
        """Other values the same document gives for this quantity: an earlier toll, a rounded figure."""
        slot = self.slot_of[claim.id]
        others = dict.fromkeys(escape(c.surface) for c in slot.alternatives
                               if display_value(c) != display_value(claim))
        return f" (elsewhere in the source: {', '.join(f'“{s}”' for s in others)})" if others else ""

    def _who(self, claim: Claim | Sentence, newest: bool = False) -> str:
        """The source and its date."""
        return f"{self.names[claim.doc]}, {_date(self.docs[claim.doc])}{' (newest)' if newest else ''}"

    def _place(self, claim: Claim | Sentence) -> str:
        """Where to find the sentence: file and line, or the JSONL record; and a link when the source has a URL."""
        doc = self.docs[claim.doc]
        url = _safe_url(doc.url)
        start = claim.start if isinstance(claim, Sentence) else claim.sentence.start
        return f"({_location(doc, start)}{f', [link](<{url}>)' if url else ''})"


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
