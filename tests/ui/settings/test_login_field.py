"""Settings ▸ Providers for a subscription login, with a real tray controller and proxy, against
the loopback authorization server: Log in (device code shown large, Copy), the account and
expiry shown, Log out, Cancel; a refused refresh turns the tray state and menu to "Log in
again", which starts the login in one click."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.auth.store import TokenStore
from app.ui.health import TrayState
from app.ui.menu import build_menu
from app.ui.settings.login_field import LoginField
from tests.support.chat_upstream import ChatUpstream
from tests.support.logins import catalogue_pointing_at, use_catalogue
from tests.support.oauth_server import OAuthServer
from tests.ui.helpers import click, post_message, settle

SHOTS = Path("/tmp/switchboard-shots")


def shoot(widget: QWidget, name: str) -> None:
    """A screenshot to look at (not compared): /tmp/switchboard-shots/NAME."""
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


async def until(check: Callable[[], Any], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await settle(0.05)


async def approve_shown_code(server: OAuthServer, field: LoginField) -> None:
    """The user reads the code off the settings window and enters it on the vendor's page."""
    await until(lambda: field.code.isVisible() and field.code.text())
    async with (
        aiohttp.ClientSession() as session,
        session.post(server.url + "/device", data={"user_code": field.code.text()}),
    ):
        pass


