"""No tray (offscreen has none) or --no-tray: the mini window stands in, with the same actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.shell import Shell
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config
from tests.ui.helpers import click, settle


@pytest.mark.asyncio
async def test_without_a_tray_the_mini_window_opens_after_the_wait(
    make_controller, anthropic_upstream: AnthropicUpstream
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    shell = Shell(controller, no_tray=False, tray_wait_s=0.05)
    assert shell.tray is not None
    assert shell.mini is None
    await settle(0.2)
    assert shell.mini is not None
    assert shell.mini.isVisible()
    assert (
        "No system tray was found." in shell.mini.findChildren(type(shell.mini.status))[-1].text()
    )
    shell.close()


@pytest.mark.asyncio
async def test_no_tray_mini_window_launches_and_quits(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["profiles"].append({"name": "other", "models": {"default": "up/x"}})
    controller = await make_controller(data)
    shell = Shell(controller, no_tray=True)
    assert shell.tray is None
    mini = shell.mini
    assert mini is not None
    assert [mini.profiles.item(i).text() for i in range(mini.profiles.count())] == [
        "main  (ok)",
        "other  (ok)",
    ]
    assert "all providers healthy" in mini.status.text()
    launched: list[tuple[str, Path]] = []
    monkeypatch.setattr(  # a real terminal + claude is tests/launch's business
        "app.ui.controller.launch_claude",
        lambda loaded, profile, *, cwd, terminal, token: launched.append((profile, cwd)) or (),
    )
    mini.profiles.setCurrentRow(1)
    click(qtbot, mini.launch)
    assert launched == [("other", Path.home())]
    mini.close()
    assert controller.quit_event.is_set()  # closing the stand-in quits the app


@pytest.mark.asyncio
async def test_first_run_without_a_tray_shows_the_wizard_alone_then_the_stand_in(
    make_controller,
) -> None:
    controller = await make_controller({})  # a new user: no providers yet
    controller.open_first_run()
    wizard = controller.first_run
    assert wizard is not None and wizard.isVisible()
    shell = Shell(controller, no_tray=True)
    assert shell.mini is None  # not one window over the other
    screen, frame = wizard.screen().availableGeometry().center(), wizard.geometry().center()
    assert abs(frame.x() - screen.x()) <= 16 and abs(frame.y() - screen.y()) <= 16  # centered
    wizard.close()
    await settle(0.05)
    assert shell.mini is not None and shell.mini.isVisible()
    shell.close()
