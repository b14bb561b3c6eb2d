"""kind = "openai-responses": translate to the Responses API and the answer back, streamed or not.

The ChatGPT/Codex subscription backend is this dialect with quirks (resources/providers.toml):
it answers only as a stream, so a non-stream request is served by reading the stream whole.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, cast

import aiohttp
import orjson
from aiohttp import web

from app.config.presets import responses_quirks
from app.config.schema import Provider, Timeouts
from app.errors import UpstreamError, UpstreamProtocolError
from app.proxy.dialects.call import Call, auth_headers, join_url
from app.proxy.dialects.translated import (
    SSE_HEADERS,
    STREAM_FAILURES,
    end_stream,
    failure_message,
    read_to_end,
    record_usage,
    start_stream,
    stop_sequences,
    stream_failure,
    warn_dropped_server_tools,
)
from app.proxy.upstream import Upstream, read_answer
from app.system import redact
from app.translate import events as ev
from app.translate.events import message_events, message_from_events
from app.translate.responses_request import to_responses_request
from app.translate.responses_response import to_anthropic_message
from app.translate.responses_stream import ResponsesStreamTranslator, parse_event
from app.translate.sse import SSEDecoder, encode_event
from app.translate.tool_names import tool_name_map
from app.translate.upstream_errors import upstream_error_message
from app.wire.responses import Response

log = logging.getLogger(__name__)
# Fields POST …/responses/input_tokens accepts, of those to_responses_request writes.
_COUNT_FIELDS = ("model", "input", "instructions", "tools", "tool_choice", "reasoning", "text")


async def forward(call: Call) -> web.StreamResponse:
    provider = call.provider
    empty = [name for name, value in provider.headers.items() if not value]
    if empty:
        # The ChatGPT preset ships ChatGPT-Account-ID without a value, for the user to fill.
        raise UpstreamError(
            f"{provider.name}: the header {', '.join(empty)} has no value; set it in Settings "
            "(Providers) or in the config file",
            provider=provider.name,
            status=401,
        )
    quirks = responses_quirks(provider, call.model)
    warn_dropped_server_tools(call)
    request = to_responses_request(
        call.body, model=call.model, quirks=quirks, source=provider.name, stream=call.stream
    )
    upstream_streams = request.get("stream") is True
    response = await call.upstream.open(
        provider,
        join_url(provider.base_url, "/responses"),
        body=orjson.dumps(request),
        headers=_headers(provider, call.api_key, stream=upstream_streams),
        timeouts=call.timeouts,
    )
    async with response:
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("text/event-stream"):
            return await _whole(call, response, content_type)
        translator = ResponsesStreamTranslator(
            model=call.requested_model,
            source=provider.name,
            tool_names=tool_name_map(call.body.get("tools")),
            stop_sequences=stop_sequences(call.body),
        )
        if not call.stream:
            return await _collected(call, response, translator)
        return await _stream(call, response, translator)


async def count_tokens(
    request: web.Request,  # the client's request: unused, the count needs only the body
    body: dict[str, Any],
    provider: Provider,
    model: str,
    api_key: str | None,
    upstream: Upstream,
    timeouts: Timeouts,
) -> int | None:
    """The provider's own count (POST …/responses/input_tokens); None where the backend has
    no such endpoint, or on any failure."""
    quirks = responses_quirks(provider, model)
    if not quirks.count_endpoint:
        return None
    try:
        translated = to_responses_request(
            body, model=model, quirks=quirks, source=provider.name, stream=False
        )
        plain: dict[str, Any] = dict(translated)
        payload = {key: plain[key] for key in _COUNT_FIELDS if key in plain}
        response = await upstream.open(
            provider,
            join_url(provider.base_url, "/responses/input_tokens"),
            body=orjson.dumps(payload),
            headers=_headers(provider, api_key, stream=False),
            timeouts=timeouts,
        )
        async with response:
            data = orjson.loads(await read_answer(provider.name, response))
    except (UpstreamError, aiohttp.ClientError, TimeoutError, orjson.JSONDecodeError) as exc:
        log.info("%s: input_tokens failed, counting locally (%s)", provider.name, exc)
        return None
    count = data.get("input_tokens") if isinstance(data, dict) else None
    return count if type(count) is int and count > 0 else None


def _headers(provider: Provider, api_key: str | None, *, stream: bool) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if stream else "application/json",
        **provider.headers,  # e.g. ChatGPT-Account-ID for the ChatGPT/Codex backend
        **auth_headers(provider, api_key),
    }


async def _whole(
    call: Call, response: aiohttp.ClientResponse, content_type: str
) -> web.StreamResponse:
    """A JSON Response object (a non-stream request): translate it whole."""
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
    if not isinstance(data, dict) or "output" not in data:
        message = upstream_error_message(response.status, raw)
        raise UpstreamError(f"{name}: unexpected answer: {message}", provider=name, retryable=True)
    try:
        message_out = to_anthropic_message(
            cast(Response, data),  # an object with output: the rest is checked as read
            model=call.requested_model,
            source=name,
            tool_names=tool_name_map(call.body.get("tools")),
            stop_sequences=stop_sequences(call.body),
        )
    except UpstreamProtocolError as exc:
        raise UpstreamError(
            f"{name}: {exc.message}", provider=name, status=exc.status, retryable=True
        ) from exc
    return await _answer(call, message_out)


async def _answer(call: Call, message: dict[str, Any]) -> web.StreamResponse:
    record_usage(call, message.get("usage") or {})
    if call.stream:  # the client asked for a stream: replay the message as events
        out = web.StreamResponse(status=200, headers=SSE_HEADERS)
        await out.prepare(call.request)
        await out.write(b"".join(encode_event(e) for e in message_events(message)))
        await out.write_eof()
        return out
    return web.Response(body=orjson.dumps(message), content_type="application/json")


async def _collected(
    call: Call, response: aiohttp.ClientResponse, translator: ResponsesStreamTranslator
) -> web.StreamResponse:
    """A non-stream request served from a stream (a stream-only backend): read it whole,
    then answer with the message. Nothing is sent before the end, so any failure fails over."""
    name = call.provider.name
    events: list[ev.Event] = []
    try:
        async for _ in _translate(response, translator, events):
            pass
        if not translator.finished:
            raise UpstreamError(
                f"{name}: the stream ended before the answer was complete",
                provider=name,
                retryable=True,
            )
        message = message_from_events(events + translator.finish())
    except (UpstreamProtocolError, aiohttp.ClientError, TimeoutError) as exc:
        status = exc.status if isinstance(exc, UpstreamProtocolError) else 502
        raise UpstreamError(
            redact.scrub(failure_message(name, exc)),  # may quote the upstream's text
            provider=name,
            status=status,
            retryable=True,
        ) from exc
    return await _answer(call, message)


async def _translate(
    response: aiohttp.ClientResponse, translator: ResponsesStreamTranslator, out: list[ev.Event]
) -> AsyncIterator[None]:
    """Translate the upstream's events into `out`, yielding after each network chunk, until
    the terminal event. On a failure, `out` holds every event translated before it."""
    decoder = SSEDecoder()
    frames = 0
    async for chunk in response.content.iter_any():
        for frame in decoder.feed(chunk):
            if frame.data and frame.data != "[DONE]":
                frames += 1
                out += translator.feed(parse_event(frame.data))
        yield
        if translator.finished:
            return
    for frame in decoder.flush():
        if frame.data and frame.data != "[DONE]":
            frames += 1
            out += translator.feed(parse_event(frame.data))
    if not frames:
        raise UpstreamProtocolError("the event stream held no events")


async def _stream(
    call: Call, response: aiohttp.ClientResponse, translator: ResponsesStreamTranslator
) -> web.StreamResponse:
    name = call.provider.name
    out: web.StreamResponse | None = None
    pending: list[ev.Event] = []
    try:
        async for _ in _translate(response, translator, pending):
            if pending:
                if out is None:
                    out = await start_stream(call)
                await out.write(b"".join(encode_event(e) for e in pending))
                pending.clear()
        if pending:  # from the decoder's flush
            if out is None:
                out = await start_stream(call)
            await out.write(b"".join(encode_event(e) for e in pending))
            pending.clear()
        if not translator.finished:
            # Cut off before response.completed: never pass a truncated answer off as
            # complete (Claude Code would keep it); an error makes the client retry.
            raise UpstreamError(
                f"{name}: the stream ended before the answer was complete",
                provider=name,
                retryable=True,
            )
        closing = translator.finish()
    except STREAM_FAILURES as exc:
        closing = pending + stream_failure(call, out is not None, translator, exc)
    out = await end_stream(call, out, closing, translator.usage)
    if translator.finished:
        await read_to_end(response)
    return out
