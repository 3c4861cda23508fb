"""The API key never appears in logs, errors, cache entries or reports.

A recognisable fake key goes through the real CLI, the real openai client and the local fault
server: retries, re-asks, a failed document, a rejected key. Everything the run leaves behind
(every log record at DEBUG with its traceback, stdout, stderr, every cache file, every report
format) is then searched for the key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import (
    BAD_ANSWER,
    MODEL_ID,
    Behaviour,
    FaultServer,
    PerDocument,
    answer_for,
    ok,
    status,
    write_articles,
)
from typer.testing import CliRunner, Result

from summarizer.cli import EXIT_PARTIAL, app
from summarizer.config import Settings

KEY = "sk-test-SECRET-1234567890"
KEY_MARKS = (KEY, "SECRET-1234567890")  # the whole key, and its distinctive tail


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every record from every logger, at DEBUG (the openai client logs its requests there)."""
    for name in (None, "openai", "httpx", "httpcore", "instructor", "summarizer"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def leaks(texts: dict[str, str]) -> list[str]:
    """The names of the texts that contain the key or its tail."""
    return [name for name, text in texts.items() if any(mark in text for mark in KEY_MARKS)]


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(path): path.read_bytes().decode("utf-8", errors="replace")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(app, ["summarize", "--model", MODEL_ID, "--no-summary", "--quiet", *args])


def answer(document: str) -> Behaviour:
    return ok(BAD_ANSWER) if document == "docb" else ok(answer_for(document))


def test_the_key_is_used_but_never_written_anywhere(
    server: FaultServer, tmp_path: Path, all_logs: pytest.LogCaptureFixture
) -> None:
    responder = PerDocument(answer)  # docb is re-asked, then fails for good
    responder.script("doca", status(429, retry_after=0), status(503, retry_after=0))  # retried twice
    server.responder = responder
    paths = [str(p) for p in write_articles(tmp_path / "articles", 3)]
    cache_dir = tmp_path / "cache"
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    common = ["--base-url", server.base_url, "--api-key", KEY, "--cache-dir", str(cache_dir)]

    results = {
        fmt: run_cli(*common, "--format", fmt, "-o", str(outputs / f"report.{fmt}"), *paths)
        for fmt in ("json", "md", "html")
    }

    assert {fmt: result.exit_code for fmt, result in results.items()} == dict.fromkeys(results, EXIT_PARTIAL)
    # The key really went over the wire, on every request.
    assert len(server.completions) == 3 + 1 + 3 * 3  # doca 3 and docc 1 (then cached), docb 3 a run
    assert {r.headers.get("authorization") for r in server.completions} == {f"Bearer {KEY}"}
    assert any(record.name.startswith("openai") for record in all_logs.records)  # DEBUG was on

    texts = {
        "logs": all_logs.text,
        **{f"{fmt} stdout": r.stdout for fmt, r in results.items()},
        **{f"{fmt} stderr": r.stderr for fmt, r in results.items()},
        **files_under(cache_dir),
        **files_under(outputs),
    }
    assert len(files_under(cache_dir)) == 2  # doca and docc; the failed docb is not cached
    assert sorted(files_under(outputs)) == [str(outputs / f"report.{f}") for f in ("html", "json", "md")]
    assert leaks(texts) == []


def test_a_rejected_key_is_reported_without_the_key(
    server: FaultServer, tmp_path: Path, all_logs: pytest.LogCaptureFixture
) -> None:
    server.script(status(401))
    paths = [str(p) for p in write_articles(tmp_path / "articles", 1)]

    result = run_cli("--base-url", server.base_url, "--api-key", KEY, "--format", "json", *paths)

    assert result.exit_code == 1
    assert result.stderr == "error: the model endpoint rejected the API key (HTTP 401)\n"
    assert result.stdout == ""
    assert server.completions[0].headers["authorization"] == f"Bearer {KEY}"
    assert leaks({"logs": all_logs.text, "stderr": result.stderr}) == []


def test_a_key_from_the_environment_stays_out_of_help_and_settings(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    help_text = CliRunner().invoke(app, ["summarize", "--help"]).stdout
    settings = Settings.from_env()
    server.responder = PerDocument(answer)
    paths = [str(p) for p in write_articles(tmp_path / "articles", 1)]

    result = run_cli("--base-url", server.base_url, "--format", "json", *paths)

    assert result.exit_code == 0
    assert server.completions[0].headers["authorization"] == f"Bearer {KEY}"
    assert settings.api_key is not None and settings.api_key.get_secret_value() == KEY
    texts = {
        "help": help_text,
        "settings repr": repr(settings),
        "settings json": settings.model_dump_json(),
        "stdout": result.stdout,
        "stderr": result.stderr,
    }
    assert leaks(texts) == []
