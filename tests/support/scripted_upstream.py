"""An Anthropic-speaking loopback upstream scripted to fail in each way failover must handle,
the two-provider proxy setup the failover, circuit and metrics tests share, and `model_like`:
Chat Completions answers to the capability probe's questions, as a capable model gives them."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import anthropic
import pytest_asyncio
from aiohttp import web

from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import MESSAGE, encode, stream_events
from tests.support.chat_upstream import Answer, completion, text_chunks, tool_call_chunks
from tests.support.proxy import TOKEN

OVERLOADED = b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'
BAD_REQUEST = b'{"type":"error","error":{"type":"invalid_request_error","message":"bad field x"}}'


@dataclass
class Scripted:
    """An Anthropic-speaking upstream; each request takes the next behaviour from `script`
    ("ok" once it is empty): "ok", ("status", code, body, headers), "hang" (no headers),
    "reset" (headers, then the connection drops), "stall" (some events, then silence)."""

    name: str
    script: deque[Any] = field(default_factory=deque)
    seen: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/messages", self._messages)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.seen.append(body)
        action = self.script.popleft() if self.script else "ok"
        if isinstance(action, tuple):
            _, status, payload, headers = action
            return web.Response(
                status=status, body=payload, headers=headers, content_type="application/json"
            )
        if action == "hang":
            await asyncio.sleep(30)
        message = {
            **MESSAGE,
            "model": body["model"],
            "content": [{"type": "text", "text": f"answer from {self.name}"}],
        }
        if not body.get("stream"):
            return web.json_response(message)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        events = stream_events(message)
        if action == "reset":
            assert request.transport is not None
            request.transport.close()
            return response
        if action == "stall":
            await response.write(encode(events[:4]))
            await asyncio.sleep(30)
        await response.write(encode(events))
        await response.write_eof()
        return response


@pytest_asyncio.fixture
async def upstreams() -> AsyncIterator[tuple[Scripted, Scripted]]:
    first, second = Scripted("primary"), Scripted("backup")
    await first.start()
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()


def two_provider_config(a: Scripted, b: Scripted, **settings: Any) -> dict[str, Any]:
    return {
        "settings": {
            "timeouts": {"connect": 1, "first_byte": 0.5, "idle": 0.5},
            "failover": {"backoff_initial": 0.01, "backoff_max": 0.05},
            **settings,
        },
        "providers": [
            {"name": "a", "kind": "anthropic", "base_url": a.url},
            {"name": "b", "kind": "anthropic", "base_url": b.url},
        ],
        "profiles": [{"name": "main", "models": {"default": ["a/model-a", "b/model-b"]}}],
    }


def client(proxy: ProxyServer) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(
        base_url=f"{proxy.url}/proxy/main", api_key=TOKEN, max_retries=0
    )


async def ask(proxy: ProxyServer, *, stream: bool) -> str:
    request: dict[str, Any] = {
        "model": "main-model",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "hi"}],
    }
    async with client(proxy) as sdk:
        if stream:
            async with sdk.messages.stream(**request) as events:
                final = await events.get_final_message()
        else:
            final = await sdk.messages.create(**request)
    block = final.content[0]
    assert block.type == "text"
    return block.text


async def answer_text(proxy: ProxyServer, messages: list[dict[str, Any]]) -> str:
    """The text of a non-stream answer to `messages` from the proxy's profile `main`."""
    async with client(proxy) as sdk:
        answer = await sdk.messages.create(model="main-model", max_tokens=100, messages=messages)
    block = answer.content[0]
    assert block.type == "text"
    return block.text


def model_like(body: dict[str, Any]) -> Answer:
    """Answers each probe question the way a capable model does."""
    messages = body["messages"]
    stream = body.get("stream") is True
    last = messages[-1]
    text = str(last.get("content"))
    if body.get("tools") and last["role"] == "user":
        arguments = '{"a": 2, "b": 3}'
        if stream:
            return tool_call_chunks("add", arguments)
        call = {
            "id": "call_1",
            "type": "function",
            "function": {"name": "add", "arguments": arguments},
        }
        return completion(None, tool_calls=[call], finish="tool_calls")
    if last["role"] == "tool":
        reply = "The sum is 5."
    elif "image_url" in text:
        reply = "Red."
    elif "17 * 23" in text:
        return completion("391", reasoning="17 * 20 = 340, 17 * 3 = 51, so 391.")
    else:
        reply = "OK"
    return text_chunks(reply) if stream else completion(reply)
