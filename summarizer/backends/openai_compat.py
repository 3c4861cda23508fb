"""The `StructuredLLM` implementation for any OpenAI-compatible endpoint: openai + instructor.

Two retry loops, kept apart on purpose:
- transport failures (timeouts, dropped connections, 429, 5xx) are retried by tenacity around
  each HTTP request, with exponential backoff that honours Retry-After;
- validation failures are re-asked by instructor, which shows the model its error, at most
  `LLMRequest.max_reasks` times.
Every HTTP attempt is counted (calls, tokens, retries, re-asks), whether it succeeds or not.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletionChunk
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from summarizer.backends.protocol import (
    ChoiceRequest,
    ChoiceResult,
    LLMCallFailed,
    LLMRequest,
    LLMResult,
    T,
    option_probabilities,
)
from summarizer.errors import BackendError, ConfigError
from summarizer.schemas import Usage

log = logging.getLogger(__name__)

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}

TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504}
FATAL_ERRORS = (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)


class EmptyChoices(Exception):
    """A 200 with no choices (an overloaded or filtering proxy): a transport fault, not bad output.

    Retried like a 5xx; handing it to instructor instead would re-ask with nothing to correct.
    """


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError | EmptyChoices):  # includes timeouts and drops
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in TRANSIENT_STATUS


def retry_after_seconds(exc: BaseException) -> float | None:
    if not isinstance(exc, openai.APIStatusError):
        return None
    value = exc.response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


@dataclass
class BackoffPolicy:
    """Exponential backoff with a cap; a server's Retry-After wins when it is given."""

    max_retries: int = 4
    initial: float = 1.0
    maximum: float = 30.0

    def wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_seconds(exc) if exc else None
        if hinted is not None:
            return min(hinted, self.maximum)
        return float(min(self.initial * 2 ** (state.attempt_number - 1), self.maximum))


@dataclass
class _Attempts:
    """What one logical request cost, across transport retries and re-asks."""

    usage: Usage = field(default_factory=Usage)
    responses: int = 0


