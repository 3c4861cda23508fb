"""An on-disk response cache: a second run of the same input costs no call.

Keyed by (model, prompt version, response schema, messages) through `LLMRequest.fingerprint`.
Entries hold only the validated response and its original usage: never a header or a key.
Writes go to a temp file and are renamed into place, so concurrent runs and Ctrl-C never
leave a half-written entry.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.backends.protocol import (
    ChoiceRequest,
    ChoiceResult,
    ChoosingLLM,
    DelegatingLLM,
    LLMRequest,
    LLMResult,
    StructuredLLM,
    T,
)
from summarizer.errors import BackendError
from summarizer.schemas import Usage


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / "responses" / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            entry: dict[str, Any] = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or unreadable: treat as a miss, the call repairs it
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class CachedLLM(DelegatingLLM):
    """Wraps any model: answers from the cache when it can, stores what the model answered."""

    def __init__(self, inner: StructuredLLM, cache: ResponseCache) -> None:
        super().__init__(inner)
        self.cache = cache

    def complete(self, request: LLMRequest[T]) -> LLMResult[T]:
        key = request.fingerprint(self.inner.model_name)
        entry = self.cache.get(key)
        if entry is not None:
            try:
                value = request.response_model.model_validate(entry["value"], context=request.context)
            except (ValidationError, KeyError, TypeError):
                value = None  # stale or corrupt entry: ask the model again
            if value is not None:
                return LLMResult(value=value, usage=Usage(cache_hits=1))
        result = self.inner.complete(request)
        self.cache.put(
            key,
            {
                "model": self.inner.model_name,
                "task": request.task,
                "prompt_version": request.prompt_version,
                "value": result.value.model_dump(mode="json"),
                "usage": result.usage.model_dump(mode="json"),
            },
        )
        return result

    def choose(self, request: ChoiceRequest) -> ChoiceResult:
        """A question's option probabilities, cached like any answer."""
        inner = self.inner
        if not isinstance(inner, ChoosingLLM):
            raise BackendError(f"the {self.backend} backend cannot answer multiple-choice questions")
        key = request.fingerprint(inner.model_name)
        entry = self.cache.get(key)
        if entry is not None:
            probabilities = entry.get("probabilities")
            if isinstance(probabilities, dict) and set(probabilities) == set(request.options):
                return ChoiceResult({k: float(v) for k, v in probabilities.items()}, Usage(cache_hits=1))
        result = inner.choose(request)
        self.cache.put(
            key,
            {
                "model": inner.model_name,
                "task": request.task,
                "prompt_version": request.prompt_version,
                "probabilities": result.probabilities,
                "usage": result.usage.model_dump(mode="json"),
            },
        )
        return result
