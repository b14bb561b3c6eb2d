"""The tray app's keyring calls never stall the proxy that shares its event loop.

A Secret Service prompt can hold a keyring call for as long as the user takes to answer. The
`held_keyring` backend (tests/support/held_keyring.py, a real keyring backend installed with
keyring.set_keyring) holds its calls the same way; while one is held, a request through the
running proxy must still be answered.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.config.secrets import LOCAL_TOKEN_ENTRY, SERVICE
from app.ui.controller import AppController
from tests.launch.fakes import make_fake_claude, wait_for_record
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.held_keyring import HeldKeyring, until
from tests.support.proxy import TOKEN
from tests.ui.conftest import Dialogs, upstream_config
from tests.ui.helpers import click, post_message, saved, type_into

KEY = "sk-ant-new-key-typed-in-0123456789"


async def assert_served_while_held(controller: AppController, keyring: HeldKeyring) -> None:
    """A request through the proxy is answered while the keyring call is still held."""
    await until(keyring.waiting.is_set)
    status, answer = await asyncio.wait_for(post_message(controller.proxy.server.url, "main"), 5)
    assert status == 200, answer
    assert keyring.waiting.is_set(), "the keyring call had ended: this proves nothing"


@pytest.mark.asyncio
async def test_saving_a_key_while_the_keyring_waits_keeps_the_proxy_serving(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, held_keyring: HeldKeyring
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    type_into(qtbot, window.providers.editor.key.line, KEY)
    held_keyring.hold()
    click(qtbot, window.apply_button)
    assert not window.stack.isEnabled()  # no edits while the save is under way
    assert "Saving" in window.problem_label.text()

    await assert_served_while_held(controller, held_keyring)
    assert not window.saving.done()
    held_keyring.release()
    assert await saved(window)
    assert held_keyring.secrets[(SERVICE, "up")] == KEY
    assert 'api_key = "keyring:up"' in controller.loaded.path.read_text(encoding="utf-8")
    assert window.stack.isEnabled()
    assert window.problem_label.text() == "Saved."


@pytest.mark.asyncio
async def test_showing_a_stored_key_while_the_keyring_waits_keeps_the_proxy_serving(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, held_keyring: HeldKeyring
) -> None:
    held_keyring.secrets[(SERVICE, "up")] = "sk-ant-stored-0123456789"
    data = upstream_config(anthropic_upstream.url)
    data["providers"][0]["api_key"] = "keyring:up"
    controller = await make_controller(data)
    # The proxy reads a provider's key on its first request: have that done before the hold.
    assert (await post_message(controller.proxy.server.url, "main"))[0] == 200
    controller.open_settings()
    field = controller.settings_window.providers.editor.key
    held_keyring.hold()
    click(qtbot, field.reveal)

    await assert_served_while_held(controller, held_keyring)
    assert field.line.text() == ""
    held_keyring.release()
    assert field.reading is not None
    await field.reading
    assert field.line.text() == "sk-ant-stored-0123456789"
    assert "keyring" in field.status.text()


@pytest.mark.asyncio
async def test_regenerating_the_token_while_the_keyring_waits_keeps_the_proxy_serving(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    held_keyring: HeldKeyring,
    dialogs: Dialogs,
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings("General")
    page = controller.settings_window.general
    held_keyring.hold()
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page._on_regenerate_clicked()

    await assert_served_while_held(controller, held_keyring)  # with the old token, still
    held_keyring.release()
    assert page.regenerating is not None
    await page.regenerating
    new = held_keyring.secrets[(SERVICE, LOCAL_TOKEN_ENTRY)]
    assert page.token.text() == new != TOKEN
    assert (await post_message(controller.proxy.server.url, "main", token=new))[0] == 200


@pytest.mark.asyncio
async def test_the_trays_launch_uses_the_running_proxys_token_and_never_the_keyring(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    held_keyring: HeldKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Launch Claude (tray menu) runs a real terminal command (`sh {}`) and a stand-in claude
    that records its environment."""
    record = tmp_path / "record.json"
    monkeypatch.setenv("SWITCHBOARD_CLAUDE", str(make_fake_claude(tmp_path / "bin", record)))
    monkeypatch.setenv("SB_UP_KEY", "sk-ant-provider-key-0123456789")
    data = upstream_config(anthropic_upstream.url)
    data["providers"][0]["api_key"] = "env:SB_UP_KEY"
    controller = await make_controller(data)
    controller.preferences.terminal = "sh {}"
    held_keyring.calls.clear()
    held_keyring.hold()  # any keyring read would wait: the launch must not make one

    assert controller.launch("main", tmp_path)
    env = (await asyncio.to_thread(wait_for_record, record))["env"]
    assert env["ANTHROPIC_AUTH_TOKEN"] == TOKEN == controller.proxy.token
    assert "SB_UP_KEY" not in env  # the provider's key stays with the proxy
    assert held_keyring.calls == []


@pytest.mark.asyncio
async def test_a_keyring_failure_while_regenerating_is_shown_and_the_old_token_kept(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    held_keyring: HeldKeyring,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(service: str, username: str, password: str) -> None:
        raise RuntimeError("the keyring daemon went away")

    monkeypatch.setattr(held_keyring, "set_password", broken)
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings("General")
    page = controller.settings_window.general
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page._on_regenerate_clicked()
    assert page.regenerating is not None
    await page.regenerating
    assert "not regenerated: the keyring daemon went away" in page.token_hint.text()
    assert page.token.text() == TOKEN
    assert page.regenerate.isEnabled()
    assert (await post_message(controller.proxy.server.url, "main"))[0] == 200


@pytest.mark.asyncio
async def test_a_keyring_failure_while_saving_is_shown_and_nothing_is_lost(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    qtbot: QtBot,
    held_keyring: HeldKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(service: str, username: str, password: str) -> None:
        raise RuntimeError("the keyring daemon went away")

    monkeypatch.setattr(held_keyring, "set_password", broken)
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    before = controller.loaded.path.read_text(encoding="utf-8")
    controller.open_settings()
    window = controller.settings_window
    type_into(qtbot, window.providers.editor.key.line, KEY)
    click(qtbot, window.apply_button)
    assert not await saved(window)
    assert "Not saved: the API key could not be stored" in window.problem_label.text()
    assert controller.loaded.path.read_text(encoding="utf-8") == before
    assert window.stack.isEnabled() and window.apply_button.isEnabled()
    assert window.providers.editor.key.line.text() == KEY  # the typed key is still there


@pytest.mark.asyncio
async def test_show_says_why_when_the_keyring_cannot_be_read(
    make_controller,
    anthropic_upstream: AnthropicUpstream,
    qtbot: QtBot,
    held_keyring: HeldKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["providers"][0]["api_key"] = "keyring:up"
    controller = await make_controller(data)
    controller.open_settings()
    field = controller.settings_window.providers.editor.key

    def broken(service: str, username: str) -> None:
        raise RuntimeError("the keyring daemon went away")

    monkeypatch.setattr(held_keyring, "get_password", broken)
    click(qtbot, field.reveal)
    assert field.reading is not None
    await field.reading
    assert field.status.text() == "Cannot show the stored key: the keyring daemon went away"
    assert field.line.text() == ""
