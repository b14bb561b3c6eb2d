"""The first-run flow: pick a preset, paste the key, test it, choose slot models, done.

It opens instead of the plain settings window while no provider is configured, and writes
the config only at the end, through the same validation and keyring path as Settings.
Step names and slot names stay English keys in code; what is shown is translated.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config.importers import FORMATS, known_sources
from app.config.presets import Preset
from app.config.schema import SLOTS, Config, Profile, Slot, SlotModels
from app.config.store import LoadedConfig
from app.errors import ConfigError
from app.ui.import_dialog import ImportDialog
from app.ui.language import QT_TRANSLATE_NOOP, catalog_text
from app.ui.settings.draft import Draft, save_draft, unique_name
from app.ui.settings.key_field import KeyField
from app.ui.settings.login_field import LoginContext, LoginField
from app.ui.settings.model_catalog import ModelCatalog
from app.ui.settings.preset_picker import PresetPicker
from app.ui.settings.provider_editor import ConnectionCheck

log = logging.getLogger(__name__)

STEPS = (
    QT_TRANSLATE_NOOP("FirstRunWizard", "Provider"),
    QT_TRANSLATE_NOOP("FirstRunWizard", "API key"),
    QT_TRANSLATE_NOOP("FirstRunWizard", "Test"),
    QT_TRANSLATE_NOOP("FirstRunWizard", "Models"),
    QT_TRANSLATE_NOOP("FirstRunWizard", "Done"),
)
SLOT_HELP = {
    "default": QT_TRANSLATE_NOOP("FirstRunWizard", "Main model (required)"),
    "haiku": QT_TRANSLATE_NOOP("FirstRunWizard", "Fast model (haiku)"),
    "sonnet": QT_TRANSLATE_NOOP("FirstRunWizard", "Sonnet tier"),
    "opus": QT_TRANSLATE_NOOP("FirstRunWizard", "Opus tier"),
}


def _heading(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _title(text: str) -> QLabel:
    label = QLabel(_heading(text))
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _shown(text: str) -> str:
    """A step or slot name marked above, in the user's language."""
    return QCoreApplication.translate("FirstRunWizard", text)


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setOpenExternalLinks(True)
    return label


