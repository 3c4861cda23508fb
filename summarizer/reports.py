"""Saved reports: load them back and merge several into one, for re-reconciliation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from summarizer import __version__
from summarizer.errors import InputError
from summarizer.schemas import Report, RunInfo, Usage


def load_report(path: Path) -> Report:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    try:
        return Report.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise InputError(f"{path}: not a summarizer JSON report ({where}: {first['msg']})") from None


def load_reports(paths: Sequence[Path]) -> list[Report]:
    if not paths:
        raise InputError("no report given")
    return [load_report(p) for p in paths]


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report holding every document's extraction; reconciliation results are dropped."""
    if len(reports) == 1:
        only = reports[0]
        return only.model_copy(
            update={"linked_events": [], "conflicts": [], "estimates": [], "summary": None}
        )
    seen: dict[str, str] = {}
    merged = Report(
        run=RunInfo(
            tool_version=__version__,
            backend=",".join(sorted({r.run.backend or "?" for r in reports})),
            model=",".join(sorted({r.run.model or "?" for r in reports})),
            strategy=",".join(sorted({r.run.strategy or "?" for r in reports})),
        )
    )
    usage = Usage()
    for report in reports:
        for document in report.documents:
            if document.id in seen:
                raise InputError(f"document {document.id!r} appears in two reports; ids must be unique")
            seen[document.id] = document.source
        merged.documents.extend(report.documents)
        merged.events.extend(report.events)
        merged.claims.extend(report.claims)
        merged.quotes.extend(report.quotes)
        merged.failures.extend(report.failures)
        merged.document_usage.update(report.document_usage)
        usage.add(report.usage)
    merged.usage = usage
    return merged
