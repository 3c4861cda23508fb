"""Faults, driven through the real openai client and instructor against a local HTTP server.

Each test scripts the fault server, makes one logical request through `OpenAICompatibleLLM`
and asserts the exact outcome: the value, or the error and its one-line reason, and the usage
(calls, retries, re-asks, tokens) counting every attempt. Timeouts are short (0.5 s client
timeout, 0.01 s backoff) so the module runs in a few seconds.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_server import (
    BAD_ANSWER,
    CITIES,
    COMPLETION_TOKENS,
    DOC_IDS,
    MODEL_ID,
    PROMPT_TOKENS,
    FaultServer,
    PerDocument,
    answer_for,
    article_text,
    drop,
    empty_choices,
    good_answer,
    length_cutoff,
    ok,
    requested_document,
    schema_invalid,
    slow,
    status,
    timeout,
    truncated_json,
    write_articles,
)
from paths import ROOT
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from summarizer.backends.openai_compat import BackoffPolicy, OpenAICompatibleLLM
from summarizer.backends.protocol import LLMCallFailed, LLMRequest, LLMResult, StructuredLLM, T
from summarizer.cli import EXIT_PARTIAL, app
from summarizer.config import Settings
from summarizer.errors import BackendError
from summarizer.extraction.sentences import ExtractionResponse, build_request
from summarizer.pipeline import summarize
from summarizer.schemas import Document, Failure, Report, Usage
from summarizer.text.ingest import load_documents
from summarizer.text.segment import segment

CLIENT_TIMEOUT = 0.5
FAST_BACKOFF = BackoffPolicy(max_retries=3, initial=0.01, maximum=0.05)
GOOD = {"city": "Kharkiv", "count": 3}
NEGATIVE = {"city": "Kharkiv", "count": -1}


class Answer(BaseModel):
    city: str
    count: int = Field(ge=0)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def make_llm(server: FaultServer, mode: str = "tools", api_key: str = "sk-test-key") -> OpenAICompatibleLLM:
    return OpenAICompatibleLLM(
        model=MODEL_ID,
        base_url=server.base_url,
        api_key=api_key,
        mode=mode,
        timeout=CLIENT_TIMEOUT,
        backoff=FAST_BACKOFF,
    )


def make_request(max_reasks: int = 2) -> LLMRequest[Answer]:
    return LLMRequest(
        task="test",
        prompt_version="test-v1",
        messages=[{"role": "user", "content": "How many, and where?"}],
        response_model=Answer,
        max_reasks=max_reasks,
    )


def usage(*, answered: int, calls: int, retries: int = 0, reasks: int = 0) -> Usage:
    """The expected usage: `answered` requests got a 200 with the server's fixed token counts."""
    return Usage(
        prompt_tokens=answered * PROMPT_TOKENS,
        completion_tokens=answered * COMPLETION_TOKENS,
        calls=calls,
        retries=retries,
        reasks=reasks,
    )


def without_seconds(value: Usage) -> Usage:
    """Wall time varies from run to run; everything else is exact."""
    return value.model_copy(update={"seconds": 0.0})


# --------------------------------------------------------------------------- transport faults


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_a_plain_answer_costs_one_call(server: FaultServer, mode: str) -> None:
    server.script(ok(GOOD))
    result = make_llm(server, mode).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=1)
    body = server.completions[0].body
    assert body is not None
    assert body["model"] == MODEL_ID
    assert ("tools" in body) is (mode == "tools")


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_429_with_retry_after_is_retried(server: FaultServer, mode: str) -> None:
    server.script(status(429, retry_after=0), ok(GOOD))
    result = make_llm(server, mode).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=2, retries=1)
    assert server.remaining == 0


@pytest.mark.parametrize("code", [500, 502, 503, 504])
def test_server_errors_are_retried(server: FaultServer, code: int) -> None:
    server.script(status(code), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=2, retries=1)


