"""The API key of one provider: typed masked, revealed on demand, stored in the keyring on save.

The field never shows a stored key unless asked (Show); a typed key waits in the draft under
NEW_KEY until the whole config is saved. Show reads the keyring in a thread: a Secret Service
prompt must not stall the proxy that shares the event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.config.secrets import resolve_secret
from app.ui.settings.draft import NEW_KEY
from app.ui.tasks import spawn


class KeyField(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provider: dict[str, Any] = {}
        self.reading: asyncio.Task[None] | None = None  # the last keyring read Show started
        self.line = QLineEdit()
        self.line.setObjectName("apiKey")
        self.line.setEchoMode(QLineEdit.EchoMode.Password)
        self.line.setAccessibleName(self.tr("API key"))
        self.reveal = QPushButton(self.tr("Show"))
        self.reveal.setObjectName("revealKey")
        self.reveal.setCheckable(True)
        self.reveal.setToolTip(self.tr("Show the key (reads a stored key from the keyring)"))
        self.move_button = QPushButton(self.tr("Move to keyring"))
        self.move_button.setToolTip(
            self.tr("Take the key out of the config file; Save stores it in the keyring")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("fieldHint")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.addWidget(self.line, 1)
        row.addWidget(self.reveal)
        row.addWidget(self.move_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.line.textEdited.connect(self._on_text_edited)
        self.reveal.toggled.connect(self._on_reveal_toggled)
        self.move_button.clicked.connect(self._on_move_clicked)

    def load(self, provider: dict[str, Any]) -> None:
        self.provider = provider
        self.reveal.setChecked(False)
        self.line.setText(str(provider.get(NEW_KEY) or ""))
        self._describe()

    def _describe(self) -> None:
        ref = self.provider.get("api_key") or ""
        no_auth = self.provider.get("auth") == "none"
        self.line.setEnabled(not no_auth)
        self.reveal.setEnabled(not no_auth)
        is_literal = bool(ref) and not ref.startswith(("keyring:", "env:"))
        self.move_button.setVisible(is_literal and not self.provider.get(NEW_KEY))
        if no_auth:
            text, placeholder = self.tr("This provider is called without a key (auth: none)."), ""
        elif self.provider.get(NEW_KEY):
            text, placeholder = self.tr("New key: stored in the keyring when you save."), ""
        elif ref.startswith("keyring:"):
            text = self.tr("Stored in the system keyring. Type a new key to replace it.")
            placeholder = self.tr("•••••••• (stored)")
        elif ref.startswith("env:"):
            variable = ref.removeprefix("env:")
            text = self.tr(
                "Read from the environment variable {variable}. Type a key to use the keyring."
            ).format(variable=variable)
            placeholder = f"${variable}"
        elif is_literal:
            text = self.tr("Written in the config file as plain text: move it to the keyring.")
            placeholder = self.tr("•••••••• (in the file)")
        else:
            text, placeholder = self.tr("Paste the provider's API key."), self.tr("API key")
        self.status.setText(text)
        self.line.setPlaceholderText(placeholder)

    def _on_text_edited(self, text: str) -> None:
        text = text.strip()
        if text:
            self.provider[NEW_KEY] = text
        else:
            self.provider.pop(NEW_KEY, None)
        self._describe()
        self.edited.emit()

    def _on_reveal_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.line.setEchoMode(mode)
        self.reveal.setText(self.tr("Hide") if shown else self.tr("Show"))
        if shown and not self.line.text() and self.provider.get("api_key"):
            self.reading = spawn(self._show_stored_key(self.provider), what="reading a stored key")

    async def _show_stored_key(self, provider: dict[str, Any]) -> None:
        self.status.setText(self.tr("Reading the key from the system keyring…"))
        try:
            key = await asyncio.to_thread(resolve_secret, provider["api_key"])
        except Exception as exc:  # SecretUnavailable, or a keyring backend's own error
            if self.provider is provider:
                self.status.setText(
                    self.tr("Cannot show the stored key: {error}").format(error=exc)
                )
            return
        if self.provider is not provider:
            return  # another provider is shown now
        self._describe()
        if self.reveal.isChecked() and not self.line.text():
            self.line.setText(key or "")

    def _on_move_clicked(self) -> None:
        self.provider[NEW_KEY] = self.provider["api_key"]
        self.provider["api_key"] = None
        self.line.setText(self.provider[NEW_KEY])
        self._describe()
        self.edited.emit()

    def refresh(self) -> None:
        """Call after the provider's auth changed."""
        self._describe()
