"""Headline figures as every renderer shows them: the main event first, then each other linked
event that has any, one row per figure with its cells already formatted by `text.figures`
(open bounds as stated: ">20", "≥9"). No markup here; Markdown and HTML escape the cells."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.schemas import Claim, HeadlineFigure, LinkedEvent, Report
from summarizer.text.figures import READINGS, format_stated


@dataclass(frozen=True)
class HeadlineRow:
    """One headline figure, formatted: metric (with its place), low / best / high / conservative,
    who is counted ("—" when the text does not say), whether sources disagree, the documents."""

    figure: HeadlineFigure
    metric: str
    low: str
    best: str
    high: str
    conservative: str
    counted: str
    disagree: bool
    documents: list[str]


@dataclass(frozen=True)
class HeadlineGroup:
    event: LinkedEvent
    main: bool
    rows: list[HeadlineRow]


def headline_row(figure: HeadlineFigure, claims: dict[str, Claim]) -> HeadlineRow:
    behind = [claims[c] for c in figure.claims if c in claims]
    quantities = [c.quantity for c in behind]
    unit = next((c.quantity.unit for c in behind if c.quantity.unit), None)

    def cell(value: float | None) -> str:
        return format_stated(value, quantities, unit)

    return HeadlineRow(
        figure=figure,
        metric=figure.metric.replace("_", " ") + (f", {figure.place}" if figure.place else ""),
        low=cell(figure.low),
        best=cell(figure.best),
        high=cell(figure.high),
        conservative=cell(figure.conservative),
        counted=READINGS[figure.reading] if figure.reading else "—",
        disagree=figure.disagree,
        documents=list(figure.documents),
    )


def headline_groups(report: Report, claims: dict[str, Claim]) -> list[HeadlineGroup]:
    """Linked events with headline figures: the report's main event first, then report order."""
    events = sorted(report.linked_events, key=lambda e: e.id != report.main_event)
    return [
        HeadlineGroup(
            event, event.id == report.main_event, [headline_row(f, claims) for f in event.headlines]
        )
        for event in events
        if event.headlines
    ]
