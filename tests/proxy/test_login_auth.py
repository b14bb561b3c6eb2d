"""Providers whose key is a login (`login:NAME`): the proxy sends the login's current token,
refreshes it before it expires — once, however many requests wait — and on an upstream 401
refreshes once and retries once, so Claude Code never sees that 401. Real authorization server,
real upstreams that check the bearer token, the official anthropic SDK as the client."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anthropic
import pytest

from app.auth.credential import Credential
from app.auth.store import TokenStore
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.chat_upstream import ChatUpstream
from tests.support.logins import auth_server, bearer_guard, logged_in
from tests.support.oauth_server import OAuthServer
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.workers import FIXED_PORTS

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port

__all__ = ["auth_server"]  # a fixture

OAUTH_BETA = "oauth-2025-04-20"


def claude_config(upstream: str) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "claude",
                "kind": "anthropic",
                "base_url": upstream,
                "api_key": "login:claude",
                "auth": "bearer",
                "preset": "claude-max",
                "headers": {"anthropic-beta": f"{OAUTH_BETA},claude-code-20250219"},
            }
        ],
        "profiles": [{"name": "main", "models": {"default": "claude/claude-sonnet-5-5"}}],
    }


def stored(config_path: Path, credential: Credential) -> None:
    TokenStore(config_path.parent).save(credential, allow_file=True)


def client(url: str) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(base_url=url + "/proxy/main", api_key=TOKEN, max_retries=0)


async def ask(url: str, *, model: str = "claude-sonnet-5-5", answer: int = 1) -> str:
    async with client(url) as sdk:
        message = await sdk.messages.create(
            model=model,
            max_tokens=100,
            messages=[{"role": "user", "content": "hi"}],
            extra_headers={"anthropic-beta": "interleaved-thinking-2025-05-14"},
        )
    return message.content[answer].text  # type: ignore[union-attr]


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


@pytest.mark.asyncio
async def test_ten_concurrent_requests_with_an_expired_token_cause_one_refresh(
    auth_server: OAuthServer,
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    config_path: Path,
) -> None:
    auth_server.access_lifetime = 1
    credential = await logged_in(auth_server, "claude-max", "claude")
    stored(config_path, credential)
    await asyncio.sleep(1.2)  # expired here and at the server
    auth_server.access_lifetime = 3600
    assert not auth_server.is_valid(credential.access_token)
    anthropic_upstream.guard = bearer_guard(
        auth_server.is_valid, contains={"anthropic-beta": OAUTH_BETA}
    )
    proxy = await start_proxy(claude_config(anthropic_upstream.url), config_path=config_path)
    answers = await asyncio.gather(*(ask(proxy.url) for _ in range(10)))
    assert answers == ["I'll run ls."] * 10
    assert auth_server.refreshes() == 1
    assert auth_server.reused_refresh == 0
    sent = {r.headers["Authorization"] for r in anthropic_upstream.requests}
    assert len(sent) == 1 and credential.access_token not in next(iter(sent))
    # the rotated refresh token was stored: the next refresh works after a restart too
    again = TokenStore(config_path.parent).load("claude")
    assert again is not None and again.refresh_token != credential.refresh_token
    assert again.last_refresh is not None


@pytest.mark.asyncio
async def test_a_401_refreshes_once_and_retries_and_the_client_never_sees_it(
    auth_server: OAuthServer,
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    config_path: Path,
) -> None:
    credential = await logged_in(auth_server, "claude-max", "claude")
    stored(config_path, credential)
    anthropic_upstream.guard = bearer_guard(
        auth_server.is_valid, contains={"anthropic-beta": OAUTH_BETA}
    )
    proxy = await start_proxy(claude_config(anthropic_upstream.url), config_path=config_path)
    assert await ask(proxy.url) == "I'll run ls."
    auth_server.revoke_access(credential.access_token)  # revoked long before its expiry
    assert await ask(proxy.url) == "I'll run ls."
    assert auth_server.refreshes() == 1
    # the client's own betas and the login's both reached the upstream
    betas = anthropic_upstream.requests[-1].headers["anthropic-beta"].split(",")
    assert "interleaved-thinking-2025-05-14" in betas and OAUTH_BETA in betas


@pytest.mark.asyncio
async def test_a_refused_refresh_is_a_401_that_says_log_in_again(
    auth_server: OAuthServer,
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    config_path: Path,
) -> None:
    credential = await logged_in(auth_server, "claude-max", "claude")
    assert credential.refresh_token
    credential.expires_at = time.time() - 1
    auth_server.by_refresh[credential.refresh_token].revoked = True  # e.g. logged out elsewhere
    stored(config_path, credential)
    anthropic_upstream.guard = bearer_guard(auth_server.is_valid)
    proxy = await start_proxy(claude_config(anthropic_upstream.url), config_path=config_path)
    heard: list[tuple[str, str | None]] = []
    proxy.state.auth.logins.listeners.append(lambda name, problem: heard.append((name, problem)))
    with pytest.raises(anthropic.AuthenticationError) as refused:
        await ask(proxy.url)
    message = str(refused.value)
    assert "log in again" in message and "switchboard auth login claude" in message
    assert credential.refresh_token not in message and credential.access_token not in message
    assert heard and heard[0][0] == "claude"
    assert not anthropic_upstream.requests  # nothing was sent with a dead token


@pytest.mark.asyncio
async def test_copilot_calls_go_to_the_accounts_endpoint_with_the_editor_headers(
    auth_server: OAuthServer, start_proxy: ProxyFactory, config_path: Path
) -> None:
    upstream = ChatUpstream()
    await upstream.start()
    try:
        auth_server.copilot_api = upstream.url
        credential = await logged_in(auth_server, "copilot", "copilot")
        stored(config_path, credential)
        upstream.guard = bearer_guard(
            auth_server.copilot_token_valid,
            {"copilot-integration-id": "vscode-chat", "editor-version": "vscode/1.99.3"},
        )
        config = {
            "providers": [
                {
                    "name": "copilot",
                    "kind": "openai-chat",
                    "base_url": "https://api.githubcopilot.com",  # the login names another
                    "api_key": "login:copilot",
                    "preset": "copilot",
                    "headers": {
                        "copilot-integration-id": "vscode-chat",
                        "editor-version": "vscode/1.99.3",
                    },
                }
            ],
            "profiles": [{"name": "main", "models": {"default": "copilot/gpt-4.1"}}],
        }
        proxy = await start_proxy(config, config_path=config_path)
        assert await ask(proxy.url, answer=0) == "Hello!"
        assert upstream.requests[-1]["model"] == "gpt-4.1"
        # the Copilot token expires: the next request exchanges the GitHub token again
        exchanges = auth_server.copilot_exchanges
        logins = proxy.state.auth.logins
        (await logins.current("copilot")).expires_at = time.time()
        assert await ask(proxy.url, answer=0) == "Hello!"
        assert auth_server.copilot_exchanges == exchanges + 1
    finally:
        await upstream.stop()


@pytest.mark.asyncio
async def test_gitlab_duo_sends_the_direct_access_token_and_its_headers(
    auth_server: OAuthServer,
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    config_path: Path,
) -> None:
    import aiohttp

    from app.auth.login import log_in
    from app.config.presets import load_catalogue

    spec = load_catalogue()["gitlab-duo"].login
    assert spec is not None
    pat = auth_server.personal_access_token()

    async def typed() -> str:
        return pat

    async with aiohttp.ClientSession() as session:
        credential = await log_in(
            "duo",
            "gitlab-duo",
            spec,
            session,
            show_code=lambda _: None,
            pasted=typed,
            endpoints={"exchange_url": auth_server.url + urlsplit(spec.exchange_url or "").path},
        )
    credential.expires_at = time.time() - 1  # the next request exchanges the PAT again
    stored(config_path, credential)
    anthropic_upstream.guard = bearer_guard(
        auth_server.copilot_token_valid, {"x-gitlab-realm": "saas"}
    )
    config = claude_config(anthropic_upstream.url)
    config["providers"][0].update(api_key="login:duo", preset="gitlab-duo", headers={})
    proxy = await start_proxy(config, config_path=config_path)
    assert await ask(proxy.url) == "I'll run ls."
    assert auth_server.gitlab_exchanges == 2
