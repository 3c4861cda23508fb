"""The conflicts of one linked event as Markdown: a numbered finding each, with its why, the
newer figure, and each side's figures over the sentences that state them (figures in bold).

A 100,000-claim report holds tens of thousands of findings, and most of what they show
repeats: a finding's heading (kind, metric, place), a source's line, and a document's side,
which is a side of its conflict with each other document. `ConflictWriter` writes each of
those once per report and reuses the text.

A report with more than `FULL_FINDINGS` findings is written compact past that many: the first
findings in reading order are written in full, every further one as one table row (kind,
metric, place, each side's figure with the sentences it is stated in, the newer figure), under
one line saying that the full evidence is in the JSON and HTML reports. Every finding is still
listed and numbered; a smaller report is written in full, as before. (At 100,000 claims the
full form is 20 MB of repeated sentences that nobody reads in a Markdown file.)
"""

from __future__ import annotations

import datetime as dt

from summarizer.render.markdown_text import (
    md_code,
    md_metric,
    md_ref,
    md_sentence_with_bold,
    md_table,
    md_text,
    md_text_once,
)
from summarizer.render.report_index import CONFLICT_TITLES, ReportIndex, side_key, side_sentences
from summarizer.schemas import Conflict, ConflictKind, ConflictSide

FULL_FINDINGS = 200
"""A report with more findings than this writes only its first this many in full (reading order)."""

COMPACT_NOTE = (
    "_Findings past the first {limit:,} of this report ({total:,} in all), one row each: each side's "
    "figure with the [document:sentence] it is stated in. The full evidence of every finding "
    "(its why and each side's quoted sentences) is in the JSON and HTML reports._"
)
COMPACT_HEADER = ["#", "finding", "metric", "place", "sides", "newer figure"]


class ConflictWriter:
    """Writes the conflict sections of one report, remembering what repeats across them."""

    def __init__(self, index: ReportIndex) -> None:
        self.index = index
        self._headings: dict[tuple[ConflictKind, str, str | None], str] = {}
        self._newer: dict[str, str] = {}
        self._sources: dict[tuple[str, dt.date | None], str] = {}
        self._sides: dict[tuple[object, ...], str] = {}
        self._bold: dict[tuple[object, ...], str] = {}
        self._total = len(index.report.conflicts)
        # How many findings may still be written in full: all of them in a report within the limit.
        self._full_left = self._total if self._total <= FULL_FINDINGS else FULL_FINDINGS
        self._row_heads: dict[tuple[ConflictKind, str, str | None], str] = {}
        self._side_cells: dict[tuple[object, ...], str] = {}

    def section(self, conflicts: list[Conflict]) -> list[str]:
        """The '### Conflicts' section: one block of lines per finding written in full, a blank
        line between, then the findings past the report's limit as one table."""
        full = min(len(conflicts), self._full_left)
        self._full_left -= full
        lines = ["### Conflicts", ""]
        if full:
            blocks = [
                self._finding(number, conflict) for number, conflict in enumerate(conflicts[:full], start=1)
            ]
            lines.append("\n\n".join(blocks))
        if full < len(conflicts):
            if full:
                lines.append("")
            lines += [COMPACT_NOTE.format(limit=FULL_FINDINGS, total=self._total), ""]
            lines += md_table(COMPACT_HEADER, [])
            lines += self._rows(conflicts[full:], full + 1)
        return lines

    def _rows(self, conflicts: list[Conflict], first: int) -> list[str]:
        """Findings as table rows numbered from `first`, each the line `md_table` would write."""
        heads, cells, rows = self._row_heads, self._side_cells, []
        for number, conflict in enumerate(conflicts, start=first):
            key = (conflict.kind, conflict.metric, conflict.place)
            if (head := heads.get(key)) is None:
                head = heads[key] = (
                    f" | {CONFLICT_TITLES[conflict.kind]} | {md_metric(conflict.metric)} "
                    f"| {md_text(conflict.place or '—')} | "
                )
            texts = []
            for side in conflict.sides:  # a document's side recurs in its conflict with each other one
                side_id = side_key(side)
                if (text := cells.get(side_id)) is None:
                    text = cells[side_id] = self._side_cell(side)
                texts.append(text)
            newer = md_text(conflict.newer) if conflict.newer else "—"
            rows.append(f"| {number}{head}{' vs '.join(texts)} | {newer} |")
        return rows

    def _side_cell(self, side: ConflictSide) -> str:
        """A side's figure and where it is stated: `≥6 [doc07:1755]`; the document alone when
        none of its sentences can be found."""
        index = self.index
        figure = md_text(index.side_figure(side))
        if len(side.claims) == 1:  # the usual side: one claim, one sentence
            claim = index.claims.get(side.claims[0])
            if claim is not None and index.sentence_exists(claim.document, claim.sentence):
                return f"{figure} [{md_text(claim.document)}:{claim.sentence}]"
            return f"{figure} ({md_text(side.document)})"
        refs = " ".join(md_ref(doc.id, sentence) for doc, sentence, _ in side_sentences(index, side))
        return f"{figure} {refs or '(' + md_text(side.document) + ')'}"

    def _finding(self, number: int, conflict: Conflict) -> str:
        lines = [f"{number}. {self._heading(conflict)}", f"   - Why: {md_text_once(conflict.why)}"]
        if newer := conflict.newer:
            if (found := self._newer.get(newer)) is None:
                found = self._newer[newer] = (
                    f"   - Newer figure: {md_text(self.index.outlet(newer))} ({md_code(newer)})"
                )
            lines.append(found)
        sides = self._sides
        for side in conflict.sides:
            key = side_key(side)
            if (text := sides.get(key)) is None:
                text = sides[key] = self._side(side)
            lines.append(text)
        return "\n".join(lines)

    def _heading(self, conflict: Conflict) -> str:
        key = (conflict.kind, conflict.metric, conflict.place)
        if (found := self._headings.get(key)) is None:
            where = f", {md_text(conflict.place)}" if conflict.place else ""
            found = self._headings[key] = (
                f"**{CONFLICT_TITLES[conflict.kind]}** ({md_code(conflict.kind.value)}): "
                f"{md_metric(conflict.metric)}{where}"
            )
        return found

    def _side(self, side: ConflictSide) -> str:
        """A side's source line, figure and evidence, as lines joined."""
        index = self.index
        source = (side.document, side.published)
        if (prefix := self._sources.get(source)) is None:
            published = f", {side.published.isoformat()}" if side.published else ""
            prefix = self._sources[source] = f"   - {md_text(index.outlet(side.document))}{published}: "
        lines = [prefix + md_text(index.side_figure(side))]
        if len(side.claims) == 1:  # the usual side: one claim, one sentence
            claim = index.claims.get(side.claims[0])
            if claim is not None and index.sentence_exists(claim.document, claim.sentence):
                doc = index.documents[claim.document]
                bold = md_sentence_with_bold(doc, claim.sentence, [claim.span])
                lines.append(f"     > {bold} {md_ref(doc.id, claim.sentence)}")
            return "\n".join(lines)
        for doc, sentence, spans in side_sentences(index, side):
            key = (doc.id, sentence, *map(id, spans))  # the report's own spans: alive while it is
            if (evidence := self._bold.get(key)) is None:
                evidence = self._bold[key] = md_sentence_with_bold(doc, sentence, spans)
            lines.append(f"     > {evidence} {md_ref(doc.id, sentence)}")
        return "\n".join(lines)
