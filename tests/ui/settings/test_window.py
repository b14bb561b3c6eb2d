"""The settings window as a whole: unsaved-changes guard, Revert, changes on disk."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.config.schema import Config
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import Dialogs, upstream_config
from tests.ui.helpers import click, type_into

Button = QMessageBox.StandardButton


@pytest.mark.asyncio
async def test_closing_with_unsaved_changes_asks_first(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, dialogs: Dialogs
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    name = window.providers.editor.main_form.editors["name"]
    type_into(qtbot, name.line, "edited")  # type: ignore[attr-defined]
    assert window.isWindowModified()

    dialogs.answers.append(Button.Cancel)
    window.close()
    assert window.isVisible()
    assert dialogs.seen[-1][0] == "Unsaved changes"

    dialogs.answers.append(Button.Discard)
    window.close()
    assert not window.isVisible()
    assert window.draft.providers[0]["name"] == "up"  # reverted
    assert controller.config.providers[0].name == "up"

    controller.open_settings()
    type_into(qtbot, name.line, "kept")  # type: ignore[attr-defined]
    dialogs.answers.append(Button.Save)
    window.close()
    assert not window.isVisible()
    assert controller.config.providers[0].name == "kept"
    assert 'name = "kept"' in controller.loaded.path.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_revert_drops_the_edits(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    name = window.providers.editor.main_form.editors["name"]
    type_into(qtbot, name.line, "edited")  # type: ignore[attr-defined]
    assert window.revert_button.isEnabled()
    click(qtbot, window.revert_button)
    assert name.line.text() == "up"  # type: ignore[attr-defined]
    assert not window.apply_button.isEnabled()
    assert not window.isWindowModified()


@pytest.mark.asyncio
async def test_a_change_on_disk_reaches_a_clean_window_but_never_overwrites_edits(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    changed = upstream_config(anthropic_upstream.url)
    changed["profiles"][0]["name"] = "renamed-on-disk"
    window.reload(Config.model_validate(changed))
    assert window.draft.profiles[0]["name"] == "renamed-on-disk"

    type_into(qtbot, window.providers.editor.main_form.editors["name"].line, "mine")  # type: ignore[attr-defined]
    window.reload(Config.model_validate(upstream_config(anthropic_upstream.url)))
    assert window.draft.providers[0]["name"] == "mine"
    assert "changed on disk" in window.problem_label.text()
