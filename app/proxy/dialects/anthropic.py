"""kind = "anthropic": forward the request as it is, stream the answer back byte for byte."""

from __future__ import annotations

from typing import Any

import aiohttp
import orjson
from aiohttp import web

from app.errors import UpstreamError
from app.proxy.dialects.call import Call, auth_headers, forwarded_headers, join_url
from app.translate.sse import encode_event

_RESPONSE_HEADERS = ("Content-Type", "request-id", "anthropic-organization-id", "Retry-After")


async def forward(call: Call) -> web.StreamResponse:
    request = call.request
    payload = _payload(call)
    headers = forwarded_headers(request)
    headers.update(call.provider.headers)
    headers.update(auth_headers(call.provider, call.api_key))
    path = request.path[request.path.index("/v1/") :]
    url = join_url(call.provider.base_url, path)
    if request.query_string:
        url += "?" + request.query_string
    response = await call.upstream.open(
        call.provider, url, body=payload, headers=headers, timeouts=call.timeouts
    )
    async with response:
        out = web.StreamResponse(status=response.status)
        for name in _RESPONSE_HEADERS:
            if name in response.headers:
                out.headers[name] = response.headers[name]
        for name, value in response.headers.items():
            if name.lower().startswith("anthropic-ratelimit-"):
                out.headers[name] = value
        is_stream = response.headers.get("Content-Type", "").startswith("text/event-stream")
        await out.prepare(request)
        try:
            async for chunk in response.content.iter_any():
                await out.write(chunk)
        except (aiohttp.ClientError, TimeoutError) as exc:
            if not is_stream:
                raise UpstreamError(
                    f"{call.provider.name}: connection lost mid-answer ({exc})",
                    provider=call.provider.name,
                ) from exc
            # Headers are out: the only honest ending is an error event (PROTOCOL.md, Errors).
            message = f"{call.provider.name}: stream interrupted ({type(exc).__name__})"
            error = {"type": "error", "error": {"type": "api_error", "message": message}}
            await out.write(b"\n\n" + encode_event(error))
            call.record.error = message
        await out.write_eof()
        return out


def _payload(call: Call) -> bytes:
    """The raw body when nothing changes; otherwise the body with the model renamed and thinking
    blocks that another provider produced (no signature) removed."""
    body = call.body
    messages = body.get("messages")
    if not isinstance(messages, list):
        messages = []
    foreign = any(_has_unsigned_thinking(m) for m in messages)
    if body.get("model") == call.model and not foreign:
        return call.raw
    new_body: dict[str, Any] = dict(body)
    new_body["model"] = call.model
    if foreign:
        new_body["messages"] = [_without_unsigned_thinking(m) for m in messages]
    return orjson.dumps(new_body)


def _has_unsigned_thinking(message: Any) -> bool:
    if not isinstance(message, dict) or message.get("role") != "assistant":
        return False
    content = message.get("content")
    return isinstance(content, list) and any(
        isinstance(b, dict) and b.get("type") == "thinking" and not b.get("signature")
        for b in content
    )


def _without_unsigned_thinking(message: Any) -> Any:
    if not _has_unsigned_thinking(message):
        return message
    kept = [
        b
        for b in message["content"]
        if not (isinstance(b, dict) and b.get("type") == "thinking" and not b.get("signature"))
    ]
    return {**message, "content": kept or [{"type": "text", "text": "…"}]}  # no empty turn
