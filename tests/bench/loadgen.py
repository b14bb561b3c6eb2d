"""The load generator: `python -m tests.bench.loadgen`, driven by JSON lines on stdin.

Each command line runs one scenario and answers with one JSON line on stdout:
`{"op": "run", "port": P, "payload": FILE, "check": NAME, "clients": C, "requests": N,
"warmup": W, "seconds": S}` (C = 1: N requests in sequence; C > 1: C keep-alive connections,
each sending back to back for S seconds).

HTTP/1.1 over a raw asyncio protocol with a pre-encoded request (head + body): the cheapest
client that still reads every response whole. Every response is checked (tests/bench/checks);
a response that fails counts as an error and is never timed.
"""

from __future__ import annotations

import asyncio
import math
import sys
import time
from dataclasses import dataclass, field
from typing import Any, cast

import orjson

from tests.bench.checks import CHECKS, BadResponse

_now = time.perf_counter
_TIMEOUT = 30.0  # seconds for one whole answer
# Connections stay open a moment after the last answer, as a real client's do: a proxy may
# still be finishing its side (reading its upstream's last bytes) when the client has all.
_LINGER = 0.05


@dataclass(slots=True)
class Response:
    status: int
    head: bytes
    body: bytes
    first_byte: float  # when the first body byte arrived
    done: float


