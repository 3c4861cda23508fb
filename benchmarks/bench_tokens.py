"""Tokens per article against the floor, and where the wall time goes.

    python benchmarks/bench_tokens.py                          # the dev cases, strategy candidates
    python benchmarks/bench_tokens.py --strategy candidates sentences
    python benchmarks/bench_tokens.py --strategy questions     # the asked kinds of THRESHOLDS
    python benchmarks/bench_tokens.py path/to/cases            # any case folder, or folder of cases
    (from the checkout with the package installed, or with PYTHONPATH=. )

Every case runs through the pipeline (`run_documents`) with the embedded model, the response
cache off and the summary call off (it is per report, not per article), one document at a time.

- floor: what any extractor must at least pay for an article: the article's tokens (it has to
  be read) plus the tokens of the ideal answer (it has to be written): the gold claims and
  quotes of that document as compact JSON, `{"claims":[{"metric","place","phrase"}],
  "quotes":[{"speaker","text"}]}` (phrase = the annotated evidence). Tokens are counted with the
  model's own tokenizer through the llama.cpp server's `POST /extras/tokenize/count`; where the
  server does not have that endpoint, as ceil(characters / 4), the usual rate of English text in
  BPE vocabularies (the table's title says which was used).
- ×floor: (prompt + completion tokens) / floor.
- model s: time waiting for the model (`Usage.seconds`, every HTTP attempt); pipeline s: the rest
  of the article's wall time (candidates, grounding, validation, and reconciliation in the
  totals).
The rules-only baseline (no model, 0 tokens) is the last row.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from summarizer.backends.embedded import EmbeddedServer, json_schema_rewriting_http_client
from summarizer.backends.openai_compat import BackoffPolicy, OpenAICompatibleLLM
from summarizer.config import Settings, Strategy
from summarizer.evaluation.cases import Case, find_cases, load_case
from summarizer.logs import quiet_library_logs
from summarizer.pipeline import Backend, open_backend, run_documents
from summarizer.schemas import Report, Usage

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"

TokenCounter = Callable[[str], int]

CHARS_PER_TOKEN = 4  # the approximation used when the server cannot tokenize


# --------------------------------------------------------------------------- the floor


def ideal_answer(case: Case, document_id: str) -> str:
    """The gold claims and quotes of one document as the most compact JSON a model could write."""
    claims = [
        {"metric": c.metric, "place": c.place, "phrase": c.span.text}
        for c in case.claims
        if c.document == document_id
    ]
    quotes = [{"speaker": q.speaker, "text": q.text} for q in case.quotes if q.document == document_id]
    return json.dumps({"claims": claims, "quotes": quotes}, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Floor:
    article: int
    answer: int

    @property
    def total(self) -> int:
        return self.article + self.answer


def token_floor(case: Case, document_id: str, count: TokenCounter) -> Floor:
    article = next(d for d in case.documents if d.id == document_id)
    return Floor(article=count(article.text), answer=count(ideal_answer(case, document_id)))


def times_floor(tokens: int, floor: int) -> float | None:
    return tokens / floor if floor else None


def approximate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def server_root(base_url: str) -> str:
    """The server's root URL from its OpenAI base URL: llama.cpp's extras live beside /v1."""
    root = base_url.rstrip("/")
    return root.removesuffix("/v1")


class ServerTokenCounter:
    """Counts tokens with the served model's tokenizer (llama-cpp-python's /extras/tokenize/count)."""

    def __init__(self, base_url: str, model: str, timeout_s: float = 30.0) -> None:
        self._url = f"{server_root(base_url)}/extras/tokenize/count"
        self._model = model
        self._timeout_s = timeout_s

    def __call__(self, text: str) -> int:
        body = json.dumps({"input": text, "model": self._model}).encode("utf-8")
        request = urllib.request.Request(
            self._url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=self._timeout_s) as response:
            payload = json.loads(response.read())
        return int(payload["count"])


def token_counter(base_url: str | None, model: str | None) -> tuple[TokenCounter, str]:
    """The model's tokenizer when the server offers it, else the documented approximation."""
    if base_url and model:
        counter = ServerTokenCounter(base_url, model)
        try:
            counter("probe")
        except (OSError, ValueError, KeyError):
            pass
        else:
            return counter, "the model's tokenizer (llama.cpp /extras/tokenize/count)"
    return approximate_tokens, f"approximated as ceil(characters / {CHARS_PER_TOKEN})"


