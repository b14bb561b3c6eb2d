"""No token text anywhere a user or a log reader can see: after logins, refreshes (before
expiry, after a 401), a refused refresh and a failing Copilot exchange, every token the
authorization server issued is searched for in the log records, /health, /metrics, /requests,
`config show`, `auth status`, the errors clients got and the credentials' repr."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import aiohttp
import anthropic
import pytest

from app.auth.store import TokenStore
from app.main import main
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.chat_upstream import ChatUpstream
from tests.support.logins import auth_server, bearer_guard, logged_in
from tests.support.oauth_server import OAuthServer
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.workers import FIXED_PORTS

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port

__all__ = ["auth_server"]  # a fixture


@pytest.mark.asyncio
async def test_no_token_reaches_logs_endpoints_cli_or_errors(
    auth_server: OAuthServer,
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    config_path = tmp_path / "config" / "config.toml"
    store = TokenStore(config_path.parent)
    chat = ChatUpstream()
    await chat.start()
    try:
        auth_server.copilot_api = chat.url
        claude = await logged_in(auth_server, "claude-max", "claude")
        broken = await logged_in(auth_server, "claude-max", "broken")
        copilot = await logged_in(auth_server, "copilot", "copilot")
        claude.expires_at = time.time() - 5  # refreshed before the first request
        assert broken.refresh_token
        broken.expires_at = time.time() - 5
        auth_server.by_refresh[broken.refresh_token].revoked = True  # its refresh is refused
        for credential in (claude, broken, copilot):
            store.save(credential, allow_file=True)
        anthropic_upstream.guard = bearer_guard(auth_server.is_valid)
        chat.guard = bearer_guard(auth_server.copilot_token_valid)
        provider = {"kind": "anthropic", "base_url": anthropic_upstream.url, "auth": "bearer"}
        config = {
            "providers": [
                {**provider, "name": "claude", "api_key": "login:claude", "preset": "claude-max"},
                {**provider, "name": "broken", "api_key": "login:broken", "preset": "claude-max"},
                {
                    "name": "copilot",
                    "kind": "openai-chat",
                    "base_url": "https://api.githubcopilot.com",
                    "api_key": "login:copilot",
                    "preset": "copilot",
                },
            ],
            "profiles": [
                {"name": "main", "models": {"default": "claude/claude-sonnet-5-5"}},
                {"name": "bad", "models": {"default": "broken/claude-sonnet-5-5"}},
                {"name": "cop", "models": {"default": "copilot/gpt-4.1"}},
            ],
        }
        from app.config.schema import Config
        from app.config.store import save_config

        save_config(config_path, Config.model_validate(config))
        proxy = await start_proxy(config, config_path=config_path)
        seen: list[str] = []
        for profile in ("main", "bad", "cop", "main"):
            async with anthropic.AsyncAnthropic(
                base_url=f"{proxy.url}/proxy/{profile}", api_key=TOKEN, max_retries=0
            ) as sdk:
                try:
                    message = await sdk.messages.create(
                        model="m", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
                    )
                    seen.append(message.model_dump_json())
                except anthropic.APIError as exc:
                    seen.append(str(exc))
            if profile == "main":
                current = await proxy.state.auth.logins.current("claude")
                auth_server.revoke_access(current.access_token)  # next one: 401, refresh
        assert sum("log in again" in text for text in seen) == 1  # the broken login
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with aiohttp.ClientSession(headers=headers) as session:
            for path in ("/health", "/metrics", "/metrics/prometheus", "/requests"):
                async with session.get(proxy.url + path) as answer:
                    seen.append(await answer.text())
        # GitHub refuses the Copilot exchange: its error is reported, not the GitHub token
        auth_server.revoke_access(copilot.refresh_token or "")
        try:
            await proxy.state.auth.logins.refresh("copilot")
        except Exception as exc:
            seen.append(repr(exc) + str(exc))
        assert main(["--config", str(config_path), "config", "show"]) == 0
        assert main(["--config", str(config_path), "auth", "status"]) == 0
        assert main(["--config", str(config_path), "auth", "status", "--json"]) == 0
        out = capsys.readouterr()
        seen += [out.out, out.err, *(repr(c) for c in (claude, broken, copilot))]
        # Switchboard's own log records (the test server's and the SDK's are not ours)
        ours = [r for r in caplog.records if r.name.startswith(("app", "aiohttp"))]
        assert any(r.name.startswith("app.auth") for r in ours)
        seen += [f"{r.getMessage()} {r.exc_text or ''}" for r in ours]
    finally:
        await chat.stop()

    assert auth_server.refreshes() >= 2 and auth_server.copilot_exchanges >= 1
    assert "logged in" in out.out and "claude" in out.out  # the status did print something
    secrets = [
        *auth_server.by_access,
        *auth_server.by_refresh,
        *auth_server._copilot_tokens,
    ]
    assert len(secrets) > 6
    everything = "\n".join(seen)
    leaked = [s[:8] + "…" for s in secrets if s in everything]
    assert not leaked, f"tokens found in user-visible text: {leaked}"
