"""Reports as text: the public JSON, and Markdown a person can read and act on: run,
headline figures, documents, per-event estimates, conflicts (`markdown_conflicts`) and claims
(`markdown_claims`), quotes, summary, failures and usage. No LLM, no I/O.
"""

from __future__ import annotations

from summarizer.collector import collector_paused
from summarizer.render.headlines import headline_groups
from summarizer.render.markdown_claims import ClaimWriter
from summarizer.render.markdown_conflicts import ConflictWriter
from summarizer.render.markdown_text import md_code, md_metric, md_ref, md_table, md_text
from summarizer.render.report_index import EventGroup, ReportIndex, humanize, quotes_by_speaker
from summarizer.render.run_settings import run_settings
from summarizer.schemas import (
    Claim,
    Estimate,
    Event,
    LinkedEvent,
    Number,
    Quote,
    Report,
    Usage,
)
from summarizer.text.figures import format_number, format_quantity


def render_json(report: Report) -> str:
    """The full report as JSON (indent 2), valid against `Report.model_json_schema()`."""
    return report.model_dump_json(indent=2)


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


def _md_event_group(
    index: ReportIndex, writer: ConflictWriter, claims: ClaimWriter, group: EventGroup
) -> list[str]:
    if group.linked is None:
        lines = ["## Not linked to an event", ""]
    else:
        linked = group.linked
        lines = [f"## {md_text(linked.description)}", "", _md_event_facts(linked), ""]
    sections: list[list[str]] = []
    if group.estimates:
        sections.append(_md_estimates(index, group.estimates))
    if group.conflicts:
        sections.append(writer.section(group.conflicts))
    if group.claims:
        sections.append(claims.section(group.claims))
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
    writer = ConflictWriter(index)
    groups = index.event_groups()
    claims = ClaimWriter(index, sum(len(group.claims) for group in groups))
    sections += [_md_event_group(index, writer, claims, group) for group in groups]
    sections += [_md_quotes(report), _md_summary(report), _md_problems(index), _md_usage(report)]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
