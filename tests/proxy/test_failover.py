"""Failover along a route, against real loopback upstreams scripted to fail in each way."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import anthropic
import orjson
import pytest
import pytest_asyncio
from aiohttp import web

from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import MESSAGE, encode, stream_events
from tests.support.proxy import TOKEN, ProxyFactory

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
        "model": "claude-sonnet-4-5",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "hi"}],
    }
    if stream:
        async with client(proxy).messages.stream(**request) as events:
            final = await events.get_final_message()
    else:
        final = await client(proxy).messages.create(**request)
    block = final.content[0]
    assert block.type == "text"
    return block.text


FAILURES = {
    "500": ("status", 500, b'{"type":"error","error":{"type":"api_error","message":"boom"}}', {}),
    "overloaded 529": ("status", 529, OVERLOADED, {}),
    "overloaded body on 400": ("status", 400, OVERLOADED, {}),
    "429 with Retry-After": ("status", 429, b"{}", {"Retry-After": "30"}),
    "hang before headers": "hang",
    "reset after headers": "reset",
}


@pytest.mark.asyncio
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "json"])
@pytest.mark.parametrize("failure", list(FAILURES))
async def test_backup_answers_cleanly_when_the_primary_fails(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory, failure: str, stream: bool
) -> None:
    primary, backup = upstreams
    if failure == "reset after headers" and not stream:
        pytest.skip("a JSON answer is read whole; the reset case is the stream's")
    primary.script.append(FAILURES[failure])
    proxy = await start_proxy(two_provider_config(primary, backup))
    assert await ask(proxy, stream=stream) == "answer from backup"
    assert [b["model"] for b in primary.seen] == ["model-a"]
    assert [b["model"] for b in backup.seen] == ["model-b"]
    record = proxy.state.metrics.recent(1)[0]
    assert (record.provider, record.model, record.status, record.error) == ("b", "model-b", 200, "")
    assert record.attempts[0].startswith("a/model-a: ") and record.attempts[1] == "b/model-b: 200"


@pytest.mark.asyncio
async def test_a_400_from_the_request_is_returned_not_retried(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(("status", 400, BAD_REQUEST, {}))
    proxy = await start_proxy(two_provider_config(primary, backup))
    with pytest.raises(anthropic.BadRequestError) as caught:
        await ask(proxy, stream=True)
    assert "bad field x" in str(caught.value)
    assert len(primary.seen) == 1 and backup.seen == []
    assert proxy.state.breakers.snapshot().get("a", "closed") == "closed"


@pytest.mark.asyncio
async def test_a_stall_mid_stream_ends_with_an_error_event(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append("stall")
    proxy = await start_proxy(two_provider_config(primary, backup))
    body = {
        "model": "x",
        "max_tokens": 5,
        "stream": True,
        "messages": [{"role": "user", "content": "hi"}],
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages",
            data=orjson.dumps(body),
            headers={"x-api-key": TOKEN},
        ) as response,
    ):
        assert response.status == 200
        text = (await response.read()).decode()
    assert text.startswith("event: message_start")
    assert text.rstrip().endswith('"message":"a: stream interrupted (SocketTimeoutError)"}}') or (
        "event: error" in text.rsplit("\n\n", 2)[-2]
    )
    assert "message_stop" not in text
    assert backup.seen == []  # the first byte was out: no failover
    assert proxy.state.metrics.recent(1)[0].error.startswith("a: stream interrupted")


@pytest.mark.asyncio
async def test_when_every_candidate_fails_one_error_lists_what_was_tried(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.extend([("status", 500, b'{"error":{"message":"disk on fire"}}', {})] * 5)
    backup.script.extend([("status", 503, OVERLOADED, {})] * 5)
    proxy = await start_proxy(
        two_provider_config(primary, backup, failover={"max_attempts": 2, "backoff_initial": 0.01})
    )
    with pytest.raises(anthropic.APIStatusError) as caught:
        await ask(proxy, stream=True)
    error = caught.value
    assert error.status_code == 503
    body = error.body
    assert isinstance(body, dict) and body["type"] == "error"
    message = body["error"]["message"]
    assert "every candidate failed" in message
    assert "a: " in message and "disk on fire" in message and "b: " in message
    assert (len(primary.seen), len(backup.seen)) == (1, 1)  # the attempt budget: 2


@pytest.mark.asyncio
async def test_a_lone_candidate_is_retried_after_a_server_error(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, _ = upstreams
    primary.script.append(FAILURES["500"])
    data = two_provider_config(primary, primary)
    data["profiles"][0]["models"]["default"] = ["a/model-a"]
    proxy = await start_proxy(data)
    assert await ask(proxy, stream=True) == "answer from primary"
    assert len(primary.seen) == 2
    assert proxy.state.metrics.recent(1)[0].attempts == ["a/model-a: 500", "a/model-a: 200"]


@pytest.mark.asyncio
async def test_retry_after_opens_the_model_breaker_instead_of_sleeping(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(FAILURES["429 with Retry-After"])
    proxy = await start_proxy(two_provider_config(primary, backup))
    started = asyncio.get_running_loop().time()
    assert await ask(proxy, stream=False) == "answer from backup"
    assert await ask(proxy, stream=False) == "answer from backup"
    assert asyncio.get_running_loop().time() - started < 5  # nobody waited 30 s
    assert len(primary.seen) == 1  # the second request skipped it: Retry-After still runs
    assert proxy.state.breakers.snapshot()["a/model-a"] == "open"
