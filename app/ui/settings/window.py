"""The settings window: a sidebar of pages over one config draft, saved as a whole.

Every edit revalidates the whole draft against the schema; problems show under their fields
and in the footer, and Save/Apply stay disabled until there are none. Closing with unsaved
changes asks first.

The window remembers what the file held when its draft was loaded: Revert loads the file
again, and Save asks before replacing a file someone changed since. Saving stores new keys in
the keyring in a thread: a Secret Service prompt must not stall the proxy on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.store import TokenStore
from app.config.schema import Config
from app.config.store import LoadedConfig, load_config
from app.errors import ConfigError
from app.ui.services import AppServices
from app.ui.settings.draft import Draft, PendingSave, Problem, pending_save, write_pending
from app.ui.settings.fields import field_label, schema_text
from app.ui.settings.general_page import GeneralPage
from app.ui.settings.login_field import LoginContext
from app.ui.settings.model_catalog import ModelCatalog
from app.ui.settings.profiles_page import ProfilesPage
from app.ui.settings.providers_page import ProvidersPage
from app.ui.tasks import spawn

log = logging.getLogger(__name__)

PAGES = ("Providers", "Profiles", "General")  # names in code (show_page); shown translated
PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quote


def page_title(name: str) -> str:
    """A page's name (one of PAGES) in the user's language."""
    titles = {
        "Providers": QCoreApplication.translate("SettingsWindow", "Providers"),
        "Profiles": QCoreApplication.translate("SettingsWindow", "Profiles"),
        "General": QCoreApplication.translate("SettingsWindow", "General"),
    }
    return titles[name]


class SettingsWindow(QWidget):
    saved = Signal(object)  # the Config just written

    def __init__(
        self,
        loaded: LoadedConfig,
        services: AppServices,
        *,
        on_saved: Callable[[Config], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Switchboard Settings[*]"))
        self.setObjectName("settingsWindow")
        self.resize(980, 680)
        self.setMinimumSize(760, 520)
        self.path = loaded.path
        self.draft = Draft(loaded.config)
        self.on_disk = file_stamp(self.path)  # what the file held when the draft was loaded
        self.saving: asyncio.Task[bool] | None = None  # the last save started
        self._busy = False
        self.catalog = ModelCatalog(self.draft, self)
        logins = LoginContext(TokenStore(self.path.parent), services.login_changed)
        self.providers = ProvidersPage(self.draft, self.catalog, logins=logins)
        self.profiles = ProfilesPage(self.draft, self.catalog)
        self.general = GeneralPage(self.draft, services)
        self.pages = (self.providers, self.profiles, self.general)
        if on_saved is not None:
            self.saved.connect(on_saved)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.addItems([page_title(name) for name in PAGES])
        self.sidebar.setFixedWidth(150)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
            page.edited.connect(self._on_edited)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.apply_button = QPushButton(self.tr("Apply"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.revert_button.clicked.connect(self.revert)
        self.apply_button.clicked.connect(self.apply)
        self.save_button.clicked.connect(self._on_save_clicked)
        footer = QHBoxLayout()
        footer.addWidget(self.problem_label, 1)
        for button in (self.revert_button, self.apply_button, self.save_button):
            footer.addWidget(button)

        body = QHBoxLayout()
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(footer)
        QShortcut(QKeySequence.StandardKey.Save, self, self.apply)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._load_pages()
        self.sidebar.setCurrentRow(0)

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def _load_pages(self) -> None:
        for page in self.pages:
            page.load()
        self._on_edited()

    def _on_edited(self) -> None:
        _, problems = self.draft.validate()
        for page in self.pages:
            page.show_problems(problems)
        self._show_state(problems)

    def _show_state(self, problems: list[Problem]) -> None:
        dirty = self.draft.is_dirty
        busy = self.is_saving
        self.apply_button.setEnabled(dirty and not problems and not busy)
        self.save_button.setEnabled(dirty and not problems and not busy)
        self.revert_button.setEnabled(dirty and not busy)
        if problems:
            where, more = self._where(problems[0]), len(problems) - 1
            if where and more:
                text = self.tr("Cannot save: {where}: {problem} (and %n more)", "", more)
            elif where:
                text = self.tr("Cannot save: {where}: {problem}")
            elif more:
                text = self.tr("Cannot save: {problem} (and %n more)", "", more)
            else:
                text = self.tr("Cannot save: {problem}")
            self._say(text.format(where=where, problem=problems[0].message), error=True)
        else:
            self._say(self.tr("Unsaved changes.") if dirty else "")
        self.setWindowModified(dirty)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.problem_label.setStyleSheet("color: #c62828;" if error else "")
        self.problem_label.setText(text)

    def _where(self, problem: Problem) -> str:
        """E.g. "Providers > deepseek > Base URL" rather than "providers.0.base_url"; "" when
        the problem belongs to no one field."""
        parts: list[str] = []
        loc = list(problem.loc)
        if len(loc) >= 2 and loc[0] in ("providers", "profiles") and isinstance(loc[1], int):
            items = self.draft.data[str(loc[0])]
            name = items[loc[1]].get("name") if loc[1] < len(items) else None
            parts += [page_title(str(loc[0]).capitalize()), str(name or f"#{loc[1] + 1}")]
            loc = loc[2:]
        elif loc and loc[0] == "settings":
            parts.append(page_title("General"))
            loc = loc[1:]
        parts += [schema_text(field_label(str(part))) for part in loc if not isinstance(part, int)]
        return PATH_SEPARATOR.join(parts)

    @property
    def is_saving(self) -> bool:
        return self._busy

    def apply(self) -> None:
        """Apply and Ctrl+S: save and keep the window open."""
        self._start_saving(close=False)

    def _on_save_clicked(self) -> None:
        self._start_saving(close=True)

    def _start_saving(self, *, close: bool) -> None:
        """Check the draft and the file now; store and write in a task (see `_write`)."""
        if self.is_saving:
            return
        try:
            pending = pending_save(self.draft)
        except ValueError:
            self._on_edited()  # the footer and the fields say why
            return
        if file_stamp(self.path) != self.on_disk and not self._may_replace_outside_edit():
            return
        self._busy = True
        self.saving = spawn(self._write(pending, close=close), what="saving the settings")
        self.stack.setEnabled(False)  # no edits while the keyring and the file are written
        self._on_edited()
        self._say(self.tr("Saving… (the system keyring may ask for your password)"))

    def _may_replace_outside_edit(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Config file changed"),
            self.tr(
                "{path} was changed outside the settings window since it was loaded. "
                "Saving replaces those changes with what this window shows.\n\n"
                "Save anyway? (Cancel keeps your edits; Revert loads the file instead.)"
            ).format(path=self.path),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    async def _write(self, pending: PendingSave, *, close: bool) -> bool:
        """Write the config (keys to the keyring) and hand it to the running proxy."""
        config: Config | None = None
        try:
            config = await asyncio.to_thread(write_pending, pending, self.path)
        except (ConfigError, OSError) as exc:
            failure = self.tr("the config could not be written: {error}").format(error=exc)
        except Exception as exc:  # keyring backends raise their own types
            log.exception("saving the settings failed")
            failure = self.tr("the API key could not be stored: {error}").format(error=exc)
        self._busy = False
        self.stack.setEnabled(True)
        if config is None:
            self._on_edited()
            self._say(self.tr("Not saved: {reason}").format(reason=failure), error=True)
            return False
        self.draft.reset(config)
        self.on_disk = file_stamp(self.path)
        self._load_pages()
        self._say(self.tr("Saved."))
        self.saved.emit(config)
        if close:
            self.close()
        return True

    def revert(self) -> None:
        """Drop the edits and load the file as it is on disk now."""
        stamp = file_stamp(self.path)  # before reading: a change in between is asked about
        try:
            config = load_config(self.path, create=False).config
        except ConfigError as exc:
            self.draft.reset(Config.model_validate(self.draft.saved))
            self._load_pages()
            self._say(
                self.tr("The file on disk does not load, so it was not taken: {error}").format(
                    error=exc
                ),
                error=True,
            )
            return
        self.on_disk = stamp
        self.draft.reset(config)
        self._load_pages()

    def reload(self, config: Config) -> None:
        """The config changed on disk: take it, unless the user is editing."""
        if self.draft.is_dirty or self.is_saving:
            self._say(self.tr("The config file changed on disk; Revert loads it."))
            return
        self.on_disk = file_stamp(self.path)
        if config.model_dump(mode="json") != self.draft.saved:  # not just our own save
            self.draft.reset(config)
            self._load_pages()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_saving:
            event.ignore()  # it closes itself when the save it was asked for is done
            return
        if not self.draft.is_dirty:
            event.accept()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save your changes before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        event.ignore()
        if answer == QMessageBox.StandardButton.Save:
            self._start_saving(close=True)  # closes once saved
        elif answer == QMessageBox.StandardButton.Discard:
            self.revert()
            event.accept()


def file_stamp(path: Path) -> bytes | None:
    """A digest of what the file holds now (None when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
