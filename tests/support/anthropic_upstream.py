"""A real loopback server that speaks the Anthropic Messages API, scripted per test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

SIGNATURE = "EqQBCkgIARABGAIiQL4ZtR+signature/bytes+that+must+survive==" * 2

MESSAGE: dict[str, Any] = {
    "id": "msg_01UpstreamId",
    "type": "message",
    "role": "assistant",
    "model": "claude-default-upstream",
    "content": [
        {"type": "thinking", "thinking": "Let me list the files.", "signature": SIGNATURE},
        {"type": "text", "text": "I'll run ls."},
        {
            "type": "tool_use",
            "id": "toolu_01AbC",
            "name": "Bash",
            "input": {"command": "ls -la", "description": "List files"},
        },
    ],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {
        "input_tokens": 1234,
        "output_tokens": 56,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 1000,
    },
}


def stream_events(message: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The SSE events Anthropic sends for `message`, with deltas split small."""
    start = {**message, "content": [], "stop_reason": None, "usage": {**message["usage"]}}
    start["usage"]["output_tokens"] = 1
    events: list[tuple[str, dict[str, Any]]] = [
        ("message_start", {"type": "message_start", "message": start}),
        ("ping", {"type": "ping"}),
    ]
    for index, block in enumerate(message["content"]):
        kind = block["type"]
        if kind == "thinking":
            first = {"type": "thinking", "thinking": "", "signature": ""}
            deltas = [{"type": "thinking_delta", "thinking": block["thinking"]}]
            deltas.append({"type": "signature_delta", "signature": block["signature"]})
        elif kind == "text":
            first = {"type": "text", "text": ""}
            text = block["text"]
            deltas = [
                {"type": "text_delta", "text": text[i : i + 4]} for i in range(0, len(text), 4)
            ]
        else:
            first = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
            args = orjson.dumps(block["input"]).decode()
            deltas = [
                {"type": "input_json_delta", "partial_json": args[i : i + 5]}
                for i in range(0, len(args), 5)
            ]
        events.append(
            (
                "content_block_start",
                {"type": "content_block_start", "index": index, "content_block": first},
            )
        )
        for delta in deltas:
            events.append(
                (
                    "content_block_delta",
                    {"type": "content_block_delta", "index": index, "delta": delta},
                )
            )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    events.append(
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                "usage": {"output_tokens": message["usage"]["output_tokens"]},
            },
        )
    )
    events.append(("message_stop", {"type": "message_stop"}))
    return events


def encode(events: list[tuple[str, dict[str, Any]]]) -> bytes:
    return b"".join(
        b"event: " + name.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"
        for name, data in events
    )


@dataclass
class Seen:
    path: str
    query: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class AnthropicUpstream:
    """`mode` scripts the next answers: "ok", "hang" (stream that never ends), or "error"."""

    mode: str = "ok"
    error_status: int = 500
    error_body: bytes = b'{"type":"error","error":{"type":"api_error","message":"boom"}}'
    requests: list[Seen] = field(default_factory=list)
    cancelled_at: float | None = None
    # refuses a request (e.g. a 401 for a bad bearer token) before anything else happens
    guard: Callable[[web.Request], web.Response | None] | None = None
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/messages", self._messages)
        app.router.add_post("/v1/messages/count_tokens", self._count)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _count(self, request: web.Request) -> web.Response:
        return web.json_response({"input_tokens": 4242})

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        refusal = self.guard(request) if self.guard is not None else None
        if refusal is not None:
            return refusal
        body = await request.json()
        self.requests.append(Seen(request.path, request.query_string, dict(request.headers), body))
        if self.mode == "error":
            return web.Response(
                status=self.error_status, body=self.error_body, content_type="application/json"
            )
        message = {**MESSAGE, "model": body["model"]}
        if not body.get("stream"):
            return web.json_response(message, headers={"request-id": "req_upstream_1"})
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        events = stream_events(message)
        if self.mode == "hang":
            await response.write(encode(events[:2]))
            try:
                while True:
                    await asyncio.sleep(0.05)
                    await response.write(b": keep-alive\n\n")
            except (asyncio.CancelledError, ConnectionResetError):
                self.cancelled_at = time.monotonic()
                raise
        for name, data in events:
            await response.write(encode([(name, data)]))
        await response.write_eof()
        return response
