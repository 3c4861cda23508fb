"""The Markdown of a huge report: findings past `FULL_FINDINGS` and claims past `FULL_CLAIMS`
are written compact, each still listed, under a note pointing at the JSON and HTML; a report
within the limits is written in full. The large reports are built here, by hand."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from report_samples import c00_sample_report, hostile_report, small_report

from summarizer.render import markdown_claims, markdown_conflicts
from summarizer.render.markdown import render_markdown
from summarizer.render.markdown_claims import FULL_CLAIMS
from summarizer.render.markdown_conflicts import FULL_FINDINGS
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Event,
    LinkedEvent,
    Quantity,
    Report,
    RunInfo,
    Sentence,
    Span,
    SpanStatus,
)

FINDINGS_NOTE = "_Findings past the first"
CLAIMS_NOTE = "_Claims past the first"
PUBLISHED = {"a": dt.date(2024, 5, 2), "b": dt.date(2024, 5, 3)}
FIGURE = {"a": 5, "b": 7}  # every place: the earlier source says 5 killed, the later one 7


def _document(doc_id: str, places: list[str]) -> tuple[Document, list[Claim]]:
    """One sentence per place, "In Hill 3, 5 people were killed.", and its claim."""
    text, sentences, claims = "", [], []
    for i, place in enumerate(places):
        sentence = f"In {place}, {FIGURE[doc_id]} people were killed."
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        sentences.append(Sentence(index=i, start=start, end=start + len(sentence)))
        figure_at = start + len(f"In {place}, ")
        phrase = f"{FIGURE[doc_id]} people"
        claims.append(
            Claim(
                id=f"{doc_id}:c{i}",
                document=doc_id,
                sentence=i,
                metric="killed",
                place=place,
                quantity=Quantity(
                    phrase=phrase, low=FIGURE[doc_id], high=FIGURE[doc_id], nominal=FIGURE[doc_id]
                ),
                event=f"{doc_id}:e{place.split()[0]}",
                attributed_to="police",
                span=Span(text=phrase, start=figure_at, end=figure_at + len(phrase), status=SpanStatus.EXACT),
            )
        )
    doc = Document(
        id=doc_id, text=text, source=f"{doc_id}.txt", published=PUBLISHED[doc_id], sentences=sentences
    )
    return doc, claims


def large_report(per_event: int) -> Report:
    """Two linked events (a storm over the Hill places, a fire over the Vale places), reported by
    two documents that disagree on every place: `2 * per_event` findings and twice as many claims."""
    places = [f"{area} {i}" for area in ("Hill", "Vale") for i in range(per_event)]
    documents, claims = zip(*(_document(doc_id, places) for doc_id in ("a", "b")), strict=True)
    events = [
        Event(id=f"{doc_id}:e{area}", document=doc_id, sentence=0, description=f"{area} event")
        for doc_id in ("a", "b")
        for area in ("Hill", "Vale")
    ]
    linked = [
        LinkedEvent(
            id=f"L{n}",
            members=[f"a:e{area}", f"b:e{area}"],
            documents=["a", "b"],
            description=f"{area} event",
        )
        for n, area in enumerate(("Hill", "Vale"), start=1)
    ]
    conflicts = [
        Conflict(
            kind=ConflictKind.CROSS_DOCUMENT,
            event="L1" if place.startswith("Hill") else "L2",
            metric="killed",
            place=place,
            sides=[
                ConflictSide(
                    document=d, claims=[f"{d}:c{i}"], low=FIGURE[d], high=FIGURE[d], published=PUBLISHED[d]
                )
                for d in ("a", "b")
            ],
            why=f"a reports 5 and b reports 7 for killed in {place}",
            newer="b",
        )
        for i, place in enumerate(places)
    ]
    return Report(
        run=RunInfo(tool_version="0.1.0", backend="none", strategy="rules"),
        documents=list(documents),
        events=events,
        linked_events=linked,
        claims=[c for doc_claims in claims for c in doc_claims],
        conflicts=conflicts,
    )


def section(markdown: str, event: str, heading: str) -> str:
    """One '### heading' section of one event's part of the Markdown."""
    part = markdown.split(f"## {event}\n", 1)[1].split("\n## ", 1)[0]
    return part.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]


