"""The README stays true: its commands exist and its examples run where they can offline."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from paths import ROOT
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.config import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def code_blocks(language: str) -> list[str]:
    """Fenced blocks whose info string is `language` ("" for a bare fence)."""
    blocks: list[str] = []
    current: list[str] | None = None
    keep = False
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current, keep = [], line[3:].strip() == language
            else:
                if keep:
                    blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_every_make_target_in_the_readme_exists() -> None:
    targets = sorted(set(re.findall(r"^make (\w+)", "\n".join(code_blocks("sh")), flags=re.M)))
    assert {"example", "test", "record", "eval", "bench"} <= set(targets)
    for target in targets:
        dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert dry.returncode == 0, f"make {target}: {dry.stderr}"


def test_every_cli_command_in_the_readme_exists_and_has_help() -> None:
    text = "\n".join(code_blocks("sh") + code_blocks(""))
    commands = sorted(set(re.findall(r"summarizer (\w+)", text)))
    assert {"summarize", "reconcile", "eval", "schema", "doctor"} <= set(commands)
    for command in commands:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command


def test_every_flag_in_the_cli_synopsis_is_accepted() -> None:
    synopsis = next(block for block in code_blocks("") if "summarizer summarize FILES" in block)
    for line in synopsis.splitlines():
        match = re.match(r"summarizer (\w+)(?: ([a-z]+)\b)?", line.strip())
        if not match:
            continue
        command = [word for word in match.groups() if word]  # a subcommand too: "model install"
        help_text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).stdout
        for flag in re.findall(r"(--[a-z][a-z-]+)", line):
            assert flag in help_text, f"{command} {flag}"


def test_the_settings_table_names_real_settings() -> None:
    for flag in re.findall(r"`(--[a-z-]+)", README.split("## Configuration")[1].split("##")[0]):
        assert flag.lstrip("-").replace("-", "_") in Settings.model_fields, flag


def test_the_rules_only_example_runs_offline(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    examples = sorted(str(p) for p in (ROOT / "fixtures" / "examples").glob("*.txt"))
    result = runner.invoke(app, ["summarize", *examples, "--llm", "none", "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("name", ["summarize", "__version__"])
def test_the_library_entry_points_named_in_the_readme_import(name: str) -> None:
    import summarizer

    assert f"from summarizer import {name}" in README or name == "__version__"
    assert getattr(summarizer, name)
