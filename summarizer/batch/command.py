"""`summarizer batch`: parse, plan, say what is up to date, run, say what happened.

cli.py registers `batch_command` (wrapped in its one-line-errors edge); this module imports
nothing heavy at import time, so `summarizer --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.config import settings_from_flags
from summarizer.options import (
    ApiKeyOption,
    AskOption,
    BaseUrlOption,
    CacheDirOption,
    LlmOption,
    ModelOption,
    ModeOption,
    NoCacheOption,
    NoSummaryOption,
    QuietOption,
    StrategyOption,
)

EXIT_PARTIAL = 3


def batch_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of cluster folders (each with articles/), one cluster folder, "
            "or a JSONL/CSV manifest of cluster ids and files."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder (reports, rows, index).")],
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help="Also write md and/or html beside each JSON report."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar="SUMMARIZER_SCHEDULER",
            help="Dask scheduler, e.g. tcp://host:8786 (needs the batch extra); default: in-process.",
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1, help="Clusters in flight at once [default: 1; with a scheduler 2 per worker thread]."
        ),
    ] = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    strategy: StrategyOption = "auto",
    ask: AskOption = None,
    llm: LlmOption = "auto",
    no_summary: NoSummaryOption = False,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    max_tokens_total: Annotated[
        int | None, typer.Option(help="Token budget for the whole batch; stops cleanly.")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds per HTTP request [default: 120; 900 embedded].")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Summarize many clusters: a report each and an index; a rerun does only what changed."""
    from summarizer.batch.runner import plan_batch, run_batch

    settings = settings_from_flags(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode,
        strategy=strategy,
        ask=ask,
        llm=llm,
        summary=not no_summary,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        max_tokens_total=max_tokens_total,
        timeout=timeout,
    )
    plan = plan_batch(source, output, settings, formats or ["json"])
    typer.echo(f"{len(plan.up_to_date)} up to date, {len(plan.to_run)} to run", err=True)
    with ProgressBar(enabled=not quiet and bool(plan.to_run)) as on_progress:
        result = run_batch(plan, scheduler=scheduler, concurrency=concurrency, progress=on_progress)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    typer.echo(
        f"ran {result.ran} in {result.seconds:.1f} s; {len(result.rows)} clusters: {counts}; "
        f"index: {result.index}",
        err=True,
    )
    if result.stopped_by_budget:
        typer.echo("warning: the token budget was reached; a rerun continues", err=True)
    for row in result.rows:
        if row.status == "failed":
            typer.echo(f"warning: {row.cluster}: {row.failures[0] if row.failures else 'failed'}", err=True)
    if any(row.status != "ok" for row in result.rows):
        raise typer.Exit(EXIT_PARTIAL)


class ProgressBar:
    """A rich progress bar over clusters on stderr, with the time left."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
            )
            self._progress.start()
        return self

    def __call__(self, cluster: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("", total=total)
        self._progress.update(self._task, completed=done, description=cluster)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
