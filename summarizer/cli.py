"""The command line: parse, call one library function, render. Nothing is computed here.

Exit codes: 0 done; 1 error (backend, unexpected); 2 bad input or usage;
3 partial: the report was written but some documents failed or the budget stopped the run.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer

from summarizer import __version__
from summarizer.batch.command import batch_command
from summarizer.errors import SummarizerError

EXIT_PARTIAL = 3

app = typer.Typer(
    name="summarizer",
    help="Turn several news reports into grounded, typed facts, and show where the sources disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def quiet_library_logs() -> None:
    """Libraries log their own retries at ERROR; the report and our one-line warnings say it better.

    A NullHandler stops Python's last-resort printing to stderr while records still propagate
    to any handler the embedding application (or a test) installed. SUMMARIZER_DEBUG=1 shows all.
    """
    if os.environ.get("SUMMARIZER_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
        return
    for name in ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2", "summarizer"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def one_line_errors(command: F) -> F:
    """Every error becomes one line on stderr and an exit code; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        quiet_library_logs()
        # SIGTERM unwinds like Ctrl-C, so the embedded server is stopped and files stay whole.
        signal.signal(signal.SIGTERM, _terminate)
        try:
            return command(*args, **kwargs)
        except SummarizerError as exc:
            raise fail(
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, exc.exit_code
            ) from None
        except KeyboardInterrupt:
            raise fail("interrupted; files already written are intact", 130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # the edge of the program: report, don't crash
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise fail(
                f"internal error: {type(exc).__name__}: {first} (SUMMARIZER_DEBUG=1 shows more)", 1
            ) from None

    return wrapper  # type: ignore[return-value]


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """summarizer: grounded multi-source news facts."""


Format = Literal["md", "json", "html"]


def render(report: Any, output_format: str) -> str:
    if output_format == "json":
        from summarizer.render.markdown import render_json

        return render_json(report)
    if output_format == "html":
        from summarizer.render.html import render_html

        return render_html(report)
    from summarizer.render.markdown import render_markdown

    return render_markdown(report)


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from summarizer.atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}", 1) from None


def build_settings(**flags: Any) -> Any:
    """Settings from flags and the environment; an invalid value is a one-line usage error."""
    from pydantic import ValidationError

    from summarizer.config import Settings

    try:
        return Settings.from_env(**flags)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        raise fail(f"invalid --{field.replace('_', '-')}: {error['msg']}", 2) from None


def check_format(value: str) -> str:
    if value not in ("md", "json", "html"):
        raise typer.BadParameter("choose md, json or html")
    return value


