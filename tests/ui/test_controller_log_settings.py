"""The tray app takes up `log_level` and `log_bodies` from a file edited on disk, on that reload."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from app.config.schema import Config
from app.config.store import save_config
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config
from tests.ui.helpers import post_message, settle

WATCH_S = 1.6  # the proxy polls the file's mtime every second


@pytest.fixture
def root_at_info() -> Iterator[None]:
    """As the tray starts with the default config: the root logger at INFO."""
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.INFO)
    yield
    root.setLevel(before)


@pytest.mark.asyncio
@pytest.mark.usefixtures("root_at_info")
async def test_log_settings_edited_on_disk_apply_on_that_reload(
    make_controller, anthropic_upstream: AnthropicUpstream, caplog: pytest.LogCaptureFixture
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    await settle()  # the watcher takes the file's first stamp when its task first runs
    data = upstream_config(anthropic_upstream.url)
    data["settings"] = {"log_level": "DEBUG", "log_bodies": True}
    save_config(controller.loaded.path, Config.model_validate(data))
    await settle(WATCH_S)

    assert controller.config.settings.log_bodies
    assert logging.getLogger().level == logging.DEBUG
    assert (await post_message(controller.proxy.server.url, "main"))[0] == 200
    assert any("request body for profile main" in r.getMessage() for r in caplog.records)
