"""Big inputs are told before they cost: a run over the model-work limit stops before any call,
in the library (`RunTooLarge`) and on the command line (one line naming --yes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.backends.fakes import FakeLLM
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import RunTooLarge
from summarizer.pipeline import summarize

runner = CliRunner()


def many_figures(path: Path, count: int) -> Path:
    """A self-written article whose sentences each carry one casualty figure."""
    lines = [f"In district {n}, officials said {n + 2} people were injured." for n in range(count)]
    path.write_text("Storm report\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_library_refuses_before_any_model_call(tmp_path: Path) -> None:
    article = many_figures(tmp_path / "storm.txt", 60)

    def never(request: object, attempt: int) -> dict[str, object]:
        raise AssertionError("no model call may be made")

    llm = FakeLLM(never)
    settings = Settings(strategy="candidates", max_model_requests=2, summary=False, use_cache=False)
    with pytest.raises(RunTooLarge, match=r"model requests .* over the limit of 2"):
        summarize([article], settings=settings, llm=llm)
    assert llm.calls == []


def test_the_cli_says_what_the_run_needs_and_how_to_go_on(tmp_path: Path) -> None:
    article = many_figures(tmp_path / "storm.txt", 13_000)
    result = runner.invoke(
        app,
        [
            "summarize",
            str(article),
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--strategy",
            "candidates",
            "-q",
        ],
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: this run needs ")
    assert "pass --yes" in line


def test_rules_only_has_no_limit(tmp_path: Path) -> None:
    article = many_figures(tmp_path / "storm.txt", 60)
    settings = Settings(llm="none", max_model_requests=1)
    report = summarize([article], settings=settings)
    assert report.claims
