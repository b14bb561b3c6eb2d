"""A provider's subscription login in Settings: who is logged in and until when, Log in (with
progress, Cancel, the device code shown large with Copy, a paste box for a browser on another
machine), Log out. Takes the place of the API key field for a preset with a login."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth.credential import Credential
from app.auth.device import DeviceCode
from app.auth.store import NoKeyring, TokenStore
from app.config.logins import LOGIN_PREFIX, login_name
from app.config.presets import Preset
from app.errors import LoginFailed
from app.ui.language import catalog_text
from app.ui.tasks import spawn


@dataclass(frozen=True)
class LoginContext:
    """Where logins are stored, and whom to tell when one changes (the running proxy)."""

    store: TokenStore
    changed: Any  # Callable[[str], None]


class LoginField(QWidget):
    edited = Signal()
    finished = Signal(bool)  # a login attempt ended: True when it succeeded

    def __init__(self, context: LoginContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.provider: dict[str, Any] = {}
        self.preset: Preset | None = None
        self._task: asyncio.Task[Any] | None = None
        self._paste: asyncio.Future[str] | None = None
        self.logged_in = False  # as last read from the store

        self.status = QLabel()
        self.status.setObjectName("loginStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("logIn")
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setObjectName("logOut")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelLogin")
        self.in_file = QCheckBox(self.tr("Store in a file (this system has no keyring)"))
        self.in_file.setToolTip(
            self.tr(
                "Without an OS keyring the tokens can only be kept in a file in the config "
                "folder that only you can read. Nothing is stored there unless you tick this."
            )
        )
        buttons = QHBoxLayout()
        for button in (self.login_button, self.logout_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addWidget(self.in_file)
        buttons.addStretch(1)

        self.progress = QLabel()
        self.progress.setObjectName("loginProgress")
        self.progress.setWordWrap(True)
        self.progress.setOpenExternalLinks(True)
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        # the device code, large enough to read across the room and type on a phone
        self.code = QLabel()
        self.code.setObjectName("deviceCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code.font()
        font.setPointSize(max(font.pointSize(), 10) * 2 + 4)
        font.setBold(True)
        font.setLetterSpacing(font.SpacingType.AbsoluteSpacing, 3)
        self.code.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy code"))
        self.copy_button.setObjectName("copyCode")
        code_row = QHBoxLayout()
        code_row.addWidget(self.code)
        code_row.addWidget(self.copy_button)
        code_row.addStretch(1)
        self.code_box = QFrame()
        self.code_box.setLayout(code_row)
        self.paste_line = QLineEdit()
        self.paste_line.setObjectName("pasteCode")
        self.paste_line.setPlaceholderText(self._paste_hint())
        self.paste_button = QPushButton(self.tr("Use it"))
        paste_row = QHBoxLayout()
        paste_row.addWidget(self.paste_line, 1)
        paste_row.addWidget(self.paste_button)
        self.paste_box = QFrame()
        self.paste_box.setLayout(paste_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.code_box)
        layout.addWidget(self.paste_box)
        self.login_button.clicked.connect(self._on_login_clicked)
        self.logout_button.clicked.connect(self._on_logout_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.paste_line.returnPressed.connect(self._on_paste_clicked)
        self._idle()

    # ---------------------------------------------------------------- state shown

    def _paste_hint(self) -> str:
        return self.tr("Browser on another machine? Paste the code or address")

    @property
    def name(self) -> str:
        return login_name(self.provider.get("api_key")) or str(self.provider.get("name") or "")

    def load(self, provider: dict[str, Any], preset: Preset) -> None:
        if self._task is not None:
            self._task.cancel()
        self.provider = provider
        self.preset = preset
        self.logged_in = False
        self._idle()
        self.status.setText(self.tr("Reading the login…"))
        spawn(self._show_stored(provider), what="reading a login")

    async def _show_stored(self, provider: dict[str, Any]) -> None:
        store = self.context.store
        credential = await asyncio.to_thread(store.load, self.name)
        usable = await asyncio.to_thread(store.keyring_usable)
        if provider is not self.provider:
            return  # another provider was selected meanwhile
        self.in_file.setVisible(not usable)
        self._describe(credential)

    def _describe(self, credential: Credential | None) -> None:
        assert self.preset is not None
        self.logged_in = credential is not None
        if credential is None:
            self.status.setText(
                self.tr("Not logged in. Log in with your {name} account.").format(
                    name=catalog_text(self.preset.name)
                )
            )
            self.login_button.setText(self.tr("Log in"))
            self.logout_button.setEnabled(False)
            return
        parts = [
            self.tr("Logged in as {account}").format(account=credential.account)
            if credential.account
            else self.tr("Logged in")
        ]
        if credential.plan:
            parts.append(self.tr("plan: {plan}").format(plan=credential.plan))
        now = time.time()
        if credential.expires_at is not None:
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(credential.expires_at))
            parts.append(
                self.tr("token valid until {time}").format(time=stamp)
                if credential.expires_at > now
                else self.tr("token expired (refreshed on next use)")
            )
        if credential.last_refresh:
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(credential.last_refresh))
            parts.append(self.tr("last refresh {time}").format(time=stamp))
        parts.append(
            self.tr("in the OS keyring")
            if credential.storage == "keyring"
            else self.tr("in a file")
        )
        self.status.setText(" · ".join(parts))
        self.login_button.setText(self.tr("Log in again"))
        self.logout_button.setEnabled(True)

    def _idle(self) -> None:
        self.progress.hide()
        self.code_box.hide()
        self.paste_box.hide()
        self.cancel_button.hide()
        self.login_button.setEnabled(True)

    # ---------------------------------------------------------------- actions

    def _on_login_clicked(self) -> None:
        if self.preset is None or self.preset.login is None or self._task is not None:
            return
        self.login_button.setEnabled(False)
        self.logout_button.setEnabled(False)
        self.cancel_button.show()
        self.status.setText(
            self.tr("Logging in to {name}…").format(name=catalog_text(self.preset.name))
        )
        self.progress.setText(self.tr("Starting the login…"))
        self.progress.show()
        self._task = spawn(self._log_in(self.provider, self.preset), what="logging in")

    async def _log_in(self, provider: dict[str, Any], preset: Preset) -> None:
        import aiohttp

        from app.auth.login import log_in, open_in_browser

        assert preset.login is not None
        name = self.name
        store = self.context.store
        allow_file = self.in_file.isVisible() and self.in_file.isChecked()
        ok = False
        try:
            if not allow_file and not await asyncio.to_thread(store.keyring_usable):
                raise NoKeyring(store.file_for(name))
            self._paste = asyncio.get_running_loop().create_future()
            if preset.login.flow == "token":  # the user gives a long-lived token
                self.paste_line.setEchoMode(QLineEdit.EchoMode.Password)
                self.paste_line.setPlaceholderText(self.tr("Paste a personal access token"))
                hint = preset.login.token_hint
                self.progress.setText(
                    self.tr(
                        "Paste a token of your account (make one <a href='{url}'>here</a>)."
                    ).format(url=hint)
                    if hint
                    else self.tr("Paste a token of your account.")
                )
                self.paste_box.show()
            else:
                self.paste_line.setEchoMode(QLineEdit.EchoMode.Normal)
                self.paste_line.setPlaceholderText(self._paste_hint())

            def open_url(url: str) -> None:
                if open_in_browser(url):
                    text = self.tr(
                        "Log in in your browser: <a href='{url}'>login page</a>. Waiting…"
                    )
                else:
                    text = self.tr(
                        "Open this page to log in: <a href='{url}'>login page</a>. Waiting…"
                    )
                self.progress.setText(text.format(url=url))
                self.paste_box.setVisible(preset.login is not None)

            async def pasted() -> str:
                assert self._paste is not None
                return await self._paste

            async with aiohttp.ClientSession() as session:
                credential = await log_in(
                    name,
                    preset.id,
                    preset.login,
                    session,
                    open_url=open_url,
                    show_code=self._show_code,
                    pasted=pasted,
                )
            credential = await asyncio.to_thread(store.save, credential, allow_file=allow_file)
            if provider is self.provider:
                self.provider["api_key"] = LOGIN_PREFIX + name
                self.edited.emit()
            self.context.changed(name)
            self._describe(credential)
            ok = True
        except asyncio.CancelledError:
            self.status.setText(self.tr("Login cancelled."))
        except (LoginFailed, NoKeyring, OSError) as exc:
            self.status.setText(self.tr("✗ Login failed: {error}").format(error=exc))
        finally:
            self._task = None
            self._paste = None
            self._idle()
            self.finished.emit(ok)

    def _show_code(self, code: DeviceCode) -> None:
        from app.auth.login import open_in_browser

        self.code.setText(code.user_code)
        self.code_box.show()
        target = code.verification_uri_complete or code.verification_uri
        open_in_browser(target)
        self.progress.setText(
            self.tr(
                "Enter this code at <a href='{url}'>{url}</a> (the page is open in your "
                "browser). Waiting for you to approve…"
            ).format(url=code.verification_uri)
        )

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.code.text())

    def _on_paste_clicked(self) -> None:
        text = self.paste_line.text().strip()
        if text and self._paste is not None and not self._paste.done():
            self._paste.set_result(text)
            self.paste_line.clear()

    def _on_logout_clicked(self) -> None:
        spawn(self._log_out(), what="logging out")

    async def _log_out(self) -> None:
        name = self.name
        await asyncio.to_thread(self.context.store.delete, name)
        self.context.changed(name)
        self._describe(None)
