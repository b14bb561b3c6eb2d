"""POST /v1/messages/count_tokens: the Anthropic upstream's own count, else the local one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from app.proxy.server import ProxyServer
from app.translate.tokens import estimate_tokens
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config
from tests.support.scripted_upstream import Scripted, two_provider_config, upstreams

__all__ = ["upstreams"]  # a fixture

FIXTURE = (
    Path(__file__).parents[1]
    / "data"
    / "claude_code"
    / "read_large_file_count_tokens__02_POST-v1_messages_count_tokens.json"
)


async def count(proxy: ProxyServer, body: dict[str, Any]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages/count_tokens?beta=true",
            data=orjson.dumps(body),
            headers={"x-api-key": TOKEN, "anthropic-beta": "token-counting-2024-11-01"},
        ) as response,
    ):
        assert response.status == 200
        payload = await response.json()
    value: int = payload["input_tokens"]
    return value


@pytest.mark.asyncio
async def test_an_anthropic_upstream_counts_itself(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    body = orjson.loads(FIXTURE.read_bytes())["body"]
    assert await count(proxy, body) == 4242  # the loopback upstream's answer


@pytest.mark.asyncio
async def test_a_failing_upstream_count_falls_back_to_the_local_count(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    # the scripted upstream has no count endpoint: it answers 404
    proxy = await start_proxy(two_provider_config(*upstreams))
    body = orjson.loads(FIXTURE.read_bytes())["body"]
    assert await count(proxy, body) == estimate_tokens(body) == 24835


@pytest.mark.asyncio
async def test_other_kinds_are_counted_locally(start_proxy: ProxyFactory) -> None:
    data = {
        "providers": [{"name": "ds", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"}],
        "profiles": [{"name": "main", "models": {"default": "ds/deepseek-chat"}}],
    }
    proxy = await start_proxy(data)
    body = {"model": "x", "messages": [{"role": "user", "content": "hello world"}], "tools": []}
    assert await count(proxy, body) == 6
