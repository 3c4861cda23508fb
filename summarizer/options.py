"""The command-line options several commands share (typer `Annotated` aliases): one definition
each, so `summarize`, `eval`, `batch` and `model` say and check the same thing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def check_format(value: str) -> str:
    if value not in ("md", "json", "html"):
        raise typer.BadParameter("choose md, json or html")
    return value


FormatOption = Annotated[str, typer.Option("--format", "-f", callback=check_format, help="md, json, html.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically).")]
BaseUrlOption = Annotated[
    str | None, typer.Option(envvar="OPENAI_BASE_URL", help="OpenAI-compatible endpoint; default: embedded.")
]
ApiKeyOption = Annotated[str | None, typer.Option(envvar="OPENAI_API_KEY", help="Key.", show_default=False)]
ModelOption = Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL", help="Model name.")]
ModeOption = Annotated[str | None, typer.Option(help="instructor mode: tools, json, md_json, json_schema.")]
StrategyOption = Annotated[str, typer.Option(help="auto, sentences, candidates, questions or rules.")]
LlmOption = Annotated[str, typer.Option("--llm", help="auto, or none for rules only (no model).")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the response cache.")]
CacheDirOption = Annotated[Path | None, typer.Option(envvar="SUMMARIZER_CACHE_DIR", help="Cache folder.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
NoSummaryOption = Annotated[bool, typer.Option("--no-summary", help="Deterministic summary, no call.")]
AskOption = Annotated[
    str | None,
    typer.Option(
        envvar="SUMMARIZER_ASK",
        help="Questions strategy: the kinds asked, each with the probability from which the model's "
        "answer wins, e.g. 'verify=0.4'; '' asks nothing. Default: the calibrated kinds.",
    ),
]