def test_findings_past_the_limit_are_table_rows_numbered_on_under_one_note() -> None:
    per_event = FULL_FINDINGS // 2 + 30  # the limit falls inside the second event's findings
    markdown = render_markdown(large_report(per_event))
    first, second = section(markdown, "Hill event", "Conflicts"), section(markdown, "Vale event", "Conflicts")
    # The first event's findings are all written in full, with their evidence; no note.
    assert FINDINGS_NOTE not in first
    assert len(re.findall(r"^\d+\. \*\*Sources disagree\*\*", first, re.M)) == per_event
    assert "     > In Hill 0, **5 people** were killed. [a:0]" in first
    # The second event writes what is left of the limit in full, then one row per finding.
    full = FULL_FINDINGS - per_event
    assert len(re.findall(r"^\d+\. \*\*Sources disagree\*\*", second, re.M)) == full
    note = [line for line in second.splitlines() if line.startswith(FINDINGS_NOTE)]
    assert note == [
        f"_Findings past the first {FULL_FINDINGS:,} of this report ({2 * per_event:,} in all), one row "
        "each: each side's figure with the [document:sentence] it is stated in. The full evidence of "
        "every finding (its why and each side's quoted sentences) is in the JSON and HTML reports._"
    ]
    rows = [line for line in second.splitlines() if line.startswith("| ")]
    assert rows[0] == "| # | finding | metric | place | sides | newer figure |"
    assert rows[1:] == [
        f"| {i + 1} | Sources disagree | killed | Vale {i} | 5 [a:{n}] vs 7 [b:{n}] | b |"
        for i, n in ((i, per_event + i) for i in range(full, per_event))
    ]
    assert "In Vale " not in second.split(FINDINGS_NOTE)[1]  # no quoted sentence past the limit


def test_claims_past_the_limit_are_grouped_by_metric_and_place_each_listed() -> None:
    per_event = FULL_CLAIMS // 4 + 10  # four claims per event and place over two events
    report = large_report(per_event)
    markdown = render_markdown(report)
    first, second = section(markdown, "Hill event", "Claims"), section(markdown, "Vale event", "Claims")
    assert CLAIMS_NOTE not in first
    assert first.count("| killed | Hill ") == 2 * per_event  # a row per claim
    assert "| killed | Hill 0 | 5 | “5 people” | police | [a:0] |" in first
    full = FULL_CLAIMS - 2 * per_event
    note = [line for line in second.splitlines() if line.startswith(CLAIMS_NOTE)]
    assert note == [
        f"_Claims past the first {FULL_CLAIMS:,} of this report ({len(report.claims):,} in all), one row "
        "per metric and place: each claim's figure with the [document:sentence] it is stated in. The "
        "wording and attribution of every claim are in the JSON and HTML reports._"
    ]
    full_part, compact_part = second.split(CLAIMS_NOTE)
    assert full_part.count("| police |") == full
    # Claims come a's first (a's places in order), then b's: b's claims fall past the limit.
    assert "| metric | place | claims |" in compact_part
    assert f"| killed | Vale {per_event - 1} | 7 [b:{2 * per_event - 1}] |" in compact_part
    # Every claim is listed once in its event's claims section, by its [document:sentence].
    for claim in report.claims:
        part = first if claim.place and claim.place.startswith("Hill") else second
        assert part.count(f"[{claim.document}:{claim.sentence}]") == 1


def test_compact_claims_of_one_metric_and_place_share_a_row_in_first_seen_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(markdown_claims, "FULL_CLAIMS", 1)
    claims = section(render_markdown(large_report(2)), "Hill event", "Claims")
    assert claims.splitlines()[-4:] == [
        "| metric | place | claims |",
        "|---|---|---|",
        "| killed | Hill 1 | 5 [a:1] · 7 [b:1] |",
        "| killed | Hill 0 | 7 [b:0] |",
    ]
    assert "| killed | Hill 0 | 5 | “5 people” | police | [a:0] |" in claims


def test_a_report_at_the_limits_is_written_in_full() -> None:
    markdown = render_markdown(large_report(FULL_FINDINGS // 2))  # exactly FULL_FINDINGS findings
    assert FINDINGS_NOTE not in markdown and CLAIMS_NOTE not in markdown
    assert len(re.findall(r"^\d+\. \*\*Sources disagree\*\*", markdown, re.M)) == FULL_FINDINGS


def test_a_small_report_has_no_compact_part() -> None:
    markdown = render_markdown(small_report())
    assert FINDINGS_NOTE not in markdown and CLAIMS_NOTE not in markdown
    assert "| # | finding |" not in markdown and "| metric | place | claims |" not in markdown


def _cells(row: str) -> int:
    """Cells of a GFM table row: unescaped pipes between the outer ones."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", row.strip())) - 1


@pytest.mark.parametrize("make", [small_report, c00_sample_report, hostile_report])
def test_compact_tables_keep_their_columns_for_any_text(
    make: Callable[[], Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every finding and claim compact (limits at 0): markup, pipes and backticks in places,
    documents and figures stay inside their cells."""
    monkeypatch.setattr(markdown_conflicts, "FULL_FINDINGS", 0)
    monkeypatch.setattr(markdown_claims, "FULL_CLAIMS", 0)
    report = make()
    markdown = render_markdown(report)
    assert (FINDINGS_NOTE in markdown) == bool(report.conflicts)
    assert CLAIMS_NOTE in markdown
    lines = markdown.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("|") and not lines[n - 1].startswith("|"):
            columns = _cells(line)
            for row in lines[n:]:
                if not row.startswith("|"):
                    break
                assert _cells(row) == columns, (line, row)
