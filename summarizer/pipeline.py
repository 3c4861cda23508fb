"""The whole run: inputs in, a complete `Report` out. The library's answer and the CLI's output.

ingest → segment → extract (per document, possibly concurrent) → ground → reconcile → summary.
A document that fails is recorded in `Report.failures` with its reason; the others complete.
A token budget stops the run cleanly: documents not started are reported as such.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from summarizer import __version__
from summarizer.backends.protocol import BudgetedLLM, LLMCallFailed, StructuredLLM, TokenBudget
from summarizer.config import Settings, Strategy, default_cache_dir
from summarizer.errors import BackendError, BudgetExceeded, InputError
from summarizer.plan import check_run_size, plan_run
from summarizer.schemas import Document, DocumentExtraction, Failure, Report, RunInfo, Usage
from summarizer.text.ingest import load_documents
from summarizer.text.segment import segment

ProgressCallback = Callable[[str, int, int], None]
"""Called as (document id, documents done, documents total) after each document."""


@dataclass
class Backend:
    llm: StructuredLLM | None
    name: str
    model: str | None


@contextlib.contextmanager
def open_backend(
    settings: Settings, llm: StructuredLLM | None = None, *, logits_all: bool | None = None
) -> Iterator[Backend]:
    """The model for this run: given, none (rules), an endpoint, or the embedded server.
    `logits_all` starts the embedded server able to answer questions whatever kinds the settings
    ask (calibration asks every kind); None: only when the settings ask some."""
    if settings.llm == "none":
        yield Backend(None, "none", None)
        return
    if llm is not None:
        yield Backend(_wrap(llm, settings), llm.backend, llm.model_name)
        return

    from summarizer.backends.openai_compat import BackoffPolicy, OpenAICompatibleLLM

    backoff = BackoffPolicy(max_retries=settings.max_retries)
    api_key = settings.api_key.get_secret_value() if settings.api_key else None
    if settings.base_url:
        if not settings.model:
            raise InputError("no model given for the endpoint: use --model or SUMMARIZER_MODEL")
        client = OpenAICompatibleLLM(
            model=settings.model,
            base_url=settings.base_url,
            api_key=api_key,
            mode=settings.mode or "tools",
            timeout=settings.resolved_timeout("openai-compatible"),
            backoff=backoff,
        )
        try:
            yield Backend(_wrap(client, settings), client.backend, client.model_name)
        finally:
            client.close()
        return

    from summarizer.backends.embedded import EmbeddedServer, json_schema_rewriting_http_client

    # The model file and server logs live in the tool cache, not in a --cache-dir for responses,
    # so pointing the response cache elsewhere never copies the 1.1 GB model.
    # Multiple-choice questions read the option labels' log-probabilities, which this server
    # returns only when it keeps every token's logits.
    with EmbeddedServer(logits_all=_asks_questions(settings) if logits_all is None else logits_all) as server:
        client = OpenAICompatibleLLM(
            model=server.model_name,
            base_url=server.base_url,
            api_key=None,
            mode=settings.mode or "json_schema",
            timeout=settings.resolved_timeout("embedded"),
            backoff=backoff,
            http_client=json_schema_rewriting_http_client(),
            backend="embedded",
        )
        try:
            yield Backend(_wrap(client, settings), "embedded", server.model_name)
        finally:
            client.close()


def _asks_questions(settings: Settings) -> bool:
    from summarizer.extraction.questions import asked_kinds, run_thresholds

    asked = asked_kinds(run_thresholds(settings.ask))
    return settings.resolved_strategy("embedded") == "questions" and bool(asked)


def _wrap(llm: StructuredLLM, settings: Settings) -> StructuredLLM:
    """Budget inside the cache: a cached answer costs nothing and is served even at the limit."""
    wrapped: StructuredLLM = BudgetedLLM(llm, TokenBudget(settings.max_tokens_total))
    if settings.use_cache:
        from summarizer.backends.cache import CachedLLM, ResponseCache

        wrapped = CachedLLM(wrapped, ResponseCache(settings.cache_dir or default_cache_dir()))
    return wrapped


def extract_document(
    document: Document, llm: StructuredLLM | None, strategy: Strategy, settings: Settings
) -> DocumentExtraction:
    if strategy == "rules" or llm is None:
        from summarizer.extraction.rules import extract_by_rules

        return extract_by_rules(document)
    if strategy == "candidates":
        from summarizer.extraction.candidates import extract_by_labels

        return extract_by_labels(document, llm, max_reasks=settings.max_reasks)
    if strategy == "questions":
        from summarizer.extraction.questions import extract_by_questions

        return extract_by_questions(document, llm, settings.ask)
    from summarizer.extraction.sentences import extract_by_sentences

    return extract_by_sentences(
        document,
        llm,
        chunk_sentences=settings.chunk_sentences,
        chunk_overlap=settings.chunk_overlap,
        max_reasks=settings.max_reasks,
    )


def _as_documents(inputs: Sequence[str | Path | Document]) -> tuple[list[Document], list[Failure]]:
    given = [d for d in inputs if isinstance(d, Document)]
    paths = [str(p) for p in inputs if not isinstance(p, Document)]
    documents: list[Document] = []
    failures: list[Failure] = []
    for doc in given:
        documents.append(doc if doc.sentences else doc.model_copy(update={"sentences": segment(doc.text)}))
    if paths:
        loaded = load_documents(paths)
        documents.extend(loaded.documents)
        failures.extend(loaded.failures)
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise InputError(f"two documents share the id {doc.id!r}; ids must be unique")
        seen.add(doc.id)
    return documents, failures


def summarize(
    inputs: Sequence[str | Path | Document],
    *,
    settings: Settings | None = None,
    llm: StructuredLLM | None = None,
    progress: ProgressCallback | None = None,
) -> Report:
    """Run the pipeline on files, directories, globs, '-' (stdin) or `Document` objects."""
    settings = settings or Settings.from_env()
    if not inputs:
        raise InputError("no input given")
    documents, failures = _as_documents(inputs)
    if not documents:
        reasons = "; ".join(f.reason for f in failures) or "nothing to read"
        raise InputError(f"no readable article: {reasons}")

    with open_backend(settings, llm) as backend:
        report = run_documents(documents, backend, settings, progress)
    if failures:
        report = report.model_copy(update={"failures": [*failures, *report.failures]})
    return report


def run_documents(
    documents: Sequence[Document],
    backend: Backend,
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> Report:
    """Extract, reconcile and summarize documents with an open backend (reused across calls)."""
    strategy = settings.resolved_strategy(backend.name)
    if backend.llm is not None:
        # Told before it costs: a run over the model-work limit stops here, before any call.
        check_run_size(plan_run(documents, settings, strategy), settings)
    extractions, failures = _extract_all(list(documents), backend.llm, strategy, settings, progress)
    report = _assemble(list(documents), extractions, failures, backend, strategy)
    report = _reconcile(report)
    return _add_summary(report, backend.llm if settings.summary else None)


def _extract_all(
    documents: list[Document],
    llm: StructuredLLM | None,
    strategy: Strategy,
    settings: Settings,
    progress: ProgressCallback | None,
) -> tuple[dict[str, DocumentExtraction], list[Failure]]:
    results: dict[str, DocumentExtraction] = {}
    failures: dict[str, Failure] = {}
    budget_hit = threading.Event()
    done = 0

    def run_one(document: Document) -> DocumentExtraction:
        if budget_hit.is_set():
            raise BudgetExceeded("not started: the token budget was reached")
        return extract_document(document, llm, strategy, settings)

    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        pending: dict[Future[DocumentExtraction], Document] = {}
        queue = list(documents)
        while queue or pending:
            while queue and len(pending) < settings.concurrency and not budget_hit.is_set():
                document = queue.pop(0)
                pending[pool.submit(run_one, document)] = document
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                document = pending.pop(future)
                try:
                    results[document.id] = future.result()
                except BudgetExceeded as exc:
                    budget_hit.set()
                    failures[document.id] = Failure(document=document.id, stage="budget", reason=str(exc))
                except LLMCallFailed as exc:
                    failures[document.id] = Failure(document=document.id, stage="extract", reason=str(exc))
                    results[document.id] = DocumentExtraction(document=document, usage=exc.usage)
                except BackendError:
                    raise
                done += 1
                if progress is not None:
                    progress(document.id, done, len(documents))
        for document in queue:
            failures[document.id] = Failure(
                document=document.id, stage="budget", reason="not started: the token budget was reached"
            )
    ordered = [failures[d.id] for d in documents if d.id in failures]
    return results, ordered


def _assemble(
    documents: list[Document],
    extractions: dict[str, DocumentExtraction],
    failures: list[Failure],
    backend: Backend,
    strategy: Strategy,
) -> Report:
    from summarizer.backends.prompts import load_prompt

    prompt_version = None
    if backend.llm is not None:
        prompt_version = load_prompt("extract" if strategy == "sentences" else "label").version
    report = Report(
        run=RunInfo(
            tool_version=__version__,
            backend=backend.name,
            model=backend.model,
            strategy=strategy,
            prompt_version=prompt_version,
        ),
        documents=documents,
        failures=failures,
    )
    usage = Usage()
    for document in documents:
        extraction = extractions.get(document.id)
        if extraction is None:
            continue
        report.events.extend(extraction.events)
        report.claims.extend(extraction.claims)
        report.quotes.extend(extraction.quotes)
        report.document_usage[document.id] = extraction.usage
        usage.add(extraction.usage)
    report.usage = usage
    return report


def _reconcile(report: Report) -> Report:
    from summarizer.reconcile.core import reconcile_report

    return reconcile_report(report)


def _add_summary(report: Report, llm: StructuredLLM | None) -> Report:
    """The model's summary, or the rules summary with the reason recorded as a failure."""
    from summarizer.summary import rules_summary, summarize_report

    try:
        outcome = summarize_report(report, llm)
    except BudgetExceeded as exc:
        failure = Failure(document=None, stage="budget", reason=f"summary: {exc}; a rules summary was used")
        return report.model_copy(
            update={"summary": rules_summary(report), "failures": [*report.failures, failure]}
        )
    report.usage.add(outcome.usage)
    failures = report.failures
    if outcome.failure:
        reason = f"{outcome.failure}; a rules summary was used"
        failures = [*failures, Failure(document=None, stage="summarize", reason=reason)]
    return report.model_copy(update={"summary": outcome.summary, "failures": failures})
