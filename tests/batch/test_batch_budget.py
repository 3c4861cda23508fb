"""A batch against a scripted OpenAI-compatible server on loopback: the token budget is the
whole batch's, and a rerun without it goes on where it stopped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_server import CITIES, DOC_IDS, MODEL_ID, FaultServer, PerDocument, article_text, good_answer
from typer.testing import CliRunner

from summarizer.cli import app

runner = CliRunner()
CLUSTERS = len(CITIES)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.responder = PerDocument(good_answer)
        yield running


@pytest.fixture
def clusters(tmp_path: Path) -> Path:
    for index, document in enumerate(DOC_IDS):
        folder = tmp_path / "clusters" / f"c{index}" / "articles"
        folder.mkdir(parents=True)
        (folder / f"{document}.txt").write_text(article_text(index), encoding="utf-8")
    return tmp_path / "clusters"


def batch(server: FaultServer, clusters: Path, out: Path, *args: str) -> Any:
    endpoint = ["--base-url", server.base_url, "--api-key", "sk-test", "--model", MODEL_ID]
    return runner.invoke(
        app, ["batch", str(clusters), "-o", str(out), *endpoint, "--no-summary", "--no-cache", "-q", *args]
    )


def rows(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_budget_is_shared_by_the_batch_and_a_rerun_goes_on(
    server: FaultServer, clusters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    full = batch(server, clusters, tmp_path / "full")
    assert full.exit_code == 0, full.output
    per_cluster = {r["tokens"] for r in rows(tmp_path / "full")}
    assert per_cluster == {120}  # one extraction call each (100 prompt + 20 completion tokens)
    calls = len(server.completions)

    # Each cluster alone is far under this budget; together they are not.
    stopped = batch(server, clusters, out, "--max-tokens-total", "700")
    assert stopped.exit_code == 3, stopped.output
    assert "warning: the token budget was reached; a rerun continues" in stopped.stderr
    statuses = [r["status"] for r in rows(out)]
    ok = statuses.count("ok")
    assert 1 <= ok < CLUSTERS - 1
    assert statuses == ["ok"] * ok + ["partial"] + ["pending"] * (CLUSTERS - ok - 1)
    assert rows(out)[ok]["failures"][0].startswith("budget: ")
    assert sum(r["tokens"] for r in rows(out)) <= 700
    assert len(server.completions) - calls == ok  # nothing was sent past the budget

    resumed = batch(server, clusters, out)
    assert f"{ok} up to date, {CLUSTERS - ok} to run" in resumed.stderr
    assert resumed.exit_code == 0, resumed.output
    assert [r["status"] for r in rows(out)] == ["ok"] * CLUSTERS


@pytest.mark.parametrize("concurrency", ["1", "3"])
def test_clusters_in_flight_give_the_same_index(
    server: FaultServer, clusters: Path, tmp_path: Path, concurrency: str
) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    assert batch(server, clusters, one).exit_code == 0
    assert batch(server, clusters, many, "--concurrency", concurrency).exit_code == 0
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in rows(one)]
    assert [{k: v for k, v in r.items() if k != "seconds"} for r in rows(many)] == strip
    assert [r["killed_best"] for r in rows(one)] == [index + 2 for index in range(CLUSTERS)]
