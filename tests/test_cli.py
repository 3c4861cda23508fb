"""The command line, through typer's CliRunner. The rules-only path needs no model."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from paths import EXAMPLES
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import app
from summarizer.schemas import Report

FILES = [str(EXAMPLES / "clashreport-2026-01-24.txt"), str(EXAMPLES / "nextfin-2026-01-27.txt")]

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"summarizer {__version__}\n")


def test_schema_prints_the_report_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == Report.model_json_schema()


def test_every_command_has_help() -> None:
    for command in ["summarize", "reconcile", "schema", "doctor", "eval"]:
        result = runner.invoke(app, [command, "--help"])
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
    for args in (["summarize", FILES[0], "--concurrency", "0"], ["eval", "fixtures", "--llm", "bogus"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("error: invalid --")
