"""The local token check holds for any bytes a client can put in a header."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import ProxyFactory, anthropic_config


async def _raw_request(proxy: ProxyServer, header_lines: bytes) -> tuple[int, bytes]:
    """One request written byte for byte (aiohttp's client refuses non-ASCII header values)."""
    body = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    writer.write(
        b"POST /proxy/main/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + header_lines
        + b"Content-Type: application/json\r\nConnection: close\r\n"
        + b"Content-Length: %d\r\n\r\n" % len(body)
        + body
    )
    await writer.drain()
    answer = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, payload = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), payload


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "header",
    [
        b"x-api-key: sb-\xff\xfe-not-utf8\r\n",
        "x-api-key: sb-t\u00f6ken\r\n".encode(),
        b"Authorization: Bearer \xc3\x28broken\r\n",
    ],
)
async def test_a_non_ascii_token_is_401_not_500(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory, header: bytes
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    status, payload = await _raw_request(proxy, header)
    assert status == 401
    assert orjson.loads(payload)["error"]["type"] == "authentication_error"
    assert anthropic_upstream.requests == []
