"""One evaluation over three kinds of case folders, found per folder by the gold file it holds.

- `annotations.json`: an annotated cluster (claims, quotes, conflicts; `scoring`);
- `incident.json`: a GVA incident (headline killed and injured; `incident`);
- `linking.json`: an ECB+ topic (document linking, cross-event conflicts; `linking`).

`run_suite` runs the pipeline on each selected case (by name, then the first `limit`), scores
it by its kind and adds up one result per kind; a case that cannot be loaded, run or scored
becomes an error row and the others still run. `render_suite` draws one table per kind (and
the error listing on request). The CLI only parses options and calls these two.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from summarizer.errors import InputError
from summarizer.evaluation.cases import load_case
from summarizer.evaluation.errors import ItemError, annotated_errors
from summarizer.evaluation.incident import (
    FigureScore,
    IncidentCaseScore,
    IncidentSummary,
    MetricSummary,
    load_incident,
    score_incident,
    summarize_incidents,
)
from summarizer.evaluation.linking import LinkingCaseScore, load_linking, score_linking
from summarizer.evaluation.scoring import CaseError, CaseScore, EvalResult, one_line, score_case, total_score
from summarizer.evaluation.tables import fmt_prf, fmt_rate, render_eval_tables
from summarizer.schemas import Document, Report, RunInfo

Kind = Literal["annotated", "incident", "linking"]
KIND_FILES: dict[Kind, str] = {
    "annotated": "annotations.json",
    "incident": "incident.json",
    "linking": "linking.json",
}
Stage = Literal["load", "run", "score"]


def case_kind(path: Path) -> Kind | None:
    for kind, name in KIND_FILES.items():
        if (path / name).is_file():
            return kind
    return None


def find_suite_cases(
    root: Path, names: Sequence[str] = (), limit: int | None = None
) -> list[tuple[Kind, Path]]:
    """Case folders under `root` (or `root` itself), sorted; those named, then the first `limit`."""
    if (kind := case_kind(root)) is not None:
        found = [(kind, root)]
    elif root.is_dir():
        found = [(k, p) for p in sorted(root.iterdir()) if p.is_dir() and (k := case_kind(p)) is not None]
    else:
        raise InputError(f"{root}: not a directory")
    if not found:
        files = ", ".join(KIND_FILES.values())
        raise InputError(f"{root}: no case folders (a case folder holds articles/ and one of {files})")
    if names:
        unknown = sorted(set(names) - {p.name for _, p in found})
        if unknown:
            raise InputError(f"{root}: no case named {', '.join(unknown)}")
        found = [(k, p) for k, p in found if p.name in names]
    return found[:limit] if limit is not None else found


class IncidentResult(BaseModel):
    cases: list[IncidentCaseScore] = Field(default_factory=list)
    errors: list[CaseError] = Field(default_factory=list)
    overall: IncidentSummary = Field(default_factory=IncidentSummary)


class LinkingResult(BaseModel):
    cases: list[LinkingCaseScore] = Field(default_factory=list)
    errors: list[CaseError] = Field(default_factory=list)
    overall: LinkingCaseScore = Field(default_factory=lambda: LinkingCaseScore(case="overall"))


class SuiteResult(BaseModel):
    """All kinds of one run; a kind with no case is None."""

    cases_dir: str
    run: RunInfo | None = None
    seconds: float = 0.0
    annotated: EvalResult | None = None
    incident: IncidentResult | None = None
    linking: LinkingResult | None = None
    item_errors: list[ItemError] = Field(default_factory=list, description="every missed and spurious item")


def _headline_errors(score: IncidentCaseScore, report: Report) -> list[ItemError]:
    claims = {c.id: c for c in report.claims}
    errors: list[ItemError] = []
    for metric, figure in (("killed", score.killed), ("injured", score.injured)):
        if figure.exact:
            continue
        first = claims.get(figure.claims[0]) if figure.claims else None
        errors.append(
            ItemError(
                case=score.case,
                item="headline",
                error="missed" if not figure.has_figure else "wrong",
                document=first.document if first else None,
                sentence=first.sentence if first else None,
                gold=f"{metric} {figure.gold} (victims {figure.gold_victims})",
                closest=_describe_figure(metric, figure, first.span.text if first else None),
            )
        )
    return errors


def _describe_figure(metric: str, figure: FigureScore, evidence: str | None) -> str | None:
    if not figure.has_figure:
        return None
    low = "" if figure.low is None else figure.low
    high = "" if figure.high is None else figure.high
    said = f" «{evidence}»" if evidence else ""
    return f"{metric} {figure.best} ({low}..{high}){said}"


def run_suite(
    root: Path,
    run_documents: Callable[[list[Document]], Report],
    *,
    names: Sequence[str] = (),
    limit: int | None = None,
    progress: bool = False,
) -> SuiteResult:
    """Run and score every selected case; `progress` draws a bar on stderr."""
    selected = find_suite_cases(root, names, limit)
    started = time.perf_counter()
    annotated: list[CaseScore] = []
    incidents: list[IncidentCaseScore] = []
    linking: list[LinkingCaseScore] = []
    errors: dict[Kind, list[CaseError]] = {"annotated": [], "incident": [], "linking": []}
    item_errors: list[ItemError] = []
    run_info: RunInfo | None = None
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not progress,
    )
    with bar:
        task = bar.add_task("eval", total=len(selected))
        for kind, path in selected:
            bar.update(task, description=path.name)
            stage: Stage = "load"
            try:
                case = load_case(path) if kind == "annotated" else None
                incident = load_incident(path) if kind == "incident" else None
                topic = load_linking(path) if kind == "linking" else None
                documents = (case or incident or topic).documents  # type: ignore[union-attr]
                stage = "run"
                begun = time.perf_counter()
                report = run_documents(list(documents))
                seconds = time.perf_counter() - begun
                stage = "score"
                if case is not None:
                    annotated.append(score_case(case, report, seconds=seconds))
                    item_errors += annotated_errors(case, report)
                elif incident is not None:
                    incidents.append(score := score_incident(incident, report, seconds=seconds))
                    item_errors += _headline_errors(score, report)
                elif topic is not None:
                    linking.append(result := score_linking(topic, report, seconds=seconds))
                    item_errors += [
                        ItemError(
                            case=result.case,
                            item="link",
                            error=e.kind,
                            document=f"{e.a} ~ {e.b}",
                            gold="same event" if e.kind == "missed" else "different events",
                            closest=f"{e.a_event} ~ {e.b_event}",
                        )
                        for e in result.link_errors
                    ]
                run_info = run_info or report.run
            except Exception as exc:  # isolate cases; the error is reported as a row
                errors[kind].append(
                    CaseError(case=path.name, path=str(path), stage=stage, error=one_line(exc))
                )
            bar.advance(task)
    kinds = {kind for kind, _ in selected}
    return SuiteResult(
        cases_dir=str(root),
        run=run_info,
        seconds=time.perf_counter() - started,
        annotated=EvalResult(
            cases_dir=str(root),
            run=run_info,
            cases=annotated,
            errors=errors["annotated"],
            overall=total_score(annotated),
        )
        if "annotated" in kinds
        else None,
        incident=IncidentResult(
            cases=incidents, errors=errors["incident"], overall=summarize_incidents(incidents)
        )
        if "incident" in kinds
        else None,
        linking=LinkingResult(cases=linking, errors=errors["linking"], overall=total_linking(linking))
        if "linking" in kinds
        else None,
        item_errors=item_errors,
    )


def total_linking(scores: Sequence[LinkingCaseScore]) -> LinkingCaseScore:
    total = LinkingCaseScore(case="overall")
    for score in scores:
        total.documents += score.documents
        total.links += score.links
        total.conflicts += score.conflicts
        total.cross_event_conflicts += score.cross_event_conflicts
        total.seconds += score.seconds
        total.failures += score.failures
    return total


# --------------------------------------------------------------------------- tables


def _metric_cells(summary: MetricSummary) -> list[str]:
    return [
        str(summary.incidents),
        f"{summary.exact} ({fmt_rate(summary.accuracy)})",
        f"{summary.covered} ({fmt_rate(summary.coverage)})",
        fmt_rate(summary.mae),
        str(summary.with_figure),
        str(summary.missing),
    ]


def incident_table(result: IncidentResult) -> Table:
    """One row per count over all incidents (200 rows would hide the answer); per case in --json."""
    overall = result.overall
    table = Table(
        title="Incidents: the main event's headline figure vs GVA",
        caption=f"exact: best = GVA everyone or victims; covered: GVA within low..high; MAE over the "
        f"figures given; missing: no figure where GVA > 0. Both exact: {overall.both_exact}/"
        f"{overall.incidents}; cases that did not complete: {len(result.errors)}",
    )
    table.add_column("count", no_wrap=True)
    for name in ("incidents", "exact", "covered", "MAE", "figures", "missing"):
        table.add_column(name, justify="right")
    table.add_row("killed", *_metric_cells(overall.killed))
    table.add_row("injured", *_metric_cells(overall.injured))
    return table


def linking_table(result: LinkingResult) -> Table:
    table = Table(
        title="Linking: documents linked when their lede's events are one linked event "
        "(pairs vs same subtopic); cross-event conflicts must be 0"
    )
    table.add_column("case", no_wrap=True)
    for name in ("docs", "tp", "fp", "fn", "P", "R", "F1", "conflicts", "cross-event"):
        table.add_column(name, justify="right")

    def cells(score: LinkingCaseScore) -> list[str]:
        return [
            str(score.documents),
            *fmt_prf(score.links),
            str(score.conflicts),
            str(score.cross_event_conflicts),
        ]

    for score in result.cases:
        table.add_row(score.case, *cells(score))
    table.add_section()
    table.add_row("overall", *cells(result.overall), style="bold")
    return table


def errors_listing(result: SuiteResult) -> Table:
    table = Table(title=f"Missed and spurious items ({len(result.item_errors)})")
    for name in ("case", "item", "error", "document", "sentence", "gold", "closest output"):
        table.add_column(name, overflow="fold")
    for e in result.item_errors:
        sentence = "" if e.sentence is None else str(e.sentence)
        table.add_row(e.case, e.item, e.error, e.document or "", sentence, e.gold or "–", e.closest or "–")
    return table


def case_errors_table(errors: Sequence[CaseError], title: str) -> Table:
    table = Table(title=title, title_style="bold red")
    for name in ("case", "stage", "error"):
        table.add_column(name)
    for error in errors:
        table.add_row(error.case, error.stage, error.error)
    return table


def render_suite(result: SuiteResult, *, show_errors: bool = False) -> list[Table | str]:
    """One table (or set of tables) per kind present; the item listing when asked for."""
    out: list[Table | str] = []
    if result.annotated is not None:
        out += render_eval_tables(result.annotated)
    if result.incident is not None:
        out.append(incident_table(result.incident))
        if result.incident.errors:
            out.append(case_errors_table(result.incident.errors, "Incident cases that did not complete"))
    if result.linking is not None:
        out.append(linking_table(result.linking))
        if result.linking.errors:
            out.append(case_errors_table(result.linking.errors, "Linking cases that did not complete"))
    if show_errors:
        out.append(errors_listing(result))
    out.append(f"{sum(1 for _ in _all_cases(result))} cases in {result.seconds:.1f} s")
    return out


def _all_cases(result: SuiteResult) -> list[str]:
    names: list[str] = []
    if result.annotated is not None:
        names += [c.case for c in result.annotated.cases] + [e.case for e in result.annotated.errors]
    if result.incident is not None:
        names += [c.case for c in result.incident.cases] + [e.case for e in result.incident.errors]
    if result.linking is not None:
        names += [c.case for c in result.linking.cases] + [e.case for e in result.linking.errors]
    return names