def test_500_then_503_then_ok_takes_two_retries(server: FaultServer) -> None:
    server.script(status(500), status(503), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert without_seconds(result.usage) == usage(answered=1, calls=3, retries=2)


def test_a_timeout_is_retried(server: FaultServer) -> None:
    server.script(timeout(CLIENT_TIMEOUT * 4), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=2, retries=1)
    assert result.usage.seconds >= CLIENT_TIMEOUT  # the timed-out wait is counted too


def test_a_dropped_connection_is_retried(server: FaultServer) -> None:
    server.script(drop(), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=2, retries=1)


def test_a_slow_answer_within_the_timeout_is_accepted(server: FaultServer) -> None:
    server.script(slow(CLIENT_TIMEOUT / 5, GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=1, calls=1)


def test_exhausted_transport_retries_fail_with_every_attempt_counted(server: FaultServer) -> None:
    attempts = FAST_BACKOFF.max_retries + 1
    server.script(*[status(503)] * attempts)
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == "the model endpoint answered HTTP 503"
    assert without_seconds(failed.value.usage) == usage(answered=0, calls=4, retries=3)
    assert len(server.completions) == attempts
    assert server.remaining == 0


def test_exhausted_timeouts_fail_with_a_one_line_reason(server: FaultServer) -> None:
    server.script(*[drop()] * FAST_BACKOFF.max_retries, timeout(CLIENT_TIMEOUT * 4))
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == "the model endpoint timed out"
    assert without_seconds(failed.value.usage) == usage(answered=0, calls=4, retries=3)


def test_an_empty_choice_list_is_retried_as_a_transport_fault(server: FaultServer) -> None:
    # Nothing to validate, so a re-ask ("fix your answer") would make no sense: retry instead.
    server.script(empty_choices(), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=2, calls=2, retries=1)


def test_empty_choices_every_time_fail_with_a_reason(server: FaultServer) -> None:
    server.script(*[empty_choices()] * (FAST_BACKOFF.max_retries + 1))
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == "the model endpoint answered with no choices"
    assert without_seconds(failed.value.usage) == usage(answered=4, calls=4, retries=3)


@pytest.mark.parametrize("code", [401, 403, 404])
def test_fatal_status_is_not_retried(server: FaultServer, code: int) -> None:
    server.script(status(code))
    with pytest.raises(BackendError) as failed:
        make_llm(server).complete(make_request())
    assert (
        str(failed.value)
        == {
            401: "the model endpoint rejected the API key (HTTP 401)",
            403: "the model endpoint answered HTTP 403",
            404: "the model endpoint answered 404: check --base-url and --model",
        }[code]
    )
    assert len(server.completions) == 1


def test_a_client_error_is_not_retried(server: FaultServer) -> None:
    server.script(status(400))
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == "the model endpoint answered HTTP 400"
    assert without_seconds(failed.value.usage) == usage(answered=0, calls=1)


# --------------------------------------------------------------------------- validation faults


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_truncated_json_is_re_asked(server: FaultServer, mode: str) -> None:
    server.script(truncated_json(GOOD), ok(GOOD))
    request = make_request()
    result = make_llm(server, mode).complete(request)
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=2, calls=2, reasks=1)
    # The re-ask shows the model its error; the caller's request is left as it was.
    first, second = (recorded.body for recorded in server.completions)
    assert first is not None and second is not None
    assert second["messages"][:-2] == first["messages"]  # + the bad answer + the error
    assert "Invalid JSON" in second["messages"][-1]["content"]
    assert request.messages == [{"role": "user", "content": "How many, and where?"}]


def test_schema_invalid_answers_are_re_asked_with_the_error(server: FaultServer) -> None:
    server.script(schema_invalid(NEGATIVE), ok(GOOD))
    result = make_llm(server).complete(make_request())
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=2, calls=2, reasks=1)
    second = server.completions[1].body
    assert second is not None
    feedback = second["messages"][-1]
    assert feedback["role"] == "tool"
    assert "greater than or equal to 0" in feedback["content"]


def test_re_asks_are_bounded(server: FaultServer) -> None:
    server.script(*[schema_invalid(NEGATIVE)] * 3, ok(GOOD))
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request(max_reasks=2))
    assert str(failed.value) == "invalid output after 3 attempt(s): 1 validation error for Answer"
    assert without_seconds(failed.value.usage) == usage(answered=3, calls=3, reasks=2)
    assert server.remaining == 1  # the fourth answer was never asked for


def test_transport_retries_and_re_asks_are_counted_apart(server: FaultServer) -> None:
    server.script(
        status(429, retry_after=0), truncated_json(GOOD), drop(), schema_invalid(NEGATIVE), ok(GOOD)
    )
    result = make_llm(server).complete(make_request(max_reasks=2))
    assert result.value.model_dump() == GOOD  # instructor adds private attributes to the object
    assert without_seconds(result.usage) == usage(answered=3, calls=5, retries=2, reasks=2)


def test_an_answer_cut_off_at_max_tokens_fails_with_a_reason(server: FaultServer) -> None:
    server.script(length_cutoff(GOOD), ok(GOOD))
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == (
        "the model's answer was cut off at its output token limit (finish_reason 'length')"
    )
    assert without_seconds(failed.value.usage) == usage(answered=1, calls=1)
    assert server.remaining == 1  # the same request would be cut off again: no re-ask


