"""A batch's clusters and what makes a cluster's result reusable.

Clusters come from a folder of cluster folders (each with `articles/`, like the evaluation
folders), from one cluster folder, or from a manifest:

- JSONL: one object a line, `{"id": "c1", "files": ["a.txt", "b.html"]}`;
- CSV: a header with `id` and `file`, one row per file (rows of one id are grouped, in order).

Relative file paths in a manifest are read from the manifest's folder. A cluster id names its
files in the output folder, so it is letters, digits, '.', '_' and '-'.

A cluster's fingerprint covers what decides its report: the names and content hashes of its
files, the tool and schema versions, a hash of the package's code, and the settings that change
the output (backend, model, endpoint, mode, strategy, prompt versions, summary, chunking). It
leaves out what does not (API key, timeouts, retries, concurrency, cache, budget, file paths).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer import __version__
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.schemas import SCHEMA_VERSION
from summarizer.text.ingest import ARTICLE_SUFFIXES

CLUSTER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Cluster:
    id: str
    files: tuple[Path, ...]


def find_clusters(source: Path) -> list[Cluster]:
    """The clusters of a folder of cluster folders, of one cluster folder, or of a manifest."""
    if source.is_file():
        return read_manifest(source)
    if not source.is_dir():
        raise InputError(f"{source}: no such folder or manifest")
    if (source / "articles").is_dir():
        return [folder_cluster(source)]
    clusters = [folder_cluster(p) for p in sorted(source.iterdir()) if (p / "articles").is_dir()]
    if not clusters:
        raise InputError(f"{source}: no cluster folders (a cluster folder holds articles/)")
    return clusters


def folder_cluster(folder: Path) -> Cluster:
    articles = folder / "articles"
    files = sorted(
        p
        for p in articles.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES
    )
    return Cluster(checked_id(folder.name, str(folder)), tuple(files))


def checked_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not CLUSTER_ID.match(value):
        raise InputError(f"{where}: cluster id {value!r} must be letters, digits, '.', '_' or '-'")
    return value


def read_manifest(path: Path) -> list[Cluster]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest: {exc}") from None
    grouped: dict[str, list[Path]] = {}
    base = path.parent
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or not {"id", "file"} <= set(reader.fieldnames):
            raise InputError(f"{path}: a CSV manifest needs the columns id and file")
        for number, record in enumerate(reader, start=2):
            cluster = checked_id(record["id"], f"{path}:{number}")
            grouped.setdefault(cluster, []).append(base / record["file"])
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON: {exc.msg}") from None
            if not isinstance(record, dict) or not isinstance(record.get("files"), list):
                raise InputError(f'{where}: expected {{"id": ..., "files": [...]}}')
            cluster = checked_id(record.get("id"), where)
            if cluster in grouped:
                raise InputError(f"{where}: cluster {cluster!r} is listed twice")
            grouped[cluster] = [base / str(f) for f in record["files"]]
    if not grouped:
        raise InputError(f"{path}: the manifest lists no cluster")
    return [Cluster(cluster, tuple(files)) for cluster, files in grouped.items()]


# --------------------------------------------------------------------------- fingerprints


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"


@functools.cache
def code_digest() -> str:
    """A hash of the package's source: a report is reused only if this code made it."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_fingerprint(settings: Settings) -> dict[str, Any]:
    """What of the settings and the tool decides every cluster's report."""
    run: dict[str, Any] = {
        "tool": __version__,
        "schema": SCHEMA_VERSION,
        "code": code_digest(),
        "llm": settings.llm,
    }
    if settings.llm == "none":
        return run  # rules only: no model, prompt, mode or summary call is involved
    from summarizer.backends.prompts import load_prompt

    run.update(
        base_url=settings.base_url,
        model=settings.model,
        mode=settings.mode,
        strategy=settings.strategy,
        prompts={name: load_prompt(name).version for name in ("extract", "label", "summary")},
        summary=settings.summary,
        chunk=[settings.chunk_sentences, settings.chunk_overlap],
        max_reasks=settings.max_reasks,
    )
    if settings.base_url is None:
        from summarizer.backends.embedded import EMBEDDED_MODEL

        run["model"] = f"embedded:{EMBEDDED_MODEL.name}:{EMBEDDED_MODEL.sha256}"
    return run


def cluster_fingerprint(cluster: Cluster, run: dict[str, Any]) -> str:
    """Document ids are file names, so names count; the folders the files sit in do not."""
    inputs = [[path.name, file_digest(path)] for path in cluster.files]
    blob = json.dumps({"run": run, "inputs": inputs}, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()
