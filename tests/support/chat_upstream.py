"""A real loopback OpenAI-compatible server (Chat Completions), scripted per test.

Every request it receives is checked by the strict validator; a request a strict provider would
reject is answered with a 400 and recorded in `invalid`, so tests fail on it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from tests.support.openai_strict import validate_chat_request

Chunk = dict[str, Any] | bytes


@dataclass(frozen=True)
class RawAnswer:
    """An answer sent exactly as given (status, content type, bytes): for broken upstreams."""

    status: int
    content_type: str
    body: bytes


def text_chunks(text: str, *, model: str = "up-model", size: int = 3) -> list[Chunk]:
    """A streamed text answer split into small deltas, usage in a trailing chunk."""
    chunks: list[Chunk] = [_chunk({"role": "assistant", "content": ""}, model=model)]
    chunks += [
        _chunk({"content": text[i : i + size]}, model=model) for i in range(0, len(text), size)
    ]
    chunks.append(_chunk({}, finish="stop", model=model))
    chunks.append(usage_chunk(model=model))
    return chunks


def tool_call_chunks(
    name: str, arguments: str, *, call_id: str = "call_1", size: int = 2, model: str = "up-model"
) -> list[Chunk]:
    """One tool call whose JSON arguments arrive in many tiny deltas."""
    first = {
        "index": 0,
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": ""},
    }
    chunks: list[Chunk] = [_chunk({"role": "assistant", "tool_calls": [first]}, model=model)]
    for i in range(0, len(arguments), size):
        piece = {"index": 0, "function": {"arguments": arguments[i : i + size]}}
        chunks.append(_chunk({"tool_calls": [piece]}, model=model))
    chunks.append(_chunk({}, finish="tool_calls", model=model))
    chunks.append(usage_chunk(model=model))
    return chunks


def usage_chunk(
    *, prompt: int = 120, completion: int = 30, cached: int = 100, model: str = "up-model"
) -> Chunk:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": model,
        "choices": [],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": cached},
        },
    }


def completion(
    text: str | None = "Hello!",
    *,
    tool_calls: list[dict[str, Any]] | None = None,
    reasoning: str | None = None,
    finish: str = "stop",
) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if tool_calls:
        message["tool_calls"] = tool_calls
    if reasoning:
        message["reasoning_content"] = reasoning
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "up-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 50, "completion_tokens": 7, "total_tokens": 57},
    }


def _chunk(delta: dict[str, Any], *, finish: str | None = None, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


Answer = dict[str, Any] | list[Chunk] | RawAnswer


@dataclass
class ChatUpstream:
    """Answers from `script` in order (a dict = whole completion, a list = stream chunks, a
    callable = built from the request);
    with an empty script, a short text answer in whichever form was asked."""

    script: deque[Answer | Callable[[dict[str, Any]], Answer]] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    url: str = ""
    delay: float = 0.0
    # refuses a request (e.g. a 401 for a bad bearer token) before anything else happens
    guard: Callable[[web.Request], web.Response | None] | None = None
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post("/v1/chat/completions", self._complete)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _complete(self, request: web.Request) -> web.StreamResponse:
        refusal = self.guard(request) if self.guard is not None else None
        if refusal is not None:
            return refusal
        body = orjson.loads(await request.read())
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        try:
            validate_chat_request(body)
        except (AssertionError, ValueError) as exc:
            self.invalid.append(str(exc))
            return web.json_response(
                {"error": {"message": f"strict validator: {exc}", "type": "invalid_request_error"}},
                status=400,
            )
        answer = self.script.popleft() if self.script else None
        stream = body.get("stream") is True
        if callable(answer):
            answer = answer(body)  # an answer built from what the client sent
        if answer is None:
            answer = text_chunks("Hello!") if stream else completion()
        if isinstance(answer, RawAnswer):
            return web.Response(
                status=answer.status,
                body=answer.body,
                headers={"Content-Type": answer.content_type},
            )
        if isinstance(answer, dict):
            return web.json_response(answer)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for chunk in answer:
            if self.delay:
                await asyncio.sleep(self.delay)
            data = chunk if isinstance(chunk, bytes) else b"data: " + orjson.dumps(chunk) + b"\n\n"
            await response.write(data)
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response
