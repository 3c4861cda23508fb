"""The wheel is a real package: it carries the prompts and the model's pins, and an install of it
(into a temporary target folder, away from this checkout) loads them. Built offline with the
environment's setuptools (the dev extra pins one new enough)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from paths import ROOT, missing

SOURCES = ("pyproject.toml", "README.md", "summarizer", "prompts", "requirements")
PROMPTS = sorted(path.name for path in (ROOT / "prompts").glob("*.md"))


def setuptools_major() -> int:
    try:
        return int(importlib.metadata.version("setuptools").split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return 0


def build_wheel(tmp_path: Path) -> Path:
    if setuptools_major() < 77:
        missing("build", "building the wheel offline needs setuptools>=77: pip install -e '.[dev]'")
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:  # a copy, so the build leaves nothing in the checkout
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "--no-index", "--wheel-dir", str(dist), str(source)], check=True, timeout=300)
    (wheel,) = dist.glob("summarizer-*.whl")
    return wheel


def test_the_wheel_ships_the_prompts_and_an_install_of_it_loads_them(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for prompt in PROMPTS:
            stored = archive.read(f"summarizer/prompts/{prompt}")
            assert stored == (ROOT / "prompts" / prompt).read_bytes()
        assert (
            archive.read("summarizer/backends/embedded/model.txt")
            == (ROOT / "requirements" / "model.txt").read_bytes()
        )
    assert "summarizer/py.typed" in names

    site = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*install, "--target", str(site), str(wheel)], check=True, timeout=300)
    probe = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(site)!r})\n"
        "import summarizer\n"
        "from summarizer.backends.prompts import load_prompt, prompts_dir\n"
        "from summarizer.backends.embedded.install import weight_pins\n"
        "print(json.dumps({'package': summarizer.__file__, 'prompts': str(prompts_dir()),\n"
        f"    'versions': [load_prompt(name[:-3]).version for name in {PROMPTS!r}],\n"
        "    'pins': len(weight_pins())}))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "SUMMARIZER_PROMPTS_DIR"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout)
    assert Path(found["package"]).is_relative_to(site)
    assert Path(found["prompts"]) == site / "summarizer" / "prompts"
    assert all(found["versions"])
    assert found["pins"] == 22
