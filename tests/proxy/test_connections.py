"""Slow clients: a connection that stalls before its request is closed, and a thousand stalled
connections neither exhaust the proxy's descriptors nor keep a real request out."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import anthropic
import orjson
import pytest
import pytest_asyncio

from app.config.schema import Config
from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, anthropic_config

STALLED = 1000
CAP = 64
PARTIAL = b"POST /proxy/main/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-"


@pytest_asyncio.fixture
async def proxy(anthropic_upstream: AnthropicUpstream) -> AsyncIterator[ProxyServer]:
    server = ProxyServer(
        Config.model_validate(anthropic_config(anthropic_upstream.url)),
        token=TOKEN,
        port=0,
        header_timeout=1.5,
        max_connections=CAP,
    )
    await server.start()
    yield server
    await server.stop()


async def _is_closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            while await reader.read(65536):
                pass  # a 503 or nothing, then the end
        return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


async def _ask(proxy: ProxyServer) -> str:
    async with anthropic.AsyncAnthropic(
        api_key=TOKEN, base_url=f"{proxy.url}/proxy/main", max_retries=0, timeout=10
    ) as client:
        answer = await client.messages.create(
            model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}]
        )
    return answer.id


@pytest.mark.asyncio
@pytest.mark.parametrize("sent", [b"", PARTIAL])
async def test_a_connection_that_stalls_before_its_request_is_closed(
    proxy: ProxyServer, sent: bytes
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    try:
        writer.write(sent)
        started = time.monotonic()
        assert await _is_closed_by_server(reader, within=10)
        assert time.monotonic() - started >= 1.0  # the deadline, not at once
    finally:
        await _close(writer)


@pytest.mark.asyncio
async def test_a_request_whose_body_takes_longer_than_the_deadline_is_served(
    proxy: ProxyServer,
) -> None:
    """The deadline is for starting a request: once its headers are in, a request is served
    however long its body takes."""
    body = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    try:
        writer.write(
            b"POST /proxy/main/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"x-api-key: {TOKEN}\r\nContent-Type: application/json\r\n".encode()
            + b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body)
        )
        for index in range(0, len(body), len(body) // 4 + 1):  # 4 pieces over 2.4 s
            await asyncio.sleep(0.6)
            writer.write(body[index : index + len(body) // 4 + 1])
        answer = await asyncio.wait_for(reader.read(), 10)
    finally:
        await _close(writer)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    assert b"msg_" in answer


@pytest.mark.asyncio
async def test_a_request_body_that_stops_arriving_is_answered_408(proxy: ProxyServer) -> None:
    """A stalled upload would hold one of the capped connections for ever."""
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    try:
        writer.write(
            b"POST /proxy/main/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"x-api-key: {TOKEN}\r\nContent-Length: 100\r\n\r\n".encode()
            + b'{"model":'
        )
        started = time.monotonic()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        assert time.monotonic() - started >= 1.0
    finally:
        await _close(writer)
    assert head.startswith(b"HTTP/1.1 408"), head


@pytest.mark.asyncio
async def test_a_thousand_stalled_connections_are_bounded_and_a_real_request_is_served(
    proxy: ProxyServer,
) -> None:
    assert proxy.state.connections is not None
    streams: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        async with asyncio.timeout(60):  # bounded whatever happens
            for _ in range(STALLED):
                reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
                writer.write(PARTIAL)
                streams.append((reader, writer))
                assert proxy.state.connections.open <= CAP
            await asyncio.sleep(0.1)
            assert proxy.state.connections.open <= CAP
            assert (await _ask(proxy)).startswith("msg_")  # served while they hang
            # every stalled one is closed: pushed out by newer ones, or at its deadline
            closed = await asyncio.gather(*(_is_closed_by_server(r, within=8) for r, _ in streams))
            assert all(closed), f"{closed.count(False)} stalled connections left open"
            assert proxy.state.connections.open <= 1  # at most the SDK's idle keep-alive
    finally:
        await asyncio.gather(*(_close(writer) for _, writer in streams))


@pytest.mark.asyncio
async def test_over_the_cap_with_every_connection_busy_a_new_one_gets_a_503(
    anthropic_upstream: AnthropicUpstream,
) -> None:
    server = ProxyServer(
        Config.model_validate(anthropic_config(anthropic_upstream.url)),
        token=TOKEN,
        port=0,
        max_connections=2,
    )
    await server.start()
    busy = []
    try:
        for _ in range(2):  # requests under way (their bodies still coming): not stalled
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(
                b"POST /proxy/main/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + f"x-api-key: {TOKEN}\r\nContent-Length: 100\r\n\r\n".encode()
                + b'{"model":'
            )
            busy.append(writer)
        await asyncio.sleep(0.3)
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        answer = await asyncio.wait_for(reader.read(), 5)
        await _close(writer)
        assert answer.startswith(b"HTTP/1.1 503")
        assert b"overloaded_error" in answer
    finally:
        await asyncio.gather(*(_close(writer) for writer in busy))
        await server.stop()


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close and wait until the socket is really closed: a socket left to the garbage
    collector warns in whatever test happens to run then."""
    writer.close()
    with contextlib.suppress(ConnectionError, OSError):
        await writer.wait_closed()
