"""The batch index: one row per cluster, kept as one small result file per cluster and rebuilt
into `index.jsonl` and `index.csv` from those files.

A cluster's row file is written (atomically) after its reports, so it is the commit point: a
row file whose fingerprint matches says the reports beside it are whole and current. The index
files are only ever derived from the row files and replaced whole, so a killed batch leaves the
previous index or the new one, never a half row, and the next run rebuilds it.

Headline figures: the report's main event and its killed/injured headlines when the report
carries them (`Report.main_event`, `LinkedEvent.headlines`), read defensively; otherwise derived
here from the estimates of the linked event with the most documents: the estimate without a
place (the incident-wide one) if there is one, else the highest best figure of its places.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.atomic import write_text_atomic
from summarizer.schemas import Estimate, LinkedEvent, Number, Report

Status = Literal["ok", "partial", "failed", "pending"]
HEADLINE_METRICS = ("killed", "injured")
# Failures that the same inputs and settings may not repeat: the cluster is run again next time.
TRANSIENT_STAGES = frozenset({"budget", "extract", "summarize"})


class IndexRow(BaseModel):
    """One cluster of the batch, as the index shows it."""

    model_config = ConfigDict(extra="ignore")

    cluster: str
    status: Status = Field(description="ok; partial: a report with failures; failed: no report; pending")
    main_event: str | None = None
    date: dt.date | None = None
    places: list[str] = Field(default_factory=list)
    killed_low: Number | None = None
    killed_best: Number | None = None
    killed_high: Number | None = None
    injured_low: Number | None = None
    injured_best: Number | None = None
    injured_high: Number | None = None
    conflicts: int = 0
    documents: int = 0
    failures: list[str] = Field(default_factory=list, description="'stage: document: reason'")
    tokens: int = 0
    seconds: float = 0.0
    report: str | None = Field(default=None, description="the JSON report, relative to the output folder")
    formats: list[str] = Field(default_factory=list)
    fingerprint: str | None = None
    final: bool = Field(default=False, description="a rerun with the same fingerprint may skip it")


def main_event(report: Report) -> LinkedEvent | None:
    """The report's own main event if it names one, else the linked event most documents report."""
    given: Any = getattr(report, "main_event", None)
    if isinstance(given, LinkedEvent):
        return given
    wanted = given if isinstance(given, str) else getattr(given, "id", None)
    for linked in report.linked_events:
        if linked.id == wanted:
            return linked
    if not report.linked_events:
        return None
    return max(report.linked_events, key=lambda e: len(e.documents))  # max keeps the first of ties


Figures = tuple[Number | None, Number | None, Number | None]


def headline_figures(report: Report, event: LinkedEvent | None) -> dict[str, Figures]:
    figures: dict[str, Figures] = {}
    for headline in getattr(event, "headlines", None) or []:
        metric = getattr(headline, "metric", None)
        if metric in HEADLINE_METRICS and metric not in figures:
            low, best, high = (getattr(headline, k, None) for k in ("low", "best", "high"))
            figures[metric] = (low, best, high)
    event_id = event.id if event is not None else None
    for metric in HEADLINE_METRICS:
        if metric in figures:
            continue
        candidates = [e for e in report.estimates if e.event == event_id and e.metric == metric]
        if candidates:
            chosen = _incident_wide(candidates)
            figures[metric] = (chosen.low, chosen.best, chosen.high)
    return figures


def _incident_wide(estimates: Sequence[Estimate]) -> Estimate:
    unplaced = [e for e in estimates if e.place is None]
    if unplaced:
        return unplaced[0]
    return max(estimates, key=lambda e: (e.best if e.best is not None else -1, e.sources))


def describe_failure(stage: str, document: str | None, reason: str) -> str:
    return f"{stage}: {document}: {reason}" if document else f"{stage}: {reason}"


def report_row(
    cluster: str, report: Report, *, seconds: float, fingerprint: str, formats: Sequence[str]
) -> IndexRow:
    event = main_event(report)
    figures = headline_figures(report, event)
    values: dict[str, Any] = {}
    for metric, (low, best, high) in figures.items():
        values.update({f"{metric}_low": low, f"{metric}_best": best, f"{metric}_high": high})
    transient = report.run.backend != "none" and any(f.stage in TRANSIENT_STAGES for f in report.failures)
    return IndexRow(
        cluster=cluster,
        status="partial" if report.failures else "ok",
        main_event=event.description if event else None,
        date=event.date if event else None,
        places=list(event.places) if event else [],
        conflicts=len(report.conflicts),
        documents=len(report.documents),
        failures=[describe_failure(f.stage, f.document, f.reason) for f in report.failures],
        tokens=report.usage.total_tokens,
        seconds=round(seconds, 3),
        report=f"reports/{cluster}.json",
        formats=list(formats),
        fingerprint=fingerprint,
        final=not transient and not any(f.stage == "budget" for f in report.failures),
        **values,
    )


def failed_row(
    cluster: str, reason: str, *, seconds: float, fingerprint: str | None, final: bool
) -> IndexRow:
    return IndexRow(
        cluster=cluster,
        status="failed",
        failures=[reason],
        seconds=round(seconds, 3),
        fingerprint=fingerprint,
        final=final,
    )


def pending_row(cluster: str) -> IndexRow:
    return IndexRow(cluster=cluster, status="pending", failures=["not run yet"])


# --------------------------------------------------------------------------- files


def row_path(out: Path, cluster: str) -> Path:
    return out / "rows" / f"{cluster}.json"


def read_row(out: Path, cluster: str) -> IndexRow | None:
    try:
        return IndexRow.model_validate_json(row_path(out, cluster).read_bytes())
    except (OSError, ValidationError):
        return None


def write_row(out: Path, row: IndexRow) -> None:
    write_text_atomic(row_path(out, row.cluster), row.model_dump_json() + "\n")


CSV_LIST_SEPARATOR = "; "


def index_jsonl(rows: Iterable[IndexRow]) -> str:
    return "".join(row.model_dump_json() + "\n" for row in rows)


def index_csv(rows: Iterable[IndexRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(IndexRow.model_fields)
    for row in rows:
        cells = []
        for value in row.model_dump(mode="json").values():
            if isinstance(value, list):
                value = CSV_LIST_SEPARATOR.join(str(v) for v in value)
            cells.append("" if value is None else value)
        writer.writerow(cells)
    return buffer.getvalue()


def write_index(out: Path, rows: Sequence[IndexRow]) -> Path:
    """Replace index.jsonl and index.csv, each in one step."""
    write_text_atomic(out / "index.csv", index_csv(rows))
    path = out / "index.jsonl"
    write_text_atomic(path, index_jsonl(rows))
    return path
