"""The response cache: the same inputs three times with a fresh cache directory.

    python benchmarks/bench_cache.py                          # the bundled c00 examples
    python benchmarks/bench_cache.py a.txt b.txt --strategy sentences
    (from the checkout with the package installed, or with PYTHONPATH=. )

All runs go through `summarize` (ingest to summary, the summary call included) with the
embedded model, whose server is started once before them (its start-up is printed, not
counted). The first run fills an empty cache directory; the second should send no request.
Only validated answers are cached: a request that failed (the summary call, when the model's
citations never validate and the rules summary is used) is sent again by the second run, hence
a third run; the "summary by" column says which summary each run got.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_tokens import embedded_client, stop_cleanly_on_sigterm, wide_console
from rich.table import Table

from summarizer.backends.embedded import EmbeddedServer
from summarizer.config import Settings
from summarizer.logs import quiet_library_logs
from summarizer.pipeline import summarize
from summarizer.schemas import Usage

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
# A third run shows the steady state when the second had to ask again for a failed answer.
RUNS = ("first (empty cache)", "second (same inputs)", "third (same inputs)")


@dataclass(frozen=True)
class CacheRun:
    name: str
    usage: Usage
    seconds: float
    claims: int
    quotes: int
    summary: str
    failures: int


def speedup(first: float, second: float) -> str:
    return f"{first / second:,.0f}×" if second else "–"


def cache_table(runs: Sequence[CacheRun]) -> Table:
    """One row per run, then the wall-time ratio of the first run to each later one."""
    table = Table(title=f"Response cache: the same inputs {len(runs)} times, fresh cache directory")
    table.add_column("run", no_wrap=True)
    columns = ("calls", "cache hits", "prompt tok", "compl. tok", "model s", "wall s", "claims", "quotes")
    for name in (*columns, "summary by", "failures"):
        table.add_column(name, justify="right")
    for run in runs:
        table.add_row(
            run.name,
            str(run.usage.calls),
            str(run.usage.cache_hits),
            f"{run.usage.prompt_tokens:,}",
            f"{run.usage.completion_tokens:,}",
            f"{run.usage.seconds:.2f}",
            f"{run.seconds:.2f}",
            str(run.claims),
            str(run.quotes),
            run.summary,
            str(run.failures),
        )
    table.add_section()
    first = runs[0]
    for later in runs[1:]:
        label = f"{first.name.split()[0]} / {later.name.split()[0]}"
        cells = ["" for _ in range(len(columns) + 2)]
        cells[columns.index("wall s")] = speedup(first.seconds, later.seconds)
        table.add_row(label, *cells, style="bold")
    return table


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="*", type=Path, help="articles (default: fixtures/examples/*.txt)")
    parser.add_argument("--strategy", choices=["candidates", "sentences"], default="candidates")
    args = parser.parse_args(argv)
    inputs: list[Path] = args.inputs or sorted(EXAMPLES.glob("*.txt"))
    stop_cleanly_on_sigterm()
    quiet_library_logs()
    console = wide_console()
    with tempfile.TemporaryDirectory(prefix="summarizer-bench-cache-") as cache_dir:
        settings = Settings(strategy=args.strategy, use_cache=True, cache_dir=Path(cache_dir))
        with EmbeddedServer() as server:
            console.print(f"embedded server {server.model_name} started in {server.startup_s or 0:.1f} s")
            runs: list[CacheRun] = []
            for name in RUNS:
                client = embedded_client(server, settings)
                try:
                    started = time.perf_counter()
                    report = summarize(inputs, settings=settings, llm=client)
                    seconds = time.perf_counter() - started
                finally:
                    client.close()
                summary = report.summary.generated_by if report.summary else "none"
                runs.append(
                    CacheRun(
                        name,
                        report.usage,
                        seconds,
                        len(report.claims),
                        len(report.quotes),
                        summary,
                        len(report.failures),
                    )
                )
    console.print(f"inputs: {', '.join(p.name for p in inputs)}; strategy {args.strategy}")
    console.print(cache_table(runs))
    for run in runs:
        if run.summary != "llm":
            console.print(
                f"{run.name}: the summary call failed validation, so the rules summary was used; a "
                "failed answer is not cached, so a later run asks again (calls > 0 on the second run)"
            )


if __name__ == "__main__":
    main()
