"""kind = "anthropic": forward the request as it is, stream the answer back byte for byte.

Token usage for metrics is sniffed from the bytes next to `"usage"` keys, never parsed per chunk.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import aiohttp
import orjson
from aiohttp import web

from app.config.schema import Provider, Timeouts
from app.errors import UpstreamError
from app.proxy.dialects.call import Call, auth_headers, forwarded_headers, join_url
from app.proxy.observer import RequestRecord
from app.proxy.upstream import Upstream, read_answer
from app.translate.carrier import is_carried
from app.translate.sse import encode_event

log = logging.getLogger(__name__)

# The endpoints this dialect calls: whatever the client's path (the profile's name may be any
# word, even "v1"), a message goes to /v1/messages and a count to /v1/messages/count_tokens.
_MESSAGES = "/v1/messages"
_COUNT_TOKENS = "/v1/messages/count_tokens"
_RESPONSE_HEADERS = ("Content-Type", "request-id", "anthropic-organization-id", "Retry-After")
_USAGE_KEY = b'"usage"'
_USAGE_SPAN = 600  # bytes after "usage" that hold its numbers
_USAGE_FIELD = re.compile(rb'"(input_tokens|output_tokens|cache_read_input_tokens)"\s*:\s*(\d+)')
_RECORD_FIELDS = {
    b"input_tokens": "input_tokens",
    b"output_tokens": "output_tokens",
    b"cache_read_input_tokens": "cache_read_tokens",
}


# Claude on Google Vertex AI: an Anthropic provider whose base URL is a Vertex
# `…/publishers/anthropic/models` root. The model goes in the URL (`{model}:streamRawPredict`),
# the body carries `anthropic_version` instead of `model`; the rest is the Messages API.
_VERTEX_ROOT = "/publishers/anthropic/models"
_VERTEX_VERSION = "vertex-2023-10-16"


def is_vertex(provider: Provider) -> bool:
    return provider.base_url.endswith(_VERTEX_ROOT)


async def forward(call: Call) -> web.StreamResponse:
    request = call.request
    if is_vertex(call.provider):
        method = "streamRawPredict" if call.stream else "rawPredict"
        url, body = f"{call.provider.base_url}/{call.model}:{method}", _vertex_payload(call)
    else:
        url, body = _url(call.provider, _MESSAGES, request.query_string), _payload(call)
    response = await call.upstream.open(
        call.provider,
        url,
        body=body,
        headers=_headers(call.provider, request, call.api_key),
        timeouts=call.timeouts,
    )
    async with response:
        if response.headers.get("Content-Type", "").startswith("text/event-stream"):
            return await _stream(call, response)
        return await _whole(call, response)


async def count_tokens(
    request: web.Request,
    body: dict[str, Any],
    provider: Provider,
    model: str,
    api_key: str | None,
    upstream: Upstream,
    timeouts: Timeouts,
) -> int | None:
    """The provider's own count (POST …/v1/messages/count_tokens); None on any failure (and
    on Vertex, which is counted locally)."""
    if is_vertex(provider):
        return None
    try:
        response = await upstream.open(
            provider,
            _url(provider, _COUNT_TOKENS, request.query_string),
            body=orjson.dumps({**body, "model": model}),
            headers=_headers(provider, request, api_key),
            timeouts=timeouts,
        )
        async with response:
            data = orjson.loads(await read_answer(provider.name, response))
    except (UpstreamError, aiohttp.ClientError, TimeoutError, orjson.JSONDecodeError) as exc:
        log.info("%s: count_tokens failed, counting locally (%s)", provider.name, exc)
        return None
    count = data.get("input_tokens") if isinstance(data, dict) else None
    return count if type(count) is int and count > 0 else None


def _url(provider: Provider, path: str, query: str) -> str:
    url = join_url(provider.base_url, path)
    return url + "?" + query if query else url


def _headers(provider: Provider, request: web.Request, api_key: str | None) -> dict[str, str]:
    headers = forwarded_headers(request)
    betas = provider.headers.get("anthropic-beta")
    client_betas = (
        next((headers.pop(k) for k in list(headers) if k.lower() == "anthropic-beta"), "")
        if betas
        else ""
    )
    headers.update(provider.headers)
    if client_betas:
        # a provider's betas (a subscription login's `oauth-…`) join the client's, not replace
        wanted = [b.strip() for b in f"{client_betas},{betas}".split(",") if b.strip()]
        headers["anthropic-beta"] = ",".join(dict.fromkeys(wanted))
    headers.update(auth_headers(provider, api_key))
    return headers


def _answer_headers(response: aiohttp.ClientResponse) -> dict[str, str]:
    out = {name: response.headers[name] for name in _RESPONSE_HEADERS if name in response.headers}
    for name, value in response.headers.items():
        if name.lower().startswith("anthropic-ratelimit-"):
            out[name] = value
    return out


async def _whole(call: Call, response: aiohttp.ClientResponse) -> web.StreamResponse:
    """A JSON answer: read whole (it is one message), so a cut connection can still fail over."""
    body = await read_answer(call.provider.name, response)
    sniffer = UsageSniffer()
    sniffer.feed(body)
    sniffer.apply(call.record)
    call.record.ttfb_ms = (time.time() - call.record.started) * 1000
    return web.Response(status=response.status, body=body, headers=_answer_headers(response))


async def _stream(call: Call, response: aiohttp.ClientResponse) -> web.StreamResponse:
    """An event stream, byte for byte. Nothing is sent until the first bytes arrive, so an
    upstream that fails before them can still be replaced by the next candidate."""
    name = call.provider.name
    chunks = response.content.iter_any()
    try:
        first = await anext(chunks)
    except StopAsyncIteration:
        raise UpstreamError(
            f"{name}: the event stream ended before any event", provider=name, retryable=True
        ) from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise UpstreamError(
            f"{name}: stream failed before any data ({type(exc).__name__}: {exc})",
            provider=name,
            retryable=True,
        ) from exc
    out = web.StreamResponse(status=response.status, headers=_answer_headers(response))
    await out.prepare(call.request)
    call.record.ttfb_ms = (time.time() - call.record.started) * 1000
    sniffer = UsageSniffer()
    sniffer.feed(first)
    await out.write(first)
    try:
        async for chunk in chunks:
            sniffer.feed(chunk)
            await out.write(chunk)
    except (aiohttp.ClientError, TimeoutError) as exc:
        # Headers are out: the only honest ending is an error event (PROTOCOL.md, Errors).
        message = f"{name}: stream interrupted ({type(exc).__name__})"
        error = {"type": "error", "error": {"type": "api_error", "message": message}}
        await out.write(b"\n\n" + encode_event(error))
        call.record.error = message
    sniffer.apply(call.record)
    await out.write_eof()
    return out


class UsageSniffer:
    """Token usage from Anthropic answer bytes without parsing them: only the bytes right after
    a `"usage"` key are read (message_start, message_delta, or the end of a JSON message).
    Later numbers win: message_delta's usage is cumulative. JSON strings escape their quotes,
    so text that mentions "usage" never matches."""

    def __init__(self) -> None:
        self.usage: dict[bytes, int] = {}
        self._open = b""  # a usage object the previous chunk cut off
        self._edge = b""  # the previous chunk's last bytes: a key may straddle two chunks

    def feed(self, chunk: bytes) -> None:
        if self._open:
            self._read(self._open + chunk[:_USAGE_SPAN])
            self._open = b""
        seam = self._edge + chunk[: len(_USAGE_KEY) - 1]
        if _USAGE_KEY in seam:
            self._read(seam[seam.index(_USAGE_KEY) :] + chunk[len(_USAGE_KEY) - 1 : _USAGE_SPAN])
        at = chunk.find(_USAGE_KEY)
        while at >= 0:
            region = chunk[at : at + _USAGE_SPAN]
            self._read(region)
            if at + _USAGE_SPAN > len(chunk):
                self._open = region
            at = chunk.find(_USAGE_KEY, at + 1)
        self._edge = chunk[1 - len(_USAGE_KEY) :]

    def apply(self, record: RequestRecord) -> None:
        for key, value in self.usage.items():
            setattr(record, _RECORD_FIELDS[key], value)

    def _read(self, region: bytes) -> None:
        for match in _USAGE_FIELD.finditer(region):
            self.usage[match.group(1)] = int(match.group(2))


def _payload(call: Call) -> bytes:
    """The raw body when nothing changes; otherwise the body with the model renamed and thinking
    blocks that another provider produced removed: unsigned ones, and those whose signature
    carries another upstream's reasoning state (app/translate/carrier.py), which Anthropic
    would reject as an invalid signature."""
    body = call.body
    messages = body.get("messages")
    if not isinstance(messages, list):
        messages = []
    foreign = any(_has_foreign_thinking(m) for m in messages)
    if body.get("model") == call.model and not foreign:
        return call.raw
    new_body: dict[str, Any] = dict(body)
    new_body["model"] = call.model
    if foreign:
        new_body["messages"] = [_without_foreign_thinking(m) for m in messages]
    return orjson.dumps(new_body)


def _vertex_payload(call: Call) -> bytes:
    """The body for Vertex: no `model` (it is in the URL), `anthropic_version` instead."""
    body = orjson.loads(_payload(call))
    body.pop("model", None)
    body["anthropic_version"] = _VERTEX_VERSION
    return orjson.dumps(body)


def _is_foreign_thinking(block: Any) -> bool:
    if not isinstance(block, dict) or block.get("type") != "thinking":
        return False
    signature = block.get("signature")
    return not signature or is_carried(signature)


def _has_foreign_thinking(message: Any) -> bool:
    if not isinstance(message, dict) or message.get("role") != "assistant":
        return False
    content = message.get("content")
    return isinstance(content, list) and any(_is_foreign_thinking(b) for b in content)


def _without_foreign_thinking(message: Any) -> Any:
    if not _has_foreign_thinking(message):
        return message
    kept = [b for b in message["content"] if not _is_foreign_thinking(b)]
    return {**message, "content": kept or [{"type": "text", "text": "…"}]}  # no empty turn
