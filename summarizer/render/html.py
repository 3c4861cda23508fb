"""The report as ONE self-contained HTML file: conflicts side by side, articles with their
claims and quotes highlighted, a summary whose citations scroll to the cited sentence.

Everything taken from a report is escaped (`html.escape`); the JSON shown in popovers is
embedded in a `<script type="application/json">` block with `<`, `>` and `&` written as
`\\u00XX`, so no article can close the block. A Content-Security-Policy that allows only
this file's own script and style (by hash) and no network is defence in depth on top.
The CSS and JS are constants in `html_assets`: no package data, no external fetches.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from summarizer.collector import collector_paused
from summarizer.render.html_assets import CSS, JS
from summarizer.render.html_client import (
    CLIENT_BUILT_FROM,
    article_placeholder,
    claims_placeholder,
    client_payload,
    conflicts_placeholder,
)
from summarizer.render.html_frame import failures_section, footer, header, toc
from summarizer.render.html_headlines import headlines_card
from summarizer.render.html_text import anchor_token as anchor_token
from summarizer.render.html_text import document_anchor, h, script_json
from summarizer.render.html_text import sentence_anchor as sentence_anchor
from summarizer.render.report_index import (
    CONFLICT_TITLES,
    EventGroup,
    ReportIndex,
    humanize,
    quotes_by_speaker,
    side_sentences,
)
from summarizer.schemas import (
    Claim,
    Conflict,
    Document,
    Estimate,
    Event,
    Number,
    Quote,
    Report,
    Sentence,
    Span,
)
from summarizer.text.figures import format_number, format_quantity

OPEN_DOCUMENTS_UP_TO = 3
"""Articles start expanded only in small reports; with 50 documents they start collapsed."""

KIND_ORDER = ("event", "claim", "quote")


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    """A grounded span to mark: `ref` names the object in the embedded JSON (c3, q0, e1)."""

    start: int
    end: int
    kind: str
    ref: str
    title: str


def markup(
    text: str,
    start: int,
    end: int,
    highlights: Iterable[Highlight],
    sentences: Iterable[Sentence] = (),
    document_id: str = "",
    extra_class: str = "",
) -> str:
    """Escaped HTML of text[start:end] with highlights as <mark> and sentences as <span id=...>.

    Overlapping highlights are cut at every boundary into non-overlapping segments, each one
    <mark> naming all objects covering it, so tags always nest. A sweep over sorted
    boundaries: O(n log n) in the number of spans, not quadratic.
    """
    boundaries = {start, end}
    opens: dict[int, list[Highlight]] = defaultdict(list)
    closes: dict[int, list[Highlight]] = defaultdict(list)
    for mark in highlights:
        lo, hi = max(mark.start, start), min(mark.end, end)
        if lo < hi:
            opens[lo].append(mark)
            closes[hi].append(mark)
            boundaries.update((lo, hi))
    sentence_opens: dict[int, Sentence] = {}
    sentence_closes: set[int] = set()
    cursor = start
    for sentence in sorted(sentences, key=lambda s: s.start):
        lo, hi = max(sentence.start, cursor, start), min(sentence.end, end)
        if lo < hi:  # skips empty sentences and any overlap with the previous one
            sentence_opens[lo] = sentence
            sentence_closes.add(hi)
            boundaries.update((lo, hi))
            cursor = hi

    points = sorted(boundaries)
    active: dict[Highlight, None] = {}  # insertion-ordered set
    out: list[str] = []
    for here, following in itertools.pairwise(points):
        if here in sentence_closes:
            out.append("</span>")
        for mark in closes.get(here, ()):
            active.pop(mark, None)
        for mark in opens.get(here, ()):
            active[mark] = None
        opening = sentence_opens.get(here)
        if opening is not None:
            out.append(f'<span class="sent" id="{h(sentence_anchor(document_id, opening.index))}">')
        piece = h(text[here:following])
        out.append(_mark(list(active), piece, extra_class) if active else piece)
    if end in sentence_closes:
        out.append("</span>")
    return "".join(out)


def _mark(marks: list[Highlight], inner: str, extra_class: str) -> str:
    kinds = [k for k in KIND_ORDER if any(m.kind == k for m in marks)]
    classes = " ".join([*(f"hl-{k}" for k in kinds), *([extra_class] if extra_class else [])])
    return (
        f'<mark class="{classes}" data-kind="{h(" ".join(kinds))}" '
        f'data-refs="{h(" ".join(m.ref for m in marks))}" '
        f'title="{h(chr(10).join(m.title for m in marks))}" tabindex="0">{inner}</mark>'
    )


# --------------------------------------------------------------------------- objects


class Objects:
    """Short refs (c3, q0, e1) for the report's claims, quotes and events, their titles, and
    the JSON that the popover shows."""

    def __init__(self, report: Report) -> None:
        self.ref_of_claim = {id(c): f"c{i}" for i, c in enumerate(report.claims)}
        self.ref_of_quote = {id(q): f"q{i}" for i, q in enumerate(report.quotes)}
        self.ref_of_event = {id(e): f"e{i}" for i, e in enumerate(report.events)}
        self.report = report

    @cached_property
    def payload(self) -> dict[str, object]:
        """ref -> the object as JSON, for the popover (the page of a small report)."""
        payload: dict[str, object] = {}
        for items, refs in (
            (self.report.claims, self.ref_of_claim),
            (self.report.quotes, self.ref_of_quote),
            (self.report.events, self.ref_of_event),
        ):
            for item in items:
                payload[refs[id(item)]] = item.model_dump(mode="json")
        return payload

    def claim(self, claim: Claim) -> Highlight | None:
        return _highlight(claim.span, "claim", self.ref_of_claim[id(claim)], claim_title(claim))

    def quote(self, quote: Quote) -> Highlight | None:
        return _highlight(quote.span, "quote", self.ref_of_quote[id(quote)], f"quote: {quote.speaker}")

    def event(self, event: Event) -> Highlight | None:
        if event.span is None:
            return None
        return _highlight(event.span, "event", self.ref_of_event[id(event)], f"event: {event.description}")

    def ref(self, item: Claim | Quote | Event) -> str:
        if isinstance(item, Claim):
            return self.ref_of_claim[id(item)]
        if isinstance(item, Quote):
            return self.ref_of_quote[id(item)]
        return self.ref_of_event[id(item)]


def _highlight(span: Span, kind: str, ref: str, title: str) -> Highlight | None:
    if not span.grounded or span.start is None or span.end is None or span.start >= span.end:
        return None
    return Highlight(span.start, span.end, kind, ref, title)


def claim_title(claim: Claim) -> str:
    where = f", {claim.place}" if claim.place else ""
    source = f" (according to {claim.attributed_to})" if claim.attributed_to else ""
    return f"claim: {humanize(claim.metric)}{where} = {format_quantity(claim.quantity)}{source}"


# --------------------------------------------------------------------------- sections


def _cite(index: ReportIndex, document_id: str, sentence: int) -> str:
    label = h(f"{document_id}:{sentence}")
    if not index.sentence_exists(document_id, sentence):
        return f'<span class="cite missing" title="no such sentence in the report">[{label}]</span>'
    doc = index.documents[document_id]
    return (
        f'<a class="cite" href="#{h(sentence_anchor(document_id, sentence))}" '
        f'title="{h(doc.sentence_text(sentence))}">[{label}]</a>'
    )


def _summary_section(index: ReportIndex) -> str:
    summary = index.report.summary
    if summary is None or not summary.sentences:
        return '<section id="summary"><h2>Summary</h2><p class="muted">No summary.</p></section>'
    parts = []
    for sentence in summary.sentences:
        cites = "".join(_cite(index, c.document, c.sentence) for c in sentence.citations)
        parts.append(f"{h(sentence.text)} {cites}")
    by = "a language model" if summary.generated_by == "llm" else "rules"
    return (
        '<section id="summary"><h2>Summary</h2>'
        f'<p class="summary">{" ".join(parts)}</p>'
        f'<p class="muted small">Written by {by}. Each citation links to the sentence it rests on.</p>'
        "</section>"
    )


def _number_cell(value: Number | None, unit: str | None, css: str = "") -> str:
    cls = f' class="num {css}"' if css else ' class="num"'
    return f"<td{cls}>{'—' if value is None else h(format_number(value, unit))}</td>"


def _estimates_table(index: ReportIndex, estimates: list[Estimate]) -> str:
    rows = []
    for est in estimates:
        unit = index.unit_of(est.claims)
        documents = ", ".join(index.outlet(d) for d in index.estimate_documents(est))
        rows.append(
            "<tr>"
            f"<td>{h(humanize(est.metric))}</td><td>{h(est.place or '—')}</td>"
            f"{_number_cell(est.low, unit)}{_number_cell(est.best, unit, 'best')}"
            f"{_number_cell(est.high, unit)}{_number_cell(est.conservative, unit)}"
            f'<td><span class="count">{est.sources}</span> <span class="muted">{h(documents)}</span></td>'
            "</tr>"
        )
    return (
        '<h3>Estimates</h3><div class="table-wrap"><table class="estimates"><thead><tr>'
        "<th>metric</th><th>place</th><th>low</th><th>best</th><th>high</th>"
        '<th title="ACLED-style lowest defensible figure">conservative</th><th>sources</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _conflict_card(index: ReportIndex, objects: Objects, conflict: Conflict) -> str:
    sides = []
    for side in conflict.sides:
        figure = index.side_figure(side)
        published = side.published.isoformat() if side.published else "undated"
        disputed = [index.claims[c] for c in side.claims if c in index.claims]
        marks = [m for m in (objects.claim(c) for c in disputed) if m is not None]
        evidence = []
        for doc, sentence_index, _spans in side_sentences(index, side):
            sentence = doc.sentences[sentence_index]
            body = markup(doc.text, sentence.start, sentence.end, marks, extra_class="disputed")
            evidence.append(f"<blockquote>{body} {_cite(index, doc.id, sentence_index)}</blockquote>")
        newer = ' <span class="badge newer">newer</span>' if conflict.newer == side.document else ""
        sides.append(
            '<div class="side">'
            f'<div class="figure">{h(figure)}{newer}</div>'
            f'<div class="source"><strong>{h(index.outlet(side.document))}</strong> · {h(published)}'
            f' · <span class="muted">{h(side.document)}</span></div>'
            f"{''.join(evidence) or '<p class=muted>No evidence sentence.</p>'}"
            "</div>"
        )
    place = f" · {h(conflict.place)}" if conflict.place else ""
    return (
        f'<article class="conflict kind-{h(conflict.kind.value)}">'
        f'<header><span class="badge kind">{h(CONFLICT_TITLES[conflict.kind])}</span> '
        f"<span><strong>{h(humanize(conflict.metric))}</strong>{place}</span></header>"
        f'<p class="why">{h(conflict.why)}</p>'
        f'<div class="sides">{"".join(sides)}</div>'
        "</article>"
    )


def _claims_table(index: ReportIndex, objects: Objects, claims: list[Claim]) -> str:
    rows = "".join(
        f"<tr><td>{h(humanize(c.metric))}</td><td>{h(c.place or '—')}</td>"
        f'<td class="num"><span class="obj" data-refs="{h(objects.ref(c))}" tabindex="0">'
        f"{h(format_quantity(c.quantity))}</span></td>"
        f"<td>“{h(c.quantity.phrase)}”</td><td>{h(c.attributed_to or '—')}</td>"
        f"<td>{_cite(index, c.document, c.sentence)}</td></tr>"
        for c in claims
    )
    return (
        f'<details class="claims"><summary>All {len(claims)} claim{"s" if len(claims) != 1 else ""}'
        '</summary><div class="table-wrap"><table><thead><tr><th>metric</th><th>place</th>'
        "<th>figure</th><th>as written</th><th>according to</th><th>source</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></details>"
    )


def _event_section(index: ReportIndex, objects: Objects, group: EventGroup, number: int, client: bool) -> str:
    if group.linked is None:
        title, meta = "Not linked to an event", "Figures and findings that no linked event covers."
    else:
        linked = group.linked
        facts = [linked.date.isoformat() if linked.date else "undated"]
        if linked.kind:
            facts.append(linked.kind)
        if linked.places:
            facts.append(", ".join(linked.places))
        facts.append(f"{len(linked.documents)} source{'s' if len(linked.documents) != 1 else ''}")
        title, meta = linked.description, " · ".join(facts)
    parts = [
        f'<details class="event" id="event-{number}" open><summary>'
        f'<h2>{h(title)}</h2><span class="meta">{h(meta)}</span></summary>'
    ]
    if group.estimates:
        parts.append(_estimates_table(index, group.estimates))
    if group.conflicts and client:
        parts.append(conflicts_placeholder(number, group.conflicts))
    elif group.conflicts:
        parts.append("<h3>Conflicts</h3>")
        parts.extend(_conflict_card(index, objects, c) for c in group.conflicts)
    if group.claims and client:
        parts.append(claims_placeholder(number, len(group.claims)))
    elif group.claims:
        parts.append(_claims_table(index, objects, group.claims))
    if group.empty:
        parts.append('<p class="muted">No figures reported for this event.</p>')
    parts.append("</details>")
    return "".join(parts)


def _quotes_section(index: ReportIndex, objects: Objects) -> str:
    grouped = quotes_by_speaker(index.report.quotes)
    if not grouped:
        return '<section id="quotes"><h2>Quotes</h2><p class="muted">No attributed quotes.</p></section>'
    blocks = []
    for speaker, quotes in grouped.items():
        roles = sorted({q.role for q in quotes if q.role})
        role = f' <span class="muted">{h("; ".join(roles))}</span>' if roles else ""
        items = "".join(
            f'<li><span class="quote obj" data-refs="{h(objects.ref(q))}" tabindex="0">“{h(q.text)}”</span> '
            f"{_cite(index, q.document, q.sentence)}</li>"
            for q in quotes
        )
        blocks.append(f'<div class="speaker"><h3>{h(speaker)}{role}</h3><ul>{items}</ul></div>')
    return f'<section id="quotes"><h2>Quotes</h2>{"".join(blocks)}</section>'


def _ungrounded_list(objects: Objects, items: list[Claim | Quote | Event]) -> str:
    if not items:
        return ""
    rows = []
    for item in items:
        span = item.span
        assert span is not None
        if isinstance(item, Claim):
            kind, label = "claim", claim_title(item).removeprefix("claim: ")
        elif isinstance(item, Quote):
            kind, label = "quote", f"quote by {item.speaker}"
        else:
            kind, label = "event", item.description
        rows.append(
            f'<li><span class="badge {kind}">{kind}</span> '
            f'<span class="obj" data-refs="{h(objects.ref(item))}" tabindex="0">{h(label)}</span>: '
            f"fragment <q>{h(span.text)}</q> not found in the text</li>"
        )
    return (
        f'<div class="ungrounded"><h4>Ungrounded ({len(items)})</h4>'
        f'<p class="muted small">Kept, but left out of reconciliation.</p><ul>{"".join(rows)}</ul></div>'
    )


def _document_section(
    objects: Objects,
    doc: Document,
    claims: list[Claim],
    quotes: list[Quote],
    events: list[Event],
    open_: bool,
    client_number: int | None,
) -> str:
    ungrounded: list[Claim | Quote | Event] = [
        e for e in events if e.span is not None and not e.span.grounded
    ]
    ungrounded += [c for c in claims if not c.span.grounded]
    ungrounded += [q for q in quotes if not q.span.grounded]
    facts = [doc.outlet or "unknown outlet", doc.published.isoformat() if doc.published else "undated"]
    counts = f"{len(claims)} claims · {len(quotes)} quotes"
    if ungrounded:
        counts += f' · <span class="warn">{len(ungrounded)} ungrounded</span>'
    title = f'<div class="doc-title">{h(doc.title)}</div>' if doc.title else ""
    if client_number is None:
        marks = [
            m
            for m in [
                *(objects.event(e) for e in events),
                *(objects.claim(c) for c in claims),
                *(objects.quote(q) for q in quotes),
            ]
            if m is not None
        ]
        body = markup(doc.text, 0, len(doc.text), marks, doc.sentences, doc.id)
        article = f'<div class="article">{body}</div>'
    else:
        article = article_placeholder(client_number)
    return (
        f'<details class="document" id="{h(document_anchor(doc.id))}"{" open" if open_ else ""}>'
        f"<summary><strong>{h(facts[0])}</strong> · {h(facts[1])} · "
        f'<code>{h(doc.id)}</code> <span class="meta">{counts}</span></summary>'
        f"{title}{article}"
        f"{_ungrounded_list(objects, ungrounded)}</details>"
    )


def _documents_section(index: ReportIndex, objects: Objects, client: bool) -> str:
    report = index.report
    claims: dict[str, list[Claim]] = defaultdict(list)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    events: dict[str, list[Event]] = defaultdict(list)
    for claim in report.claims:
        claims[claim.document].append(claim)
    for quote in report.quotes:
        quotes[quote.document].append(quote)
    for event in report.events:
        events[event.document].append(event)
    open_ = len(report.documents) <= OPEN_DOCUMENTS_UP_TO
    legend = (
        '<p class="legend"><mark class="hl-claim">claim</mark> <mark class="hl-quote">quote</mark> '
        '<mark class="hl-event">event</mark> <span class="muted small">Click a highlight to see the '
        "extracted object.</span></p>"
    )
    docs = "".join(
        _document_section(objects, d, claims[d.id], quotes[d.id], events[d.id], open_, n if client else None)
        for n, d in enumerate(report.documents)
    )
    return f'<section id="documents"><h2>Articles</h2>{legend}{docs}</section>'


# --------------------------------------------------------------------------- page


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def render_html(report: Report, client_built: bool | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and JS, no network).

    `client_built`: the per-claim parts built by the page's script from embedded data
    (`html_client`); by default for reports of `CLIENT_BUILT_FROM` claims or more."""
    with collector_paused():  # as for Markdown: its passes over the report free nothing
        return _render_html(report, client_built)