# --------------------------------------------------------------------------- running


def embedded_client(server: EmbeddedServer, settings: Settings) -> OpenAICompatibleLLM:
    """The client the pipeline builds for the embedded model (`open_backend`), on `server`.

    The benchmarks start the server themselves, so that they know its URL (for its tokenizer,
    and for langextract) and start it once for several runs.
    """
    return OpenAICompatibleLLM(
        model=server.model_name,
        base_url=server.base_url,
        mode=settings.mode or "json_schema",
        timeout=settings.resolved_timeout("embedded"),
        backoff=BackoffPolicy(max_retries=settings.max_retries),
        http_client=json_schema_rewriting_http_client(),
        backend="embedded",
    )


@contextlib.contextmanager
def embedded_backend(server: EmbeddedServer, settings: Settings) -> Iterator[Backend]:
    """A backend on `server`, wrapped as the pipeline wraps it (response cache, token budget)."""
    client = embedded_client(server, settings)
    try:
        with open_backend(settings, client) as backend:
            yield backend
    finally:
        client.close()


@dataclass
class DocumentRun:
    document: str
    usage: Usage
    seconds: float
    failed: str | None = None


@dataclass
class CaseRun:
    case: str
    report: Report
    seconds: float
    documents: list[DocumentRun] = field(default_factory=list)


def run_case(case: Case, backend: Backend, settings: Settings) -> CaseRun:
    """The pipeline on one case, one document at a time, each document's wall time measured."""
    settings = settings.model_copy(update={"concurrency": 1})
    finished: dict[str, float] = {}
    started = time.perf_counter()

    def progress(document_id: str, done: int, total: int) -> None:
        finished[document_id] = time.perf_counter()

    report = run_documents(case.documents, backend, settings, progress)
    seconds = time.perf_counter() - started
    failures = {f.document: f"{f.stage}: {f.reason}" for f in report.failures if f.document}
    runs: list[DocumentRun] = []
    previous = started
    for document_id, at in sorted(finished.items(), key=lambda item: item[1]):
        usage = report.document_usage.get(document_id, Usage())
        runs.append(DocumentRun(document_id, usage, at - previous, failures.get(document_id)))
        previous = at
    return CaseRun(case.name, report, seconds, runs)


RULES = Backend(None, "none", None)


def rules_settings() -> Settings:
    return Settings(llm="none", use_cache=False, summary=False)


def model_settings(strategy: Strategy) -> Settings:
    return Settings(strategy=strategy, use_cache=False, summary=False)


# --------------------------------------------------------------------------- the table


