"""Multiple-choice answers from an OpenAI-compatible endpoint: one streamed token, its top
log-probabilities read per option label (the endpoint is a mock transport: no network)."""

from __future__ import annotations

import json

import httpx
import pytest

from summarizer.backends.openai_compat import OpenAICompatibleLLM
from summarizer.backends.protocol import ChoiceRequest, LLMCallFailed


def sse(*chunks: dict[str, object]) -> bytes:
    return b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n"


def chunk(logprobs: object) -> dict[str, object]:
    return {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "B"}, "finish_reason": None, "logprobs": logprobs}],
    }


QUESTION = ChoiceRequest(
    task="question-test",
    prompt_version="question-test-v1",
    messages=[{"role": "user", "content": "Article ... Question: which? A) one B) two"}],
    options=("A", "B"),
)


def client(body: bytes, seen: list[dict[str, object]]) -> OpenAICompatibleLLM:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    return OpenAICompatibleLLM(
        model="m",
        base_url="http://127.0.0.1:9/v1",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


def test_the_first_token_top_logprobs_give_each_option_a_probability() -> None:
    top = [{"token": "B", "logprob": -0.2, "bytes": None}, {"token": "A", "logprob": -1.8, "bytes": None}]
    content = [{"token": "B", "logprob": -0.2, "bytes": None, "top_logprobs": top}]
    seen: list[dict[str, object]] = []
    result = client(sse(chunk({"content": content})), seen).choose(QUESTION)
    assert result.best[0] == "B"
    assert result.probabilities["A"] + result.probabilities["B"] == pytest.approx(1.0)
    assert result.usage.calls == 1 and result.usage.prompt_tokens > 0
    (body,) = seen
    assert (body["max_tokens"], body["logprobs"], body["stream"]) == (1, True, True)


def test_an_answer_without_logprobs_is_a_failed_call_not_a_guess() -> None:
    llm = client(sse(chunk(None)), [])
    llm.backoff.max_retries = 0
    with pytest.raises(LLMCallFailed, match="log-probabilities"):
        llm.choose(QUESTION)
