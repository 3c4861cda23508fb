"""The HTML page's frame: the header with its counts, the table of contents, the failures
section and the footer with the run's model and usage. Everything is escaped."""

from __future__ import annotations

from summarizer.render.html_text import document_anchor, h
from summarizer.render.report_index import EventGroup, ReportIndex
from summarizer.render.run_settings import run_settings
from summarizer.schemas import Report


def failures_section(index: ReportIndex) -> str:
    failures = index.report.failures
    if not failures:
        return ""
    items = "".join(
        f'<li><span class="badge">{h(f.stage)}</span> '
        + (f"<code>{h(f.document)}</code>: " if f.document else "")
        + f"{h(f.reason)}</li>"
        for f in failures
    )
    return (
        '<section id="failures"><h2>Failures</h2><p>This report is partial; everything else is '
        f"complete.</p><ul>{items}</ul></section>"
    )


def toc(index: ReportIndex, groups: list[EventGroup]) -> str:
    report = index.report
    events = "".join(
        f'<li><a href="#event-{n}">{h(g.linked.description if g.linked else "Not linked to an event")}</a>'
        f"{f' <span class=badge-count>{len(g.conflicts)}</span>' if g.conflicts else ''}</li>"
        for n, g in enumerate(groups, start=1)
    )
    docs = "".join(
        f'<li><a href="#{h(document_anchor(d.id))}">{h(d.outlet or d.id)}</a> '
        f'<span class="muted small">{h(d.published.isoformat() if d.published else "")}</span></li>'
        for d in report.documents
    )
    failures = '<li><a href="#failures">Failures</a></li>' if report.failures else ""
    return (
        '<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>'
        '<li><a href="#headlines">Headline figures</a></li><li><a href="#summary">Summary</a></li>'
        f"<li>Events<ol>{events}</ol></li>"
        '<li><a href="#quotes">Quotes</a></li>'
        f'<li><a href="#documents">Articles</a><details class="toc-docs"><summary>'
        f"{len(report.documents)} articles</summary><ol>{docs}</ol></details></li>"
        f'{failures}<li><a href="#usage">Usage</a></li></ol></nav>'
    )


def header(report: Report, index: ReportIndex) -> str:
    stats = [
        (len(report.documents), "articles"),
        (len(report.linked_events), "events"),
        (len(report.claims), "claims"),
        (len(report.quotes), "quotes"),
        (len(report.conflicts), "conflicts"),
        (len(index.ungrounded()), "ungrounded"),
    ]
    tiles = "".join(f'<div class="stat"><b>{n:,}</b><span>{label}</span></div>' for n, label in stats)
    partial = (
        f'<p class="partial">Partial report: {len(report.failures)} failure(s), see Failures.</p>'
        if report.partial
        else ""
    )
    return (
        f'<header class="top"><h1>Multi-source summary</h1><div class="stats">{tiles}</div>{partial}</header>'
    )


def footer(report: Report) -> str:
    run, usage = report.run, report.usage
    model = " · ".join(f"{label} <code>{h(value)}</code>" for label, value in run_settings(run))
    rows = "".join(
        f"<tr><td><code>{h(doc_id)}</code></td><td class=num>{u.total_tokens:,}</td>"
        f"<td class=num>{u.calls:,}</td></tr>"
        for doc_id, u in report.document_usage.items()
    )
    per_document = (
        '<details><summary>Per document</summary><table class="compact"><thead><tr><th>document</th>'
        f"<th>tokens</th><th>calls</th></tr></thead><tbody>{rows}</tbody></table></details>"
        if rows
        else ""
    )
    return (
        '<footer id="usage">'
        f"<p>{model or 'no model'} · summarizer {h(run.tool_version)} · schema {h(run.schema_version)}</p>"
        f"<p><b>{usage.total_tokens:,}</b> tokens ({usage.prompt_tokens:,} prompt, "
        f"{usage.completion_tokens:,} completion) · <b>{usage.calls:,}</b> calls · "
        f"{usage.retries:,} retries · {usage.reasks:,} re-asks · {usage.cache_hits:,} cache hits · "
        f"{usage.seconds:.1f} s waiting</p>{per_document}</footer>"
    )
