"""The report's invariants on every evaluation cluster, rules only: estimates and order.

    python benchmarks/bench_invariants.py                     # gva-dev and dev beside the checkout
    python benchmarks/bench_invariants.py path/to/cases ...   # any folders of clusters
    (from the checkout with the package installed, or with PYTHONPATH=. )

Each cluster's articles are summarized twice with `--llm none`, in sorted and in reverse order.
An estimate violates when low <= best <= high or conservative <= best does not hold (None
bounds are open). A cluster is order-dependent when the two runs differ in their linked events,
conflicts or estimates once linked-event ids are replaced by their member events.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.config import Settings
from summarizer.pipeline import summarize
from summarizer.schemas import Estimate, Report

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_FOLDERS = (SHARED / "gva-dev", SHARED / "dev")


def estimate_violations(estimate: Estimate) -> list[str]:
    """The invariants this estimate breaks, as short names (none for a consistent one)."""
    broken: list[str] = []
    low, best, high, conservative = estimate.low, estimate.best, estimate.high, estimate.conservative
    if low is not None and high is not None and low > high:
        broken.append("low>high")
    if best is not None and low is not None and best < low:
        broken.append("best<low")
    if best is not None and high is not None and best > high:
        broken.append("best>high")
    if conservative is not None and best is not None and conservative > best:
        broken.append("conservative>best")
    return broken


def canonical(report: Report) -> dict[str, Any]:
    """The report's reconciliation with linked-event ids replaced by their sorted members."""
    members = {le.id: tuple(sorted(le.members)) for le in report.linked_events}

    def event(ident: str | None) -> tuple[str, ...] | None:
        return members.get(ident, (ident,)) if ident is not None else None

    return {
        "linked": sorted(members.values()),
        "conflicts": sorted(
            repr(
                (
                    c.kind.value,
                    event(c.event),
                    c.metric,
                    c.place,
                    sorted((s.document, sorted(s.claims), s.low, s.high) for s in c.sides),
                    c.newer,
                )
            )
            for c in report.conflicts
        ),
        "estimates": sorted(
            repr(
                (
                    event(e.event),
                    e.metric,
                    e.place,
                    e.low,
                    e.best,
                    e.high,
                    e.conservative,
                    e.sources,
                    sorted(e.claims),
                )
            )
            for e in report.estimates
        ),
    }


def clusters(folders: Iterable[Path]) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.iterdir()) if (p / "articles").is_dir()]


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or list(DEFAULT_FOLDERS)
    settings = Settings(llm="none", strategy="rules", use_cache=False, summary=False)
    console = Console()
    table = Table(title="report invariants, rules only")
    for column in ("folder", "clusters", "estimates", "estimate violations", "order-dependent", "seconds"):
        table.add_column(column, justify="left" if column == "folder" else "right")
    failed = 0
    for folder in folders:
        started = time.perf_counter()
        found = clusters([folder])
        n_estimates = violations = dependent = 0
        for cluster in found:
            paths = sorted(str(p) for p in (cluster / "articles").iterdir() if p.is_file())
            forward = summarize(paths, settings=settings)
            backward = summarize(paths[::-1], settings=settings)
            n_estimates += len(forward.estimates)
            for est in forward.estimates:
                if broken := estimate_violations(est):
                    violations += 1
                    shown = est.model_dump(exclude={"claims"})
                    console.print(f"{cluster.name}: {shown} {broken}", soft_wrap=True)
            if canonical(forward) != canonical(backward):
                dependent += 1
                console.print(f"{cluster.name}: differs in reverse order")
        failed += violations + dependent
        seconds = time.perf_counter() - started
        table.add_row(
            folder.name, str(len(found)), str(n_estimates), str(violations), str(dependent), f"{seconds:.0f}"
        )
    console.print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