@app.command()
@one_line_errors
def summarize(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", callback=check_format, help="md, json or html.")
    ] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically).")] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="OPENAI_BASE_URL", help="OpenAI-compatible endpoint; default: embedded."),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(envvar="OPENAI_API_KEY", help="API key.", show_default=False)
    ] = None,
    model: Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL", help="Model name.")] = None,
    mode: Annotated[
        str | None, typer.Option(help="instructor mode: tools, json, md_json, json_schema.")
    ] = None,
    strategy: Annotated[str, typer.Option(help="auto, sentences, candidates or rules.")] = "auto",
    llm: Annotated[str, typer.Option("--llm", help="auto, or none for rules only (no model).")] = "auto",
    no_summary: Annotated[bool, typer.Option("--no-summary", help="Deterministic summary, no call.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the response cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option(envvar="SUMMARIZER_CACHE_DIR", help="Cache folder.")
    ] = None,
    max_tokens_total: Annotated[
        int | None, typer.Option(help="Stop cleanly before this many tokens.")
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Documents extracted at once.")] = 1,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds per HTTP request [default: 120; 900 embedded].")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract, ground and reconcile the articles; print or write the report."""
    from summarizer.pipeline import summarize as run

    settings = build_settings(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode,
        strategy=strategy,
        llm=llm,
        summary=not no_summary,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        max_tokens_total=max_tokens_total,
        concurrency=concurrency,
        timeout=timeout,
    )

    with progress_bar(enabled=not quiet) as on_progress:
        report = run(inputs, settings=settings, progress=on_progress)
    emit(render(report, output_format), output)
    for failure in report.failures:
        where = f"{failure.document}: " if failure.document and failure.stage != "ingest" else ""
        typer.echo(f"warning: {where}{failure.reason}", err=True)
    if all(d.id in failed_ids(report) for d in report.documents):
        raise fail("no document could be extracted; the report lists why", 1)
    if report.partial:
        raise typer.Exit(EXIT_PARTIAL)


def failed_ids(report: Any) -> set[str]:
    return {f.document for f in report.failures if f.document and f.stage in ("extract", "budget")}


class progress_bar:
    """A rich progress bar over documents on stderr; silent when disabled or not a terminal-less run."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[str, int, int], None]:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
        return self.update

    def update(self, document_id: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("", total=total)
        self._progress.update(self._task, completed=done, description=document_id)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command()
@one_line_errors
def reconcile(
    reports: Annotated[list[Path], typer.Argument(help="Saved JSON reports (summarize --format json).")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", callback=check_format, help="md, json or html.")
    ] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Re-run reconciliation on saved extractions, merged into one report. No model call."""
    from summarizer.reconcile.core import reconcile_report
    from summarizer.reports import load_reports, merge_reports
    from summarizer.summary import rules_summary

    merged = reconcile_report(merge_reports(load_reports(reports)))
    merged = merged.model_copy(update={"summary": rules_summary(merged)})
    emit(render(merged, output_format), output)


@app.command()
@one_line_errors
def schema() -> None:
    """Print the JSON Schema of the report."""
    from summarizer.schemas import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


@app.command()
@one_line_errors
def doctor(
    base_url: Annotated[str | None, typer.Option(envvar="OPENAI_BASE_URL")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="OPENAI_API_KEY", show_default=False)] = None,
    model: Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL")] = None,
    check: Annotated[bool, typer.Option("--check/--no-check", help="Start or ping the backend.")] = True,
) -> None:
    """Say which backend and model would be used, and whether it answers."""
    from summarizer.backends.embedded import describe_backend

    backend = describe_backend(base_url, model, api_key, check=check)
    rows = {
        "backend": backend.backend,
        "endpoint": backend.base_url or "(embedded llama.cpp server on 127.0.0.1)",
        "model": backend.model or "(none given)",
        "api key": "set" if backend.api_key_set else "not set",
    }
    if backend.backend == "embedded":
        rows["llama-cpp-python"] = backend.llama_cpp_version or "not installed (make model)"
        rows["weights"] = backend.model_file or (
            "installed" if backend.weights_installed else "not installed"
        )
    if backend.checked:
        rows["answers"] = "yes" if backend.answers else "no"
        if backend.latency_s is not None:
            rows["latency"] = f"{backend.latency_s:.2f} s"
        if backend.startup_s is not None:
            rows["start-up"] = f"{backend.startup_s:.1f} s"
        if backend.served_models:
            rows["served models"] = ", ".join(backend.served_models)
    if backend.detail:
        rows["detail"] = backend.detail
    width = max(len(k) for k in rows)
    for key, value in rows.items():
        typer.echo(f"{key:<{width}}  {value}")
    if check and not backend.answers:
        raise typer.Exit(1)


@app.command(name="eval")
@one_line_errors
def evaluate(
    cases_dir: Annotated[
        Path, typer.Argument(help="A folder of case folders (articles/ + annotations.json).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    llm: Annotated[str, typer.Option("--llm", help="auto, or none for the rules-only baseline.")] = "auto",
    strategy: Annotated[str, typer.Option(help="auto, sentences, candidates or rules.")] = "auto",
    base_url: Annotated[str | None, typer.Option(envvar="OPENAI_BASE_URL")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="OPENAI_API_KEY", show_default=False)] = None,
    model: Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL")] = None,
    mode: Annotated[str | None, typer.Option()] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
) -> None:
    """Run the pipeline on every case and score it against its annotations."""
    from rich.console import Console

    from summarizer.evaluation.scoring import evaluate_cases, render_eval_tables
    from summarizer.pipeline import open_backend, run_documents

    settings = build_settings(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode,
        llm=llm,
        strategy=strategy,
        use_cache=not no_cache,
        summary=False,
    )
    with open_backend(settings) as backend:
        result = evaluate_cases(cases_dir, lambda case: run_documents(case.documents, backend, settings))
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        Console().print(*render_eval_tables(result))


app.command("batch")(one_line_errors(batch_command))
