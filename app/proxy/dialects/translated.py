"""What the translating dialects (openai-chat, openai-responses, gemini) share: the opening and
the end of the client's event stream (a failure after its start ends it with an error event),
failure messages, usage for the request log, the warning for server tools, and reading an
answer's end so its connection is reused."""

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
from app.system import redact
from app.translate import events as ev
from app.translate.chat_request import dropped_server_tools
from app.translate.sse import encode_event
from app.translate.stream_writer import StreamWriter

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


# What can break a stream after its start: the upstream's error, its broken protocol, the
# connection, a timeout.
STREAM_FAILURES = (UpstreamError, UpstreamProtocolError, aiohttp.ClientError, TimeoutError)


def stream_failure(
    call: Call, started: bool, translator: StreamWriter[Any], exc: Exception
) -> list[ev.Event]:
    """The events that end a stream the upstream broke. Before anything reached the client,
    it raises instead: another candidate may still serve the request."""
    name = call.provider.name
    message = redact.scrub(failure_message(name, exc))  # may quote the upstream's text
    if not started:
        if isinstance(exc, UpstreamError):
            raise exc
        status = exc.status if isinstance(exc, UpstreamProtocolError) else 502
        raise UpstreamError(message, provider=name, status=status, retryable=True) from exc
    # an in-stream "overloaded" error keeps its type: Claude Code then retries quietly
    error_type = exc.error_type if isinstance(exc, UpstreamProtocolError) else "api_error"
    call.record.error = message
    return translator.error(error_type, message)


async def end_stream(
    call: Call,
    out: web.StreamResponse | None,
    closing: list[ev.Event],
    usage: Mapping[str, object],
) -> web.StreamResponse:
    """Write the last events (opening the stream if nothing was sent yet) and log the usage."""
    if out is None:
        out = await start_stream(call)
    await out.write(b"".join(encode_event(e) for e in closing))
    await out.write_eof()
    record_usage(call, usage)
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
