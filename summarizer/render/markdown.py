"""Reports as text: the public JSON, and Markdown a person can read and act on.

Also holds what every renderer shares: readable interval formatting ("11–19", "≥21",
"~80%") and `ReportIndex`, which groups a report's items by linked event once so that
renderers never search lists per item. No LLM, no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.collector import collector_paused
from summarizer.render.headlines import headline_groups
from summarizer.render.run_settings import run_settings
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    Event,
    LinkedEvent,
    Number,
    Quantity,
    Quote,
    Report,
    Span,
    SpanStatus,
    Usage,
)
from summarizer.text.figures import format_interval, format_number, format_quantity

CONFLICT_TITLES: dict[ConflictKind, str] = {
    ConflictKind.CROSS_DOCUMENT: "Sources disagree",
    ConflictKind.WITHIN_DOCUMENT_RANGE: "Range within one source",
    ConflictKind.REVISION: "Revised figure",
    ConflictKind.PART_TOTAL_TENSION: "Parts and total do not add up",
}


# --------------------------------------------------------------------------- numbers


def humanize(name: str) -> str:
    """snake_case metric names for people: "people_without_power" -> "people without power"."""
    return name.replace("_", " ")


# --------------------------------------------------------------------------- grouping


UNLINKED = "__unlinked__"
"""Group key for items that belong to no linked event."""


@dataclass
class EventGroup:
    """Everything the report says about one linked event (or about none: `linked` is None)."""

    key: str
    linked: LinkedEvent | None
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.claims or self.conflicts or self.estimates)


class ReportIndex:
    """Lookups over a report, built once in linear time."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.documents: dict[str, Document] = {d.id: d for d in report.documents}
        self.claims: dict[str, Claim] = {c.id: c for c in report.claims}
        self.events: dict[str, Event] = {e.id: e for e in report.events}
        self.linked_of_event: dict[str, str] = {
            member: linked.id for linked in report.linked_events for member in linked.members
        }
        self.groups: dict[str, EventGroup] = {
            linked.id: EventGroup(key=linked.id, linked=linked) for linked in report.linked_events
        }
        self.groups[UNLINKED] = EventGroup(key=UNLINKED, linked=None)
        self._figures: dict[tuple[Number | None, Number | None, str | None], str] = {}
        self._quantities: dict[tuple[object, ...], str] = {}
        self._bold: dict[tuple[object, ...], str] = {}
        self._evidence: dict[str, str] = {}
        # Claim id -> unit, for the few claims that state one (`unit_of` asks per estimate).
        self._units = {cid: c.quantity.unit for cid, c in self.claims.items() if c.quantity.unit}
        unlinked = self.groups[UNLINKED]
        claims_of = {
            event: self.groups.get(linked, unlinked).claims for event, linked in self.linked_of_event.items()
        }
        for claim in report.claims:
            if claim.span.status != SpanStatus.UNGROUNDED:  # Span.grounded, without a call per claim
                claims_of.get(claim.event or "", unlinked.claims).append(claim)
        for conflict in report.conflicts:
            self._group(conflict.event).conflicts.append(conflict)
        for estimate in report.estimates:
            self._group(estimate.event).estimates.append(estimate)

    def _group(self, linked_id: str | None) -> EventGroup:
        return self.groups.get(linked_id or UNLINKED, self.groups[UNLINKED])

    def event_groups(self) -> list[EventGroup]:
        """Linked events in report order, then the unlinked group if it holds anything."""
        groups = [self.groups[linked.id] for linked in self.report.linked_events]
        if not self.groups[UNLINKED].empty:
            groups.append(self.groups[UNLINKED])
        return groups

    def unit_of(self, claim_ids: Iterable[str]) -> str | None:
        """The unit of the first of these claims that states one (estimates and sides carry none)."""
        units = self._units
        if not units:  # most reports state no unit at all
            return None
        for claim_id in claim_ids:
            if unit := units.get(claim_id):
                return unit
        return None

    def side_figure(self, side: ConflictSide) -> str:
        """A conflict side's interval as `format_interval` writes it, with the unit and the
        quantities of its claims. Remembered when the interval is closed or empty (the
        quantities then change nothing): a large report repeats the same few figures."""
        unit = self.unit_of(side.claims)
        if (side.low is None) != (side.high is None):
            return format_interval(side.low, side.high, unit, self.quantities_of(side.claims))
        key = (side.low, side.high, unit)
        if (found := self._figures.get(key)) is None:
            found = self._figures[key] = format_interval(side.low, side.high, unit)
        return found

    def bold_sentence(self, doc: Document, sentence: int, spans: list[Span]) -> str:
        """`md_sentence_with_bold`, remembered: a claim's sentence is evidence in each of its
        conflicts."""
        key = (doc.id, sentence, *map(id, spans))  # the report's own spans: alive while it is
        if (found := self._bold.get(key)) is None:
            found = self._bold[key] = md_sentence_with_bold(doc, sentence, spans)
        return found

    def evidence_line(self, claim_id: str) -> str | None:
        """A one-claim side's evidence line (`_md_side`), None when the claim or its sentence is
        unknown. Remembered: a claim is a side of each of its conflicts."""
        if (found := self._evidence.get(claim_id)) is None:
            claim = self.claims.get(claim_id)
            if claim is None or not self.sentence_exists(claim.document, claim.sentence):
                return None
            doc = self.documents[claim.document]
            bold = self.bold_sentence(doc, claim.sentence, [claim.span])
            found = self._evidence[claim_id] = f"     > {bold} {md_ref(doc.id, claim.sentence)}"
        return found

    def figure(self, quantity: Quantity) -> str:
        """`format_quantity`, remembered per distinct quantity: a large report repeats a few.
        The types of the bounds are part of the key (a strict bound of a count is stated apart)."""
        q = quantity
        key = (q.low, type(q.low), q.high, type(q.high), q.nominal, q.approximate, q.hedge, q.vague, q.unit)
        if (found := self._quantities.get(key)) is None:
            found = self._quantities[key] = format_quantity(q)
        return found

    def quantities_of(self, claim_ids: Iterable[str]) -> list[Quantity]:
        """The quantities of these claims: what a conflict side's open bound was stated as."""
        return [self.claims[c].quantity for c in claim_ids if c in self.claims]

    def outlet(self, document_id: str) -> str:
        doc = self.documents.get(document_id)
        return doc.outlet if doc is not None and doc.outlet else document_id

    def estimate_documents(self, estimate: Estimate) -> list[str]:
        """Distinct documents behind an estimate, in first-seen order."""
        claims = self.claims
        return list(dict.fromkeys([claims[c].document for c in estimate.claims if c in claims]))

    def sentence_exists(self, document_id: str, index: int) -> bool:
        doc = self.documents.get(document_id)
        return doc is not None and 0 <= index < len(doc.sentences)

    def ungrounded(self) -> list[Claim | Quote | Event]:
        """Items kept with status UNGROUNDED (events only when they carry a span)."""
        items: list[Claim | Quote | Event] = []
        items.extend(e for e in self.report.events if e.span is not None and not e.span.grounded)
        items.extend(c for c in self.report.claims if not c.span.grounded)
        items.extend(q for q in self.report.quotes if not q.span.grounded)
        return items


