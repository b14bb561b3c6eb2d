"""Slow and idle clients: a deadline for a connection's first request, and a connection cap.

aiohttp closes a keep-alive connection that stays idle between requests (`keepalive_timeout`)
but has no cap on open connections, and not every supported version closes a connection that
never completes its first request headers. This protocol factory sits in front of aiohttp's:

- a connection that has not started a request within `header_timeout` is closed;
- at `limit` open connections, a new one takes the place of the oldest connection that has not
  started a request yet (a stalled one); when none is stalled, the new one is answered 503 and
  closed at once, so the descriptors in use stay bounded.

`started()` (called by a middleware when a request begins) marks a connection as active.
"""

from __future__ import annotations

import asyncio

import orjson
from aiohttp import web

_BUSY_BODY = orjson.dumps(
    {
        "type": "error",
        "error": {
            "type": "overloaded_error",
            "message": "the Switchboard proxy has too many open connections; retry shortly",
        },
    }
)
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Connection: close\r\nRetry-After: 1\r\nContent-Length: %d\r\n\r\n%s"
    % (len(_BUSY_BODY), _BUSY_BODY)
)


class ConnectionLimit:
    def __init__(self, server: web.Server, *, limit: int, header_timeout: float) -> None:
        self.limit = limit
        self.header_timeout = header_timeout
        self._server = server
        self._loop = asyncio.get_running_loop()
        # connections that have not started a request yet, oldest first, with their deadline
        self._pending: dict[web.RequestHandler, asyncio.TimerHandle] = {}
        self._closed: set[web.RequestHandler] = set()  # closed by us, not yet gone

    def __call__(self) -> asyncio.BaseProtocol:
        """A protocol for a connection just accepted."""
        current = set(self._server.connections)
        self._closed &= current
        if len(current) - len(self._closed) >= self.limit:
            stalled = next((h for h in self._pending if h in current), None)
            if stalled is None:
                return _Refused()
            self._close(stalled)
        handler = self._server()
        self._pending[handler] = self._loop.call_later(self.header_timeout, self._close, handler)
        return handler

    def started(self, protocol: object) -> None:
        """A request began on this connection: it is no longer stalled."""
        if self._pending:
            deadline = self._pending.pop(protocol, None)  # type: ignore[call-overload]
            if deadline is not None:
                deadline.cancel()

    @property
    def open(self) -> int:
        return len(set(self._server.connections) - self._closed)

    def _close(self, handler: web.RequestHandler) -> None:
        deadline = self._pending.pop(handler, None)
        if deadline is not None:
            deadline.cancel()
        self._closed.add(handler)
        handler.force_close()

    def clear(self) -> None:
        for deadline in self._pending.values():
            deadline.cancel()
        self._pending.clear()
        self._closed.clear()


class _Refused(asyncio.Protocol):
    """Over the cap with every connection busy: a short 503, then close."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(_BUSY)
        transport.close()