def stop_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so that `with EmbeddedServer()` stops the server.

    By default SIGTERM ends Python without unwinding (and without atexit hooks), which would
    leave the llama.cpp server running after its benchmark.
    """
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def wide_console() -> Console:
    """A console that does not squeeze the tables to 80 columns when the output is a pipe or file."""
    return Console() if sys.stdout.isatty() else Console(width=220)


def fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def short_case(name: str) -> str:
    return name.split("_", 1)[0]


def usage_cells(usage: Usage, floor: Floor, wall: float) -> list[str]:
    return [
        f"{usage.prompt_tokens:,}",
        f"{usage.completion_tokens:,}",
        fmt_ratio(times_floor(usage.total_tokens, floor.total)),
        str(usage.calls),
        f"{usage.seconds:.1f}",
        f"{max(0.0, wall - usage.seconds):.1f}",
    ]


def tokens_table(
    cases: Sequence[Case],
    floors: dict[tuple[str, str], Floor],
    runs: dict[str, list[CaseRun]],
    rules: list[CaseRun],
    counted_with: str,
) -> Table:
    table = Table(title=f"Tokens per article against the floor (tokens {counted_with})")
    table.add_column("case", no_wrap=True)
    table.add_column("article", no_wrap=True)
    table.add_column("strategy")
    for name in ("article tok", "answer tok", "floor", "prompt", "completion", "×floor", "calls"):
        table.add_column(name, justify="right")
    table.add_column("model s", justify="right")
    table.add_column("pipeline s", justify="right")
    all_floor = Floor(
        article=sum(f.article for f in floors.values()), answer=sum(f.answer for f in floors.values())
    )
    floor_cells = [f"{all_floor.article:,}", f"{all_floor.answer:,}", f"{all_floor.total:,}"]
    totals: list[tuple[str, Usage, float, int]] = []
    for strategy, case_runs in runs.items():
        for case_run in case_runs:
            for doc in case_run.documents:
                floor = floors[(case_run.case, doc.document)]
                name = doc.document + (" (failed)" if doc.failed else "")
                table.add_row(
                    short_case(case_run.case),
                    name,
                    strategy,
                    f"{floor.article:,}",
                    f"{floor.answer:,}",
                    f"{floor.total:,}",
                    *usage_cells(doc.usage, floor, doc.seconds),
                )
        total = Usage()
        for case_run in case_runs:
            total.add(case_run.report.usage)
        failed = sum(1 for r in case_runs for d in r.documents if d.failed)
        totals.append((strategy, total, sum(r.seconds for r in case_runs), failed))
        table.add_section()
    articles = sum(len(c.documents) for c in cases)
    for strategy, total, wall, failed in totals:
        label = f"{articles} articles" + (f" ({failed} failed)" if failed else "")
        table.add_row(
            "all", label, strategy, *floor_cells, *usage_cells(total, all_floor, wall), style="bold"
        )
    rules_wall = sum(r.seconds for r in rules)
    table.add_row(
        "all",
        f"{articles} articles",
        "rules",
        *floor_cells,
        *usage_cells(Usage(), all_floor, rules_wall),
    )
    return table


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="?", type=Path, default=DEV, help="a case folder or a folder of cases")
    parser.add_argument(
        "--strategy",
        nargs="+",
        choices=["candidates", "questions", "sentences"],
        default=["candidates"],
        help="extraction strategies to measure (default: candidates, the embedded default)",
    )
    args = parser.parse_args(argv)
    stop_cleanly_on_sigterm()
    quiet_library_logs()
    console = wide_console()
    cases = [load_case(path) for path in find_cases(args.cases)]

    rules = [run_case(case, RULES, rules_settings()) for case in cases]
    runs: dict[str, list[CaseRun]] = {}
    # Questions read option log-probabilities, which the server returns only with logits_all.
    with EmbeddedServer(logits_all="questions" in args.strategy) as server:
        count, counted_with = token_counter(server.base_url, server.model_name)
        floors = {(c.name, d.id): token_floor(c, d.id, count) for c in cases for d in c.documents}
        console.print(f"embedded server {server.model_name} started in {server.startup_s or 0:.1f} s")
        for strategy in args.strategy:
            settings = model_settings(strategy)
            with embedded_backend(server, settings) as backend:
                runs[strategy] = []
                for case in cases:
                    console.print(f"  {strategy}: {case.name} ({len(case.documents)} articles)…")
                    runs[strategy].append(run_case(case, backend, settings))
    console.print(tokens_table(cases, floors, runs, rules, counted_with))
    for strategy, case_runs in runs.items():
        for case_run in case_runs:
            for doc in case_run.documents:
                if doc.failed:
                    console.print(f"[red]{strategy} {case_run.case}/{doc.document}: {doc.failed}[/red]")


if __name__ == "__main__":
    main()
