"""How `summarizer batch` scales, rules only (`--llm none`): workers and memory.

    python benchmarks/bench_batch.py                       # ../shared/data/gva-dev; 100 and 1,000 clusters
    (from the checkout with the package installed, or with PYTHONPATH=. )
    python benchmarks/bench_batch.py CLUSTERS --limit 50 --sizes 100 300

Table 1, speed-up: the same clusters summarized in-process, then on a Dask LocalCluster of 1
and of 2 worker processes (one thread each; the cluster's start-up is not counted), each into a
fresh output folder. Speed-up is against the 1-worker run of the same table. The load average
from before the runs is printed: on a shared machine the figures move with it.

Table 2, memory: peak RSS of the driver process running the batch in-process over N synthetic
clusters (two short self-written articles per cluster, figures varied), against its RSS just
before the batch (after one warm-up cluster loaded the code). Each size runs in its own fresh
process, and the peak is reset before the batch (Linux: /proc/self/clear_refs, then VmHWM).
Reports are written as they finish and only index rows are kept, so the growth from 100 to
1,000 clusters stays small: memory is bounded by the clusters in flight, not by the batch.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVA_DEV = ROOT.parent / "shared" / "data" / "gva-dev"

ARTICLE = (
    "Shooting at {place} leaves {killed} dead\n\n"
    "{killed_word} people were killed and {injured} were injured in a shooting at a party in "
    "{place} on Saturday night, police said. Officers arrived within minutes. "
    '"We are still looking for the shooter," said Chief Ann Lee. '
    "The injured were taken to {place} General Hospital."
)
WORDS = ("Two", "Three", "Four", "Five")


def synthetic_clusters(root: Path, count: int) -> Path:
    """`count` cluster folders of two short articles each, figures varied by cluster."""
    for n in range(count):
        articles = root / f"s{n:05d}" / "articles"
        articles.mkdir(parents=True)
        killed = 2 + n % 4
        for outlet, injured in (("daily", 3 + n % 5), ("herald", 4 + n % 5)):
            text = ARTICLE.format(
                place=f"Town{n}", killed=killed, killed_word=WORDS[killed - 2], injured=injured
            )
            (articles / f"{outlet}-2024-05-0{1 + n % 9}.txt").write_text(text, encoding="utf-8")
    return root


def speed_up(seconds: float, baseline: float) -> str:
    return f"{baseline / seconds:.2f}x" if seconds > 0 else "-"


def timed_batch(source: Path, out: Path, scheduler: str | None) -> tuple[float, int]:
    from summarizer.batch.runner import plan_batch, run_batch
    from summarizer.config import Settings

    shutil.rmtree(out, ignore_errors=True)
    plan = plan_batch(source, out, Settings(llm="none", use_cache=False))
    started = time.perf_counter()
    result = run_batch(plan, scheduler=scheduler)
    return time.perf_counter() - started, result.ran


def limited(source: Path, limit: int | None, work: Path) -> Path:
    """The first `limit` clusters of `source`, as a JSONL manifest (the folders stay where they are)."""
    if limit is None:
        return source
    from summarizer.batch.clusters import find_clusters

    manifest = work / "clusters.jsonl"
    lines = [
        json.dumps({"id": c.id, "files": [str(f) for f in c.files]}) for c in find_clusters(source)[:limit]
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def workers_table(source: Path, work: Path) -> None:
    from distributed import LocalCluster

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"speed-up, rules only, over {source} (load average before: {load}; {os.cpu_count()} cores)")
    rows: list[tuple[str, float, int]] = []
    seconds, ran = timed_batch(source, work / "in-process", None)
    rows.append(("in-process", seconds, ran))
    # Worker processes import the same package as this one.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    for workers in (1, 2):
        with LocalCluster(  # type: ignore[no-untyped-call]  # its __init__ has no annotations
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            seconds, ran = timed_batch(source, work / f"dask-{workers}", cluster.scheduler_address)
        rows.append((f"dask, {workers} worker{'s' if workers > 1 else ''}", seconds, ran))
    baseline = rows[1][1]
    print(f"{'run':<18} {'clusters':>8} {'seconds':>8} {'clusters/s':>10} {'vs 1 worker':>12}")
    for name, seconds, ran in rows:
        print(f"{name:<18} {ran:>8} {seconds:>8.1f} {ran / seconds:>10.1f} {speed_up(seconds, baseline):>12}")


MEMORY_CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bench_batch import synthetic_clusters
from summarizer.batch.runner import plan_batch, run_batch
from summarizer.config import Settings
import summarizer.reconcile.core, summarizer.render.markdown, summarizer.extraction.candidates
work = Path(sys.argv[2])
source = synthetic_clusters(work / "clusters", int(sys.argv[1]))
plan = plan_batch(source, work / "out", Settings(llm="none", use_cache=False))
def status_kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} in /proc/self/status")
# Warm the lazy imports and caches on one cluster, so the baseline holds the code, not the work.
warm = plan_batch(source, work / "warm", Settings(llm="none", use_cache=False))
warm.to_run = warm.to_run[:1]
run_batch(warm)
before = status_kb("VmRSS")
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # resets the peak (VmHWM) to the current RSS
started = time.perf_counter()
result = run_batch(plan)
seconds = time.perf_counter() - started
peak = status_kb("VmHWM")
print(json.dumps({"ran": result.ran, "before_kb": before, "peak_kb": peak, "seconds": seconds}))
"""


def driver_memory(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as work:
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_CHILD, str(count), work, str(Path(__file__).resolve().parent)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def memory_table(sizes: Sequence[int]) -> None:
    print("\npeak RSS of the driver, in-process batch of N synthetic clusters (2 short articles each)")
    print(f"{'clusters':>8} {'seconds':>8} {'RSS before MB':>14} {'peak RSS MB':>12} {'growth MB':>10}")
    for count in sizes:
        m = driver_memory(count)
        before, peak = m["before_kb"] / 1024, m["peak_kb"] / 1024
        print(f"{int(m['ran']):>8} {m['seconds']:>8.1f} {before:>14.1f} {peak:>12.1f} {peak - before:>10.1f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("clusters", nargs="?", type=Path, default=GVA_DEV, help="a folder of cluster folders")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters for table 1")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="synthetic batch sizes")
    parser.add_argument("--no-workers", action="store_true", help="skip table 1")
    args = parser.parse_args(argv)
    if not args.no_workers:
        if not args.clusters.exists():
            print(f"(no clusters at {args.clusters}: the speed-up table is skipped)")
        else:
            with tempfile.TemporaryDirectory(prefix="bench-batch-") as work:
                workers_table(limited(args.clusters, args.limit, Path(work)), Path(work))
    memory_table(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
