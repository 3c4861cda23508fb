"""`summarizer batch`, rules only: reports and an index per cluster, resumable and exact.

Clusters are made here from the two example articles (and one unreadable file); the kill
test runs the command as a subprocess and SIGKILLs it midway, then resumes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLES, ROOT
from typer.testing import CliRunner

from summarizer.batch.clusters import Cluster, find_clusters
from summarizer.batch.runner import plan_batch, run_batch
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import InputError

runner = CliRunner()
ARTICLES = sorted(EXAMPLES.glob("*.txt"))  # clashreport-2026-01-24.txt, nextfin-2026-01-27.txt


def make_cluster(root: Path, name: str, articles: list[Path]) -> Path:
    folder = root / name / "articles"
    folder.mkdir(parents=True)
    for article in articles:
        shutil.copy(article, folder / article.name)
    return folder.parent


@pytest.fixture
def clusters(tmp_path: Path) -> Path:
    root = tmp_path / "clusters"
    make_cluster(root, "c1", ARTICLES)
    make_cluster(root, "c2", ARTICLES[:1])
    bad = make_cluster(root, "bad", [])
    (bad / "articles" / "x.txt").write_bytes(b"\x00\x01\x02")
    return root


def batch(*args: str) -> Any:
    return runner.invoke(app, ["batch", *args, "--llm", "none", "-q"])


def index_rows(out: Path) -> list[dict[str, Any]]:
    """The index without the one measured field (seconds), which no two runs share."""
    rows = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row.pop("seconds")
    return rows


SUMMARY_FIELDS = ("cluster", "status", "documents", "killed_best", "injured_best", "conflicts", "tokens")


def summary(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in SUMMARY_FIELDS) for row in rows]


def test_finds_cluster_folders_and_manifests(clusters: Path, tmp_path: Path) -> None:
    found = find_clusters(clusters)
    assert [(c.id, [p.name for p in c.files]) for c in found] == [
        ("bad", ["x.txt"]),
        ("c1", [a.name for a in ARTICLES]),
        ("c2", [ARTICLES[0].name]),
    ]
    assert find_clusters(clusters / "c2") == [
        Cluster("c2", (clusters / "c2" / "articles" / ARTICLES[0].name,))
    ]

    jsonl = tmp_path / "m.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a", "files": [f"clusters/c1/articles/{ARTICLES[0].name}"]}) + "\n\n",
        encoding="utf-8",
    )
    assert find_clusters(jsonl) == [Cluster("a", (tmp_path / "clusters/c1/articles" / ARTICLES[0].name,))]

    csv = tmp_path / "m.csv"
    csv.write_text(f"id,file\na,{ARTICLES[0]}\nb,{ARTICLES[1]}\na,{ARTICLES[1]}\n", encoding="utf-8")
    assert find_clusters(csv) == [Cluster("a", (ARTICLES[0], ARTICLES[1])), Cluster("b", (ARTICLES[1],))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "../x", "files": []}\n', "cluster id '../x' must be"),
        ('{"id": "a", "files": []}\n{"id": "a", "files": []}\n', "cluster 'a' is listed twice"),
        ("not json\n", "not JSON"),
        ("", "the manifest lists no cluster"),
    ],
)
def test_a_bad_manifest_is_a_one_line_input_error(tmp_path: Path, text: str, message: str) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        find_clusters(manifest)


def test_batch_writes_a_report_and_a_row_per_cluster_and_a_failure_is_a_row(
    clusters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(str(clusters), "-o", str(out), "-f", "md")
    assert result.exit_code == 3, result.output  # one cluster failed: partial
    assert "0 up to date, 3 to run" in result.stderr
    assert "warning: bad: no readable article" in result.stderr
    rows = index_rows(out)
    assert summary(rows) == [
        ("bad", "failed", 0, None, None, 0, 0),
        ("c1", "ok", 2, 1, 21, 3, 0),
        ("c2", "ok", 1, 1, 21, 2, 0),
    ]
    assert rows[0]["failures"] == [
        f"no readable article: {clusters}/bad/articles/x.txt: binary file (contains NUL bytes), not text"
    ]
    assert rows[1]["main_event"] == "Russia Strikes Ukraine's Kharkiv & Kyiv, Overshadowing Peace Talks"
    assert rows[1]["date"] == "2026-01-24"
    assert rows[1]["report"] == "reports/c1.json"
    assert rows[1]["formats"] == ["json", "md"]
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["c1.json", "c1.md", "c2.json", "c2.md"]
    report = json.loads((out / "reports" / "c1.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in report["documents"]] == [a.stem for a in ARTICLES]
    csv_lines = (out / "index.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("cluster,status,main_event,date,places,killed_low,killed_best")
    assert csv_lines[2].startswith('c1,ok,"Russia Strikes')
    assert "Kyiv; Ukraine; Kharkiv" in csv_lines[2]  # the places of its figures, most first


def test_a_rerun_does_nothing_and_says_so(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(str(clusters), "-o", str(out))
    before = {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}
    first = index_rows(out)
    again = batch(str(clusters), "-o", str(out))
    assert "3 up to date, 0 to run" in again.stderr  # the failed cluster's input is still bad
    assert "ran 0 in" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()} == before
    assert index_rows(out) == first


def test_a_changed_input_or_a_new_format_reruns_only_what_it_touches(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(str(clusters), "-o", str(out))
    (clusters / "bad" / "articles" / "x.txt").write_text("Shooting in Town\n\nTwo people were killed.")
    fixed = batch(str(clusters), "-o", str(out))
    assert "2 up to date, 1 to run" in fixed.stderr
    assert fixed.exit_code == 0, fixed.output
    assert [r["status"] for r in index_rows(out)] == ["ok", "ok", "ok"]
    with_html = batch(str(clusters), "-o", str(out), "-f", "html")
    assert "0 up to date, 3 to run" in with_html.stderr
    assert batch(str(clusters), "-o", str(out)).stderr.startswith("3 up to date, 0 to run")


def test_changed_settings_change_the_fingerprint(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rules = plan_batch(clusters, out, Settings(llm="none"))
    with_model = plan_batch(clusters, out, Settings(base_url="http://127.0.0.1:1/v1", model="m"))
    other_model = plan_batch(clusters, out, Settings(base_url="http://127.0.0.1:1/v1", model="n"))
    prints = [[t.fingerprint for t in plan.to_run] for plan in (rules, with_model, other_model)]
    assert len({p for fingerprints in prints for p in fingerprints}) == 9
    # What does not change a report does not change its fingerprint.
    quiet = plan_batch(clusters, out, Settings(llm="none", timeout=5, concurrency=4, use_cache=False))
    assert [t.fingerprint for t in quiet.to_run] == prints[0]


def test_the_index_is_rebuilt_whole_with_pending_rows_for_what_did_not_run(
    clusters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    plan = plan_batch(clusters, out, Settings(llm="none"))
    plan.to_run = plan.to_run[:1]  # as if the batch stopped after one cluster
    result = run_batch(plan)
    assert [(r.cluster, r.status) for r in result.rows] == [
        ("bad", "failed"),
        ("c1", "pending"),
        ("c2", "pending"),
    ]
    assert [r["status"] for r in index_rows(out)] == ["failed", "pending", "pending"]
    assert "1 up to date, 2 to run" in batch(str(clusters), "-o", str(out)).stderr


def synthetic_clusters(root: Path, count: int) -> Path:
    for n in range(count):
        make_cluster(root, f"s{n:03d}", ARTICLES if n % 2 else ARTICLES[1:])
    return root


def batch_process(source: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "import sys; from summarizer.cli import app; sys.argv[0] = 'summarizer'; app()"
    command = [sys.executable, "-c", code, "batch", str(source), "-o", str(out), "--llm", "none", "-q"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_rows(out: Path, process: subprocess.Popen[bytes], at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        rows = out / "rows"
        done = len(list(rows.glob("*.json"))) if rows.is_dir() else 0
        if done >= at_least:
            return done
        time.sleep(0.01)
    raise AssertionError("the batch ended (or stalled) before it could be stopped midway")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_batch_stopped_midway_resumes_to_the_index_of_a_clean_run(tmp_path: Path, sig: int) -> None:
    source = synthetic_clusters(tmp_path / "clusters", 24)
    clean = tmp_path / "clean"
    assert batch(str(source), "-o", str(clean)).exit_code == 0

    out = tmp_path / "out"
    process = batch_process(source, out)
    done = wait_for_rows(out, process, at_least=3)
    os.kill(process.pid, sig)
    _, stderr = process.communicate(timeout=60)
    if sig == signal.SIGTERM:
        assert process.returncode == 130, stderr
        assert b"interrupted; files already written are intact" in stderr
        statuses = [r["status"] for r in index_rows(out)]  # written on the way out
        assert statuses.count("ok") >= done and "pending" in statuses
    else:
        assert process.returncode == -signal.SIGKILL
    written = sorted(p.stem for p in (out / "rows").glob("*.json"))
    assert 3 <= len(written) < 24
    for path in (out / "reports").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # whole, never half-written

    resumed = batch(str(source), "-o", str(out))
    assert resumed.exit_code == 0, resumed.output
    assert f"{len(written)} up to date, {24 - len(written)} to run" in resumed.stderr
    assert index_rows(out) == index_rows(clean)
    assert not list(out.rglob(".*.tmp"))


def test_two_batches_cannot_write_to_one_folder(clusters: Path, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".batch.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = batch(str(clusters), "-o", str(out))
    assert result.exit_code == 2
    assert "another batch is writing there" in result.stderr


def test_the_in_process_batch_loads_no_dask(clusters: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from summarizer.batch.runner import plan_batch, run_batch\n"
        "from summarizer.config import Settings\n"
        f"source, out = Path({str(clusters)!r}), Path({str(tmp_path / 'out')!r})\n"
        "run_batch(plan_batch(source, out, Settings(llm='none')))\n"
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_distributed_batch_needs_an_endpoint_for_a_model(clusters: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["batch", str(clusters), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1", "-q"]
    )
    assert result.exit_code == 2
    assert "a distributed batch needs an endpoint for its workers (--base-url) or --llm none" in result.stderr
