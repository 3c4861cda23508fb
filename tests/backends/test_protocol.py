"""The model-independent LLM layer: fake model re-asks, the response cache, the token budget."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationInfo, field_validator

from summarizer.backends.cache import CachedLLM, ResponseCache
from summarizer.backends.fakes import FakeLLM
from summarizer.backends.protocol import BudgetedLLM, LLMCallFailed, LLMRequest, TokenBudget
from summarizer.errors import BudgetExceeded
from summarizer.schemas import Usage


class Answer(BaseModel):
    sentence: int

    @field_validator("sentence")
    @classmethod
    def known(cls, value: int, info: ValidationInfo) -> int:
        allowed = (info.context or {}).get("allowed", set())
        if value not in allowed:
            raise ValueError(f"sentence {value} does not exist")
        return value


def request(text: str = "hello", reasks: int = 2) -> LLMRequest[Answer]:
    return LLMRequest(
        task="test",
        prompt_version="test-v1",
        messages=[{"role": "user", "content": text}],
        response_model=Answer,
        context={"allowed": {1, 2}},
        max_reasks=reasks,
    )


def scripted(*answers: Any) -> FakeLLM:
    return FakeLLM(responder=lambda _request, attempt: answers[attempt])


def test_fake_llm_reasks_until_the_answer_validates() -> None:
    llm = scripted({"sentence": 9}, {"sentence": 2})
    result = llm.complete(request())
    assert result.value == Answer.model_construct(sentence=2)
    assert (result.usage.calls, result.usage.reasks) == (2, 1)
    assert llm.calls[0].error is not None and "sentence 9 does not exist" in llm.calls[0].error
    assert llm.calls[1].error is None


def test_fake_llm_gives_up_after_the_reask_limit_and_reports_usage() -> None:
    llm = scripted({"sentence": 7}, {"sentence": 8}, "not json")
    with pytest.raises(LLMCallFailed) as failed:
        llm.complete(request(reasks=2))
    assert failed.value.usage.calls == 3
    assert failed.value.usage.reasks == 2
    assert str(failed.value).startswith("invalid output after 3 attempt(s):")


def test_cache_serves_a_second_identical_request_without_a_call(tmp_path: Path) -> None:
    inner = scripted({"sentence": 1})
    cached = CachedLLM(inner, ResponseCache(tmp_path))
    first = cached.complete(request())
    inner.responder = lambda _r, _a: pytest.fail("the model must not be called again")
    second = cached.complete(request())
    assert first.value == second.value == Answer.model_construct(sentence=1)
    assert first.usage.calls == 1 and first.usage.cache_hits == 0
    assert second.usage == Usage(cache_hits=1)
    entries = list(tmp_path.rglob("*.json"))
    assert len(entries) == 1
    stored = json.loads(entries[0].read_text())
    assert stored["value"] == {"sentence": 1}
    assert stored["prompt_version"] == "test-v1"


def test_cache_key_changes_with_input_prompt_version_schema_and_model() -> None:
    base = request()
    assert base.fingerprint("m") == request().fingerprint("m")
    assert base.fingerprint("m") != request("other").fingerprint("m")
    assert base.fingerprint("m") != base.fingerprint("other-model")
    changed_version = LLMRequest(
        task="test",
        prompt_version="test-v2",
        messages=base.messages,
        response_model=Answer,
        context=base.context,
    )
    assert base.fingerprint("m") != changed_version.fingerprint("m")

    class OtherAnswer(BaseModel):
        sentence: str

    changed_schema = LLMRequest(
        task="test", prompt_version="test-v1", messages=base.messages, response_model=OtherAnswer
    )
    assert base.fingerprint("m") != changed_schema.fingerprint("m")


def test_a_corrupt_cache_entry_is_a_miss_and_is_repaired(tmp_path: Path) -> None:
    inner = scripted({"sentence": 2})
    cache = ResponseCache(tmp_path)
    key = request().fingerprint("fake-model")
    cache.put(key, {"value": {"sentence": 5}})  # no longer valid against the context
    result = CachedLLM(inner, cache).complete(request())
    assert result.value == Answer.model_construct(sentence=2)
    assert result.usage.calls == 1
    assert cache.get(key) is not None and cache.get(key)["value"] == {"sentence": 2}  # type: ignore[index]


def test_budget_refuses_a_call_that_could_pass_the_limit_and_counts_failed_calls() -> None:
    budget = TokenBudget(limit=20)
    llm = BudgetedLLM(scripted({"sentence": 5}, {"sentence": 5}, {"sentence": 5}), budget)
    with pytest.raises(LLMCallFailed):
        llm.complete(request("x" * 8))
    assert budget.spent == 3 * (2 + 3)  # three attempts: 8 chars = 2 prompt tokens, 15 chars = 3 completion
    with pytest.raises(BudgetExceeded, match="token budget 20 reached"):
        llm.complete(request("x" * 8))


def test_unlimited_budget_never_refuses() -> None:
    budget = TokenBudget(limit=None)
    llm = BudgetedLLM(scripted({"sentence": 1}), budget)
    assert llm.complete(request("y" * 4000)).value == Answer.model_construct(sentence=1)