class FirstRunWizard(QWidget):
    open_settings = Signal()
    launch = Signal(str)  # profile name
    closed = Signal()  # the window was closed (the stand-in window waits for it)

    def __init__(
        self,
        loaded: LoadedConfig,
        *,
        on_saved: Callable[[Config], None] | None = None,
        logins: LoginContext | None = None,
    ) -> None:
        super().__init__()
        self.logins = logins
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Welcome to Switchboard"))
        self.resize(760, 540)
        self.path = loaded.path
        self.loaded_config = loaded.config
        self.on_saved = on_saved
        self.import_dialog: ImportDialog | None = None
        self.draft = Draft(loaded.config)
        self.catalog = ModelCatalog(self.draft, self)
        self.provider: dict[str, Any] = {}
        self.preset: Preset | None = None
        self.is_finished = False
        self._centered = False

        self.steps = QLabel()
        self.stack = QStackedWidget()
        for page in (
            self._preset_page(),
            self._key_page(),
            self._test_page(),
            self._models_page(),
            self._done_page(),
        ):
            self.stack.addWidget(page)
        self.back = QPushButton(self.tr("Back"))
        self.next = QPushButton(self.tr("Next"))
        self.next.setObjectName("next")
        self.next.setDefault(True)
        self.back.clicked.connect(lambda: self._go(self.stack.currentIndex() - 1))
        self.next.clicked.connect(self._on_next_clicked)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._go(0)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._centered:  # the first window a new user sees: in the middle of the screen
            self._centered = True
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.move(screen.availableGeometry().center() - self.rect().center())
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    # -- pages -------------------------------------------------------------------------------

    def _preset_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_title(self.tr("Where should Claude Code's requests go?")))
        box.addWidget(
            _text(
                self.tr(
                    "Pick a provider. Switchboard runs a small proxy on this computer that lets "
                    "Claude Code use it; you can add more providers and failover later in Settings."
                )
            )
        )
        self.picker = PresetPicker()
        self.picker.chosen.connect(lambda _preset: self._on_next_clicked())
        box.addWidget(self.picker, 1)
        sources = known_sources(Path.home())
        if sources:
            offer = QGroupBox(
                self.tr("Coming from another tool? Bring its providers and routes along")
            )
            buttons = QVBoxLayout(offer)
            for source, path in sources:
                button = QPushButton(
                    self.tr("Import from {source}  ({path})").format(
                        source=self._format_name(source), path=path
                    )
                )
                button.setObjectName(f"import:{source}")
                button.clicked.connect(
                    lambda _checked=False, s=source, p=path: self._offer_import(s, p)
                )
                buttons.addWidget(button)
            box.addWidget(offer)
        return page

    def _key_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.key_title = _title(self.tr("API key"))
        self.key_help = _text("")
        self.name = QLineEdit()
        self.name.setObjectName("providerName")
        self.key = KeyField()
        # a subscription preset: Log in instead of a key
        self.login = LoginField(self.logins) if self.logins is not None else None
        self.placeholders = QFormLayout()
        self.placeholder_edits: dict[str, QLineEdit] = {}
        form = self.key_form = QFormLayout()
        form.addRow(self.tr("Provider name"), self.name)
        form.addRow(self.tr("API key"), self.key)
        box.addWidget(self.key_title)
        box.addWidget(self.key_help)
        box.addLayout(form)
        if self.login is not None:
            box.addWidget(self.login)
            self.login.finished.connect(self._on_login_finished)
        box.addLayout(self.placeholders)
        box.addStretch(1)
        return page

    def _test_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_title(self.tr("Test the connection")))
        box.addWidget(
            _text(
                self.tr(
                    "Test sends a few real requests (text, streaming, a tool call) with your key. "
                    "Fetch models lists what your account offers and fills the choices on the "
                    "next page. Both are optional."
                )
            )
        )
        self.checker = ConnectionCheck(
            self.catalog,
            hint=self.tr("Uses the key you just typed, or your login."),
            logins=self.logins,
        )
        box.addWidget(self.checker)
        box.addStretch(1)
        return page

    def _models_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_title(self.tr("Choose a model for each Claude Code slot")))
        box.addWidget(
            _text(
                self.tr(
                    "Claude Code asks for haiku, sonnet or opus; each slot gets a model of this "
                    "provider. Leave a slot empty to use the main model."
                )
            )
        )
        form = QFormLayout()
        self.profile_name = QLineEdit()
        self.profile_name.setObjectName("profileName")
        form.addRow(self.tr("Profile name"), self.profile_name)
        self.slot_boxes: dict[Slot, QComboBox] = {}
        for slot in SLOTS:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setMinimumWidth(320)
            combo.setObjectName(f"slot:{slot}")
            self.slot_boxes[slot] = combo
            form.addRow(_shown(SLOT_HELP[slot]), combo)
        box.addLayout(form)
        box.addStretch(1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_title(self.tr("Switchboard is ready")))
        self.done_text = _text("")
        box.addWidget(self.done_text)
        launch = QPushButton(self.tr("Launch Claude Code now"))
        settings = QPushButton(self.tr("Open Settings"))
        launch.clicked.connect(lambda: self.launch.emit(self.profile_name.text().strip()))
        settings.clicked.connect(self._on_open_settings)
        row = QHBoxLayout()
        row.addWidget(launch)
        row.addWidget(settings)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        return page

    # -- flow --------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        self.error.setText("")
        self.stack.setCurrentIndex(index)
        names = [html.escape(_shown(name)) for name in STEPS]
        names[index] = f"<b>{names[index]}</b>"
        self.steps.setText("  \u203a  ".join(names))
        last = index == len(STEPS) - 1
        self.back.setVisible(0 < index < len(STEPS) - 1)
        if last:
            self.next.setText(self.tr("Close"))
        else:
            self.next.setText(self.tr("Finish") if index == 3 else self.tr("Next"))

    def _on_next_clicked(self) -> None:
        index = self.stack.currentIndex()
        try:
            advance = (
                self._leave_preset,
                self._leave_key,
                self._leave_test,
                self._finish,
                self.close,
            )[index]()
        except Exception:
            log.exception("first-run step %s failed", STEPS[index])
            self.error.setText(self.tr("Something went wrong; see the log."))
            return
        if advance:
            self._go(index + 1)

    def _leave_preset(self) -> bool:
        preset = self.picker.current()
        if preset is None:
            self.error.setText(self.tr("Choose a provider first."))
            return False
        if self.preset is not preset:
            self.preset = preset
            self.provider = self.draft.provider_from_preset(preset)
            self.name.setText(self.provider["name"])
            self.key.load(self.provider)
            self._show_placeholders(preset)
            shown = catalog_text(preset.name)
            self.key_title.setText(
                _heading(self.tr("Your {provider} API key").format(provider=shown))
            )
            if preset.keys_url:
                help_text = self.tr(
                    "It is stored in the system keyring, never in the config file. "
                    '<a href="{url}">Get a key</a>.'
                ).format(url=html.escape(preset.keys_url))
            else:
                help_text = self.tr("It is stored in the system keyring, never in the config file.")
            self.key_help.setText(help_text)
            if self._uses_login:
                assert self.login is not None
                self.key_title.setText(
                    _heading(self.tr("Log in to {provider}").format(provider=shown))
                )
                self.key_help.setText(
                    self.tr("Log in with your account; the tokens are kept in the system keyring.")
                )
                self.login.load(self.provider, preset)
            self.key_form.setRowVisible(self.key, not self._uses_login)
            if self.login is not None:
                self.login.setVisible(self._uses_login)
        return True

    def _on_login_finished(self, ok: bool) -> None:
        if ok:
            self.error.setText("")

    @property
    def _uses_login(self) -> bool:
        return self.login is not None and self.preset is not None and bool(self.preset.login)

    def _show_placeholders(self, preset: Preset) -> None:
        while self.placeholders.rowCount():
            self.placeholders.removeRow(0)
        self.placeholder_edits = {}
        for name in preset.placeholders:
            edit = QLineEdit()
            edit.setObjectName(f"placeholder:{name}")
            self.placeholders.addRow(self.tr("Your {name}").format(name=name), edit)
            self.placeholder_edits[name] = edit

    def _leave_key(self) -> bool:
        assert self.preset is not None
        name = self.name.text().strip()
        base_url = self.preset.base_url
        for placeholder, edit in self.placeholder_edits.items():
            value = edit.text().strip()
            if not value:
                self.error.setText(self.tr("Fill in your {name}.").format(name=placeholder))
                return False
            base_url = base_url.replace("{" + placeholder + "}", value)
        self.provider.update(name=name, base_url=base_url)
        if self._uses_login:
            assert self.login is not None
            if not self.login.logged_in:
                self.error.setText(
                    self.tr("Log in first (or go Back and choose another provider).")
                )
                return False
        elif self.preset.auth != "none" and not self.key.line.text().strip():
            self.error.setText(
                self.tr("Paste your API key (or go Back and choose another provider).")
            )
            return False
        self.checker.load(self.provider)
        return True

    def _leave_test(self) -> bool:
        models = self.catalog.models_for(str(self.provider["name"]), self.provider)
        defaults = self.preset.default_models if self.preset else {}
        for slot, combo in self.slot_boxes.items():
            combo.clear()
            if slot != "default":
                combo.addItem("")
            combo.addItems(models)
            combo.setCurrentText(defaults.get(slot, "" if slot != "default" else models[0]))
        taken = [str(p.get("name")) for p in self.draft.profiles]
        self.profile_name.setText(unique_name(str(self.provider["name"]), taken))
        return True

    def _finish(self) -> bool:
        """Add the provider and a profile, validate the whole config, write it."""
        provider = str(self.provider["name"])
        chosen = {slot: combo.currentText().strip() for slot, combo in self.slot_boxes.items()}
        if not chosen["default"]:
            self.error.setText(self.tr("Choose the main model."))
            return False
        routes = {s: [f"{provider}/{m}"] if m else None for s, m in chosen.items()}
        profile = Profile(
            name=self.profile_name.text().strip() or provider,
            models=SlotModels(default=[f"{provider}/{chosen['default']}"]),
        ).model_dump(mode="json")
        profile["models"].update(routes)
        self.draft.providers.append(self.provider)
        self.draft.profiles.append(profile)
        try:
            # Blocking here stalls no traffic: with no provider yet the proxy serves nothing.
            config = save_draft(self.draft, self.path)
        except (ValueError, ConfigError, OSError) as exc:
            self.draft.providers.remove(self.provider)
            self.draft.profiles.remove(profile)
            self.error.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        except Exception as exc:  # keyring backends raise their own types
            self.draft.providers.remove(self.provider)
            self.draft.profiles.remove(profile)
            log.exception("first run: saving failed")
            self.error.setText(
                self.tr("The API key could not be stored: {error}").format(error=exc)
            )
            return False
        self.is_finished = True
        self.done_text.setText(self.done_message(profile["name"], provider))
        if self.on_saved is not None:
            self.on_saved(config)
        return True

    def done_message(self, profile: str, provider: str) -> str:
        done = self.tr(
            "The profile <b>{profile}</b> sends Claude Code's requests to <b>{provider}</b>. "
            "Launch Claude Code from the tray menu (<i>Launch Claude with</i>) or right here. "
            "Add more providers and failover routes in Settings."
        )
        return done.format(profile=html.escape(profile), provider=html.escape(provider))

    def _offer_import(self, source: str, path: Path) -> None:
        """The plan in a dialog; once imported, the wizard is done."""
        dialog = ImportDialog(source, path, self.loaded_config, self.path, self)
        self.import_dialog = dialog
        dialog.accepted.connect(lambda: self._imported(dialog, source))
        dialog.open()

    def _imported(self, dialog: ImportDialog, source: str) -> None:
        config = dialog.imported
        assert config is not None
        self.is_finished = True
        first = dialog.first_profile() or (config.profiles[0].name if config.profiles else "")
        self.profile_name.setText(first)
        done = self.tr(
            "Imported from {source}: {providers} providers and {profiles} profiles are "
            "configured. Launch Claude Code with <b>{profile}</b> from the tray menu "
            "(<i>Launch Claude with</i>) or right here; check the routes in Settings."
        )
        self.done_text.setText(
            done.format(
                source=html.escape(self._format_name(source)),
                providers=len(config.providers),
                profiles=len(config.profiles),
                profile=html.escape(first),
            )
        )
        if self.on_saved is not None:
            self.on_saved(config)
        self._go(len(STEPS) - 1)

    def _format_name(self, source: str) -> str:
        """The tool an import comes from: its name and file (one of them described)."""
        if source == "claude-settings":
            return self.tr("Claude Code settings.json (env block)")
        return FORMATS[source]

    def _on_open_settings(self) -> None:
        self.close()
        self.open_settings.emit()
