"""Faults, driven through the real openai client and instructor against a local HTTP server.

Each test scripts the fault server, makes one logical request through `OpenAICompatibleLLM`
and asserts the exact outcome: the value, or the error and its one-line reason, and the usage
(calls, retries, re-asks, tokens) counting every attempt. Timeouts are short (0.5 s client
timeout, 0.01 s backoff) so the module runs in a few seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fault_server import (
    COMPLETION_TOKENS,
    MODEL_ID,
    PROMPT_TOKENS,
    FaultServer,
    drop,
    empty_choices,
    length_cutoff,
    ok,
    schema_invalid,
    slow,
    status,
    timeout,
    truncated_json,
)
from pydantic import BaseModel, Field

from summarizer.errors import BackendError
from summarizer.llm import LLMCallFailed, LLMRequest
from summarizer.openai_backend import BackoffPolicy, OpenAICompatibleLLM
from summarizer.schemas import Usage

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
