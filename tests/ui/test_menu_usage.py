""" "Launch Claude with…" and the stand-in window show each profile's use today."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMenu

from app.ui.menu import build_menu
from app.ui.mini_window import MiniWindow
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config
from tests.ui.helpers import post_message, settle


@pytest.mark.asyncio
async def test_todays_tokens_show_beside_each_profile(
    make_controller: Any, anthropic_upstream: AnthropicUpstream
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["profiles"].append({"name": "idle", "models": {"default": "up/x"}})
    controller = await make_controller(data)
    status, _ = await post_message(controller.proxy.server.url, "main")
    assert status == 200
    await settle()
    used, _ = controller.today_usage("main")
    assert used > 0  # the upstream's usage, counted for this profile
    menu = QMenu()
    build_menu(menu, controller)
    launch = next(a.menu() for a in menu.actions() if a.text() == "Launch Claude with")
    labels = [a.text() for a in launch.actions() if a.objectName().startswith("launch:")]
    assert labels[0].startswith("main  (ok)  ·  ") and labels[0].endswith(" tokens today")
    assert str(used) in labels[0] or "k tokens" in labels[0]
    assert labels[1] == "idle  (ok)"  # nothing used today: nothing said
    mini = MiniWindow(controller, reason="test")
    mini.refresh()
    assert mini.profiles.item(0).text() == labels[0]
    mini.hide()


@pytest.mark.asyncio
async def test_the_launch_menu_sets_a_default_folder(
    make_controller: Any, anthropic_upstream: AnthropicUpstream, tmp_path: Any
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    folder = tmp_path / "project"
    folder.mkdir()
    controller.select_folder(folder)
    menu = QMenu()
    build_menu(menu, controller)
    launch = next(a.menu() for a in menu.actions() if a.text() == "Launch Claude with")
    always = next(a for a in launch.actions() if a.text().startswith("Always start in"))
    always.trigger()
    assert controller.preferences.default_folder == str(folder)
    build_menu(menu, controller)
    launch = next(a.menu() for a in menu.actions() if a.text() == "Launch Claude with")
    texts = [a.text() for a in launch.actions()]
    assert any(t.endswith("project (default)") for t in texts)
    assert not any(t.startswith("Always start in") for t in texts)
