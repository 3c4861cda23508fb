"""Prompt templates: files in prompts/, each with a version that is part of the cache key.

A template file starts with a front-matter block:

    ---
    version: extract-v1
    ---
    (system text) ... ===USER=== (user text)

Rendering is strict: a missing variable is an error, not an empty string.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from summarizer.errors import ConfigError

USER_MARKER = "===USER==="


def prompts_dir() -> Path:
    """SUMMARIZER_PROMPTS_DIR, else the package's prompts/: in a source checkout a link to the
    repository's top-level prompts/, in a wheel a copy of it (package data)."""
    override = os.environ.get("SUMMARIZER_PROMPTS_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1] / "prompts"


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: str
    system: jinja2.Template
    user: jinja2.Template

    def render(self, **variables: Any) -> list[dict[str, str]]:
        try:
            return [
                {"role": "system", "content": self.system.render(**variables).strip()},
                {"role": "user", "content": self.user.render(**variables).strip()},
            ]
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt {self.name}: {exc}") from exc


_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


@cache
def load_prompt(name: str) -> PromptTemplate:
    path = prompts_dir() / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"prompt {name}: cannot read {path}") from exc
    if not raw.startswith("---\n"):
        raise ConfigError(f"prompt {name}: {path} must start with a '---' front-matter block")
    header, _, body = raw[4:].partition("\n---\n")
    meta = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    version = meta.get("version", "").strip()
    if not version:
        raise ConfigError(f"prompt {name}: no version in front matter")
    system, marker, user = body.partition(USER_MARKER)
    if not marker:
        raise ConfigError(f"prompt {name}: missing {USER_MARKER} line")
    return PromptTemplate(name, version, _env.from_string(system), _env.from_string(user))
