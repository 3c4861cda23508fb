"""Every benchmark in sequence, each table printed under the command that produced it.

    python benchmarks/run_all.py                    # all of them (`make bench`)
    python benchmarks/run_all.py --no-model         # only those that need no model (seconds)
    python benchmarks/run_all.py --cases path/to/cases

Each benchmark runs as its own process (`python benchmarks/<name>.py ...`), exactly as the
printed command line says, so any table can be reproduced alone. The model benchmarks each
start the embedded server; langextract's needs the `bench` extra (langextract==1.7.1).
A benchmark that fails is reported and the others still run; the exit status is 1 if any did.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Benchmark:
    script: str
    args: tuple[str, ...] = ()
    needs_model: bool = False
    takes_cases: bool = False

    def command(self, cases: Path | None) -> list[str]:
        case_args = [str(cases)] if self.takes_cases and cases is not None else []
        return [sys.executable, str(Path("benchmarks") / self.script), *case_args, *self.args]


BENCHMARKS = (
    Benchmark("bench_render.py"),
    Benchmark("bench_reconcile.py"),
    Benchmark("bench_batch.py"),
    Benchmark("bench_candidates.py", takes_cases=True),
    Benchmark("bench_long_article.py"),
    Benchmark("bench_cache.py", needs_model=True),
    Benchmark("bench_tokens.py", needs_model=True, takes_cases=True),
    Benchmark("bench_langextract.py", needs_model=True, takes_cases=True),
)


def shown(command: Sequence[str]) -> str:
    """The command as a reader would type it: `python`, not this interpreter's full path."""
    return shlex.join(["python", *command[1:]])


def run(benchmark: Benchmark, cases: Path | None) -> bool:
    command = benchmark.command(cases)
    print(f"\n$ {shown(command)}", flush=True)
    started = time.perf_counter()
    # Tables as wide as they need when printed to a pipe or a file (rich reads COLUMNS).
    env = os.environ if sys.stdout.isatty() else {**os.environ, "COLUMNS": "220"}
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        returncode = process.wait()
    except BaseException:
        # Interrupted or terminated: stop the benchmark too (it stops its server on SIGTERM).
        process.terminate()
        process.wait()
        raise
    print(f"({benchmark.script}: {time.perf_counter() - started:.0f} s, exit {returncode})", flush=True)
    return returncode == 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=None, help="case folder(s) for the case benchmarks")
    parser.add_argument("--no-model", action="store_true", help="skip the benchmarks that run the model")
    parser.add_argument("--only", nargs="+", metavar="SCRIPT", help="run only these, e.g. bench_render.py")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    chosen = [
        b
        for b in BENCHMARKS
        if not (args.no_model and b.needs_model) and (not args.only or b.script in args.only)
    ]
    failed = [b.script for b in chosen if not run(b, args.cases)]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
