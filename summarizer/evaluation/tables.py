"""The scores as rich tables: claims, quotes, conflicts and cost, one row per case plus the overall
row; the cases that did not complete last. Formatting only: every figure comes from `scoring`."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table

from summarizer.evaluation.scoring import CaseScore, Counts, EvalResult, Ratio
from summarizer.schemas import ConflictKind

KIND_LABELS: dict[ConflictKind, str] = {
    ConflictKind.CROSS_DOCUMENT: "cross-doc",
    ConflictKind.WITHIN_DOCUMENT_RANGE: "range",
    ConflictKind.REVISION: "revision",
    ConflictKind.PART_TOTAL_TENSION: "part/total",
}


def fmt_rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def fmt_ratio(ratio: Ratio) -> str:
    return f"{ratio.hits}/{ratio.total} ({fmt_rate(ratio.value)})"


def fmt_prf(counts: Counts) -> list[str]:
    return [
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
        fmt_rate(counts.precision),
        fmt_rate(counts.recall),
        fmt_rate(counts.f1),
    ]


def add_score_rows(table: Table, result: EvalResult, cells: Callable[[CaseScore], list[str]]) -> None:
    """One row per case, then the overall row in bold below a rule."""
    table.columns[0].no_wrap = True
    for score in result.cases:
        table.add_row(score.case, *cells(score))
    table.add_section()
    table.add_row(result.overall.case, *cells(result.overall), style="bold")


def claims_table(result: EvalResult) -> Table:
    table = Table(title="Claims (strict: document, metric, place, interval; loose: place ignored)")
    table.add_column("case")
    for name in ("tp", "fp", "fn", "P", "R", "F1", "loose tp", "loose P", "loose R", "loose F1"):
        table.add_column(name, justify="right")

    def cells(score: CaseScore) -> list[str]:
        loose = score.claims.loose
        return [
            *fmt_prf(score.claims.strict),
            str(loose.tp),
            *[fmt_rate(loose.precision), fmt_rate(loose.recall), fmt_rate(loose.f1)],
        ]

    add_score_rows(table, result, cells)
    return table


def quotes_table(result: EvalResult) -> Table:
    table = Table(title="Quotes (verbatim: text in the article; speaker: right among matched)")
    table.add_column("case")
    for name in ("tp", "fp", "fn", "P", "R", "F1", "verbatim", "speaker", "not-quotes"):
        table.add_column(name, justify="right")

    def cells(score: CaseScore) -> list[str]:
        quotes = score.quotes
        return [
            *fmt_prf(quotes.found),
            fmt_ratio(quotes.verbatim),
            fmt_ratio(quotes.speaker),
            f"{quotes.not_quotes_extracted}/{quotes.not_quotes}",
        ]

    add_score_rows(table, result, cells)
    return table


def conflicts_table(result: EvalResult) -> Table:
    table = Table(title="Conflicts (cross-document counted per pair of documents)")
    table.add_column("case")
    for name in ("tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(name, justify="right")
    for kind in ConflictKind:
        table.add_column(f"{KIND_LABELS[kind]} tp/fp/fn", justify="right")
    table.add_column("must-not flagged", justify="right")

    def cells(score: CaseScore) -> list[str]:
        conflicts = score.conflicts
        per_kind = [conflicts.by_kind.get(kind.value, Counts()) for kind in ConflictKind]
        return [
            *fmt_prf(conflicts.overall),
            *[f"{c.tp}/{c.fp}/{c.fn}" for c in per_kind],
            f"{conflicts.must_not_conflict_flagged}/{conflicts.must_not_conflict}",
        ]

    add_score_rows(table, result, cells)
    return table


def cost_table(result: EvalResult) -> Table:
    table = Table(
        title="Cost (tokens: prompt, completion; model s: waiting for the model; total s: the case)"
    )
    table.add_column("case")
    columns = ("docs", "prompt", "completion", "calls", "retries", "re-asks", "cached")
    for name in (*columns, "model s", "total s", "ungrounded", "failures"):
        table.add_column(name, justify="right")

    def cells(score: CaseScore) -> list[str]:
        usage = score.usage
        return [
            str(score.documents),
            f"{usage.prompt_tokens:,}",
            f"{usage.completion_tokens:,}",
            str(usage.calls),
            str(usage.retries),
            str(usage.reasks),
            str(usage.cache_hits),
            f"{usage.seconds:.1f}",
            f"{score.seconds:.1f}",
            str(score.ungrounded),
            str(score.failures),
        ]

    add_score_rows(table, result, cells)
    return table


def errors_table(result: EvalResult) -> Table:
    table = Table(title="Cases that did not complete", title_style="bold red")
    for name in ("case", "stage", "error"):
        table.add_column(name)
    for error in result.errors:
        table.add_row(error.case, error.stage, error.error)
    return table


def render_eval_tables(result: EvalResult) -> list[Table]:
    """Claims, quotes, conflicts and cost, one row per case plus the overall row; errors last."""
    tables = [claims_table(result), quotes_table(result), conflicts_table(result), cost_table(result)]
    if result.errors:
        tables.append(errors_table(result))
    return tables
