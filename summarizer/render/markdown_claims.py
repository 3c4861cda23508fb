"""The claims of one linked event as a Markdown table: metric, place, figure, the phrase as
written, who it is attributed to, and the sentence that states it.

A report with more than `FULL_CLAIMS` claims is written compact past that many: the first
claims in reading order get their row each, the further ones one row per metric and place,
listing each claim's figure with the [document:sentence] that states it, under one line
saying that their wording and attribution are in the JSON and HTML reports. Every claim is
still listed; a smaller report is written as before.
"""

from __future__ import annotations

from summarizer.render.markdown_text import md_metric, md_table, md_text
from summarizer.render.report_index import ReportIndex
from summarizer.schemas import Claim

FULL_CLAIMS = 1_000
"""A report with more claims than this gives only its first this many a row each (reading order)."""

CLAIMS_HEADER = ["metric", "place", "figure", "as written", "according to", "source"]
COMPACT_NOTE = (
    "_Claims past the first {limit:,} of this report ({total:,} in all), one row per metric and "
    "place: each claim's figure with the [document:sentence] it is stated in. The wording and "
    "attribution of every claim are in the JSON and HTML reports._"
)
COMPACT_HEADER = ["metric", "place", "claims"]


class ClaimWriter:
    """Writes the claims sections of one report, counting the claims given a row each."""

    def __init__(self, index: ReportIndex, total: int) -> None:
        self.index = index
        self._total = total
        # How many claims may still get a row each: all of them in a report within the limit.
        self._full_left = total if total <= FULL_CLAIMS else FULL_CLAIMS

    def section(self, claims: list[Claim]) -> list[str]:
        """The '### Claims' section: a row per claim, then the claims past the report's limit
        as one row per metric and place."""
        full = min(len(claims), self._full_left)
        self._full_left -= full
        lines = ["### Claims", ""]
        if full:
            lines += md_table(CLAIMS_HEADER, [])
            lines.extend(self._row(c) for c in claims[:full])
        if full < len(claims):
            if full:
                lines.append("")
            lines += [COMPACT_NOTE.format(limit=FULL_CLAIMS, total=self._total), ""]
            lines += md_table(COMPACT_HEADER, [])
            lines += self._grouped(claims[full:])
        return lines

    def _row(self, c: Claim) -> str:
        """A claim as the line `md_table` would join."""
        return (
            f"| {md_metric(c.metric)} | {md_text(c.place or '—')} | {md_text(self.index.figure(c.quantity))} "
            f"| “{md_text(c.quantity.phrase)}” | {md_text(c.attributed_to or '—')} "
            f"| [{md_text(c.document)}:{c.sentence}] |"
        )

    def _grouped(self, claims: list[Claim]) -> list[str]:
        """One row per (metric, place), in first-seen order: `37 [doc07:1097] · ≥40 [doc33:280]`."""
        figure = self.index.figure
        groups: dict[tuple[str, str | None], list[str]] = {}
        for c in claims:
            if (cells := groups.get(key := (c.metric, c.place))) is None:
                cells = groups[key] = []
            cells.append(f"{md_text(figure(c.quantity))} [{md_text(c.document)}:{c.sentence}]")
        return [
            f"| {md_metric(metric)} | {md_text(place or '—')} | {' · '.join(cells)} |"
            for (metric, place), cells in groups.items()
        ]
