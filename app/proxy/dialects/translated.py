"""What the translating dialects (openai-chat, openai-responses, gemini) share: the opening of
the client's event stream, failure messages, usage for the request log, the warning for server
tools, and reading an answer's end so its connection is reused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from typing import Any

import aiohttp
from aiohttp import web

from app.errors import UpstreamError, UpstreamProtocolError
from app.proxy.dialects.call import Call
from app.translate.chat_request import dropped_server_tools

SSE_HEADERS = {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
_READ_TO_END_SECONDS = 1.0
log = logging.getLogger(__name__)
_warned_server_tools: set[tuple[str, str]] = set()
_WARNED_MAX = 256  # a client names its tools: past this many, no more warnings are remembered


def failure_message(name: str, exc: Exception) -> str:
    if isinstance(exc, UpstreamError | UpstreamProtocolError):
        message = exc.message
    else:
        message = f"stream interrupted ({type(exc).__name__}: {exc})"
    return message if message.startswith(name) else f"{name}: {message}"


async def start_stream(call: Call) -> web.StreamResponse:
    out = web.StreamResponse(status=200, headers=SSE_HEADERS)
    await out.prepare(call.request)
    call.record.ttfb_ms = (time.time() - call.record.started) * 1000
    return out


def record_usage(call: Call, usage: Mapping[str, object]) -> None:
    record = call.record
    for key, attr in (
        ("input_tokens", "input_tokens"),
        ("output_tokens", "output_tokens"),
        ("cache_read_input_tokens", "cache_read_tokens"),
    ):
        value = usage.get(key)
        if isinstance(value, int):
            setattr(record, attr, value)


def stop_sequences(body: Mapping[str, Any]) -> list[str]:
    stop = body.get("stop_sequences")
    return [s for s in stop if isinstance(s, str)] if isinstance(stop, list) else []


def warn_dropped_server_tools(call: Call) -> None:
    """Server tools (web search…) cannot run on a translated upstream: say so once per tool."""
    if not call.body.get("tools"):
        return
    for name in dropped_server_tools(call.body):
        key = (call.provider.name, name)
        if key not in _warned_server_tools and len(_warned_server_tools) < _WARNED_MAX:
            _warned_server_tools.add(key)
            log.warning(
                "%s cannot run the server tool %s; it is left out (route web search to an "
                "Anthropic provider with the profile's web-search rule)",
                call.provider.name,
                name,
            )


async def read_to_end(response: aiohttp.ClientResponse) -> None:
    """Read what follows the upstream's last event (the end of the chunked body), the client
    already served. A connection whose answer is not read to its end is closed, not reused:
    the next request would pay a new connection, with a real provider a TLS handshake."""
    with contextlib.suppress(aiohttp.ClientError, TimeoutError):
        async with asyncio.timeout(_READ_TO_END_SECONDS):
            while await response.content.readany():
                pass
