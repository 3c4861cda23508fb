"""The cycle collector paused around a step that builds many objects and frees none of them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the step runs: reconciling or rendering 100,000 claims
    builds hundreds of thousands of small objects that form no cycles, and the collector's passes
    over them (and over the report they come from), which free nothing, took a third of the time.
    Re-enabled by whoever paused it (another thread at the same time at worst runs with it on).

    Before it is re-enabled, what was built is moved to the oldest generation (`freeze` then
    `unfreeze`: two list splices): else the first young-generation pass after it walked all
    of it at once, half a second at 100,000 claims, to free nothing."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
