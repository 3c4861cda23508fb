"""Test doubles that ship with the library, clearly named as fakes.

`FakeLLM` implements the `StructuredLLM` protocol without any network: a responder function
returns what "the model" says (a dict, a JSON string or a model instance), and the fake
validates it against the request's response model with the request's validation context,
exactly as the real backend does, re-asking (calling the responder again) on failure.
`FakeChooser` implements `ChoosingLLM`: a responder gives each option label a weight, the fake
renormalizes them over the request's options as the real backend does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from summarizer.backends.protocol import ChoiceRequest, ChoiceResult, LLMCallFailed, LLMRequest, LLMResult, T
from summarizer.schemas import Usage

FakeAnswer = dict[str, Any] | str | BaseModel


@dataclass
class FakeCall:
    request: LLMRequest[Any]
    attempt: int
    error: str | None = None


@dataclass
class FakeLLM:
    """`responder(request, attempt)` is called once per attempt; attempt counts from 0."""

    responder: Callable[[LLMRequest[Any], int], FakeAnswer]
    model: str = "fake-model"
    calls: list[FakeCall] = field(default_factory=list)

    @property
    def model_name(self) -> str:
        return self.model

    @property
    def backend(self) -> str:
        return "fake"

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        usage = Usage()
        prompt_tokens = sum(len(m["content"]) for m in request.messages) // 4
        last_error = ""
        for attempt in range(request.max_reasks + 1):
            answer = self.responder(request, attempt)
            raw = answer.model_dump(mode="json") if isinstance(answer, BaseModel) else answer
            text = raw if isinstance(raw, str) else json.dumps(raw)
            usage.calls += 1
            usage.prompt_tokens += prompt_tokens
            usage.completion_tokens += len(text) // 4
            call = FakeCall(request=request, attempt=attempt)
            self.calls.append(call)
            try:
                value = request.response_model.model_validate_json(text, context=request.context)
            except ValidationError as exc:
                call.error = str(exc)
                last_error = str(exc).splitlines()[0]
                continue
            usage.reasks = attempt
            return LLMResult(value=value, usage=usage)
        usage.reasks = request.max_reasks
        raise LLMCallFailed(f"invalid output after {request.max_reasks + 1} attempt(s): {last_error}", usage)


@dataclass
class FakeChooser:
    """`responder(request)` returns weights by option label; missing labels weigh 0."""

    responder: Callable[[ChoiceRequest], dict[str, float]]
    model: str = "fake-chooser"
    requests: list[ChoiceRequest] = field(default_factory=list)

    @property
    def model_name(self) -> str:
        return self.model

    @property
    def backend(self) -> str:
        return "fake"

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        raise LLMCallFailed("FakeChooser answers multiple-choice questions only")

    def choose(self, request: ChoiceRequest) -> ChoiceResult:
        self.requests.append(request)
        weights = {label: max(0.0, self.responder(request).get(label, 0.0)) for label in request.options}
        total = sum(weights.values())
        probabilities = {k: (v / total if total else 0.0) for k, v in weights.items()}
        prompt_tokens = sum(len(m["content"]) for m in request.messages) // 4
        return ChoiceResult(probabilities, Usage(calls=1, prompt_tokens=prompt_tokens, completion_tokens=1))
