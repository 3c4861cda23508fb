"""The conflicts of one linked event as Markdown: a numbered finding each, with its why, the
newer figure, and each side's figures over the sentences that state them (figures in bold).

A 100,000-claim report holds tens of thousands of findings, and most of what they show
repeats: a finding's heading (kind, metric, place), a source's line, and a document's side,
which is a side of its conflict with each other document. `ConflictWriter` writes each of
those once per report and reuses the text.
"""

from __future__ import annotations

import datetime as dt

from summarizer.render.markdown_text import (
    md_code,
    md_metric,
    md_ref,
    md_sentence_with_bold,
    md_text,
    md_text_once,
)
from summarizer.render.report_index import CONFLICT_TITLES, ReportIndex, side_key, side_sentences
from summarizer.schemas import Conflict, ConflictKind, ConflictSide


class ConflictWriter:
    """Writes the conflict sections of one report, remembering what repeats across them."""

    def __init__(self, index: ReportIndex) -> None:
        self.index = index
        self._headings: dict[tuple[ConflictKind, str, str | None], str] = {}
        self._newer: dict[str, str] = {}
        self._sources: dict[tuple[str, dt.date | None], str] = {}
        self._sides: dict[tuple[object, ...], str] = {}
        self._bold: dict[tuple[object, ...], str] = {}

    def section(self, conflicts: list[Conflict]) -> list[str]:
        """The '### Conflicts' section: one block of lines per finding, a blank line between."""
        blocks = [self._finding(number, conflict) for number, conflict in enumerate(conflicts, start=1)]
        return ["### Conflicts", "", "\n\n".join(blocks)]

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