@pytest.mark.asyncio
async def test_log_in_show_log_out_and_log_in_again_from_the_tray(
    make_controller: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = OAuthServer()
    await server.start()
    upstream = ChatUpstream()
    await upstream.start()
    opened: list[str] = []
    monkeypatch.setattr("app.auth.login.open_in_browser", lambda url: opened.append(url) or True)
    try:
        server.client("17e5f671-d194-4dfb-9706-5516cb48c098")
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        controller = await make_controller(
            {
                "providers": [
                    {
                        "name": "kimi",
                        "kind": "openai-chat",
                        "base_url": upstream.url,
                        "api_key": "login:kimi",
                        "preset": "kimi-code",
                    }
                ],
                "profiles": [{"name": "main", "models": {"default": "kimi/kimi-for-coding"}}],
            }
        )
        controller.open_settings("Providers")
        window = controller.settings_window
        editor = window.providers.editor
        field = editor.login
        assert field is not None
        await until(lambda: "Not logged in" in field.status.text())
        assert field.isVisible() and not editor.key.isVisible()

        click(qtbot, field.login_button)
        await approve_shown_code(server, field)
        assert field.cancel_button.isVisible() and not field.login_button.isEnabled()
        assert field.code.font().pointSize() >= 20  # large enough to read and type
        shoot(window, "login-device-code.png")
        click(qtbot, field.copy_button)
        assert QGuiApplication.clipboard().text() == field.code.text()
        await until(lambda: field.status.text().startswith("Logged in"))
        assert "token valid until" in field.status.text()
        assert opened and "user_code=" in opened[0]  # the verification page was opened
        shoot(window, "login-done.png")
        store = TokenStore(controller.config_path.parent)
        credential = store.load("kimi")
        assert credential is not None and server.is_valid(credential.access_token)
        upstream.guard = None
        status, _ = await post_message(controller.proxy.server.url, "main")
        assert status == 200  # the proxy uses the fresh login at once

        # the refresh is refused later (e.g. the password changed): the tray says so
        assert credential.refresh_token
        server.by_refresh[credential.refresh_token].revoked = True
        credential.expires_at = time.time() - 1
        store.save(credential)
        controller.login_changed("kimi")
        notices: list[Any] = []
        controller.notify = notices.append
        controller.preferences.notify_failover = True  # notices are opt-in
        status, body = await post_message(controller.proxy.server.url, "main")
        assert status == 401 and "log in again" in body["error"]["message"]
        assert controller.logins_needing_user().keys() == {"kimi"}
        assert controller.tray_state() is TrayState.DEGRADED
        assert [n.title for n in notices] == ["Switchboard: log in again"]
        menu = QMenu()
        build_menu(menu, controller)
        again = next(a for a in menu.actions() if "Log in again: kimi" in a.text())
        ended: list[bool] = []
        field.finished.connect(ended.append)
        again.trigger()  # one click: the login starts, a new code is shown
        await approve_shown_code(server, field)
        await until(lambda: ended == [True])
        status, _ = await post_message(controller.proxy.server.url, "main")
        assert status == 200
        assert not controller.logins_needing_user()
        assert controller.tray_state() is TrayState.OK

        click(qtbot, field.logout_button)
        await until(lambda: "Not logged in" in field.status.text())
        assert store.load("kimi") is None
    finally:
        await upstream.stop()
        await server.stop()


@pytest.mark.asyncio
async def test_cancel_stops_a_login_and_stores_nothing(
    make_controller: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = OAuthServer()
    await server.start()
    monkeypatch.setattr("app.auth.login.open_in_browser", lambda url: True)
    try:
        server.client("17e5f671-d194-4dfb-9706-5516cb48c098")
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        controller = await make_controller(
            {
                "providers": [
                    {
                        "name": "kimi",
                        "kind": "openai-chat",
                        "base_url": "https://api.kimi.com/coding/v1",
                        "api_key": "login:kimi",
                        "preset": "kimi-code",
                    }
                ],
                "profiles": [{"name": "main", "models": {"default": "kimi/kimi-for-coding"}}],
            }
        )
        controller.open_settings("Providers")
        field = controller.settings_window.providers.editor.login
        assert field is not None
        await until(lambda: "Not logged in" in field.status.text())
        click(qtbot, field.login_button)
        await until(lambda: field.code.isVisible())
        click(qtbot, field.cancel_button)
        await until(lambda: "cancelled" in field.status.text())
        assert not field.code.isVisible() and field.login_button.isEnabled()
        assert TokenStore(controller.config_path.parent).load("kimi") is None
    finally:
        await server.stop()


@pytest.mark.asyncio
async def test_gitlab_duo_login_takes_a_token_typed_in_a_masked_box(
    make_controller: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from tests.ui.helpers import type_into

    server = OAuthServer()
    await server.start()
    try:
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        controller = await make_controller(
            {
                "providers": [
                    {
                        "name": "duo-ui",
                        "kind": "anthropic",
                        "base_url": "https://cloud.gitlab.com/ai/v1/proxy/anthropic",
                        "api_key": "login:duo-ui",
                        "auth": "bearer",
                        "preset": "gitlab-duo",
                    }
                ],
                "profiles": [{"name": "main", "models": {"default": "duo-ui/claude-sonnet-4-5"}}],
            }
        )
        controller.open_settings("Providers")
        field = controller.settings_window.providers.editor.login
        assert field is not None
        await until(lambda: "Not logged in" in field.status.text())
        click(qtbot, field.login_button)
        await until(lambda: field.paste_box.isVisible())
        assert field.paste_line.echoMode() is QLineEdit.EchoMode.Password
        type_into(qtbot, field.paste_line, server.personal_access_token())
        click(qtbot, field.paste_button)
        await until(lambda: field.status.text().startswith("Logged in"))
        credential = TokenStore(controller.config_path.parent).load("duo-ui")
        assert credential is not None and server.copilot_token_valid(credential.access_token)
    finally:
        await server.stop()


@pytest.mark.asyncio
async def test_the_first_run_flow_logs_in_instead_of_asking_for_a_key(
    make_controller: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from app.ui.first_run import STEPS
    from tests.ui.helpers import type_into

    server = OAuthServer()
    await server.start()
    monkeypatch.setattr("app.auth.login.open_in_browser", lambda url: True)
    try:
        server.client("17e5f671-d194-4dfb-9706-5516cb48c098")
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        controller = await make_controller({})
        controller.open_main()
        wizard = controller.first_run
        type_into(qtbot, wizard.picker.search, "kimi for coding")
        rows = wizard.picker.list
        ids = [rows.item(i).data(Qt.ItemDataRole.UserRole).id for i in range(rows.count())]
        rows.setCurrentRow(ids.index("kimi-code"))
        click(qtbot, wizard.next)
        assert wizard.stack.currentIndex() == STEPS.index("API key")
        field = wizard.login
        assert field is not None and field.isVisible() and not wizard.key.isVisible()
        click(qtbot, wizard.next)
        assert "Log in first" in wizard.error.text()
        await until(lambda: "Not logged in" in field.status.text())
        click(qtbot, field.login_button)
        await approve_shown_code(server, field)
        await until(lambda: field.status.text().startswith("Logged in"))
        shoot(wizard, "first-run-login.png")
        click(qtbot, wizard.next)  # to Test
        click(qtbot, wizard.next)  # to models
        click(qtbot, wizard.next)  # finish
        assert wizard.stack.currentIndex() == STEPS.index("Done"), wizard.error.text()
        provider = controller.config.providers[0]
        assert (provider.name, provider.api_key) == ("kimi-code", "login:kimi-code")
    finally:
        await server.stop()
