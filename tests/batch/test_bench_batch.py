"""bench_batch's helpers: the synthetic clusters are real clusters, and the table's ratio."""

from __future__ import annotations

import sys
from pathlib import Path

from paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_batch

from summarizer.batch.clusters import find_clusters
from summarizer.batch.runner import plan_batch, run_batch
from summarizer.config import Settings


def test_synthetic_clusters_summarize_with_their_varied_figures(tmp_path: Path) -> None:
    source = bench_batch.synthetic_clusters(tmp_path / "c", 3)
    clusters = find_clusters(source)
    assert [(c.id, [f.name for f in c.files]) for c in clusters] == [
        ("s00000", ["daily-2024-05-01.txt", "herald-2024-05-01.txt"]),
        ("s00001", ["daily-2024-05-02.txt", "herald-2024-05-02.txt"]),
        ("s00002", ["daily-2024-05-03.txt", "herald-2024-05-03.txt"]),
    ]
    result = run_batch(plan_batch(source, tmp_path / "out", Settings(llm="none")))
    assert [(r.status, r.documents, r.killed_best) for r in result.rows] == [
        ("ok", 2, 2),
        ("ok", 2, 3),
        ("ok", 2, 4),
    ]


def test_speed_up_is_the_baseline_over_the_time() -> None:
    assert bench_batch.speed_up(2.0, 3.0) == "1.50x"
    assert bench_batch.speed_up(0.0, 3.0) == "-"
