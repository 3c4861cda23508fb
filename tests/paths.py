"""Where the tests find things: the repository's own fixtures, and the third-party evaluation
cases in ../shared/data (absent from a user's clone: tests that need them skip with one reason,
except where SUMMARIZER_REQUIRE lists "shared", as CI does, which makes that skip a failure)."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EXAMPLES = FIXTURES / "examples"
C00 = FIXTURES / "c00_ukraine_strikes_2026"
"""The project's own copy of the c00 case: its annotation, and articles/ linking to EXAMPLES."""
SHARED_DATA = ROOT.parent / "shared" / "data"
DEV = SHARED_DATA / "dev"
GVA_DEV = SHARED_DATA / "gva-dev"
ECB_DEV = SHARED_DATA / "ecb-dev"


def required(what: str) -> bool:
    """True where a missing prerequisite must fail the run instead of skipping (CI)."""
    flags = os.environ.get("SUMMARIZER_REQUIRE", "")
    return what in {flag.strip() for flag in flags.split(",")}


def missing(what: str, message: str) -> NoReturn:
    """Skip for a missing prerequisite; fail instead where SUMMARIZER_REQUIRE lists `what`."""
    if required(what):
        pytest.fail(message)
    pytest.skip(message)


def shared(path: Path = DEV) -> Path:
    """`path` under ../shared/data, or a skip (a failure in CI) when it is not there."""
    if not path.exists():
        missing("shared", f"evaluation data not found at {path} (it sits beside the checkout in CI)")
    return path


def chromium() -> str:
    """The Chromium executable, or a skip (a failure where SUMMARIZER_REQUIRE lists "chromium")."""
    found = shutil.which("chromium")
    if found is None:
        missing("chromium", "chromium is not on PATH (Debian: apt-get install -y chromium)")
    return found


def bench_module(name: str) -> Any:
    """A module of the `bench` extra, or a skip (a failure where SUMMARIZER_REQUIRE lists "bench")."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing("bench", f"could not import {name!r}: pip install -e '.[bench]'")
