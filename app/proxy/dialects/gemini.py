"""kind = "gemini": translate to Gemini's native `generateContent` and the answer back.

Streams go to `:streamGenerateContent?alt=sse`, whole answers to `:generateContent`; the key
goes in `x-goog-api-key`. Gemini's stream has no end marker: an answer is complete only when a
chunk carried its finishReason, so a stream cut before that is an error, never an answer.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import aiohttp
import orjson
from aiohttp import web

from app.config.presets import gemini_options
from app.config.schema import Provider, Timeouts
from app.errors import InvalidRequest, UpstreamError, UpstreamProtocolError
from app.proxy.dialects.call import Call, auth_headers, join_url
from app.proxy.dialects.translated import (
    SSE_HEADERS,
    STREAM_FAILURES,
    end_stream,
    record_usage,
    start_stream,
    stop_sequences,
    stream_failure,
    warn_dropped_server_tools,
)
from app.proxy.upstream import Upstream, read_answer
from app.translate.chat_response import message_events
from app.translate.gemini_request import (
    code_assist_answer,
    code_assist_request,
    to_gemini_request,
)
from app.translate.gemini_response import to_anthropic_message
from app.translate.gemini_stream import GeminiStreamTranslator, parse_chunk
from app.translate.sse import SSEDecoder, encode_event
from app.translate.tool_names import tool_name_map
from app.translate.upstream_errors import upstream_error_message
from app.wire.gemini import GenerateContentResponse

log = logging.getLogger(__name__)


def model_url(base_url: str, model: str, method: str) -> str:
    """`{base}/models/{model}:{method}`; a model given as `models/x` or `tunedModels/x` keeps
    its collection."""
    path = model if "/" in model else f"models/{model}"
    return join_url(base_url, "/" + quote(path, safe="/.-_") + ":" + method)


def _headers(provider: Provider, api_key: str | None, *, stream: bool) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if stream else "application/json",
        **provider.headers,
        **auth_headers(provider, api_key),
    }


async def forward(call: Call) -> web.StreamResponse:
    provider = call.provider
    warn_dropped_server_tools(call)
    options = gemini_options(provider, call.model)
    request = to_gemini_request(call.body, options=options)
    method = "streamGenerateContent" if call.stream else "generateContent"
    if options.code_assist:
        envelope = code_assist_request(
            request,
            model=call.model,
            project=options.code_assist_project,
            prompt_id=uuid.uuid4().hex,
        )
        payload = orjson.dumps(envelope)
        url = join_url(provider.base_url, ":" + method)
    else:
        payload = orjson.dumps(request)
        url = model_url(provider.base_url, call.model, method)
    if call.stream:
        url += "?alt=sse"
    response = await call.upstream.open(
        provider,
        url,
        body=payload,
        headers=_headers(provider, call.api_key, stream=call.stream),
        timeouts=call.timeouts,
    )
    async with response:
        content_type = response.headers.get("Content-Type", "")
        if not call.stream or not content_type.startswith("text/event-stream"):
            return await _whole(call, response, content_type, wrapped=options.code_assist)
        translator = GeminiStreamTranslator(
            model=call.requested_model,
            source=provider.name,
            stop_sequences=stop_sequences(call.body),
            tool_names=tool_name_map(call.body.get("tools")),
        )
        parse = _code_assist_chunk if options.code_assist else parse_chunk
        return await _stream(call, response, translator, parse)


def _code_assist_chunk(data: str) -> GenerateContentResponse:
    return code_assist_answer(parse_chunk(data))  # type: ignore[arg-type,return-value]


async def count_tokens(
    request: web.Request,  # the client's request: unused, Gemini's count needs only the body
    body: dict[str, Any],
    provider: Provider,
    model: str,
    api_key: str | None,
    upstream: Upstream,
    timeouts: Timeouts,
) -> int | None:
    """Gemini's own count (`:countTokens` of the translated request); None on any failure
    (and for Code Assist, which is counted locally)."""
    try:
        options = gemini_options(provider, model)
        if options.code_assist:
            return None
        translated = to_gemini_request(body, options=options)
        translated.pop("generationConfig", None)  # a count needs none
        path = model if "/" in model else f"models/{model}"
        payload = orjson.dumps({"generateContentRequest": {"model": path, **translated}})
        response = await upstream.open(
            provider,
            model_url(provider.base_url, model, "countTokens"),
            body=payload,
            headers=_headers(provider, api_key, stream=False),
            timeouts=timeouts,
        )
        async with response:
            data = orjson.loads(await read_answer(provider.name, response))
    except (UpstreamError, aiohttp.ClientError, TimeoutError, orjson.JSONDecodeError) as exc:
        log.info("%s: countTokens failed, counting locally (%s)", provider.name, exc)
        return None
    except (InvalidRequest, TypeError, KeyError, AttributeError, ValueError) as exc:
        # a request the translator refuses: the local count still answers it
        log.info("%s: cannot count this request upstream (%s)", provider.name, exc)
        return None
    count = data.get("totalTokens") if isinstance(data, dict) else None
    return count if type(count) is int and count > 0 else None


async def _whole(
    call: Call, response: aiohttp.ClientResponse, content_type: str, *, wrapped: bool = False
) -> web.StreamResponse:
    """A non-stream answer (or an upstream that ignored alt=sse): translate it whole."""
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
    if not isinstance(data, dict):
        message = upstream_error_message(response.status, raw)
        raise UpstreamError(f"{name}: unexpected answer: {message}", provider=name, retryable=True)
    if wrapped:
        data = code_assist_answer(data)
    try:
        message_out = to_anthropic_message(
            data,
            model=call.requested_model,
            source=name,
            stop_sequences=stop_sequences(call.body),
            tool_names=tool_name_map(call.body.get("tools")),
        )
    except UpstreamProtocolError as exc:
        raise UpstreamError(
            f"{name}: {exc.message}", provider=name, status=exc.status, retryable=True
        ) from exc
    record_usage(call, message_out.get("usage") or {})
    if call.stream:
        out = web.StreamResponse(status=200, headers=SSE_HEADERS)
        await out.prepare(call.request)
        await out.write(b"".join(encode_event(e) for e in message_events(message_out)))
        await out.write_eof()
        return out
    call.record.ttfb_ms = (time.time() - call.record.started) * 1000
    return web.Response(body=orjson.dumps(message_out), content_type="application/json")


async def _stream(
    call: Call,
    response: aiohttp.ClientResponse,
    translator: GeminiStreamTranslator,
    parse: Callable[[str], GenerateContentResponse] = parse_chunk,
) -> web.StreamResponse:
    name = call.provider.name
    decoder = SSEDecoder()
    out: web.StreamResponse | None = None
    pending: list[dict[str, Any]] = []
    frames = 0
    try:
        async for chunk in response.content.iter_any():
            for frame in decoder.feed(chunk):
                if frame.data:
                    frames += 1
                    pending.extend(translator.feed(parse(frame.data)))
            if pending:
                if out is None:
                    out = await start_stream(call)
                await out.write(b"".join(encode_event(e) for e in pending))
                pending = []
        for frame in decoder.flush():
            if frame.data:
                frames += 1
                pending.extend(translator.feed(parse(frame.data)))
        if not frames:
            raise UpstreamError(
                f"{name}: the event stream held no events", provider=name, retryable=True
            )
        if not translator.finished:
            # Gemini's last chunk carries the finishReason: without it the answer was cut off.
            raise UpstreamError(
                f"{name}: the stream ended before the answer was complete",
                provider=name,
                retryable=True,
            )
        closing = pending + translator.finish()
    except STREAM_FAILURES as exc:
        closing = pending + stream_failure(call, out is not None, translator, exc)
    out = await end_stream(call, out, closing, translator.usage)
    return out
