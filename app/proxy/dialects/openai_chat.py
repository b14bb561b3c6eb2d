"""kind = "openai-chat": translate to Chat Completions and the answer back, streamed or not."""

from __future__ import annotations

from typing import Any, cast

import aiohttp
import orjson
from aiohttp import web

from app.config.presets import chat_quirks
from app.errors import UpstreamError, UpstreamProtocolError
from app.proxy.dialects.call import Call, auth_headers, join_url
from app.proxy.dialects.input_estimate import InputEstimate
from app.proxy.dialects.translated import (
    SSE_HEADERS,
    STREAM_FAILURES,
    end_stream,
    read_to_end,
    record_usage,
    start_stream,
    stop_sequences,
    stream_failure,
    warn_dropped_server_tools,
)
from app.proxy.upstream import read_answer
from app.translate.chat_request import to_chat_request
from app.translate.chat_response import message_events, to_anthropic_message
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder, encode_event
from app.translate.tool_names import tool_name_map
from app.translate.upstream_errors import upstream_error_message
from app.wire.chat import ChatCompletion


async def forward(call: Call) -> web.StreamResponse:
    provider = call.provider
    quirks = chat_quirks(provider, call.model)
    stop = stop_sequences(call.body)
    warn_dropped_server_tools(call)
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
            cast(ChatCompletion, data),  # an object with choices: the rest is checked as read
            model=call.requested_model,
            quirks=quirks,
            stop_sequences=stop,
            tool_names=tool_name_map(call.body.get("tools")),
            input_tokens_hint=0 if has_prompt else await estimate.result(),
        )
    except UpstreamProtocolError as exc:
        raise UpstreamError(f"{name}: {exc.message}", provider=name, retryable=True) from exc
    record_usage(call, message_out.get("usage") or {})
    if call.stream:
        # Claude Code asked for a stream: replay the message as events.
        out = web.StreamResponse(status=200, headers=SSE_HEADERS)
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
                    out = await start_stream(call)
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
    except STREAM_FAILURES as exc:
        closing = pending + stream_failure(call, out is not None, translator, exc)
    out = await end_stream(call, out, closing, translator.usage)
    if done:
        await read_to_end(response)
    return out
