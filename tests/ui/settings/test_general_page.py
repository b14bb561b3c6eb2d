"""Settings ▸ General: schema-built proxy settings, and this computer's choices."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.preferences import load_preferences
from app.ui.settings.editors import ChoiceEditor, NumberEditor
from app.ui.settings.fields import NestedEditor
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN
from tests.ui.conftest import Dialogs, upstream_config
from tests.ui.helpers import choose, click, post_message, saved, settle


@pytest.mark.asyncio
async def test_every_settings_field_has_a_labelled_editor_with_its_description(
    make_controller,
) -> None:
    controller = await make_controller({})
    controller.open_settings("General")
    form = controller.settings_window.general.form
    assert set(form.editors) >= {"host", "port", "require_token", "log_level", "timeouts"}
    port = form.editors["port"]
    assert isinstance(port, NumberEditor)
    assert (port.spin.minimum(), port.spin.maximum()) == (1, 65535)
    assert port.toolTip() == "Port the proxy listens on."
    timeouts = form.editors["timeouts"]
    assert isinstance(timeouts, NestedEditor)
    assert timeouts.group.title() == "Timeouts"
    assert set(timeouts.form.editors) == {"connect", "first_byte", "idle"}


@pytest.mark.asyncio
async def test_saving_settings_applies_them_without_a_restart(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings("General")
    window = controller.settings_window
    form = window.general.form
    level = form.editors["log_level"]
    assert isinstance(level, ChoiceEditor)
    choose(level.combo, "DEBUG")
    require_token = form.editors["require_token"]
    require_token.box.setChecked(False)  # type: ignore[attr-defined]
    click(qtbot, window.save_button)
    assert await saved(window)
    assert not window.isVisible()
    assert logging.getLogger().level == logging.DEBUG
    assert 'log_level = "DEBUG"' in controller.loaded.path.read_text(encoding="utf-8")
    status, _ = await post_message(controller.proxy.server.url, "main", token="not-the-token")
    assert status == 200  # the running proxy no longer asks for the token
    logging.getLogger().setLevel(logging.WARNING)


@pytest.mark.asyncio
async def test_regenerating_the_token_makes_the_proxy_refuse_the_old_one(
    make_controller, anthropic_upstream: AnthropicUpstream, dialogs: Dialogs
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings("General")
    page = controller.settings_window.general
    assert page.token.text() == TOKEN
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page._on_regenerate_clicked()
    assert page.regenerating is not None
    await page.regenerating
    new = page.token.text()
    assert new != TOKEN
    assert new.startswith("sb-")
    await settle(0.2)
    base = controller.proxy.server.url
    assert (await post_message(base, "main"))[0] == 401
    assert (await post_message(base, "main", token=new))[0] == 200


@pytest.mark.asyncio
async def test_start_at_login_notifications_and_terminal_apply_at_once(
    make_controller, tmp_path: Path
) -> None:
    controller = await make_controller({})
    controller.open_settings("General")
    page = controller.settings_window.general
    page.autostart.setChecked(True)
    entry = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "switchboard.desktop"
    assert "Exec=" in entry.read_text(encoding="utf-8")
    assert controller.is_autostart_enabled()
    page.autostart.setChecked(False)
    assert not entry.exists()

    page.notify.setChecked(True)
    page.terminal.setCurrentText("tmux new-window {}")
    page.terminal.lineEdit().editingFinished.emit()  # type: ignore[union-attr]
    saved = load_preferences(tmp_path / "state" / "ui.json")
    assert saved.notify_failover
    assert saved.terminal == "tmux new-window {}"
