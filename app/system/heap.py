"""Garbage-collector settings for a long-running proxy process."""

from __future__ import annotations

import gc

# Request bodies are acyclic trees that reference counting frees. At the default gen-0
# threshold (700 allocations) a collection runs several times per Claude Code request and
# promotes every body in flight into older generations, whose full collections then walk
# the whole heap (~40 ms pauses). Cyclic garbage is rare here; collect it less often.
_GEN0_THRESHOLD = 50_000


def settle_heap() -> None:
    """Call once start-up is done: what is alive now (modules, config, pydantic models, about
    50k objects) lives until exit, so the collector stops traversing it."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(_GEN0_THRESHOLD, 10, 10)
