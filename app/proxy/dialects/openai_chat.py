"""kind = "openai-chat": translate to Chat Completions and the answer back, streamed or not."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from typing import Any

import aiohttp
import orjson
from aiohttp import web

from app.config.presets import chat_quirks
from app.errors import UpstreamError, UpstreamProtocolError
from app.proxy.dialects.call import Call, auth_headers, join_url
from app.proxy.dialects.input_estimate import InputEstimate
from app.proxy.upstream import read_answer
from app.system import redact
from app.translate.chat_request import dropped_server_tools, to_chat_request
from app.translate.chat_response import message_events, to_anthropic_message
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder, encode_event
from app.translate.tool_names import tool_name_map
from app.translate.upstream_errors import upstream_error_message

_READ_TO_END_SECONDS = 1.0
_SSE_HEADERS = {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
log = logging.getLogger(__name__)
_warned_server_tools: set[tuple[str, str]] = set()
_WARNED_MAX = 256  # a client names its tools: past this many, no more warnings are remembered


async def forward(call: Call) -> web.StreamResponse:
    provider = call.provider
    quirks = chat_quirks(provider, call.model)
    stop = _stop_sequences(call.body)
    _warn_dropped_server_tools(call)
    # Only the bytes are kept while the upstream answers, not the translated tree (~80 KB
    # of objects for a Claude Code request: it adds up at 64 requests in flight).
    payload = orjson.dumps(
        to_chat_request(call.body, model=call.model, quirks=quirks, stream=call.stream)
    )
    headers = {
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if call.stream else "application/json",
        **provider.headers,
        **auth_headers(provider, call.api_key),
    }
    url = join_url(provider.base_url, "/chat/completions")
    # A stream without usage (the quirk says so): count the input while the upstream answers.
    estimate = InputEstimate(call.body, early=call.stream and not quirks.stream_usage)
    try:
        response = await call.upstream.open(
            provider, url, body=payload, headers=headers, timeouts=call.timeouts
        )
        async with response:
            content_type = response.headers.get("Content-Type", "")
            if not call.stream or not content_type.startswith("text/event-stream"):
                return await _whole(call, response, content_type, quirks, stop, estimate)
            translator = ChatStreamTranslator(
                model=call.requested_model,
                quirks=quirks,
                stop_sequences=stop,
                tool_names=tool_name_map(call.body.get("tools")),
                input_tokens_hint=estimate.ready(),
            )
            return await _stream(call, response, translator, estimate)
    finally:
        estimate.close()


async def _whole(
    call: Call,
    response: aiohttp.ClientResponse,
    content_type: str,
    quirks: ChatQuirks,
    stop: list[str],
    estimate: InputEstimate,
) -> web.StreamResponse:
    """A non-stream answer (or an upstream that ignored stream=true): translate it whole."""
    name = call.provider.name
    raw = await read_answer(name, response)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        kind = "an HTML page" if b"<html" in raw[:512].lower() else f"'{content_type or 'no type'}'"
        raise UpstreamError(
            f"{name}: answered {kind} instead of JSON: {upstream_error_message(200, raw)}",
            provider=name,
            retryable=True,
        ) from exc
    if not isinstance(data, dict) or "choices" not in data:
        message = upstream_error_message(response.status, raw)
        raise UpstreamError(f"{name}: unexpected answer: {message}", provider=name, retryable=True)
    usage = data.get("usage")
    has_prompt = isinstance(usage, dict) and isinstance(usage.get("prompt_tokens"), int)
    try:
        message_out = to_anthropic_message(
            data,
            model=call.requested_model,
            quirks=quirks,
            stop_sequences=stop,
            tool_names=tool_name_map(call.body.get("tools")),
            input_tokens_hint=0 if has_prompt else await estimate.result(),
        )
    except UpstreamProtocolError as exc:
        raise UpstreamError(f"{name}: {exc.message}", provider=name, retryable=True) from exc
    _record_usage(call, message_out.get("usage") or {})
    if call.stream:
        # Claude Code asked for a stream: replay the message as events.
        out = web.StreamResponse(status=200, headers=_SSE_HEADERS)
        await out.prepare(call.request)
        await out.write(b"".join(encode_event(e) for e in message_events(message_out)))
        await out.write_eof()
        return out
    return web.Response(body=orjson.dumps(message_out), content_type="application/json")


async def _stream(
    call: Call,
    response: aiohttp.ClientResponse,
    translator: ChatStreamTranslator,
    estimate: InputEstimate,
) -> web.StreamResponse:
    name = call.provider.name
    decoder = SSEDecoder()
    out: web.StreamResponse | None = None
    pending: list[dict[str, Any]] = []
    frames = 0
    done = False  # the upstream sent [DONE]
    chunks = response.content.iter_any()
    try:
        while not done:
            chunk = await anext(chunks, None)
            # At the end, the decoder gives up a last frame that lacked its blank line.
            for frame in decoder.feed(chunk) if chunk is not None else decoder.flush():
                if frame.data == "[DONE]":
                    done = True
                    break
                if frame.data:
                    frames += 1
                    pending.extend(translator.feed(parse_chunk(frame.data)))
            if pending:
                if out is None:
                    out = await _start(call)
                await out.write(b"".join(encode_event(e) for e in pending))
                pending = []
            if chunk is None:
                break
        if not frames:
            raise UpstreamError(
                f"{name}: the event stream held no events", provider=name, retryable=True
            )
        if not done and not translator.finished:
            # Cut off without [DONE] or a finish_reason: never pass a truncated answer off as
            # complete (Claude Code would keep it); an error makes the client retry.
            raise UpstreamError(
                f"{name}: the stream ended before the answer was complete",
                provider=name,
                retryable=True,
            )
        if translator.lacks_input_count:  # the upstream reported no usage
            translator.set_input_estimate(await estimate.result())
        closing = translator.finish()
    except (UpstreamError, UpstreamProtocolError, aiohttp.ClientError, TimeoutError) as exc:
        message = redact.scrub(_failure_message(name, exc))  # may quote the upstream's text
        if out is None:
            # Nothing reached the client yet: another candidate may still serve the request.
            if isinstance(exc, UpstreamError):
                raise
            status = exc.status if isinstance(exc, UpstreamProtocolError) else 502
            raise UpstreamError(message, provider=name, status=status, retryable=True) from exc
        # an in-stream "overloaded" error keeps its type: Claude Code then retries quietly
        error_type = exc.error_type if isinstance(exc, UpstreamProtocolError) else "api_error"
        closing = pending + translator.error(error_type, message)
        call.record.error = message
    if out is None:
        out = await _start(call)
    await out.write(b"".join(encode_event(e) for e in closing))
    await out.write_eof()
    _record_usage(call, translator.usage)
    if done:
        await _read_to_end(response)
    return out


async def _read_to_end(response: aiohttp.ClientResponse) -> None:
    """Read what follows [DONE] (the end of the chunked body), the client already served. A
    connection whose answer is not read to its end is closed, not reused: the next request
    would pay a new connection, with a real provider a TLS handshake."""
    with contextlib.suppress(aiohttp.ClientError, TimeoutError):
        async with asyncio.timeout(_READ_TO_END_SECONDS):
            while await response.content.readany():
                pass


def _failure_message(name: str, exc: Exception) -> str:
    if isinstance(exc, UpstreamError | UpstreamProtocolError):
        message = exc.message
    else:
        message = f"stream interrupted ({type(exc).__name__}: {exc})"
    return message if message.startswith(name) else f"{name}: {message}"


async def _start(call: Call) -> web.StreamResponse:
    out = web.StreamResponse(status=200, headers=_SSE_HEADERS)
    await out.prepare(call.request)
    call.record.ttfb_ms = (time.time() - call.record.started) * 1000
    return out


def _record_usage(call: Call, usage: Mapping[str, object]) -> None:
    record = call.record
    for key, attr in (
        ("input_tokens", "input_tokens"),
        ("output_tokens", "output_tokens"),
        ("cache_read_input_tokens", "cache_read_tokens"),
    ):
        value = usage.get(key)
        if isinstance(value, int):
            setattr(record, attr, value)


def _stop_sequences(body: Mapping[str, Any]) -> list[str]:
    stop = body.get("stop_sequences")
    return [s for s in stop if isinstance(s, str)] if isinstance(stop, list) else []


def _warn_dropped_server_tools(call: Call) -> None:
    """Server tools (web search…) cannot run on Chat Completions: say so once per tool."""
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
