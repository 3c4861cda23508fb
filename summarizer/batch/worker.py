"""One cluster in, its rendered reports and its index row out: the unit of work of a batch.

`run_cluster` never raises for a cluster's own problem: a cluster that cannot be summarized is
a failed row with its reason. It writes nothing; the driver writes what it returns, so workers
on other machines need to read the inputs but never write to the output folder.

On a Dask worker, `run_on_worker` opens the backend once per worker process (from the task's
settings: an endpoint, or none for rules only) and keeps it for the process's life.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from summarizer.backends.protocol import BudgetedLLM, TokenBudget
from summarizer.batch.index import IndexRow, failed_row, report_row
from summarizer.config import Settings
from summarizer.errors import InputError, SummarizerError
from summarizer.pipeline import Backend, open_backend, run_documents
from summarizer.schemas import Report
from summarizer.text.ingest import load_documents

SUFFIXES = {"json": "json", "md": "md", "html": "html"}


class ClusterTask(BaseModel):
    """Everything a worker needs: small, picklable, no open handles."""

    cluster: str
    files: list[Path]
    fingerprint: str
    settings: Settings
    formats: list[str]
    budget: int | None = None  # tokens this cluster may spend (distributed runs)


@dataclass
class ClusterOutcome:
    row: IndexRow
    texts: dict[str, str] = field(default_factory=dict)  # format -> rendered report
    budget_reached: bool = False  # the token budget stopped part of this cluster


def render(report: Report, output_format: str) -> str:
    if output_format == "html":
        from summarizer.render.html import render_html

        return render_html(report)
    from summarizer.render.markdown import render_json, render_markdown

    return render_json(report) if output_format == "json" else render_markdown(report)


def summarize_cluster(files: Sequence[Path], backend: Backend, settings: Settings) -> Report:
    if not files:
        raise InputError("no articles")
    loaded = load_documents([str(f) for f in files])
    if not loaded.documents:
        reasons = "; ".join(f.reason for f in loaded.failures) or "nothing to read"
        raise InputError(f"no readable article: {reasons}")
    report = run_documents(loaded.documents, backend, settings)
    if loaded.failures:
        report = report.model_copy(update={"failures": [*loaded.failures, *report.failures]})
    return report


def run_cluster(task: ClusterTask, backend: Backend) -> ClusterOutcome:
    started = time.perf_counter()
    try:
        report = summarize_cluster(task.files, backend, task.settings)
        formats = ["json", *(f for f in task.formats if f != "json")]
        texts = {fmt: render(report, fmt) for fmt in formats}
    except SummarizerError as exc:
        # Bad input fails the same way next time; a backend problem may not.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ClusterOutcome(
            failed_row(
                task.cluster,
                reason,
                seconds=time.perf_counter() - started,
                fingerprint=task.fingerprint,
                final=isinstance(exc, InputError),
            )
        )
    except Exception as exc:  # one cluster's bug must not stop the batch
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return ClusterOutcome(
            failed_row(
                task.cluster,
                f"internal error: {type(exc).__name__}: {first}",
                seconds=time.perf_counter() - started,
                fingerprint=task.fingerprint,
                final=False,
            )
        )
    row = report_row(
        task.cluster,
        report,
        seconds=time.perf_counter() - started,
        fingerprint=task.fingerprint,
        formats=list(texts),
    )
    return ClusterOutcome(row, texts, budget_reached=any(f.stage == "budget" for f in report.failures))


# --------------------------------------------------------------------------- on a Dask worker

_backends: dict[str, Backend] = {}
_backends_lock = threading.Lock()
_open = contextlib.ExitStack()
atexit.register(_open.close)


def process_backend(settings: Settings) -> Backend:
    """This process's backend for these settings, opened on first use (no budget: per task)."""
    unbudgeted = settings.model_copy(update={"max_tokens_total": None})
    key = unbudgeted.model_dump_json()
    with _backends_lock:
        if key not in _backends:
            _backends[key] = _open.enter_context(open_backend(unbudgeted))
        return _backends[key]


def run_on_worker(task: ClusterTask) -> ClusterOutcome:
    backend = process_backend(task.settings)
    if task.budget is not None and backend.llm is not None:
        backend = Backend(BudgetedLLM(backend.llm, TokenBudget(task.budget)), backend.name, backend.model)
    return run_cluster(task, backend)