# --------------------------------------------------------------------------- the wire


def test_the_key_is_sent_as_a_bearer_token(server: FaultServer) -> None:
    server.script(ok(GOOD))
    make_llm(server, api_key="sk-test-wire").complete(make_request())
    assert server.completions[0].headers["authorization"] == "Bearer sk-test-wire"


def test_models_listing_is_served(server: FaultServer) -> None:
    client = make_llm(server)._client
    assert [model.id for model in client.models.list()] == [MODEL_ID]


def test_an_unscripted_request_fails_loudly(server: FaultServer) -> None:
    with pytest.raises(LLMCallFailed) as failed:
        make_llm(server).complete(make_request())
    assert str(failed.value) == "the model endpoint answered HTTP 400"


# --------------------------------------------------------------------------- the pipeline and the CLI
#
# Generated articles with known answers come from fault_server (`write_articles`, `answer_for`).


ClaimRow = tuple[str, str, str | None, float | None, float | None, str]


def claim_rows(report: Report) -> list[ClaimRow]:
    return [
        (c.document, c.metric, c.place, c.quantity.low, c.quantity.high, c.span.status.value)
        for c in report.claims
    ]


def expected_rows(*documents: str) -> list[ClaimRow]:
    rows: list[ClaimRow] = []
    for document in documents:
        index = DOC_IDS.index(document)
        rows.append((document, "killed", CITIES[index], index + 2, index + 2, "exact"))
    return rows


def pipeline_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(summary=False, cache_dir=tmp_path / "cache", **overrides)


def cache_entries(cache_dir: Path) -> list[dict[str, Any]]:
    """Every cache file, parsed (a torn write would fail here); no temp file may be left."""
    files = sorted((cache_dir / "responses").rglob("*")) if cache_dir.exists() else []
    assert [f.name for f in files if f.is_file() and f.name.startswith(".tmp")] == []
    return [json.loads(f.read_text(encoding="utf-8")) for f in files if f.is_file()]


def summed(usages: list[Usage]) -> Usage:
    total = Usage()
    for item in usages:
        total.add(item)
    return total


def test_a_document_that_fails_for_good_is_reported_and_the_others_complete(
    server: FaultServer, tmp_path: Path
) -> None:
    responder = PerDocument(good_answer)
    responder.script("docb", *[status(503)] * (FAST_BACKOFF.max_retries + 1))
    server.responder = responder
    paths = write_articles(tmp_path / "articles", 3)

    report = summarize(paths, settings=pipeline_settings(tmp_path), llm=make_llm(server))

    assert report.failures == [
        Failure(document="docb", stage="extract", reason="the model endpoint answered HTTP 503")
    ]
    assert [d.id for d in report.documents] == ["doca", "docb", "docc"]
    assert claim_rows(report) == expected_rows("doca", "docc")
    assert without_seconds(report.document_usage["docb"]) == usage(answered=0, calls=4, retries=3)
    # Usage in the report includes every retry of the failed document.
    assert without_seconds(report.usage) == usage(answered=2, calls=6, retries=3)
    assert len(cache_entries(tmp_path / "cache")) == 2  # failures are not cached


def test_the_budget_stops_the_run_before_it_is_exceeded_and_retries_count(
    server: FaultServer, tmp_path: Path
) -> None:
    documents = [Document(id=DOC_IDS[i], text=article_text(i), source=f"{DOC_IDS[i]}.txt") for i in range(3)]
    documents = [d.model_copy(update={"sentences": segment(d.text)}) for d in documents]
    responder = PerDocument(good_answer)
    responder.script("doca", truncated_json(answer_for("doca")))  # one re-ask: 2 × 120 tokens
    server.responder = responder
    per_answer = PROMPT_TOKENS + COMPLETION_TOKENS
    spent_before_c = 3 * per_answer  # doca twice, docb once
    needed_by_c = build_request(documents[2], range(2), max_reasks=2).estimated_prompt_tokens()
    limit = spent_before_c + needed_by_c - 1  # one token short of starting docc
    # Had the re-ask not been counted, 240 + needed_by_c would fit and docc would run.

    report = summarize(
        documents, settings=pipeline_settings(tmp_path, max_tokens_total=limit), llm=make_llm(server)
    )

    assert report.failures == [
        Failure(
            document="docc",
            stage="budget",
            reason=f"token budget {limit} reached ({spent_before_c} spent, next call needs ~{needed_by_c})",
        )
    ]
    assert claim_rows(report) == expected_rows("doca", "docb")
    assert without_seconds(report.usage) == usage(answered=3, calls=3, reasks=1)
    assert report.usage.total_tokens <= limit
    assert [requested_document(r.body or {}) for r in server.completions] == ["doca", "doca", "docb"]