class _Client(asyncio.Protocol):
    """One keep-alive connection, one request in flight at a time."""

    def __init__(self) -> None:
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[Response] | None = None
        self._buffer = bytearray()
        self._head: bytes | None = None
        self._status = 0
        self._length = -1  # Content-Length, or -1 for a chunked body
        self._position = 0  # parse position in a chunked body
        self._parts: list[bytes] = []
        self._first_byte = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(ConnectionError(f"connection closed ({exc})"))

    @property
    def is_open(self) -> bool:
        return self._transport is not None and not self._transport.is_closing()

    def request(self, payload: bytes) -> asyncio.Future[Response]:
        assert self._transport is not None
        self._buffer.clear()
        self._head = None
        self._position = 0
        self._parts = []
        self._first_byte = 0.0
        loop = asyncio.get_running_loop()
        self._waiter = loop.create_future()
        self._timer = loop.call_later(_TIMEOUT, self._expire)
        self._transport.write(payload)
        return self._waiter

    def _expire(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(TimeoutError(f"no complete answer in {_TIMEOUT:g} s"))

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def data_received(self, data: bytes) -> None:
        now = _now()
        self._buffer += data
        if self._head is None:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self._head = bytes(self._buffer[:end])
            del self._buffer[: end + 4]
            self._status = int(self._head[9:12])
            self._length = _content_length(self._head)
        if not self._first_byte and self._buffer:
            self._first_byte = now
        if self._length >= 0:
            if len(self._buffer) >= self._length:
                self._complete(bytes(self._buffer[: self._length]), now)
        else:
            self._read_chunks(now)

    def _read_chunks(self, now: float) -> None:
        buffer = self._buffer
        while True:
            line_end = buffer.find(b"\r\n", self._position)
            if line_end < 0:
                return
            size = int(bytes(buffer[self._position : line_end]).split(b";")[0], 16)
            start = line_end + 2
            if size == 0:
                if buffer.find(b"\r\n", start) >= 0:  # the blank line after the last chunk
                    self._complete(b"".join(self._parts), now)
                return
            if len(buffer) < start + size + 2:
                return
            self._parts.append(bytes(buffer[start : start + size]))
            self._position = start + size + 2

    def _complete(self, body: bytes, now: float) -> None:
        waiter, self._waiter = self._waiter, None
        if self._timer is not None:
            self._timer.cancel()
        assert self._head is not None
        if waiter is not None and not waiter.done():
            waiter.set_result(Response(self._status, self._head, body, self._first_byte, now))


def _content_length(head: bytes) -> int:
    lower = head.lower()
    if b"\r\ntransfer-encoding: chunked" in lower:
        return -1
    start = lower.find(b"\r\ncontent-length:")
    if start < 0:
        raise BadResponse("a response with neither Content-Length nor chunked encoding")
    start += len(b"\r\ncontent-length:")
    end = lower.find(b"\r\n", start)
    return int(lower[start : end if end >= 0 else None])


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    ttfbs: list[float] = field(default_factory=list)
    sent: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(message[:300])


class Scenario:
    def __init__(self, command: dict[str, Any], payload: bytes) -> None:
        self.port = int(command["port"])
        self.payload = payload
        self.check = CHECKS[command["check"]]
        self.tally = Tally()

    async def connect(self) -> _Client:
        loop = asyncio.get_running_loop()
        _, client = await loop.create_connection(_Client, "127.0.0.1", self.port)
        return client

    async def once(self, client: _Client, *, timed: bool) -> _Client:
        """One request and its check; returns the client to use next (a new one if closed)."""
        tally = self.tally
        tally.sent += 1
        started = _now()
        try:
            if not client.is_open:
                client = await self.connect()
            response = await client.request(self.payload)
            if response.status != 200:
                raise BadResponse(f"HTTP {response.status}: {response.body[:200]!r}")
            self.check(response.body)
        except (BadResponse, ValueError, KeyError, TypeError, IndexError, OSError) as exc:
            tally.error(f"{type(exc).__name__}: {exc}")
            client.close()
            return client
        if timed:
            tally.latencies.append((response.done - started) * 1000)
            tally.ttfbs.append((response.first_byte - started) * 1000)
        return client

    async def sequential(self, count: int, warmup: int) -> float:
        client = await self.connect()
        for _ in range(warmup):
            client = await self.once(client, timed=False)
        started = _now()
        for _ in range(count):
            client = await self.once(client, timed=True)
        elapsed = _now() - started
        await asyncio.sleep(_LINGER)
        client.close()
        return elapsed

    async def concurrent(self, clients: int, seconds: float, warmup: int) -> float:
        pool = [await self.connect() for _ in range(clients)]

        async def warm(client: _Client) -> _Client:
            for _ in range(warmup):
                client = await self.once(client, timed=False)
            return client

        pool = list(await asyncio.gather(*(warm(client) for client in pool)))
        started = _now()
        deadline = started + seconds

        async def work(client: _Client) -> _Client:
            while _now() < deadline:
                client = await self.once(client, timed=True)
            return client

        pool = list(await asyncio.gather(*(work(client) for client in pool)))
        elapsed = _now() - started
        await asyncio.sleep(_LINGER)
        for client in pool:
            client.close()
        return elapsed


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": math.nan, "p99": math.nan, "mean": math.nan}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]

    return {"p50": rank(0.50), "p99": rank(0.99), "mean": sum(ordered) / len(ordered)}


async def run(command: dict[str, Any], payload: bytes) -> dict[str, Any]:
    scenario = Scenario(command, payload)
    clients = int(command.get("clients", 1))
    warmup = int(command.get("warmup", 0))
    if clients == 1:
        elapsed = await scenario.sequential(int(command["requests"]), warmup)
    else:
        elapsed = await scenario.concurrent(clients, float(command["seconds"]), warmup)
    tally = scenario.tally
    ok = len(tally.latencies)
    return {
        "sent": tally.sent,
        "ok": ok,
        "errors": tally.errors,
        "error_samples": tally.samples,
        "seconds": elapsed,
        "rps": ok / elapsed if elapsed > 0 else 0.0,
        "latency_ms": _percentiles(tally.latencies),
        "ttfb_ms": _percentiles(tally.ttfbs),
    }


def main() -> None:
    try:
        import uvloop
    except ImportError:
        loop = asyncio.new_event_loop()
    else:
        loop = uvloop.new_event_loop()
    payloads: dict[str, bytes] = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        command = orjson.loads(line)
        path = command["payload"]
        if path not in payloads:
            with open(path, "rb") as file:
                payloads[path] = file.read()
        result = loop.run_until_complete(run(command, payloads[path]))
        sys.stdout.write(orjson.dumps(result).decode() + "\n")
        sys.stdout.flush()
    loop.close()


if __name__ == "__main__":
    main()
