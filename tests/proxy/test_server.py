"""ProxyServer: config reload from disk without a restart and without cutting streams in flight."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import orjson
import pytest
import pytest_asyncio

from app.config.schema import Config
from app.config.store import load_config
from app.proxy.observer import RequestRecord
from app.proxy.server import ProxyServer
from tests.support.chat_upstream import ChatUpstream, text_chunks
from tests.support.proxy import TOKEN

CONFIG = """\
[[providers]]
name = "ds"
kind = "openai-chat"
base_url = "{url}"

[[profiles]]
name = "main"
[profiles.models]
default = "ds/{model}"
"""


class Reloads:
    def __init__(self) -> None:
        self.seen: list[tuple[bool, str]] = []

    def on_request(self, record: RequestRecord) -> None:
        pass

    def on_config_reloaded(self, ok: bool, message: str) -> None:
        self.seen.append((ok, message))

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        pass


@pytest_asyncio.fixture
async def upstream() -> AsyncIterator[ChatUpstream]:
    server = ChatUpstream()
    await server.start()
    yield server
    await server.stop()


async def _stream(proxy: ProxyServer) -> list[dict[str, object]]:
    body = {
        "model": "m",
        "max_tokens": 9,
        "stream": True,
        "messages": [{"role": "user", "content": "x"}],
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages", json=body, headers={"x-api-key": TOKEN}
        ) as response,
    ):
        text = await response.read()
    return [orjson.loads(line[6:]) for line in text.split(b"\n") if line.startswith(b"data: ")]


@pytest.mark.asyncio
async def test_reload_serves_new_requests_and_spares_the_stream_in_flight(
    tmp_path: Path, upstream: ChatUpstream
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG.format(url=upstream.url, model="old-model"))
    proxy = ProxyServer(load_config(path).config, token=TOKEN, config_path=path, port=0)
    reloads = Reloads()
    proxy.state.observers.add(reloads)
    await proxy.start()
    proxy.watch_config(interval=0.02)
    try:
        upstream.delay = 0.03  # a stream that lasts ~0.5 s
        upstream.script.append(text_chunks("a slow and steady answer", size=2))
        in_flight = asyncio.ensure_future(_stream(proxy))
        await asyncio.sleep(0.1)
        path.write_text(CONFIG.format(url=upstream.url, model="new-model"))
        events = await in_flight
        assert events[-1]["type"] == "message_stop"  # not cut by the reload
        assert upstream.requests[0]["model"] == "old-model"
        assert reloads.seen and reloads.seen[-1][0] is True
        upstream.delay = 0
        await _stream(proxy)
        assert upstream.requests[-1]["model"] == "new-model"

        original = path.read_text()
        path.write_text(original + "\n[settings\nbroken")
        for _ in range(100):
            if reloads.seen[-1][0] is False:
                break
            await asyncio.sleep(0.02)
        ok, message = reloads.seen[-1]
        assert ok is False and str(path) in message
        assert (await _stream(proxy))[-1]["type"] == "message_stop"  # the old config still serves
        assert upstream.requests[-1]["model"] == "new-model"
    finally:
        await proxy.stop()


@pytest.mark.asyncio
async def test_malformed_http_is_one_info_line_not_an_error_with_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = ProxyServer(Config.model_validate({}), token=TOKEN, port=0)
    await server.start()
    try:
        with caplog.at_level(logging.DEBUG):
            for raw in (
                b"GET /health HTTP/1.1\r\n\r\n",
                b"GET /health HTTP/1.1\r\nBad\x01: x\r\n\r\n",
            ):
                reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
                writer.write(raw)
                answer = await reader.read()
                writer.close()
                await writer.wait_closed()
                assert answer.split(b" ", 2)[1] == b"400"
    finally:
        await server.stop()
    records = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert len(records) == 2
    assert all(r.levelno == logging.INFO and not r.exc_info for r in records)
    assert "Missing 'Host' header" in records[0].getMessage()