def test_concurrent_documents_keep_usage_totals_and_the_cache_consistent(
    server: FaultServer, tmp_path: Path
) -> None:
    count = 8
    responder = PerDocument(lambda document: slow(0.05, answer_for(document)))
    for document in DOC_IDS[:count]:
        responder.script(document, status(429, retry_after=0))  # every document retries once
    server.responder = responder
    paths = write_articles(tmp_path / "articles", count)
    settings = pipeline_settings(tmp_path, concurrency=4)

    report = summarize(paths, settings=settings, llm=make_llm(server))

    assert report.failures == []
    assert claim_rows(report) == expected_rows(*DOC_IDS[:count])
    assert without_seconds(report.usage) == usage(answered=count, calls=2 * count, retries=count)
    assert without_seconds(report.usage) == without_seconds(summed(list(report.document_usage.values())))
    assert sorted(report.document_usage) == DOC_IDS[:count]
    assert 2 <= server.max_in_flight <= 4  # ran at once, never more than the limit
    entries = cache_entries(tmp_path / "cache")
    assert sorted(e["value"]["claims"][0]["place"] for e in entries) == sorted(CITIES[:count])
    for entry in entries:
        assert ExtractionResponse.model_validate(entry["value"]).model_dump(mode="json") == entry["value"]

    # A second run costs no call: every answer comes from the cache.
    requests_before = len(server.completions)
    again = summarize(paths, settings=settings, llm=make_llm(server))
    assert claim_rows(again) == claim_rows(report)
    assert without_seconds(again.usage) == Usage(cache_hits=count)
    assert len(server.completions) == requests_before


class InterruptingLLM:
    """A real model whose Nth call is interrupted, as Ctrl-C during the HTTP request would."""

    def __init__(self, inner: StructuredLLM, interrupt_on: int) -> None:
        self.inner = inner
        self.interrupt_on = interrupt_on
        self.calls = 0

    @property
    def model_name(self) -> str:
        return self.inner.model_name

    @property
    def backend(self) -> str:
        return self.inner.backend

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        self.calls += 1
        if self.calls == self.interrupt_on:
            raise KeyboardInterrupt
        return self.inner.complete(request)


def test_ctrl_c_mid_run_keeps_the_cache_and_a_rerun_loses_nothing(
    server: FaultServer, tmp_path: Path
) -> None:
    server.responder = PerDocument(good_answer)
    paths = write_articles(tmp_path / "articles", 3)
    settings = pipeline_settings(tmp_path)

    with pytest.raises(KeyboardInterrupt):
        summarize(paths, settings=settings, llm=InterruptingLLM(make_llm(server), interrupt_on=2))

    entries = cache_entries(tmp_path / "cache")
    assert [e["value"]["claims"][0]["place"] for e in entries] == [CITIES[0]]
    again = summarize(paths, settings=settings, llm=make_llm(server))
    assert again.failures == []
    assert claim_rows(again) == expected_rows("doca", "docb", "docc")
    assert again.usage.cache_hits == 1
    assert again.usage.calls == 2


def cli_args(server: FaultServer, *extra: str) -> list[str]:
    return [
        "summarize",
        "--base-url",
        server.base_url,
        "--api-key",
        "sk-test-key",
        "--model",
        MODEL_ID,
        "--no-summary",
        "--quiet",
        *extra,
    ]


def test_cli_exits_3_and_still_writes_the_report_when_a_document_fails(
    server: FaultServer, tmp_path: Path
) -> None:
    responder = PerDocument(good_answer)
    responder.script("docb", *[schema_invalid(BAD_ANSWER)] * 3)
    server.responder = responder
    paths = write_articles(tmp_path / "articles", 3)
    output = tmp_path / "report.json"

    result = CliRunner().invoke(
        app, cli_args(server, "--format", "json", "-o", str(output), *map(str, paths))
    )

    reason = "invalid output after 3 attempt(s): 1 validation error for ExtractionResponse"
    assert result.exit_code == EXIT_PARTIAL
    assert result.stdout == ""
    assert result.stderr == f"warning: docb: {reason}\n"
    report = Report.model_validate_json(output.read_text(encoding="utf-8"))
    assert report.failures == [Failure(document="docb", stage="extract", reason=reason)]
    assert claim_rows(report) == expected_rows("doca", "docc")
    assert without_seconds(report.usage) == usage(answered=5, calls=5, reasks=2)


