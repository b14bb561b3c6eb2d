"""Settings ▸ General: the proxy's settings (from the schema) and this computer's choices
(start at login, terminal, notifications, local token), which apply at once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.config.schema import Settings
from app.ui.appearance import APPEARANCES, SCALES, apply_appearance
from app.ui.language import LANGUAGES, chosen_language
from app.ui.services import AppServices
from app.ui.settings.draft import Draft, Problem
from app.ui.settings.editors import ChoiceEditor, hint_label
from app.ui.settings.fields import ModelForm
from app.ui.tasks import spawn

log = logging.getLogger(__name__)


class ProfileChoice(ChoiceEditor):
    """settings.default_profile: one of the draft's profiles, or none (the first one)."""

    def __init__(self, draft: Draft) -> None:
        super().__init__([], optional=False)  # filled from the draft on every set_value
        self.draft = draft
        self.combo.setMinimumWidth(200)

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("(the first profile)"), None)
        for profile in self.draft.profiles:
            self.combo.addItem(str(profile.get("name")), profile.get("name"))
        if value is not None and self.combo.findData(value) < 0:
            self.combo.addItem(self.tr("{name} (no such profile)").format(name=value), value)
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))
        self.combo.blockSignals(False)


class GeneralPage(QWidget):
    edited = Signal()
    title = "General"

    def __init__(self, draft: Draft, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.regenerating: asyncio.Task[None] | None = None
        self.draft = draft
        self.services = services
        self.form = ModelForm(Settings, custom={"default_profile": ProfileChoice(draft)})
        self.form.changed.connect(self._on_form_changed)
        body = QWidget()
        box = QVBoxLayout(body)
        box.addWidget(self._computer_group())
        self.default_terminal = self.tr("(default: the first one installed)")
        proxy = QGroupBox(self.tr("Proxy (saved in the config file)"))
        proxy_box = QVBoxLayout(proxy)
        proxy_box.addWidget(self.form)
        box.addWidget(proxy)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _computer_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("This computer (applies at once)"))
        box = QVBoxLayout(group)
        self.autostart = QCheckBox(self.tr("Start Switchboard at login"))
        self.autostart.setObjectName("autostart")
        self.autostart.toggled.connect(self._on_autostart_toggled)
        self.notify = QCheckBox(
            self.tr("Notify me when a request fails over or a provider is paused")
        )
        self.notify.toggled.connect(self._on_notify_toggled)
        self.terminal = QComboBox()
        self.terminal.setEditable(True)
        self.terminal.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        terminal_edit = QLineEdit()
        self.terminal.setLineEdit(terminal_edit)
        self.terminal.setMinimumWidth(260)
        self.terminal.setToolTip(
            self.tr(
                "A terminal from the list, or a command of your own where {} is the launcher "
                "script: alone, it is one argument (alacritty -e {}); inside quotes with other "
                "text, it is quoted for a shell (tmux new-window 'exec {}')"
            )
        )
        self.terminal.activated.connect(lambda _index: self._on_terminal_changed())
        terminal_edit.editingFinished.connect(self._on_terminal_changed)
        terminal_row = QHBoxLayout()
        terminal_row.addWidget(QLabel(self.tr("Terminal for Launch Claude")))
        terminal_row.addWidget(self.terminal, 1)

        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        looks = (self.tr("As the system"), self.tr("Light"), self.tr("Dark"))
        for value, text in zip(APPEARANCES, looks, strict=True):
            self.appearance.addItem(text, value)
        self.appearance.activated.connect(lambda _index: self._on_appearance_changed())
        self.scale = QComboBox()
        self.scale.setObjectName("uiScale")
        for size in SCALES:
            self.scale.addItem(f"{size:.0%}", size)
        self.scale.activated.connect(lambda _index: self._on_scale_changed())
        self.language = QComboBox()
        self.language.setObjectName("language")
        for value, name in LANGUAGES.items():
            system = self.tr("As the system ({language})").format(
                language=LANGUAGES[chosen_language("system")]
            )
            self.language.addItem(name or system, value)
        self.language.activated.connect(lambda _index: self._on_language_changed())
        look_row = QHBoxLayout()
        look_row.addWidget(QLabel(self.tr("Appearance")))
        look_row.addWidget(self.appearance)
        look_row.addSpacing(16)
        look_row.addWidget(QLabel(self.tr("Size of text and controls")))
        look_row.addWidget(self.scale)
        look_row.addSpacing(16)
        look_row.addWidget(QLabel(self.tr("Language")))
        look_row.addWidget(self.language)
        next_start = hint_label(self.tr("(from the next start)"))
        next_start.setWordWrap(False)
        look_row.addWidget(next_start)
        look_row.addStretch(1)

        self.token = QLineEdit()
        self.token.setObjectName("localToken")
        self.token.setReadOnly(True)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        show, copy, self.regenerate = (
            QPushButton(self.tr("Show")),
            QPushButton(self.tr("Copy")),
            QPushButton(self.tr("Regenerate…")),
        )
        show.setCheckable(True)
        show.toggled.connect(
            lambda on: self.token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        copy.clicked.connect(lambda: _copy(self.token.text()))
        self.regenerate.clicked.connect(self._on_regenerate_clicked)
        token_row = QHBoxLayout()
        token_row.addWidget(QLabel(self.tr("Local token")))
        token_row.addWidget(self.token, 1)
        for button in (show, copy, self.regenerate):
            token_row.addWidget(button)

        self.folders = QLabel()
        self.folders.setWordWrap(True)
        open_logs = QPushButton(self.tr("Open log folder"))
        open_config = QPushButton(self.tr("Open config folder"))
        open_logs.clicked.connect(lambda: _open_folder(str(self.services.log_folder())))
        open_config.clicked.connect(lambda: _open_folder(str(self.services.config_path.parent)))
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_logs)
        folder_row.addWidget(open_config)
        folder_row.addStretch(1)

        box.addWidget(self.autostart)
        box.addWidget(self.notify)
        box.addLayout(terminal_row)
        box.addLayout(look_row)
        box.addLayout(token_row)
        self.token_hint = hint_label(
            self.tr("Claude Code shows this token to the proxy; Launch sets it.")
        )
        box.addWidget(self.token_hint)
        box.addWidget(self.folders)
        box.addLayout(folder_row)
        return group

    def load(self) -> None:
        self.form.set_data(self.draft.data["settings"])
        prefs = self.services.preferences
        for widget, value in (
            (self.autostart, self.services.is_autostart_enabled()),
            (self.notify, prefs.notify_failover),
        ):
            widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(False)
        self.terminal.blockSignals(True)
        self.terminal.clear()
        self.terminal.addItems([self.default_terminal, *self.services.terminals()])
        self.terminal.setCurrentText(prefs.terminal or self.default_terminal)
        self.terminal.blockSignals(False)
        for combo, chosen in (
            (self.appearance, prefs.appearance),
            (self.scale, prefs.ui_scale),
            (self.language, prefs.language),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        self.token.setText(self.services.local_token())
        self.folders.setText(
            self.tr("Config: {config}\nLogs: {logs}").format(
                config=self.services.config_path, logs=self.services.log_folder()
            )
        )

    def show_problems(self, problems: list[Problem]) -> None:
        self.form.show_errors(
            [(p.loc[1:], p.message) for p in problems if p.loc[:1] == ("settings",)]
        )

    def _on_form_changed(self) -> None:
        self.draft.data["settings"].update(self.form.data())
        self.edited.emit()

    def _on_autostart_toggled(self, enabled: bool) -> None:
        try:
            self.services.set_autostart(enabled)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Start at login"),
                self.tr("Could not change the login entry: {error}").format(error=exc),
            )
            self.autostart.blockSignals(True)
            self.autostart.setChecked(not enabled)
            self.autostart.blockSignals(False)

    def _on_notify_toggled(self, enabled: bool) -> None:
        self.services.preferences.notify_failover = enabled
        self.services.save_preferences()

    def _on_terminal_changed(self) -> None:
        text = self.terminal.currentText().strip()
        self.services.preferences.terminal = None if text in ("", self.default_terminal) else text
        self.services.save_preferences()

    def _on_appearance_changed(self) -> None:
        self.services.preferences.appearance = str(self.appearance.currentData())
        self.services.save_preferences()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            apply_appearance(app, self.services.preferences.appearance)

    def _on_scale_changed(self) -> None:
        self.services.preferences.ui_scale = float(self.scale.currentData())
        self.services.save_preferences()

    def _on_language_changed(self) -> None:
        self.services.preferences.language = str(self.language.currentData())
        self.services.save_preferences()

    def _on_regenerate_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Regenerate the local token"),
            self.tr(
                "Claude Code sessions started before will be refused until you launch them "
                "again. Regenerate?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.regenerating = spawn(self._regenerate(), what="regenerating the local token")

    async def _regenerate(self) -> None:
        self.regenerate.setEnabled(False)
        try:
            self.token.setText(await self.services.regenerate_token())
        except Exception as exc:  # keyring backends raise their own types
            log.warning("regenerating the local token failed: %s", exc)
            self.token_hint.setText(
                self.tr("The token was not regenerated: {error}").format(error=exc)
            )
        finally:
            self.regenerate.setEnabled(True)


def _copy(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text)


def _open_folder(path: str) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))
