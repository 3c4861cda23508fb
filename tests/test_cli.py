"""The command line, through typer's CliRunner. The rules-only path needs no model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from paths import C00, EXAMPLES
from rich.table import Table
from typer.testing import CliRunner

from summarizer import __version__, pipeline
from summarizer.cli import EXIT_PARTIAL, app
from summarizer.render.console import table_markdown
from summarizer.schemas import Failure, Report

CLASH = "clashreport-2026-01-24"
FILES = [str(EXAMPLES / f"{CLASH}.txt"), str(EXAMPLES / "nextfin-2026-01-27.txt")]

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"summarizer {__version__}\n")


def test_schema_prints_the_report_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == Report.model_json_schema()


def test_every_command_has_help() -> None:
    for command in [
        "summarize",
        "reconcile",
        "schema",
        "doctor",
        "eval",
        "model",
        "model install",
        "model status",
    ]:
        result = runner.invoke(app, [*command.split(), "--help"])
        assert result.exit_code == 0, command
        assert "Usage:" in result.stdout


def test_summarize_rules_only_writes_a_schema_valid_json_report(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["summarize", *FILES, "--llm", "none", "--format", "json", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    jsonschema.validate(data, Report.model_json_schema())
    assert [d["id"] for d in data["documents"]] == ["clashreport-2026-01-24", "nextfin-2026-01-27"]
    assert data["run"]["strategy"] == "rules"


def test_summarize_markdown_to_stdout() -> None:
    result = runner.invoke(app, ["summarize", FILES[0], "--llm", "none", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")


def test_reconcile_reruns_on_a_saved_report_without_a_model(tmp_path: Path) -> None:
    saved = tmp_path / "r.json"
    assert (
        runner.invoke(
            app, ["summarize", *FILES, "--llm", "none", "-f", "json", "-o", str(saved), "-q"]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["reconcile", str(saved), "--format", "json"])
    assert result.exit_code == 0, result.output
    original = Report.model_validate_json(saved.read_text())
    again = Report.model_validate_json(result.stdout)
    assert again.claims == original.claims
    assert again.conflicts == original.conflicts


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["summarize", str(tmp_path / "nope.txt"), "--llm", "none", "-q"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: no readable article:")
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["summarize", FILES[0], "--format", "pdf"])
    assert result.exit_code == 2
    assert "choose md, json or html" in result.stderr


def test_reconcile_rejects_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}')
    result = runner.invoke(app, ["reconcile", str(bogus)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bogus}: not a summarizer JSON report")
    assert result.stderr.count("\n") == 1


def test_an_invalid_setting_is_a_one_line_usage_error() -> None:
    for args in (
        ["summarize", FILES[0], "--concurrency", "0"],
        ["eval", "fixtures", "--llm", "bogus"],
        ["summarize", FILES[0], "--ask", "bogus=0.5"],
        ["eval", "fixtures", "--ask", "verify=1.5"],
        ["batch", "fixtures", "-o", "out", "--ask", "verify"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("error: invalid --")


# --------------------------------------------------------------------------- exit codes


def rules_report_with(*failures: Failure) -> Callable[..., Report]:
    """A stand-in for the pipeline: the real rules-only report of FILES, plus `failures`."""
    from summarizer.config import Settings
    from summarizer.pipeline import summarize

    report = summarize(FILES, settings=Settings(llm="none"))
    return lambda *args, **kwargs: report.model_copy(update={"failures": [*report.failures, *failures]})


def test_a_rules_summary_fallback_is_one_warning_line_and_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "citations failed validation 3 times; a rules summary was used"
    monkeypatch.setattr(pipeline, "summarize", rules_report_with(Failure(stage="summarize", reason=reason)))
    result = runner.invoke(app, ["summarize", *FILES, "-q"])
    assert (result.exit_code, result.stderr) == (0, f"warning: {reason}\n")
    assert "Partial report" not in result.stdout


@pytest.mark.parametrize(
    "failure",
    [
        Failure(document=CLASH, stage="extract", reason="invalid output after 3 attempt(s)"),
        Failure(document=None, stage="budget", reason="summary: budget reached; a rules summary was used"),
    ],
    ids=["lost document", "budget stop"],
)
def test_a_lost_document_or_a_budget_stop_is_exit_3(
    monkeypatch: pytest.MonkeyPatch, failure: Failure
) -> None:
    monkeypatch.setattr(pipeline, "summarize", rules_report_with(failure))
    result = runner.invoke(app, ["summarize", *FILES, "-q"])
    assert result.exit_code == EXIT_PARTIAL
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("warning: ")


# --------------------------------------------------------------------------- tables off a terminal


def test_eval_piped_prints_markdown_tables_with_every_figure() -> None:
    """CliRunner's stdout is not a terminal, as in `summarizer eval DIR > scores.txt`."""
    scores = runner.invoke(app, ["eval", str(C00), "--llm", "none", "--json"])
    assert scores.exit_code == 0, scores.output
    case = json.loads(scores.stdout)["annotated"]["cases"][0]
    strict, quotes = case["claims"]["strict"], case["quotes"]["found"]

    result = runner.invoke(app, ["eval", str(C00), "--llm", "none"], env={"COLUMNS": "60"})

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith(f"| {C00.name} |")]
    assert len(rows) == 4  # claims, quotes, conflicts, cost
    claims_row = rows[0].strip("| ").split(" | ")
    assert claims_row[1:4] == [str(strict["tp"]), str(strict["fp"]), str(strict["fn"])]
    assert rows[1].strip("| ").split(" | ")[1:4] == [str(quotes["tp"]), str(quotes["fp"]), str(quotes["fn"])]
    assert "**Claims (strict: document, metric, place, interval; loose: place ignored)**" in result.stdout
    assert "| case | tp | fp | fn | P | R | F1 |" in result.stdout
    assert "─" not in result.stdout and "…" not in result.stdout  # no box drawing, nothing cut


def test_markdown_table_keeps_every_cell() -> None:
    table = Table(title="T")
    table.add_column("case")
    table.add_column("n", justify="right")
    table.add_row("a|b", "1,234")
    assert table_markdown(table) == "**T**\n\n| case | n |\n| --- | ---: |\n| a\\|b | 1,234 |"
