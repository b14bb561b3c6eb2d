"""/health without the token says only "a Switchboard proxy, this version", and proves it holds
the local token by answering a nonce; everything else needs the token."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from app import __version__
from app.proxy.server import ProxyServer
from app.system.discovery import CHALLENGE_HEADER, PROOF_HEADER, proof
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config


async def _health(
    proxy: ProxyServer, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(proxy.url + "/health", headers=headers or {}) as response,
    ):
        return response.status, dict(response.headers), orjson.loads(await response.read())


@pytest.mark.asyncio
async def test_without_the_token_health_names_only_the_service_and_version(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory, tmp_path: Path
) -> None:
    config_path = tmp_path / "secret-place" / "config.toml"
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url), config_path=config_path)
    proxy.state.breakers.failure("up", "up: Invalid API key provided: whatever")
    status, _, body = await _health(proxy)
    assert status == 200
    assert body == {"service": "switchboard", "version": __version__}
    text = orjson.dumps(body).decode()
    for private in ("secret-place", anthropic_upstream.url, "main", "Invalid API key"):
        assert private not in text


@pytest.mark.asyncio
async def test_with_the_token_health_tells_everything_and_a_wrong_token_is_refused(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory, tmp_path: Path
) -> None:
    config_path = tmp_path / "config.toml"
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url), config_path=config_path)
    status, _, body = await _health(proxy, {"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert body["config"] == str(config_path)
    assert body["providers"][0]["base_url"] == anthropic_upstream.url
    status, _, body = await _health(proxy, {"x-api-key": "sb-wrong"})
    assert status == 401 and body["error"]["type"] == "authentication_error"


@pytest.mark.asyncio
async def test_the_challenge_is_answered_with_an_hmac_of_the_token(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    nonce = secrets.token_hex(16)
    _, headers, _ = await _health(proxy, {CHALLENGE_HEADER: nonce})
    assert headers[PROOF_HEADER] == proof(TOKEN, nonce)
    assert TOKEN not in str(headers)
    _, again, _ = await _health(proxy, {CHALLENGE_HEADER: nonce + "x"})
    assert again[PROOF_HEADER] != headers[PROOF_HEADER]  # nothing to replay
    _, unasked, _ = await _health(proxy)
    assert PROOF_HEADER not in unasked


@pytest.mark.asyncio
async def test_the_proof_uses_the_token_even_when_requests_need_none(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url, require_token=False))
    _, headers, _ = await _health(proxy, {CHALLENGE_HEADER: "n0nce"})
    assert headers[PROOF_HEADER] == proof(TOKEN, "n0nce")
    proxy.set_token("sb-regenerated-token-000000000")
    _, headers, _ = await _health(proxy, {CHALLENGE_HEADER: "n0nce"})
    assert headers[PROOF_HEADER] == proof("sb-regenerated-token-000000000", "n0nce")
