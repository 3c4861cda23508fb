"""The batch driver: plan (what is up to date, what to run), run in-process or on Dask, write.

Output folder:

    OUT/reports/<cluster>.json   (and .md / .html with --format)   the reports
    OUT/rows/<cluster>.json      one index row per cluster, with its fingerprint: the commit point
    OUT/index.jsonl, index.csv   rebuilt from rows/ at the end of every run, in cluster order

Every file is written atomically (temp file, fsync, rename). The driver alone writes; a killed
run loses the clusters in flight, and the next run redoes only what has no current row.
A lock file keeps two batches from writing to one folder at once.

Token budget: in-process, one budget is shared by every call of the batch (the backend's own).
With a scheduler each worker has its own backend, so each cluster gets what was left of the
budget when it was submitted. Either way the driver starts no cluster once one has met the
budget or the batch has spent it; those left are `pending` in the index, and a rerun goes on.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.atomic import write_text_atomic
from summarizer.batch.clusters import Cluster, cluster_fingerprint, find_clusters, run_fingerprint
from summarizer.batch.index import IndexRow, failed_row, pending_row, read_row, write_index, write_row
from summarizer.batch.worker import SUFFIXES, ClusterOutcome, ClusterTask, run_cluster
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.pipeline import open_backend

ProgressCallback = Callable[[str, int, int], None]
"""Called as (cluster id, clusters done, clusters to run) after each cluster."""

FORMATS = ("json", "md", "html")


@dataclass
class BatchPlan:
    out: Path
    clusters: list[Cluster]
    up_to_date: list[IndexRow]
    to_run: list[ClusterTask]


@dataclass
class BatchResult:
    plan: BatchPlan
    rows: list[IndexRow]
    ran: int
    seconds: float
    index: Path
    stopped_by_budget: bool = False
    counts: dict[str, int] = field(default_factory=dict)


def plan_batch(source: Path, out: Path, settings: Settings, formats: Sequence[str] = ("json",)) -> BatchPlan:
    """Which clusters have a current result in `out` and which must run."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}: choose json, md or html")
    wanted = ["json", *sorted(set(formats) - {"json"})]
    clusters = find_clusters(source)
    run = run_fingerprint(settings)
    up_to_date: list[IndexRow] = []
    to_run: list[ClusterTask] = []
    for cluster in clusters:
        fingerprint = cluster_fingerprint(cluster, run)
        row = read_row(out, cluster.id)
        if row is not None and _current(row, fingerprint, wanted, out):
            up_to_date.append(row)
        else:
            to_run.append(
                ClusterTask(
                    cluster=cluster.id,
                    files=list(cluster.files),
                    fingerprint=fingerprint,
                    settings=settings,
                    formats=wanted,
                )
            )
    return BatchPlan(out, clusters, up_to_date, to_run)


def _current(row: IndexRow, fingerprint: str, formats: Sequence[str], out: Path) -> bool:
    if row.fingerprint != fingerprint or not row.final:
        return False
    if row.status == "failed":
        return True  # bad input fails the same way again
    return set(formats) <= set(row.formats) and all(
        report_path(out, row.cluster, fmt).is_file() for fmt in formats
    )


def report_path(out: Path, cluster: str, output_format: str) -> Path:
    return out / "reports" / f"{cluster}.{SUFFIXES[output_format]}"


