"""The upstream client never follows a redirect: the provider's credentials stay with it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anthropic
import pytest
import pytest_asyncio

from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.recorder import LoopbackServer

KEY = "sk-redirect-test-key-0123456789"


@pytest_asyncio.fixture
async def thief() -> AsyncIterator[LoopbackServer]:
    """The other origin a redirect names: it must never see a request."""
    server = LoopbackServer()
    await server.start()
    yield server
    await server.stop()


@pytest_asyncio.fixture
async def redirector(thief: LoopbackServer) -> AsyncIterator[LoopbackServer]:
    server = LoopbackServer(redirect_to=thief.url)
    await server.start()
    yield server
    await server.stop()


def _provider(name: str, kind: str, base_url: str) -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "base_url": base_url,
        "api_key": KEY,
        "headers": {"X-Custom-Secret": "custom-header-secret"},
    }


def _client(proxy: ProxyServer, profile: str = "main") -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(
        api_key=TOKEN, base_url=f"{proxy.url}/proxy/{profile}", max_retries=0
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("redirect_status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(("kind", "path"), [("anthropic", ""), ("openai-chat", "/v1")])
async def test_a_redirect_is_an_upstream_error_naming_the_location_and_nothing_reaches_it(
    start_proxy: ProxyFactory,
    redirector: LoopbackServer,
    thief: LoopbackServer,
    redirect_status: int,
    kind: str,
    path: str,
) -> None:
    redirector.redirect_status = redirect_status
    config = {
        "providers": [_provider("moved", kind, redirector.url + path)],
        "profiles": [{"name": "main", "models": {"default": "moved/some-model"}}],
    }
    proxy = await start_proxy(config)
    for stream in (False, True):
        async with _client(proxy) as client:
            with pytest.raises(anthropic.APIStatusError) as caught:
                await client.messages.create(
                    model="m",
                    max_tokens=5,
                    messages=[{"role": "user", "content": "hi"}],
                    stream=stream,
                )
        assert caught.value.status_code == 502
        message = str(caught.value)
        assert f"HTTP {redirect_status}" in message and thief.url in message
    assert len(redirector.requests) == 2  # the provider itself was asked, once per request
    assert thief.requests == []


@pytest.mark.asyncio
async def test_a_redirecting_candidate_fails_over_to_the_next(
    start_proxy: ProxyFactory,
    redirector: LoopbackServer,
    thief: LoopbackServer,
    anthropic_upstream: AnthropicUpstream,
) -> None:
    config = {
        "providers": [
            _provider("moved", "anthropic", redirector.url),
            _provider("good", "anthropic", anthropic_upstream.url),
        ],
        "profiles": [
            {"name": "main", "models": {"default": ["moved/some-model", "good/other-model"]}}
        ],
    }
    proxy = await start_proxy(config)
    async with _client(proxy) as client:
        answer = await client.messages.create(
            model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}]
        )
    assert answer.content
    assert len(redirector.requests) == 1  # not asked again: it would only redirect again
    assert len(anthropic_upstream.requests) == 1
    assert thief.requests == []
