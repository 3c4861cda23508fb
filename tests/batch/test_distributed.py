"""A real Dask cluster (a scheduler and 2 worker processes on loopback) gives the same reports
and index as the in-process run."""

from __future__ import annotations

import filecmp
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster
from paths import EXAMPLES, GVA_DEV, ROOT, shared

from summarizer.batch.runner import plan_batch, run_batch
from summarizer.config import Settings


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # Worker processes import this checkout's package, as the test process does.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(ROOT))
        with LocalCluster(  # type: ignore[no-untyped-call]  # its __init__ has no annotations
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            yield cluster.scheduler_address


def index(out: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row.pop("seconds")
    return rows


def assert_same_batch(source: Path, tmp_path: Path, scheduler: str) -> list[dict[str, Any]]:
    settings = Settings(llm="none")
    local, spread = tmp_path / "local", tmp_path / "dask"
    run_batch(plan_batch(source, local, settings))
    result = run_batch(plan_batch(source, spread, settings), scheduler=scheduler)
    assert result.ran == len(result.rows)
    assert index(spread) == index(local)
    reports = sorted(p.name for p in (local / "reports").iterdir())
    assert sorted(p.name for p in (spread / "reports").iterdir()) == reports
    _, mismatch, errors = filecmp.cmpfiles(local / "reports", spread / "reports", reports, shallow=False)
    assert (mismatch, errors) == ([], [])
    return index(local)


def test_a_dask_batch_equals_the_in_process_batch(tmp_path: Path, scheduler: str) -> None:
    articles = sorted(EXAMPLES.glob("*.txt"))
    manifest = tmp_path / "clusters.jsonl"
    lines = [
        {"id": "both", "files": [str(a) for a in articles]},
        {"id": "first", "files": [str(articles[0])]},
        {"id": "second", "files": [str(articles[1])]},
        {"id": "missing", "files": [str(tmp_path / "nowhere.txt")]},
    ]
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    rows = assert_same_batch(manifest, tmp_path, scheduler)
    assert [(r["cluster"], r["status"]) for r in rows] == [
        ("both", "ok"),
        ("first", "ok"),
        ("second", "ok"),
        ("missing", "failed"),
    ]


def test_a_dask_batch_of_gva_incidents_equals_the_in_process_batch(tmp_path: Path, scheduler: str) -> None:
    folders = sorted(p for p in shared(GVA_DEV).iterdir() if (p / "articles").is_dir())[:6]
    manifest = tmp_path / "gva.csv"
    rows = [
        f"{folder.name},{article}"
        for folder in folders
        for article in sorted((folder / "articles").iterdir())
    ]
    manifest.write_text("id,file\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = assert_same_batch(manifest, tmp_path, scheduler)
    assert [r["status"] for r in result] == ["ok"] * 6
