"""A report's run settings as every renderer shows them: labelled, in one order, unset ones
left out. No markup here; Markdown and HTML escape the values."""

from __future__ import annotations

from summarizer.schemas import RunInfo


def run_settings(run: RunInfo) -> list[tuple[str, str]]:
    """(label, value) for the backend, model, strategy and prompt version the run used."""
    settings = (
        ("backend", run.backend),
        ("model", run.model),
        ("strategy", run.strategy),
        ("prompt", run.prompt_version),
    )
    return [(label, value) for label, value in settings if value]