class OpenAICompatibleLLM:
    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str = "tools",
        timeout: float = 120.0,
        backoff: BackoffPolicy | None = None,
        temperature: float = 0.0,
        http_client: Any = None,
        backend: str = "openai-compatible",
    ) -> None:
        if mode not in MODES:
            raise ConfigError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        self._model = model
        self._backend = backend
        self.mode = mode
        self.temperature = temperature
        self.backoff = backoff or BackoffPolicy()
        # The SDK's own retries are off: tenacity below does them, so each one is counted.
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    @property
    def model_name(self) -> str:
        return self._model

    @property
    def backend(self) -> str:
        return self._backend

    def close(self) -> None:
        self._client.close()

    def _send(self, attempts: _Attempts, **kwargs: Any) -> Any:
        retrying = Retrying(
            stop=stop_after_attempt(self.backoff.max_retries + 1),
            wait=self.backoff.wait,
            retry=retry_if_exception(is_transient),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    attempts.usage.retries += 1
                attempts.usage.calls += 1
                started = time.monotonic()
                try:
                    response = self._client.chat.completions.create(**kwargs)
                finally:
                    attempts.usage.seconds += time.monotonic() - started
                usage = getattr(response, "usage", None)
                if usage is not None:
                    attempts.usage.prompt_tokens += usage.prompt_tokens or 0
                    attempts.usage.completion_tokens += usage.completion_tokens or 0
                if not getattr(response, "choices", None):
                    raise EmptyChoices("the model endpoint answered with no choices")
                attempts.responses += 1  # an answer instructor validates (or re-asks)
                return response
        raise AssertionError("unreachable: tenacity reraises the last error")

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        attempts = _Attempts()
        create = instructor.patch(create=functools.partial(self._send, attempts), mode=MODES[self.mode])
        extra: dict[str, Any] = {}
        if request.max_output_tokens is not None:
            extra["max_tokens"] = request.max_output_tokens
        try:
            value = create(
                response_model=request.response_model,
                messages=request.messages,
                model=self._model,
                context=request.context,
                max_retries=request.max_reasks,
                temperature=self.temperature,
                **extra,
            )
        except InstructorRetryException as exc:
            attempts.usage.reasks = max(0, attempts.responses - 1)
            cause = exc.__cause__ or exc
            if isinstance(cause, FATAL_ERRORS):
                raise BackendError(describe_api_error(cause)) from None
            if isinstance(cause, openai.APIError | EmptyChoices):
                reason = describe_api_error(cause)
            else:
                reason = f"invalid output after {attempts.responses} attempt(s): {first_line(str(cause))}"
            raise LLMCallFailed(reason, attempts.usage) from None
        except IncompleteOutputException:
            attempts.usage.reasks = max(0, attempts.responses - 1)
            reason = "the model's answer was cut off at its output token limit (finish_reason 'length')"
            raise LLMCallFailed(reason, attempts.usage) from None
        except FATAL_ERRORS as exc:
            raise BackendError(describe_api_error(exc)) from None
        except openai.APIError as exc:
            raise LLMCallFailed(describe_api_error(exc), attempts.usage) from None
        attempts.usage.reasks = max(0, attempts.responses - 1)
        return LLMResult(value=value, usage=attempts.usage)

    def choose(self, request: ChoiceRequest) -> ChoiceResult:
        """The probability of each option of a multiple-choice question, from the top
        log-probabilities of the answer's first token (the endpoint must support `logprobs`;
        llama.cpp's Python server needs `logits_all`)."""
        return _choose(self, request)


# How many of the first answer token's most probable tokens to read: the option labels are
# among them whenever the model answers with one (a handful of options, plus "The", "Answer"...).
TOP_LOGPROBS = 10
CHARS_PER_TOKEN = 4  # for prompt tokens when a streamed answer reports no usage


def _choose(llm: OpenAICompatibleLLM, request: ChoiceRequest) -> ChoiceResult:
    """One token, streamed with its top log-probabilities. Streamed on purpose: llama.cpp's
    Python server computes log-probabilities for every prompt token of a non-streamed
    answer, a second or more per question, and only for the new token of a streamed one."""
    usage = Usage()
    retrying = Retrying(
        stop=stop_after_attempt(llm.backoff.max_retries + 1),
        wait=llm.backoff.wait,
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    usage.retries += 1
                usage.calls += 1
                started = time.monotonic()
                top: dict[str, float] = {}
                reported = False
                try:
                    stream = cast(
                        "Iterable[ChatCompletionChunk]",
                        llm._client.chat.completions.create(
                            model=llm.model_name,
                            messages=request.messages,  # type: ignore[arg-type]
                            max_tokens=1,
                            temperature=0.0,
                            logprobs=True,
                            top_logprobs=TOP_LOGPROBS,
                            stream=True,
                        ),
                    )
                    for chunk in stream:
                        if chunk.usage is not None:
                            usage.prompt_tokens += chunk.usage.prompt_tokens or 0
                            usage.completion_tokens += chunk.usage.completion_tokens or 0
                            reported = True
                        for choice in chunk.choices:
                            for item in (choice.logprobs.content or []) if choice.logprobs else []:
                                if not top:
                                    top = {t.token: t.logprob for t in item.top_logprobs}
                finally:
                    usage.seconds += time.monotonic() - started
                if not reported:
                    usage.prompt_tokens += sum(len(m["content"]) for m in request.messages) // CHARS_PER_TOKEN
                    usage.completion_tokens += 1
                if not top:
                    raise EmptyChoices("the model endpoint answered without log-probabilities")
                return ChoiceResult(option_probabilities(request.options, top), usage)
    except FATAL_ERRORS as exc:
        raise BackendError(describe_api_error(exc)) from None
    except (openai.APIError, EmptyChoices) as exc:
        raise LLMCallFailed(describe_api_error(exc), usage) from None
    raise AssertionError("unreachable: tenacity reraises the last error")


def first_line(text: str, limit: int = 300) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_api_error(exc: BaseException) -> str:
    """One line, never the request headers (they carry the key)."""
    if isinstance(exc, openai.APITimeoutError):
        return "the model endpoint timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect to the model endpoint"
    if isinstance(exc, openai.APIStatusError):
        if isinstance(exc, openai.AuthenticationError):
            return "the model endpoint rejected the API key (HTTP 401)"
        if isinstance(exc, openai.NotFoundError):
            return "the model endpoint answered 404: check --base-url and --model"
        return f"the model endpoint answered HTTP {exc.status_code}"
    return first_line(str(exc)) or type(exc).__name__
