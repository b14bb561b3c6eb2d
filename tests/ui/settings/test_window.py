"""The settings window as a whole: unsaved-changes guard, Revert, changes on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.config.schema import Config
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import Dialogs, upstream_config
from tests.ui.helpers import click, saved, type_into

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
    assert await saved(window)  # it closes once the file is written
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


def edit_outside(path: Path, old: str, new: str) -> str:
    """Change the config file as an editor would, behind the window's back."""
    text = path.read_text(encoding="utf-8").replace(old, new)
    text = "# my own note, kept by hand\n" + text
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.asyncio
async def test_revert_loads_the_file_as_it_is_on_disk(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    name = window.providers.editor.main_form.editors["name"]
    type_into(qtbot, name.line, "mine")  # type: ignore[attr-defined]
    edit_outside(controller.loaded.path, 'name = "main"', 'name = "edited-outside"')

    click(qtbot, window.revert_button)
    assert window.draft.providers[0]["name"] == "up"  # the edit is dropped
    assert window.draft.profiles[0]["name"] == "edited-outside"  # the file is loaded
    assert not window.isWindowModified()
    window.show_page("Profiles")
    assert window.profiles.list.item(0).text() == "edited-outside"


@pytest.mark.asyncio
async def test_revert_with_a_broken_file_keeps_the_last_good_settings_and_says_why(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    type_into(qtbot, window.providers.editor.main_form.editors["name"].line, "mine")  # type: ignore[attr-defined]
    controller.loaded.path.write_text("[[providers]\n", encoding="utf-8")
    click(qtbot, window.revert_button)
    assert window.draft.providers[0]["name"] == "up"
    assert "does not load" in window.problem_label.text()
    assert "TOML syntax error" in window.problem_label.text()


@pytest.mark.asyncio
async def test_save_asks_before_replacing_a_file_changed_outside(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, dialogs: Dialogs
) -> None:
    """The question is QMessageBox.question, answered through the `dialogs` fixture."""
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    path = controller.loaded.path
    name = window.providers.editor.main_form.editors["name"]
    type_into(qtbot, name.line, "mine")  # type: ignore[attr-defined]
    outside = edit_outside(path, 'name = "main"', 'name = "edited-outside"')

    dialogs.answers.append(Button.Cancel)
    click(qtbot, window.apply_button)
    assert dialogs.seen[-1][0] == "Config file changed"
    assert window.saving is None  # nothing started
    assert path.read_text(encoding="utf-8") == outside  # the outside edit is kept
    assert window.isWindowModified()  # and so are the window's edits

    dialogs.answers.append(Button.Save)
    click(qtbot, window.apply_button)
    assert await saved(window)
    assert 'name = "mine"' in path.read_text(encoding="utf-8")

    # Saved: the window knows the file again, so the next save asks nothing (an unexpected
    # question fails the test: `dialogs` has no answer queued).
    type_into(qtbot, name.line, "mine-again")  # type: ignore[attr-defined]
    click(qtbot, window.apply_button)
    assert await saved(window)
    assert 'name = "mine-again"' in path.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_an_unchanged_file_is_saved_without_a_question(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, dialogs: Dialogs
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    type_into(qtbot, window.providers.editor.main_form.editors["name"].line, "mine")  # type: ignore[attr-defined]
    click(qtbot, window.save_button)
    assert await saved(window)
    assert dialogs.seen == []
    assert not window.isVisible()  # Save closes the window once written
