"""Starting async work from Qt slots: the task is kept alive and its failure is logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)

_running: set[asyncio.Task[Any]] = set()


def spawn(work: Coroutine[Any, Any, Any], *, what: str) -> asyncio.Task[Any]:
    """Run `work` on the (qasync) loop. Slots never raise, so neither does this task."""
    task = asyncio.ensure_future(work)
    _running.add(task)
    task.add_done_callback(lambda done: _finished(done, what))
    return task


def _finished(task: asyncio.Task[Any], what: str) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    if (exc := task.exception()) is not None:
        log.error("%s failed", what, exc_info=exc)
