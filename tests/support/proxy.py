"""Fixtures that run the production proxy and real loopback upstreams."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from app.config.schema import Config
from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream

TOKEN = "sb-test-token-0123456789abcdef"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME/XDG dirs and config path: nothing touches the real user."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("SWITCHBOARD_CONFIG", str(tmp_path / "config" / "config.toml"))
    return home


@pytest_asyncio.fixture
async def anthropic_upstream() -> AsyncIterator[AnthropicUpstream]:
    upstream = AnthropicUpstream()
    await upstream.start()
    try:
        yield upstream
    finally:
        await upstream.stop()


ProxyFactory = Callable[..., Awaitable[ProxyServer]]


@pytest_asyncio.fixture
async def start_proxy() -> AsyncIterator[ProxyFactory]:
    """`await start_proxy(config_dict)` → a running ProxyServer on a free port."""
    servers: list[ProxyServer] = []

    async def start(
        data: dict[str, Any], *, token: str | None = TOKEN, config_path: Path | None = None
    ) -> ProxyServer:
        server = ProxyServer(
            Config.model_validate(data), token=token, config_path=config_path, port=0
        )
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()


def anthropic_config(upstream_url: str, **settings: Any) -> dict[str, Any]:
    """A config with one Anthropic-kind provider and a profile `main` that renames slots."""
    return {
        "settings": settings,
        "providers": [
            {
                "name": "up",
                "kind": "anthropic",
                "base_url": upstream_url,
                "api_key": "upstream-secret-key",
            }
        ],
        "profiles": [
            {
                "name": "main",
                "models": {
                    "default": "up/claude-default-upstream",
                    "haiku": "up/claude-haiku-upstream",
                    "opus": "up/*",
                },
            }
        ],
    }
