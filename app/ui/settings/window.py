"""The settings window: a sidebar of pages over one config draft, saved as a whole.

Every edit revalidates the whole draft against the schema; problems show under their fields
and in the footer, and Save/Apply stay disabled until there are none. Closing with unsaved
changes asks first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
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
from app.config.store import LoadedConfig
from app.errors import ConfigError
from app.ui.services import AppServices
from app.ui.settings.draft import Draft, Problem, save_draft
from app.ui.settings.fields import field_label
from app.ui.settings.general_page import GeneralPage
from app.ui.settings.login_field import LoginContext
from app.ui.settings.model_catalog import ModelCatalog
from app.ui.settings.profiles_page import ProfilesPage
from app.ui.settings.providers_page import ProvidersPage

log = logging.getLogger(__name__)

PAGES = ("Providers", "Profiles", "General")
PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quote


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
        self.setWindowTitle("Switchboard Settings[*]")
        self.setObjectName("settingsWindow")
        self.resize(980, 680)
        self.setMinimumSize(760, 520)
        self.path = loaded.path
        self.draft = Draft(loaded.config)
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
        self.sidebar.addItems(list(PAGES))
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
        self.revert_button = QPushButton("Revert")
        self.apply_button = QPushButton("Apply")
        self.save_button = QPushButton("Save")
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
        self.apply_button.setEnabled(dirty and not problems)
        self.save_button.setEnabled(dirty and not problems)
        self.revert_button.setEnabled(dirty)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.problem_label.setStyleSheet("color: #c62828;")
            self.problem_label.setText(f"Cannot save: {self._where(problems[0])}{more}")
        else:
            self.problem_label.setStyleSheet("")
            self.problem_label.setText("Unsaved changes." if dirty else "")
        self.setWindowModified(dirty)

    def _where(self, problem: Problem) -> str:
        """E.g. "Providers > deepseek > Base URL: ..." rather than "providers.0.base_url: ..."."""
        parts: list[str] = []
        loc = list(problem.loc)
        if len(loc) >= 2 and loc[0] in ("providers", "profiles") and isinstance(loc[1], int):
            items = self.draft.data[str(loc[0])]
            name = items[loc[1]].get("name") if loc[1] < len(items) else None
            parts += [str(loc[0]).capitalize(), str(name or f"#{loc[1] + 1}")]
            loc = loc[2:]
        elif loc and loc[0] == "settings":
            parts.append("General")
            loc = loc[1:]
        parts += [field_label(str(part)) for part in loc if not isinstance(part, int)]
        return f"{PATH_SEPARATOR.join(parts)}: {problem.message}" if parts else problem.message

    def apply(self) -> bool:
        """Write the config (keys to the keyring) and hand it to the running proxy."""
        try:
            config = save_draft(self.draft, self.path)
        except ValueError:
            self._on_edited()  # the footer and the fields say why
            return False
        except (ConfigError, OSError) as exc:
            QMessageBox.warning(self, "Not saved", f"The config could not be written: {exc}")
            return False
        except Exception as exc:  # keyring backends raise their own types
            log.exception("saving the settings failed")
            QMessageBox.warning(self, "Not saved", f"The API key could not be stored: {exc}")
            return False
        self._load_pages()
        self.problem_label.setText("Saved.")
        self.saved.emit(config)
        return True

    def revert(self) -> None:
        self.draft.reset(Config.model_validate(self.draft.saved))
        self._load_pages()

    def reload(self, config: Config) -> None:
        """The config changed on disk: take it, unless the user is editing."""
        if self.draft.is_dirty:
            self.problem_label.setText("The config file changed on disk; Revert loads it.")
            return
        self.draft.reset(config)
        self._load_pages()

    def _on_save_clicked(self) -> None:
        if self.apply():
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.draft.is_dirty:
            event.accept()
            return
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "Save your changes before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save and self.apply():
            event.accept()
        elif answer == QMessageBox.StandardButton.Discard:
            self.revert()
            event.accept()
        else:
            event.ignore()
