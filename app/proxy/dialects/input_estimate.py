"""The local input-token count of one request, for upstreams whose answer reports no usage.

Counting a long conversation takes milliseconds, so it runs in a worker thread, never on the
event loop. It is started with the request only where the answer is known to come without
usage (the `stream_usage` quirk is off); elsewhere it is counted only if an answer arrives
without usage, so upstreams that report usage never pay for a count.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from app.translate.tokens import estimate_tokens

log = logging.getLogger(__name__)


class InputEstimate:
    def __init__(self, body: dict[str, Any], *, early: bool) -> None:
        self._body = body
        self._task: asyncio.Task[int] | None = None
        if early:
            self._start()

    def ready(self) -> int:
        """The count if it is done by now, else 0: never waits."""
        task = self._task
        if task is None or not task.done() or task.cancelled() or task.exception() is not None:
            return 0
        return task.result()

    async def result(self) -> int:
        """The count, counted now if it was not started; 0 if counting failed (an estimate
        is worth a log line, never a failed answer)."""
        task = self._task or self._start()
        try:
            return await task
        except Exception:
            log.exception("counting the input tokens of a request failed")
            return 0

    def close(self) -> None:
        """Drop a count nobody waits for (the thread finishes it; its result is ignored)."""
        task = self._task
        if task is not None and not task.done():
            task.cancel()
        elif task is not None and not task.cancelled():
            task.exception()  # retrieved: no "exception was never retrieved" warning

    def _start(self) -> asyncio.Task[int]:
        self._task = asyncio.ensure_future(asyncio.to_thread(estimate_tokens, self._body))
        return self._task
