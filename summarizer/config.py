"""Run settings: flags win over environment variables, which win over defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from summarizer.errors import ConfigError

Strategy = Literal["auto", "sentences", "candidates", "questions", "rules"]
# The questions strategy's decision kinds (extraction/questions.py asks them; named here so a
# setting is checked without loading the extraction code).
DECISION_KINDS = ("person", "verify", "measure", "place", "unhinted")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint; None: embedded")
    api_key: SecretStr | None = None
    model: str | None = None
    mode: Literal["tools", "json", "md_json", "json_schema"] | None = Field(
        default=None, description="instructor mode; None = 'tools' for endpoints, 'json_schema' embedded"
    )
    llm: Literal["auto", "none"] = Field(default="auto", description="'none': rules only, no model at all")
    strategy: Strategy = Field(
        default="auto",
        description="'sentences': the model reads numbered sentences and extracts; 'candidates': code "
        "finds candidates and the model labels them; 'questions': the rules' labels, changed where "
        "the model answers a one-decision question confidently; 'rules': no model. 'auto': questions "
        "for the embedded model, sentences for endpoints",
    )
    ask: dict[str, float] | None = Field(
        default=None,
        description="the decision kinds the questions strategy asks, each with the probability from "
        "which the model's answer replaces the rules' ('verify=0.4,place=0.6'); None: the calibrated "
        "defaults, empty: ask nothing",
    )
    timeout: float | None = Field(
        default=None,
        gt=0,
        description="seconds per HTTP request; None: 120 for endpoints, 900 for the embedded model, "
        "whose CPU generation is slow and which keeps working on a request its client gave up on",
    )
    max_retries: int = Field(default=4, ge=0, description="transport retries per request")
    max_reasks: int = Field(default=2, ge=0, description="validation re-asks per request")
    concurrency: int = Field(default=1, ge=1, description="documents extracted at once")
    cache_dir: Path | None = None
    use_cache: bool = True
    max_tokens_total: int | None = Field(default=None, gt=0, description="token budget for the run")
    max_model_requests: int | None = Field(
        default=500,
        gt=0,
        description="the most model requests a run may plan (extraction chunks or label batches, "
        "and the summary), checked before any call; None: no limit. 500 lets about a hundred "
        "news articles through and stops a 5 MB one",
    )
    summary: bool = Field(default=True, description="False: deterministic summary, no summary call")
    chunk_sentences: int = Field(default=60, ge=4, description="sentences per extraction request")
    chunk_overlap: int = Field(default=4, ge=0)

    @field_validator("ask", mode="before")
    @classmethod
    def _parse_ask(cls, value: object) -> object:
        """'kind=threshold,...' from a flag or the environment; a dict passes through."""
        if not isinstance(value, str):
            return value
        parsed: dict[str, float] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            kind, _, threshold = item.partition("=")
            if kind not in DECISION_KINDS:
                raise ValueError(f"unknown decision kind {kind!r} (choose from {', '.join(DECISION_KINDS)})")
            try:
                parsed[kind] = float(threshold)
            except ValueError:
                raise ValueError(f"{item!r} is not kind=probability") from None
            if not 0.0 <= parsed[kind] <= 1.0:
                raise ValueError(f"{item!r}: the probability must be between 0 and 1")
        return parsed

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """OPENAI_BASE_URL / OPENAI_API_KEY / SUMMARIZER_MODEL, then explicit overrides (None = unset)."""
        values: dict[str, Any] = {
            "base_url": os.environ.get("OPENAI_BASE_URL") or None,
            "api_key": os.environ.get("OPENAI_API_KEY") or None,
            "model": os.environ.get("SUMMARIZER_MODEL") or None,
            "ask": os.environ.get("SUMMARIZER_ASK"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def resolved_timeout(self, backend: str) -> float:
        if self.timeout is not None:
            return self.timeout
        return 900.0 if backend == "embedded" else 120.0

    def resolved_strategy(self, backend: str) -> Strategy:
        if self.llm == "none":
            return "rules"
        if self.strategy != "auto":
            return self.strategy
        # The embedded model labelling candidates did worse than the rules alone; the questions
        # strategy asks it only the decision kinds that beat the rules on the dev cases.
        return "questions" if backend == "embedded" else "sentences"


def default_cache_dir() -> Path:
    """Where responses, the joined model file and server logs live: $SUMMARIZER_CACHE_DIR, else
    $XDG_CACHE_HOME/summarizer, else ~/.cache/summarizer. The one definition for the project."""
    override = os.environ.get("SUMMARIZER_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "summarizer"


def settings_from_flags(**flags: object) -> Settings:
    """Settings from command-line flags and the environment; an invalid value is a one-line
    `ConfigError` (exit 2) naming the flag."""
    from pydantic import ValidationError

    try:
        return Settings.from_env(**flags)
    except ValidationError as exc:
        error = exc.errors()[0]
        flag = ".".join(map(str, error["loc"])).replace("_", "-")
        raise ConfigError(f"invalid --{flag}: {error['msg']}") from None