def _render_html(report: Report, client_built: bool | None) -> str:
    client = len(report.claims) >= CLIENT_BUILT_FROM if client_built is None else client_built
    index = ReportIndex(report)
    objects = Objects(report)
    groups = index.event_groups()
    events = "".join(_event_section(index, objects, g, n, client) for n, g in enumerate(groups, start=1))
    body = (
        header(report, index)
        + '<div class="layout">'
        + toc(index, groups)
        + "<main>"
        + headlines_card(index, lambda document, sentence: _cite(index, document, sentence))
        + _summary_section(index)
        + '<section id="events"><h2 class="section-title">Events</h2>'
        + (events or '<p class="muted">No events.</p>')
        + "</section>"
        + _quotes_section(index, objects)
        + _documents_section(index, objects, client)
        + failures_section(index)
        + "</main></div>"
        + footer(report)
        + '<div id="popover" role="dialog" hidden><button type="button" class="close" '
        'aria-label="Close">×</button><pre></pre></div>'
    )
    payload = client_payload(report, index, groups) if client else objects.payload
    csp = (
        f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
        "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{h(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        "<title>Multi-source summary</title>"
        f"<style>{CSS}</style></head><body>{body}"
        f'<script type="application/json" id="report-objects">{script_json(payload)}</script>'
        f"<script>{JS}</script></body></html>\n"
    )
