"""The layout's import rules, read from the source: imports point down the pipeline, and only
`backends` talks to an LLM SDK."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

PACKAGE = ROOT / "summarizer"
SDKS = ("openai", "instructor")

# For each subpackage, the project packages it must never import.
FORBIDDEN = {
    "text": ("extraction", "reconcile", "render", "evaluation", "backends", "pipeline", "summary", "cli"),
    "extraction": ("reconcile", "render", "evaluation", "pipeline", "summary", "cli"),
    "reconcile": ("extraction", "backends", "render", "evaluation", "pipeline", "summary", "cli"),
    "render": ("extraction", "backends", "evaluation", "pipeline", "summary", "cli"),
    "backends": ("text", "extraction", "reconcile", "render", "evaluation", "pipeline", "summary", "cli"),
}
# extraction talks to a model only through the protocol (and loads its prompts).
EXTRACTION_BACKENDS = {"summarizer.backends.protocol", "summarizer.backends.prompts"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules_of(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_subpackage_imports_point_down_the_pipeline(package: str) -> None:
    broken = []
    for path in modules_of(package):
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[0] != "summarizer" or len(parts) < 2:
                continue
            if parts[1] in FORBIDDEN[package]:
                broken.append(f"{path.relative_to(PACKAGE)} imports {module}")
            if (
                package == "extraction"
                and parts[1] == "backends"
                and len(parts) > 2
                and ".".join(parts[:3]) not in EXTRACTION_BACKENDS
            ):
                broken.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert broken == []


def test_only_backends_import_an_llm_sdk() -> None:
    broken = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "backends":
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in SDKS:
                broken.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert broken == []


def test_deterministic_core_loads_no_llm_sdk() -> None:
    core = ["schemas", "text.quantities", "text.metrics", "text.ground", "text.segment", "text.ingest"]
    core += ["reconcile", "render", "render.html", "evaluation.cases", "extraction.finder"]
    code = (
        "import sys\n"
        + "".join(f"import summarizer.{name}\n" for name in core)
        + f"print(sorted(m for m in {SDKS!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_the_cli_is_thin() -> None:
    assert len((PACKAGE / "cli.py").read_text(encoding="utf-8").splitlines()) < 300