def quotes_by_speaker(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """Grounded quotes grouped by speaker, speakers in first-seen order."""
    grouped: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.span.grounded:
            grouped[quote.speaker].append(quote)
    return dict(grouped)


def side_key(side: ConflictSide) -> tuple[object, ...]:
    """What a conflict side shows depends on: one document's figures are a side of its conflict
    with each other document, so renderers write each side once."""
    return (side.document, side.published, side.low, side.high, type(side.low), type(side.high), *side.claims)


def side_sentences(index: ReportIndex, side: ConflictSide) -> list[tuple[Document, int, list[Span]]]:
    """The evidence of one conflict side: each sentence once, with the claim spans inside it."""
    by_sentence: dict[tuple[str, int], list[Span]] = {}
    for claim_id in side.claims:
        claim = index.claims.get(claim_id)
        if claim is None or not index.sentence_exists(claim.document, claim.sentence):
            continue
        by_sentence.setdefault((claim.document, claim.sentence), []).append(claim.span)
    return [(index.documents[doc_id], sent, spans) for (doc_id, sent), spans in by_sentence.items()]


# --------------------------------------------------------------------------- JSON


def render_json(report: Report) -> str:
    """The full report as JSON (indent 2), valid against `Report.model_json_schema()`."""
    return report.model_dump_json(indent=2)


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_WHITESPACE = re.compile(r"\s+")


_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~"})  # what _MD_SPECIAL matches


def md_text_once(text: str) -> str:
    """Article text made inert in Markdown: one line, markup characters backslash-escaped.
    (`str.split` splits on exactly the whitespace `\\s` matches; `translate` is `_MD_SPECIAL`.)
    For a text written once (a finding's why), which would only push others out of `md_text`'s memory."""
    return " ".join(text.split()).translate(_MD_ESCAPES)


# `md_text_once`, remembered: a large report repeats the same metrics, places, sources, outlets.
md_text = lru_cache(maxsize=1 << 16)(md_text_once)


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; cells must already be escaped with `md_text` (which escapes `|` and newlines)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


@lru_cache(maxsize=1 << 12)
def md_code(text: str) -> str:
    """An identifier as inline code; backticks cannot occur inside it. Remembered: a report
    names the same few kinds and documents over and over."""
    return "`" + _WHITESPACE.sub(" ", text).replace("`", "'") + "`"


def md_ref(document: str, sentence: int) -> str:
    return f"[{md_text(document)}:{sentence}]"


@lru_cache(maxsize=1 << 10)
def md_metric(metric: str) -> str:
    """A metric's name as Markdown text; remembered, a report repeats a few metrics."""
    return md_text(humanize(metric))


def md_sentence_with_bold(doc: Document, sentence_index: int, spans: list[Span]) -> str:
    """The sentence as Markdown with each grounded span inside it in **bold**."""
    sentence = doc.sentences[sentence_index]
    if len(spans) == 1:  # the usual case, without the sort: the same cuts as below
        return _one_bold(doc.text, sentence.start, sentence.end, spans[0])
    cuts = sorted(
        (max(s.start, sentence.start), min(s.end, sentence.end))
        for s in spans
        if s.grounded and s.start is not None and s.end is not None
    )
    parts: list[str] = []
    cursor = sentence.start
    for start, end in cuts:
        if start < cursor or start >= end:  # overlaps an earlier bold span, or outside the sentence
            continue
        parts.append(md_text_raw(doc.text[cursor:start]))
        parts.append(f"**{md_text_raw(doc.text[start:end]).strip()}**")
        cursor = end
    parts.append(md_text_raw(doc.text[cursor : sentence.end]))
    return "".join(parts).strip()


def _one_bold(text: str, first: int, last: int, span: Span) -> str:
    """`md_sentence_with_bold` of the sentence text[first:last] with one span."""
    if span.status != SpanStatus.UNGROUNDED and span.start is not None and span.end is not None:
        start, end = max(span.start, first), min(span.end, last)
        if start < end:
            return (
                md_text_raw(text[first:start])
                + f"**{md_text_raw(text[start:end]).strip()}**"
                + md_text_raw(text[end:last])
            ).strip()
    return md_text_raw(text[first:last]).strip()


@lru_cache(maxsize=1 << 16)
def md_text_raw(text: str) -> str:
    """Like `md_text` but keeps leading/trailing spaces, for pieces joined inside one line.
    Remembered: the words around a figure repeat from sentence to sentence."""
    return _MD_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def _md_header(report: Report) -> list[str]:
    run = report.run
    facts = [f"tool {run.tool_version}", f"schema {run.schema_version}"]
    facts += [f"{label} {md_text(value)}" for label, value in run_settings(run)]
    usage = report.usage
    lines = [
        "# Multi-source summary",
        "",
        "Run: " + " · ".join(facts),
        "",
        f"Usage: {usage.total_tokens:,} tokens ({usage.prompt_tokens:,} prompt, "
        f"{usage.completion_tokens:,} completion) in {usage.calls:,} calls",
    ]
    if report.partial:
        lines += ["", f"**Partial report:** {len(report.failures)} failure(s), listed under Failures."]
    return lines


def _md_documents(report: Report) -> list[str]:
    lines = ["## Documents", ""]
    rows = [
        [
            md_text(doc.id),
            md_text(doc.outlet or "—"),
            doc.published.isoformat() if doc.published else "—",
            md_text(doc.title or "—"),
            str(len(doc.sentences)),
        ]
        for doc in report.documents
    ]
    if not rows:
        return [*lines, "No documents."]
    lines += md_table(["id", "outlet", "published", "title", "sentences"], rows)
    return lines


def _md_event_facts(linked: LinkedEvent) -> str:
    facts = [md_code(linked.id)]
    if linked.date:
        facts.append(linked.date.isoformat())
    if linked.kind:
        facts.append(md_text(linked.kind))
    if linked.places:
        facts.append(md_text(", ".join(linked.places)))
    facts.append("reported by " + ", ".join(md_text(d) for d in linked.documents))
    return " · ".join(facts)


def _md_headlines(index: ReportIndex) -> list[str]:
    """The headline figures, main event first: what a reader asks first."""
    lines = ["## Headline figures", ""]
    groups = headline_groups(index.report, index.claims)
    if not groups:
        return [*lines, "No casualty figures reported."]
    header = ["metric", "low", "best", "high", "conservative", "counted", "sources disagree", "sources"]
    for group in groups:
        label = "Main event" if group.main else "Other event"
        rows = [
            [
                md_text(row.metric),
                md_text(row.low),
                f"**{md_text(row.best)}**",
                md_text(row.high),
                md_text(row.conservative),
                md_text(row.counted),
                "yes" if row.disagree else "no",
                ", ".join(md_text(d) for d in row.documents) or "—",
            ]
            for row in group.rows
        ]
        lines += [f"**{label}: {md_text(group.event.description)}** ({_md_event_facts(group.event)})", ""]
        lines += [*md_table(header, rows), ""]
    return lines[:-1]


def _md_claims(index: ReportIndex, claims: list[Claim]) -> list[str]:
    lines = [
        "### Claims",
        "",
        *md_table(["metric", "place", "figure", "as written", "according to", "source"], []),
    ]
    lines.extend(  # each row as the line `md_table` would join, in one format
        f"| {md_metric(c.metric)} | {md_text(c.place or '—')} | {md_text(index.figure(c.quantity))} "
        f"| “{md_text(c.quantity.phrase)}” | {md_text(c.attributed_to or '—')} "
        f"| [{md_text(c.document)}:{c.sentence}] |"
        for c in claims
    )
    return lines


def _md_estimates(index: ReportIndex, estimates: list[Estimate]) -> list[str]:
    cells: dict[tuple[Number, str | None], str] = {}  # a large report repeats a few figures

    def cell(value: Number | None, unit: str | None) -> str:
        if value is None:
            return "—"
        # 5 and 5.0 share a key, and are written alike ("5")
        if (found := cells.get((value, unit))) is None:
            found = cells[(value, unit)] = md_text(format_number(value, unit))
        return found

    rows = []
    for est in estimates:
        unit = index.unit_of(est.claims)
        documents = ", ".join(md_text(d) for d in index.estimate_documents(est))
        rows.append(
            [
                md_metric(est.metric),
                md_text(est.place or "—"),
                cell(est.low, unit),
                cell(est.best, unit),
                cell(est.high, unit),
                cell(est.conservative, unit),
                f"{est.sources} ({documents})" if documents else str(est.sources),
            ]
        )
    header = ["metric", "place", "low", "best", "high", "conservative", "sources"]
    return ["### Estimates", "", *md_table(header, rows)]


def _md_conflicts(index: ReportIndex, conflicts: list[Conflict]) -> list[str]:
    lines = ["### Conflicts", ""]
    sides: dict[tuple[object, ...], list[str]] = {}
    for number, conflict in enumerate(conflicts, start=1):
        where = f", {md_text(conflict.place)}" if conflict.place else ""
        lines.append(
            f"{number}. **{CONFLICT_TITLES[conflict.kind]}** ({md_code(conflict.kind.value)}): "
            f"{md_metric(conflict.metric)}{where}"
        )
        lines.append(f"   - Why: {md_text_once(conflict.why)}")
        if conflict.newer:
            lines.append(
                f"   - Newer figure: {md_text(index.outlet(conflict.newer))} ({md_code(conflict.newer)})"
            )
        for side in conflict.sides:
            # One document's figures are a side of its conflict with each other document.
            key = side_key(side)
            if (found := sides.get(key)) is None:
                found = sides[key] = _md_side(index, side)
            lines += found
        lines.append("")
    return lines[:-1]


def _md_side(index: ReportIndex, side: ConflictSide) -> list[str]:
    figure = index.side_figure(side)
    published = f", {side.published.isoformat()}" if side.published else ""
    lines = [f"   - {md_text(index.outlet(side.document))}{published}: {md_text(figure)}"]
    if len(side.claims) == 1:  # the usual side: one claim, one sentence
        if (line := index.evidence_line(side.claims[0])) is not None:
            lines.append(line)
        return lines
    for doc, sentence, spans in side_sentences(index, side):
        evidence = index.bold_sentence(doc, sentence, spans)
        lines.append(f"     > {evidence} {md_ref(doc.id, sentence)}")
    return lines


def _md_event_group(index: ReportIndex, group: EventGroup) -> list[str]:
    if group.linked is None:
        lines = ["## Not linked to an event", ""]
    else:
        linked = group.linked
        lines = [f"## {md_text(linked.description)}", "", _md_event_facts(linked), ""]
    sections: list[list[str]] = []
    if group.estimates:
        sections.append(_md_estimates(index, group.estimates))
    if group.conflicts:
        sections.append(_md_conflicts(index, group.conflicts))
    if group.claims:
        sections.append(_md_claims(index, group.claims))
    if not sections:
        sections.append(["No figures reported for this event."])
    for section in sections:
        lines += [*section, ""]
    return lines[:-1]


def _md_quotes(report: Report) -> list[str]:
    grouped = quotes_by_speaker(report.quotes)
    lines = ["## Quotes", ""]
    if not grouped:
        return [*lines, "No attributed quotes."]
    for speaker, quotes in grouped.items():
        roles = sorted({q.role for q in quotes if q.role})
        role = f" ({md_text('; '.join(roles))})" if roles else ""
        lines.append(f"**{md_text(speaker)}**{role}")
        lines.append("")
        lines.extend(f"- “{md_text(q.text)}” {md_ref(q.document, q.sentence)}" for q in quotes)
        lines.append("")
    return lines[:-1]


def _md_summary(report: Report) -> list[str]:
    summary = report.summary
    if summary is None or not summary.sentences:
        return ["## Summary", "", "No summary."]
    parts = []
    for sentence in summary.sentences:
        cites = "".join(md_ref(c.document, c.sentence) for c in sentence.citations)
        parts.append(f"{md_text(sentence.text)} {cites}".rstrip())
    by = "a language model" if summary.generated_by == "llm" else "rules"
    return [
        "## Summary",
        "",
        " ".join(parts),
        "",
        f"_Written by {by}; every citation is [document:sentence]._",
    ]


def _md_describe(item: Claim | Quote | Event) -> str:
    if isinstance(item, Claim):
        where = f", {item.place}" if item.place else ""
        facts = f"{humanize(item.metric)}{where}, {format_quantity(item.quantity)}"
        return f"claim {md_code(item.id)}: {md_text(facts)}"
    if isinstance(item, Quote):
        return f"quote {md_code(item.id)} by {md_text(item.speaker)}"
    return f"event {md_code(item.id)}: {md_text(item.description)}"


def _md_problems(index: ReportIndex) -> list[str]:
    report = index.report
    lines = ["## Failures", ""]
    if report.failures:
        lines += [
            f"- {f.stage}" + (f" ({md_text(f.document)})" if f.document else "") + f": {md_text(f.reason)}"
            for f in report.failures
        ]
    else:
        lines.append("None.")
    lines += ["", "## Ungrounded items", ""]
    ungrounded = index.ungrounded()
    if not ungrounded:
        return [*lines, "None: every extracted fragment was found in its document."]
    lines.append("Not found in their documents, so left out of reconciliation:")
    lines.append("")
    for item in ungrounded:
        span = item.span
        assert span is not None
        lines.append(f"- {md_text(item.document)}: {_md_describe(item)}; fragment “{md_text(span.text)}”")
    return lines


def _md_usage(report: Report) -> list[str]:
    def row(label: str, usage: Usage) -> list[str]:
        return [
            label,
            f"{usage.prompt_tokens:,}",
            f"{usage.completion_tokens:,}",
            f"{usage.total_tokens:,}",
            f"{usage.calls:,}",
            f"{usage.retries:,}",
            f"{usage.reasks:,}",
            f"{usage.cache_hits:,}",
            f"{usage.seconds:.1f}",
        ]

    header = ["", "prompt", "completion", "total", "calls", "retries", "re-asks", "cache hits", "seconds"]
    rows = [row(md_text(doc_id), usage) for doc_id, usage in report.document_usage.items()]
    rows.append(row("**run**", report.usage))
    return ["## Usage", "", *md_table(header, rows)]


def render_markdown(report: Report) -> str:
    """The report as Markdown: run, headline figures (main event first), documents, per-event
    estimates/conflicts/claims, quotes, summary, failures and ungrounded items, usage."""
    with collector_paused():
        return _render_markdown(report)


def _render_markdown(report: Report) -> str:
    index = ReportIndex(report)
    sections = [_md_header(report), _md_headlines(index), _md_documents(report)]
    sections += [_md_event_group(index, group) for group in index.event_groups()]
    sections += [_md_quotes(report), _md_summary(report), _md_problems(index), _md_usage(report)]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