def run_batch(
    plan: BatchPlan,
    *,
    scheduler: str | None = None,
    concurrency: int | None = None,
    progress: ProgressCallback | None = None,
) -> BatchResult:
    """Run what the plan says is not up to date; always leave a whole index of every cluster."""
    out = plan.out
    settings = plan.to_run[0].settings if plan.to_run else None
    if scheduler and settings is not None and settings.llm != "none" and not settings.base_url:
        raise InputError("a distributed batch needs an endpoint for its workers (--base-url) or --llm none")
    started = time.perf_counter()
    driver = _Driver(out, len(plan.to_run), settings.max_tokens_total if settings else None, progress)
    with _locked(out):
        try:
            if plan.to_run and settings is not None:
                if scheduler:
                    _run_on_dask(plan.to_run, scheduler, concurrency, driver)
                else:
                    _run_in_process(plan.to_run, settings, concurrency or 1, driver)
        finally:  # Ctrl-C and SIGTERM included: the index says what is done so far
            rows = [read_row(out, c.id) or pending_row(c.id) for c in plan.clusters]
            current = {t.cluster: t.fingerprint for t in plan.to_run}
            rows = [
                pending_row(r.cluster) if r.cluster in current and r.fingerprint != current[r.cluster] else r
                for r in rows
            ]
            index = write_index(out, rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return BatchResult(
        plan, rows, driver.done, time.perf_counter() - started, index, driver.budget_reached, counts
    )


class _Driver:
    """Writes each outcome (reports, then the row) and keeps the batch's count and tokens."""

    def __init__(self, out: Path, total: int, budget: int | None, progress: ProgressCallback | None) -> None:
        self.out = out
        self.total = total
        self.budget = budget
        self.progress = progress
        self.done = 0
        self.tokens = 0
        self.stopped = False  # a cluster met the budget: start no more

    @property
    def budget_reached(self) -> bool:
        return self.stopped or (self.budget is not None and self.tokens >= self.budget)

    def budget_left(self) -> int | None:
        return None if self.budget is None else max(self.budget - self.tokens, 0)

    def commit(self, outcome: ClusterOutcome) -> bool:
        """Write one cluster's result; False once the batch's token budget is spent."""
        row = outcome.row
        for output_format in FORMATS:
            path = report_path(self.out, row.cluster, output_format)
            if output_format in outcome.texts:
                write_text_atomic(path, outcome.texts[output_format])
            elif row.status == "failed":
                path.unlink(missing_ok=True)  # no stale report beside a failed row
        write_row(self.out, row)
        self.done += 1
        self.tokens += row.tokens
        self.stopped = self.stopped or outcome.budget_reached
        if self.progress is not None:
            self.progress(row.cluster, self.done, self.total)
        return not self.budget_reached


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    for folder in (out, out / "reports", out / "rows"):
        folder.mkdir(parents=True, exist_ok=True)
    with open(out / ".batch.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{out}: another batch is writing there") from None
        _remove_stale_temp_files(out)
        yield


def _remove_stale_temp_files(out: Path) -> None:
    """A SIGKILL during an atomic write leaves its temp file (never the target): sweep them."""
    for folder in (out, out / "reports", out / "rows"):
        for path in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                os.unlink(path)


def _run_in_process(tasks: list[ClusterTask], settings: Settings, concurrency: int, driver: _Driver) -> None:
    with open_backend(settings) as backend:
        if concurrency == 1:
            for task in tasks:
                if not driver.commit(run_cluster(task, backend)):
                    return
            return
        pool = ThreadPoolExecutor(max_workers=concurrency)
        try:
            queue = iter(tasks)
            pending: set[Future[ClusterOutcome]] = set()
            for task in queue:
                pending.add(pool.submit(run_cluster, task, backend))
                if len(pending) >= concurrency:
                    break
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    if not driver.commit(future.result()):
                        return
                    following = next(queue, None)
                    if following is not None:
                        pending.add(pool.submit(run_cluster, following, backend))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_on_dask(tasks: list[ClusterTask], address: str, concurrency: int | None, driver: _Driver) -> None:
    try:  # untyped: used through Any
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise InputError("--scheduler needs Dask distributed: pip install 'summarizer[batch]'") from None
    from summarizer.batch.worker import run_on_worker

    with distributed.Client(address, set_as_default=False) as client:
        threads = sum(client.nthreads().values())
        slots = concurrency or max(2 * threads, 1)  # a little queued per worker, never the batch
        queue = iter(tasks)
        in_flight: dict[str, tuple[ClusterTask, Any]] = {}
        completed = distributed.as_completed(loop=client.loop)

        def submit_next() -> None:
            task = next(queue, None)
            if task is None:
                return
            task = task.model_copy(update={"budget": driver.budget_left()})
            key = f"summarize-{task.cluster}-{task.fingerprint[:16]}"
            future = client.submit(run_on_worker, task, key=key, retries=0)
            in_flight[key] = (task, future)
            completed.add(future)

        for _ in range(slots):
            submit_next()
        try:
            for future in completed:
                task, _ = in_flight.pop(future.key)
                try:
                    outcome: ClusterOutcome = future.result()
                except Exception as exc:  # the worker died or the task could not run there
                    reason = f"worker: {type(exc).__name__}: {exc}".splitlines()[0]
                    outcome = ClusterOutcome(
                        failed_row(
                            task.cluster, reason, seconds=0.0, fingerprint=task.fingerprint, final=False
                        )
                    )
                future.release()
                if not driver.commit(outcome):
                    break
                submit_next()
        finally:
            if in_flight:  # interrupted or out of budget: stop what is still queued or running
                client.cancel([future for _, future in in_flight.values()])
