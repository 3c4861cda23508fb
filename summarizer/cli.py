"""The command line: parse, call one library function, render. Nothing is computed here.

Exit codes: 0 done (also when the summary fell back to the rules summary: a warning line); 1 error
(backend, unexpected); 2 bad input or usage; 3 partial: documents lost or the token budget hit.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from summarizer import __version__
from summarizer.batch.command import batch_command
from summarizer.config import settings_from_flags
from summarizer.errors import RunTooLarge, SummarizerError
from summarizer.logs import quiet_library_logs
from summarizer.model_commands import model_install, model_status
from summarizer.options import (
    ApiKeyOption,
    AskOption,
    BaseUrlOption,
    CacheDirOption,
    FormatOption,
    LlmOption,
    ModelOption,
    ModeOption,
    NoCacheOption,
    NoSummaryOption,
    OutputOption,
    QuietOption,
    StrategyOption,
)

if TYPE_CHECKING:
    from summarizer.schemas import Report

EXIT_PARTIAL = 3

app = typer.Typer(
    name="summarizer",
    help="Turn several news reports into grounded, typed facts, and show where the sources disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_app = typer.Typer(help="The embedded model: install it, say what is installed.", no_args_is_help=True)
app.add_typer(model_app, name="model")

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _run(command: Callable[P, R]) -> Callable[P, R]:
    """Every command's runner: an error is one line and an exit code; SIGTERM unwinds like Ctrl-C."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        quiet_library_logs()
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            return command(*args, **kwargs)
        except SummarizerError as exc:
            raise fail(str(exc).strip().partition("\n")[0] or type(exc).__name__, exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted; files already written are intact", 130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # the edge of the program: report, don't crash
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            line = f"{type(exc).__name__}: " + str(exc).strip().partition("\n")[0]
            raise fail(f"internal error: {line} (SUMMARIZER_DEBUG=1 shows more)", 1) from None

    return run


app.command("batch")(_run(batch_command))
model_app.command("install")(_run(model_install))
model_app.command("status")(_run(model_status))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """summarizer: grounded multi-source news facts."""


def _emit(report: Report, output_format: str, output: Path | None) -> None:
    from summarizer.atomic import write_text_atomic
    from summarizer.render import render_report

    text = render_report(report, output_format)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        write_text_atomic(output, text)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}", 1) from None


@app.command()
@_run
def summarize(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    output_format: FormatOption = "md",
    output: OutputOption = None,
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
    max_tokens_total: Annotated[int | None, typer.Option(help="Stop cleanly before N tokens.")] = None,
    concurrency: Annotated[int, typer.Option(help="Documents extracted at once.")] = 1,
    timeout: Annotated[float | None, typer.Option(help="Seconds per request [120; embedded: 900].")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Run however much model work it needs.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Extract, ground and reconcile the articles; print or write the report."""
    from summarizer.pipeline import summarize as run
    from summarizer.render.console import ProgressBar

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
        concurrency=concurrency,
        timeout=timeout,
    )
    if yes:
        settings = settings.model_copy(update={"max_model_requests": None})
    try:
        with ProgressBar(enabled=not quiet, label="extracting") as on_progress:
            report = run(inputs, settings=settings, progress=on_progress)
    except RunTooLarge as too_large:  # nothing was sent: ask on a terminal, else the one line
        if not (sys.stdin.isatty() and typer.confirm(f"{too_large} Run it anyway?", err=True)):
            raise
        with ProgressBar(enabled=not quiet, label="extracting") as on_progress:
            report = run(
                inputs,
                settings=settings.model_copy(update={"max_model_requests": None}),
                progress=on_progress,
            )
    _emit(report, output_format, output)
    for failure in report.failures:
        where = f"{failure.document}: " if failure.document and failure.stage != "ingest" else ""
        typer.echo(f"warning: {where}{failure.reason}", err=True)
    if all(document.id in report.lost_documents for document in report.documents):
        raise fail("no document could be extracted; the report lists why", 1)
    if report.partial:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
@_run
def reconcile(
    reports: Annotated[list[Path], typer.Argument(help="Saved JSON reports (summarize --format json).")],
    output_format: FormatOption = "md",
    output: OutputOption = None,
) -> None:
    """Re-run reconciliation on saved extractions, merged into one report. No model call."""
    from summarizer.reconcile.core import reconcile_report
    from summarizer.reports import load_reports, merge_reports
    from summarizer.summary import rules_summary

    merged = reconcile_report(merge_reports(load_reports(reports)))
    _emit(merged.model_copy(update={"summary": rules_summary(merged)}), output_format, output)


@app.command()
@_run
def schema() -> None:
    """Print the JSON Schema of the report."""
    from summarizer.schemas import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


@app.command()
@_run
def doctor(
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    check: Annotated[bool, typer.Option("--check/--no-check", help="Start or ping the backend.")] = True,
) -> None:
    """Say which backend and model would be used, and whether it answers."""
    from summarizer.backends.embedded.doctor import describe_backend
    from summarizer.render.console import print_rows

    backend = describe_backend(base_url, model, api_key, check=check)
    print_rows(backend.rows())
    if check and not backend.answers:
        raise typer.Exit(1)


@app.command(name="eval")
@_run
def evaluate(
    cases_dir: Annotated[Path, typer.Argument(help="Case folders (articles/ + the gold's .json).")],
    case: Annotated[list[str] | None, typer.Option("--case", help="Only this case (repeatable).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N cases.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every missed and spurious item.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    llm: LlmOption = "auto",
    strategy: StrategyOption = "auto",
    ask: AskOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Run and score every case by its kind (annotated, incident, linking); piped: Markdown tables."""
    from summarizer.evaluation.suite import render_suite, run_suite
    from summarizer.pipeline import open_backend, run_documents
    from summarizer.render.console import print_tables

    settings = settings_from_flags(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode,
        llm=llm,
        strategy=strategy,
        ask=ask,
        use_cache=not no_cache,
        summary=False,
    )
    with open_backend(settings) as backend:
        run = functools.partial(run_documents, backend=backend, settings=settings)
        result = run_suite(cases_dir, run, names=case or (), limit=limit, progress=not as_json)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        print_tables(render_suite(result, show_errors=errors))
