"""The one model interface every other module depends on.

A `StructuredLLM` takes an `LLMRequest` (chat messages, a pydantic response model, a
validation context) and returns the validated object plus the tokens it cost. Nothing here
imports a provider SDK: `openai_backend` implements the protocol with openai + instructor,
`testing.FakeLLM` implements it for unit tests, and `cache` and `budget` wrap any of them.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from summarizer.errors import BackendError, BudgetExceeded, SummarizerError
from summarizer.schemas import Usage

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class LLMRequest(Generic[T]):
    """One structured request. `context` reaches the response model's validators."""

    task: str
    prompt_version: str
    messages: list[dict[str, str]]
    response_model: type[T]
    context: dict[str, Any] = field(default_factory=dict)
    max_reasks: int = 2
    max_output_tokens: int | None = None

    def fingerprint(self, model: str) -> str:
        """Cache key: (model, prompt version, response schema, input)."""
        payload = {
            "model": model,
            "task": self.task,
            "prompt_version": self.prompt_version,
            "schema": self.response_model.model_json_schema(),
            "messages": self.messages,
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def estimated_prompt_tokens(self) -> int:
        """A cheap upper-ish estimate (4 characters a token) used to stop before a budget is passed."""
        chars = sum(len(m.get("content", "")) for m in self.messages)
        return chars // 4 + 16 * len(self.messages)


@dataclass
class LLMResult(Generic[T]):
    value: T
    usage: Usage


class LLMCallFailed(SummarizerError):
    """A request failed for good: transport retries or validation re-asks ran out.

    `usage` holds what the failed attempts cost, so totals stay honest.
    """

    def __init__(self, message: str, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.usage = usage or Usage()


class StructuredLLM(Protocol):
    @property
    def model_name(self) -> str: ...

    @property
    def backend(self) -> str: ...

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]: ...


OPTION_LABELS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class ChoiceRequest:
    """One multiple-choice question: the answer is one of `options` (option labels "A", "B",
    ...), and the backend says how probable the model finds each. The messages must put what
    several questions share (the article) first, so a server can reuse its processed prefix."""

    task: str
    prompt_version: str
    messages: list[dict[str, str]]
    options: tuple[str, ...]

    def fingerprint(self, model: str) -> str:
        payload = {
            "model": model,
            "task": self.task,
            "prompt_version": self.prompt_version,
            "options": list(self.options),
            "messages": self.messages,
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


@dataclass
class ChoiceResult:
    """The probability of each option label, renormalized over the options (they sum to 1,
    or are all 0 when the model put no weight on any label)."""

    probabilities: dict[str, float]
    usage: Usage

    @property
    def best(self) -> tuple[str, float]:
        label = max(self.probabilities, key=lambda k: self.probabilities[k])
        return label, self.probabilities[label]


@runtime_checkable
class ChoosingLLM(Protocol):
    """A model that answers `ChoiceRequest`s with a probability per option."""

    @property
    def model_name(self) -> str: ...

    def choose(self, request: ChoiceRequest) -> ChoiceResult: ...


def option_probabilities(options: tuple[str, ...], top: dict[str, float]) -> dict[str, float]:
    """From the first answer token's top log-probabilities (token text -> logprob), each option
    label's probability renormalized over the labels ("A", " A" and "A)" count as A)."""
    mass = dict.fromkeys(options, 0.0)
    for token, logprob in top.items():
        label = token.strip().rstrip(").:")
        if label in mass:
            mass[label] += math.exp(logprob)
    total = sum(mass.values())
    return {k: (v / total if total > 0 else 0.0) for k, v in mass.items()}


class _Priced(Protocol):
    usage: Usage


R = TypeVar("R", bound=_Priced)


def _counted(call: Callable[[], R], usage: Usage) -> R:
    """One request of a multi-request job: its cost is added to `usage` whether it succeeds or
    fails, and a failure carries the whole job's usage so far."""
    try:
        result = call()
    except LLMCallFailed as failed:
        usage.add(failed.usage)
        failed.usage = usage
        raise
    usage.add(result.usage)
    return result


def choose_counted(llm: ChoosingLLM, request: ChoiceRequest, usage: Usage) -> ChoiceResult:
    """One question of a document's set, counted as `_counted` says."""
    return _counted(lambda: llm.choose(request), usage)


def complete_counted(llm: StructuredLLM, request: LLMRequest[T], usage: Usage) -> T:
    """One request of a multi-request job, counted as `_counted` says."""
    return _counted(lambda: llm.complete(request), usage).value


class DelegatingLLM:
    """Base for wrappers (cache, budget) that add behaviour around another model."""

    def __init__(self, inner: StructuredLLM) -> None:
        self.inner = inner

    @property
    def model_name(self) -> str:
        return self.inner.model_name

    @property
    def backend(self) -> str:
        return self.inner.backend


class TokenBudget:
    """A run-wide token allowance, shared by threads. Retries and re-asks count against it."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self._spent = 0
        self._lock = threading.Lock()

    @property
    def spent(self) -> int:
        return self._spent

    def check(self, request: LLMRequest[Any]) -> None:
        if self.limit is None:
            return
        with self._lock:
            needed = request.estimated_prompt_tokens() + (request.max_output_tokens or 0)
            if self._spent + needed > self.limit:
                raise BudgetExceeded(
                    f"token budget {self.limit} reached ({self._spent} spent, next call needs ~{needed})"
                )

    def charge(self, usage: Usage) -> None:
        with self._lock:
            self._spent += usage.total_tokens


class BudgetedLLM(DelegatingLLM):
    """Wraps a model so that no call starts once the budget could be exceeded."""

    def __init__(self, inner: StructuredLLM, budget: TokenBudget) -> None:
        super().__init__(inner)
        self.budget = budget

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        self.budget.check(request)
        try:
            result = self.inner.complete(request)
        except LLMCallFailed as failed:
            self.budget.charge(failed.usage)
            raise
        self.budget.charge(result.usage)
        return result

    def choose(self, request: ChoiceRequest) -> ChoiceResult:
        inner = self.inner
        if not isinstance(inner, ChoosingLLM):
            raise BackendError(f"the {self.backend} backend cannot answer multiple-choice questions")
        try:
            result = inner.choose(request)
        except LLMCallFailed as failed:
            self.budget.charge(failed.usage)
            raise
        self.budget.charge(result.usage)
        return result