def test_cli_stderr_holds_only_the_warnings_outside_pytest(server: FaultServer, tmp_path: Path) -> None:
    """In a real process no library log line (instructor logs retries at ERROR) reaches stderr."""
    responder = PerDocument(good_answer)
    responder.script("doca", status(429, retry_after=0))
    responder.script("docb", *[schema_invalid(BAD_ANSWER)] * 3)
    server.responder = responder
    paths = write_articles(tmp_path / "articles", 2)
    code = "import sys; from summarizer.cli import app; sys.argv[0] = 'summarizer'; app()"
    completed = subprocess.run(
        [sys.executable, "-c", code, *cli_args(server, "--format", "json", *map(str, paths))],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")},
    )
    reason = "invalid output after 3 attempt(s): 1 validation error for ExtractionResponse"
    assert completed.stderr == f"warning: docb: {reason}\n"
    assert completed.returncode == EXIT_PARTIAL
    assert Report.model_validate_json(completed.stdout).failures == [
        Failure(document="docb", stage="extract", reason=reason)
    ]


def test_cli_budget_stop_exits_3_with_the_completed_documents(server: FaultServer, tmp_path: Path) -> None:
    server.responder = PerDocument(good_answer)
    paths = write_articles(tmp_path / "articles", 3)
    documents = load_documents([str(p) for p in paths]).documents
    needed = [
        build_request(d, range(len(d.sentences)), max_reasks=2).estimated_prompt_tokens() for d in documents
    ]
    limit = PROMPT_TOKENS + COMPLETION_TOKENS + needed[1] - 1  # doca runs, docb would pass the limit
    assert needed[0] <= limit
    output = tmp_path / "report.json"

    result = CliRunner().invoke(
        app,
        cli_args(
            server, "--max-tokens-total", str(limit), "--format", "json", "-o", str(output), *map(str, paths)
        ),
    )

    assert result.exit_code == EXIT_PARTIAL
    report = Report.model_validate_json(output.read_text(encoding="utf-8"))
    assert [(f.document, f.stage) for f in report.failures] == [("docb", "budget"), ("docc", "budget")]
    assert claim_rows(report) == expected_rows("doca")
    assert report.usage.total_tokens <= limit
    assert result.stderr == "".join(f"warning: {f.document}: {f.reason}\n" for f in report.failures)


def test_cli_ctrl_c_leaves_an_existing_output_file_whole(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.responder = PerDocument(good_answer)
    paths = write_articles(tmp_path / "articles", 3)
    output = tmp_path / "report.json"
    output.write_text('{"previous": "report"}\n', encoding="utf-8")
    real_complete = OpenAICompatibleLLM.complete
    calls = []

    def interrupted_on_second_call(self: OpenAICompatibleLLM, request: LLMRequest[T]) -> LLMResult[T]:
        calls.append(request.task)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_complete(self, request)

    monkeypatch.setattr(OpenAICompatibleLLM, "complete", interrupted_on_second_call)
    cache_dir = tmp_path / "cache"

    result = CliRunner().invoke(
        app,
        cli_args(server, "--cache-dir", str(cache_dir), "-f", "json", "-o", str(output), *map(str, paths)),
    )

    assert result.exit_code == 130
    assert result.stderr == "error: interrupted; files already written are intact\n"
    assert output.read_text(encoding="utf-8") == '{"previous": "report"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "cache", "report.json"]
    assert [e["value"]["claims"][0]["place"] for e in cache_entries(cache_dir)] == [CITIES[0]]


def test_an_endpoint_that_is_down_fails_every_document_with_a_reason(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # free once closed: nothing listens there
    llm = OpenAICompatibleLLM(
        model=MODEL_ID,
        base_url=f"http://127.0.0.1:{closed_port}/v1",
        timeout=CLIENT_TIMEOUT,
        backoff=FAST_BACKOFF,
    )
    paths = write_articles(tmp_path / "articles", 2)

    report = summarize(paths, settings=pipeline_settings(tmp_path), llm=llm)

    reason = "could not connect to the model endpoint"
    assert report.failures == [Failure(document=d, stage="extract", reason=reason) for d in DOC_IDS[:2]]
    assert report.claims == []
    assert without_seconds(report.usage) == usage(answered=0, calls=8, retries=6)
