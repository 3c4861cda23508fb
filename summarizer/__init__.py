"""summarizer: several news reports in, grounded typed facts and their disagreements out.

`summarize` is imported lazily so that the deterministic core (schemas, quantities, ground,
reconcile, render) can be used without loading the LLM stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from summarizer.pipeline import summarize as summarize

__all__ = ["__version__", "summarize"]


def __getattr__(name: str) -> Any:
    if name == "summarize":
        from summarizer.pipeline import summarize

        return summarize
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
