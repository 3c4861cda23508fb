"""The HTML report's headline card: the figures a reader asks for first, at the top of the page.

The main event first, then each other linked event with headline figures; one row per figure
(low / best / high / conservative as `text.figures` states them, who is counted, whether
sources disagree, the outlets and the sentences behind it). Everything is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from summarizer.render.headlines import HeadlineGroup, HeadlineRow, headline_groups
from summarizer.render.report_index import ReportIndex

Cite = Callable[[str, int], str]
"""(document, sentence) -> the HTML of a citation link."""


def _h(value: object) -> str:
    return escape(str(value), quote=True)


def _sources(index: ReportIndex, row: HeadlineRow, cite: Cite) -> str:
    outlets = ", ".join(index.outlet(d) for d in row.documents) or "—"
    seen: dict[tuple[str, int], None] = {}
    for claim_id in row.figure.claims:
        claim = index.claims.get(claim_id)
        if claim is not None:
            seen.setdefault((claim.document, claim.sentence), None)
    return f"{_h(outlets)} {''.join(cite(doc, sentence) for doc, sentence in seen)}".rstrip()


def _row(index: ReportIndex, row: HeadlineRow, cite: Cite) -> str:
    disagree = (
        '<span class="badge kind">sources disagree</span>'
        if row.disagree
        else '<span class="muted">agree</span>'
    )
    return (
        f"<tr><td>{_h(row.metric)}</td><td class=num>{_h(row.low)}</td>"
        f'<td class="num best">{_h(row.best)}</td><td class=num>{_h(row.high)}</td>'
        f"<td class=num>{_h(row.conservative)}</td><td>{_h(row.counted)}</td>"
        f"<td>{disagree}</td><td>{_sources(index, row, cite)}</td></tr>"
    )


def _group(index: ReportIndex, group: HeadlineGroup, cite: Cite) -> str:
    event = group.event
    facts = [event.date.isoformat() if event.date else "", event.kind or "", ", ".join(event.places)]
    facts.append("reported by " + ", ".join(index.outlet(d) for d in event.documents))
    label = "Main event" if group.main else "Other event"
    rows = "".join(_row(index, row, cite) for row in group.rows)
    return (
        f'<div class="headline-event{" main" if group.main else ""}">'
        f"<h3>{label}: {_h(event.description)}</h3>"
        f'<p class="meta">{_h(" · ".join(f for f in facts if f))}</p>'
        '<div class="table-wrap"><table class="headlines"><thead><tr>'
        "<th>metric</th><th>low</th><th>best</th><th>high</th>"
        '<th title="ACLED-style lowest defensible figure">conservative</th><th>counted</th>'
        f"<th>agreement</th><th>sources</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def headlines_card(index: ReportIndex, cite: Cite) -> str:
    """The headline figures as a card, main event first; a short note when there are none."""
    groups = headline_groups(index.report, index.claims)
    inner = (
        "".join(_group(index, g, cite) for g in groups)
        if groups
        else '<p class="muted">No casualty figures reported.</p>'
    )
    return f'<section id="headlines" class="headlines"><h2>Headline figures</h2>{inner}</section>'
