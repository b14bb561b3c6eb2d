"""One log line per request, never a body unless the user opted in at DEBUG."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config

SECRET_TEXT = "my-private-source-code-line"


async def _send(url: str) -> None:
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 5,
        "messages": [{"role": "user", "content": SECRET_TEXT}],
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/proxy/main/v1/messages", json=body, headers={"x-api-key": TOKEN}) as r,
    ):
        assert r.status == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("log_bodies", [False, True])
async def test_bodies_reach_the_log_only_when_asked(
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    caplog: pytest.LogCaptureFixture,
    log_bodies: bool,
) -> None:
    caplog.set_level(logging.DEBUG, logger="app.proxy.handlers")
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url, log_bodies=log_bodies))
    await _send(proxy.url)
    lines = [r.getMessage() for r in caplog.records if r.name == "app.proxy.handlers"]
    assert any("main claude-sonnet-5-5 -> up/claude-default-upstream 200" in m for m in lines)
    assert any(SECRET_TEXT in m for m in lines) is log_bodies
