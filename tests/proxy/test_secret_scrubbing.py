"""A provider that echoes the key it was sent: the key must come out nowhere.

Real loopback upstreams answer 401 with "Invalid API key provided: <the key>" (as Groq and
OpenAI do), before and inside a stream; the official SDK is the client. The key is then looked
for in everything the proxy lets out: the client's error, /requests, /metrics, /health, the
breaker health the tray shows, and the log file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import anthropic
import orjson
import pytest
import pytest_asyncio
from aiohttp import web

from app.proxy.server import ProxyServer
from app.system.logs import setup_logging
from tests.support.chat_upstream import ChatUpstream, RawAnswer, text_chunks
from tests.support.proxy import TOKEN, ProxyFactory

GROQ_STYLE = "gsk_" + "Q7v2" * 10
NO_PREFIX = "plain-shaped-secret-Zq9x7Lm2Pk"  # caught by value only: no pattern knows it


class EchoingAnthropic:
    """An Anthropic-kind upstream that refuses every key, quoting it."""

    def __init__(self) -> None:
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/messages", self._refuse)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _refuse(self, request: web.Request) -> web.Response:
        key = request.headers.get("x-api-key", "")
        error = {"type": "authentication_error", "message": f"Invalid API key provided: {key}"}
        return web.json_response({"type": "error", "error": error}, status=401)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    path = setup_logging("DEBUG", tmp_path / "logs", console=False)
    assert path is not None
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved:
        root.addHandler(handler)
    root.setLevel(level)


@pytest_asyncio.fixture
async def echoing_anthropic() -> AsyncIterator[EchoingAnthropic]:
    upstream = EchoingAnthropic()
    await upstream.start()
    yield upstream
    await upstream.stop()


@pytest_asyncio.fixture
async def chat_upstream() -> AsyncIterator[ChatUpstream]:
    upstream = ChatUpstream()
    await upstream.start()
    yield upstream
    await upstream.stop()


def _refusal(key: str) -> RawAnswer:
    body = {"error": {"message": f"Invalid API key provided: {key}", "type": "invalid_api_key"}}
    return RawAnswer(401, "application/json", orjson.dumps(body))


def _broken_stream(key: str) -> list[Any]:
    """A stream that starts, then reports an error quoting the key."""
    error = {"error": {"message": f"Invalid API key provided: {key}", "code": 401}}
    return [*text_chunks("Hel")[:2], b"data: " + orjson.dumps(error) + b"\n\n"]


async def _everything_the_proxy_shows(proxy: ProxyServer) -> str:
    headers = {"x-api-key": TOKEN}
    texts = []
    async with aiohttp.ClientSession(headers=headers) as session:
        for path in ("/requests", "/metrics", "/metrics/prometheus", "/health"):
            async with session.get(proxy.url + path) as response:
                assert response.status == 200, path
                texts.append(await response.text())
    texts.append(orjson.dumps(proxy.state.breakers.health_report()).decode())
    return "\n".join(texts)


async def _ask(proxy: ProxyServer, *, stream: bool) -> str:
    """The client's view of one request: the error text, or the streamed events."""
    async with anthropic.AsyncAnthropic(
        api_key=TOKEN, base_url=f"{proxy.url}/proxy/main", max_retries=0
    ) as client:
        try:
            if stream:
                seen = []
                async with client.messages.stream(
                    model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}]
                ) as events:
                    async for event in events:
                        seen.append(event.model_dump_json())
                return "\n".join(seen)
            await client.messages.create(
                model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}]
            )
        except anthropic.APIError as exc:
            return f"{exc} {exc.body}"
    raise AssertionError("the request was expected to fail")


@pytest.mark.asyncio
@pytest.mark.parametrize("key", [GROQ_STYLE, NO_PREFIX])
async def test_a_key_echoed_by_an_anthropic_provider_leaves_through_no_output(
    start_proxy: ProxyFactory, echoing_anthropic: EchoingAnthropic, log_file: Path, key: str
) -> None:
    config = {
        "providers": [
            {"name": "up", "kind": "anthropic", "base_url": echoing_anthropic.url, "api_key": key}
        ],
        "profiles": [{"name": "main", "models": {"default": "up/m"}}],
    }
    proxy = await start_proxy(config)
    client_views = [await _ask(proxy, stream=False), await _ask(proxy, stream=True)]
    assert all("Invalid API key provided: [redacted]" in view for view in client_views)
    shown = await _everything_the_proxy_shows(proxy)
    assert "Invalid API key provided: [redacted]" in shown  # the error is kept, the key is not
    logged = await asyncio.to_thread(log_file.read_text)
    assert "Invalid API key provided: [redacted]" in logged
    for text in [*client_views, shown, logged]:
        assert key not in text
        assert TOKEN not in text


@pytest.mark.asyncio
@pytest.mark.parametrize("key", [GROQ_STYLE, NO_PREFIX])
async def test_a_key_echoed_by_a_chat_provider_before_or_inside_a_stream_leaves_through_nothing(
    start_proxy: ProxyFactory, chat_upstream: ChatUpstream, log_file: Path, key: str
) -> None:
    config = {
        "providers": [
            {"name": "up", "kind": "openai-chat", "base_url": chat_upstream.url, "api_key": key}
        ],
        "profiles": [{"name": "main", "models": {"default": "up/m"}}],
    }
    proxy = await start_proxy(config)
    chat_upstream.script.extend([_refusal(key), _refusal(key), _broken_stream(key)])
    client_views = [
        await _ask(proxy, stream=False),
        await _ask(proxy, stream=True),
        await _ask(proxy, stream=True),  # the error arrives after the first events
    ]
    assert all("[redacted]" in view for view in client_views)
    assert chat_upstream.headers[-1]["Authorization"] == f"Bearer {key}"  # it was sent, once each
    shown = await _everything_the_proxy_shows(proxy)
    logged = await asyncio.to_thread(log_file.read_text)
    for text in [*client_views, shown, logged]:
        assert key not in text
        assert TOKEN not in text


def test_every_record_an_observer_gets_is_scrubbed_whoever_made_it() -> None:
    """Records come from the handlers and from the auto rule's classifier call alike."""
    from app.proxy.observer import Observers, RequestRecord
    from app.system import redact

    key = "classifier-key-echoed-0451"
    redact.remember(key)
    seen: list[RequestRecord] = []

    class Recorder:
        def on_request(self, record: RequestRecord) -> None:
            seen.append(record)

        def on_config_reloaded(self, ok: bool, message: str) -> None:
            pass

        def on_breaker_change(self, key: str, old: str, new: str) -> None:
            pass

    observers = Observers()
    observers.add(Recorder())
    record = RequestRecord(0.0, "main", "m", error=f"Invalid API key provided: {key}")
    record.decision = f"up: Invalid API key provided: {key}: the slot's route"
    observers.request(record)
    assert key not in seen[0].error and key not in seen[0].decision
    assert seen[0].error == "Invalid API key provided: [redacted]"
