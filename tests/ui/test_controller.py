"""The running app's reactions: config edited on disk, failover notices, broken files."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from app.config.schema import Config
from app.config.store import save_config
from app.ui.notices import Notice
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config
from tests.ui.helpers import get_json, post_message, settle

WATCH_S = 1.6  # the proxy polls the file's mtime every second


@pytest_asyncio.fixture
async def backup_upstream() -> AsyncIterator[AnthropicUpstream]:
    upstream = AnthropicUpstream()
    await upstream.start()
    yield upstream
    await upstream.stop()


@pytest.mark.asyncio
async def test_a_config_edited_on_disk_is_served_without_a_restart(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    await settle()  # the watcher takes the file's first stamp when its task first runs
    server, changes = controller.proxy.server, []
    controller.changed.connect(lambda: changes.append(1))
    data = upstream_config(anthropic_upstream.url)
    data["profiles"].append({"name": "added", "models": {"default": "up/other"}})
    save_config(controller.loaded.path, Config.model_validate(data))
    await settle(WATCH_S)

    assert [p.name for p in controller.config.profiles] == ["main", "added"]
    assert controller.proxy.server is server  # same server, same port: nothing cut
    health = await get_json(f"{server.url}/health")
    assert [p["name"] for p in health["profiles"]] == ["main", "added"]
    assert changes  # the menu and windows refresh


@pytest.mark.asyncio
async def test_a_broken_file_on_disk_keeps_the_running_config_and_says_so(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    await settle()  # the watcher takes the file's first stamp when its task first runs
    notices: list[Notice] = []
    controller.notify = notices.append
    controller.loaded.path.write_text("[[providers]\nbroken", encoding="utf-8")
    await settle(WATCH_S)
    assert [n.title for n in notices] == ["Switchboard: config not reloaded"]
    assert "TOML syntax error" in notices[0].body
    assert (await post_message(controller.proxy.server.url, "main"))[0] == 200


@pytest.mark.asyncio
async def test_failover_notices_are_opt_in_and_throttled(
    make_controller, anthropic_upstream: AnthropicUpstream, backup_upstream: AnthropicUpstream
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["providers"].append(
        {
            "name": "backup",
            "kind": "anthropic",
            "base_url": backup_upstream.url,
            "api_key": "backup-key",
        }
    )
    data["profiles"][0]["models"]["default"] = ["up/claude-upstream", "backup/claude-backup"]
    controller = await make_controller(data)
    notices: list[Notice] = []
    controller.notify = notices.append
    anthropic_upstream.mode = "error"
    base = controller.proxy.server.url
    assert (await post_message(base, "main"))[0] == 200  # served by the backup
    assert notices == []  # notifications are off by default

    controller.preferences.notify_failover = True
    for _ in range(3):
        assert (await post_message(base, "main"))[0] == 200
    assert [n.title for n in notices] == ["Switchboard: failover"]  # once per minute per route
    assert "served by backup/claude-backup" in notices[0].body
