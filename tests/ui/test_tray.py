"""The tray icon and its menu, over a real proxy and a real loopback upstream."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from app.ui.health import TrayState
from app.ui.icons import tray_icon, tray_variant
from app.ui.tray import Tray
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN
from tests.ui.conftest import upstream_config
from tests.ui.helpers import post_message, settle

REFRESH_S = 0.4  # the controller coalesces request events for 250 ms


def one_attempt(url: str) -> dict[str, Any]:
    data = upstream_config(url)
    data["settings"] = {"failover": {"max_attempts": 1}}
    return data


def submenu(menu: QMenu, title: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and action.text() == title:
            found = action.menu()
            assert isinstance(found, QMenu)
            return found
    raise AssertionError(f"no submenu {title!r} in {[a.text() for a in menu.actions()]}")


def shown_icon_is(tray: Tray, state: TrayState) -> bool:
    scheme = QGuiApplication.styleHints().colorScheme()
    expected = tray_icon(state, tray_variant(sys.platform, scheme))
    return tray.icon.icon().cacheKey() == expected.cacheKey()


@pytest.mark.asyncio
async def test_the_icon_follows_provider_health_and_the_proxy_state(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(one_attempt(anthropic_upstream.url))
    tray = Tray(controller)
    base = controller.proxy.server.url
    assert tray.state is TrayState.OK
    assert shown_icon_is(tray, TrayState.OK)
    assert "all providers healthy" in tray.icon.toolTip()

    anthropic_upstream.mode = "error"
    status, _ = await post_message(base, "main")
    assert status == 500
    await settle(REFRESH_S)
    assert tray.state is TrayState.DEGRADED
    assert shown_icon_is(tray, TrayState.DEGRADED)
    assert "up: boom" in tray.icon.toolTip()

    anthropic_upstream.mode = "ok"
    status, _ = await post_message(base, "main")
    assert status == 200
    await settle(REFRESH_S)
    assert tray.state is TrayState.OK

    controller.stop_proxy()
    await settle()
    assert tray.state is TrayState.STOPPED
    assert shown_icon_is(tray, TrayState.STOPPED)
    assert "Proxy stopped" in tray.icon.toolTip()


@pytest.mark.asyncio
async def test_an_open_breaker_shows_the_profile_down_in_the_menu(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(one_attempt(anthropic_upstream.url))
    tray = Tray(controller)
    breakers = controller.proxy.server.state.breakers
    breakers.failure("up", "rate limited", retry_after=60)  # what a 429 + Retry-After does
    await settle()
    assert tray.state is TrayState.DEGRADED
    assert "breaker open" in tray.icon.toolTip()
    tray.menu.aboutToShow.emit()
    (entry,) = [a for a in submenu(tray.menu, "Launch Claude with").actions() if a.data()]
    assert entry.text() == "main  (down)"


@pytest.mark.asyncio
async def test_the_menu_lists_exactly_the_configured_profiles(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["profiles"] += [
        {"name": "second", "models": {"default": "up/other"}},
        {"name": "third", "models": {"default": "up/*"}},
    ]
    controller = await make_controller(data)
    tray = Tray(controller)
    tray.menu.aboutToShow.emit()
    titles = [a.text() for a in tray.menu.actions() if a.text()]
    assert titles[:2] == ["Open Switchboard", "Launch Claude with"]
    launch = submenu(tray.menu, "Launch Claude with")
    assert [a.data() for a in launch.actions() if a.data()] == ["main", "second", "third"]

    launched: list[tuple[str, Path, str | None]] = []
    tokens: list[str | None] = []

    def launch_claude(loaded: object, profile: str, *, cwd: Path, terminal: str | None,
                      token: str | None) -> tuple[str, ...]:  # fmt: skip
        launched.append((profile, cwd, terminal))
        tokens.append(token)
        return ()  # no warnings

    # a real terminal + claude is tests/launch's business
    monkeypatch.setattr("app.ui.controller.launch_claude", launch_claude)
    folder = tmp_path / "project"
    folder.mkdir()
    controller.select_folder(folder)
    tray.menu.aboutToShow.emit()
    launch = submenu(tray.menu, "Launch Claude with")
    second = next(a for a in launch.actions() if a.data() == "second")
    second.trigger()
    assert launched == [("second", folder, None)]
    assert tokens == [controller.proxy.token]  # the running proxy's, not a keyring read
    (checked,) = [a for a in launch.actions() if a.isChecked()]
    assert checked.text() == str(folder)  # outside HOME: the full path

    # a profile removed in the config file disappears from the next menu
    controller.on_config_saved(
        controller.config.model_copy(update={"profiles": controller.config.profiles[:1]})
    )
    tray.menu.aboutToShow.emit()
    launch = submenu(tray.menu, "Launch Claude with")
    assert [a.data() for a in launch.actions() if a.data()] == ["main"]


@pytest.mark.asyncio
async def test_proxy_menu_copies_the_export_lines_and_quit_sets_the_quit_event(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    tray = Tray(controller)
    tray.menu.aboutToShow.emit()
    proxy = submenu(tray.menu, "Proxy")
    texts = [a.text() for a in proxy.actions()]
    assert texts[0] == f"Running on {controller.proxy.address}"
    start = next(a for a in proxy.actions() if a.text() == "Start")
    assert not start.isEnabled()
    exports = submenu(proxy, "Copy shell exports for")
    next(a for a in exports.actions() if a.text() == "main").trigger()
    copied = QGuiApplication.clipboard().text()
    assert "export ANTHROPIC_BASE_URL=http://127.0.0.1:17355/proxy/main" in copied
    assert "unset ANTHROPIC_API_KEY" in copied
    assert f"export ANTHROPIC_AUTH_TOKEN={TOKEN}" in copied  # the running proxy's token

    quit_action = next(a for a in tray.menu.actions() if a.text() == "Quit Switchboard")
    quit_action.trigger()
    assert controller.quit_event.is_set()
