"""The default path, for real: the installed CLI with no endpoint starts the embedded model.

Runs only with `--run-embedded` (CI's `.ci/run` does), so the embedded default cannot rot
unnoticed: llama.cpp's server, the packaged weights, the request rewrite, candidate labelling
and the LLM summary, end to end on a short article, in a fresh cache (no cached answers).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from paths import ROOT

from summarizer.backends.embedded import (
    EMBEDDED_MODEL,
    ensure_model_file,
    llama_cpp_version,
    missing_parts,
    model_file_path,
)
from summarizer.config import default_cache_dir
from summarizer.schemas import Report

ARTICLE = ROOT / "fixtures" / "examples" / "nextfin-2026-01-27.txt"
# The model file the user's own runs use, read before the per-test environment moves the cache.
USER_CACHE_DIR = default_cache_dir()
RUN_TIMEOUT_S = 1200
INSTALL = "summarizer model install"

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(
        llama_cpp_version() is None, reason="llama-cpp-python is not installed (summarizer model install)"
    ),
    pytest.mark.skipif(
        bool(missing_parts()),
        reason="the embedded model's weights are not installed (summarizer model install)",
    ),
]


def short_article(folder: Path) -> Path:
    """The first three paragraphs of an example article: outlet, headline and lead."""
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")[:3]
    path = folder / "nextfin-short.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def fresh_cache(folder: Path) -> Path:
    """An empty cache that shares only the joined model file (1.1 GB) with the user's cache.

    The file is joined there once if needed, as a real first run would; here it is linked in
    with its verification marker, so no answer is cached and nothing is joined twice.
    """
    shared_model = ensure_model_file(USER_CACHE_DIR)
    cache = folder / "cache"
    target = model_file_path(EMBEDDED_MODEL, cache)
    target.parent.mkdir(parents=True)
    target.symlink_to(shared_model)
    marker = shared_model.with_name(shared_model.name + ".verified")
    shutil.copy2(marker, target.with_name(target.name + ".verified"))
    return cache


def summarizer_command() -> list[str]:
    """The installed console script of this environment."""
    script = Path(sys.executable).with_name("summarizer")
    if not script.is_file():
        pytest.skip(f"the summarizer console script is not installed at {script} (make install)")
    return [str(script)]


def test_the_cli_summarizes_an_article_with_the_embedded_model(tmp_path: Path) -> None:
    article = short_article(tmp_path)
    output = tmp_path / "out.json"
    env = {
        **os.environ,
        "SUMMARIZER_CACHE_DIR": str(fresh_cache(tmp_path)),
    }
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_MODEL"):
        env.pop(name, None)  # no endpoint: the embedded server must start

    completed = subprocess.run(
        [*summarizer_command(), "summarize", str(article), "--format", "json", "-o", str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(data, Report.model_json_schema())
    report = Report.model_validate(data)
    (document,) = report.documents
    assert document.text == article.read_text(encoding="utf-8")
    assert (report.run.backend, report.run.model, report.run.strategy) == (
        "embedded",
        EMBEDDED_MODEL.name,
        "questions",
    )
    assert report.failures == []
    assert len(report.claims) >= 1
    for span in [*(claim.span for claim in report.claims), *(quote.span for quote in report.quotes)]:
        assert span.grounded, span
        assert span.start is not None and span.end is not None
        assert document.text[span.start : span.end] == span.text
    assert report.usage.calls >= 1  # the summary, and the questions of any kind that is asked
    assert report.usage.cache_hits == 0
    assert report.summary is not None
