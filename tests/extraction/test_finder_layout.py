"""The finder's modules import each other in one direction, as its package docstring says,
and only `schemas` and `text` from the rest of the project."""

from __future__ import annotations

import ast

from paths import ROOT

FINDER = ROOT / "summarizer" / "extraction" / "finder"
ORDER = [
    "types", "tokens", "quotations", "names", "speech", "places", "people", "incident", "claims", "quotes",
]  # fmt: skip
PREFIX = "summarizer.extraction.finder."


def project_imports(module: str) -> set[str]:
    tree = ast.parse((FINDER / f"{module}.py").read_text(encoding="utf-8"))
    return {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("summarizer")
    }


def test_every_module_is_in_the_order() -> None:
    assert sorted(p.stem for p in FINDER.glob("*.py")) == sorted([*ORDER, "__init__"])


def test_modules_import_only_modules_before_them() -> None:
    broken = []
    for index, module in enumerate(ORDER):
        for imported in project_imports(module):
            if imported.startswith(PREFIX):
                if imported.removeprefix(PREFIX) not in ORDER[:index]:
                    broken.append(f"{module} imports {imported}")
            elif not imported.startswith(("summarizer.schemas", "summarizer.text")):
                broken.append(f"{module} imports {imported}")
    assert broken == []
