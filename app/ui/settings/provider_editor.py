"""The form for one provider: connection fields, API key, and the connection checks."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config.logins import login_name
from app.config.schema import Config, Provider
from app.config.secrets import SecretUnavailable, resolve_secret
from app.errors import LoginFailed, LoginRequired
from app.proxy.probe import probe_candidate
from app.ui.fetch_models import FetchModelsError, fetch_models
from app.ui.language import catalog_text
from app.ui.settings.draft import NEW_KEY, Loc
from app.ui.settings.editors import hint_label
from app.ui.settings.fields import ModelForm
from app.ui.settings.key_field import KeyField
from app.ui.settings.login_field import LoginContext, LoginField
from app.ui.settings.model_catalog import ModelCatalog, preset_of
from app.ui.tasks import spawn

MAIN_FIELDS = ("name", "kind", "base_url", "auth")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # in a preset's base URL, e.g. {resource}
EXTRA_FIELDS = ("headers", "query", "enabled")


def provider_from_draft(data: dict[str, Any]) -> Provider:
    """The provider as the proxy would see it (raises ValidationError while the form is wrong)."""
    return Provider.model_validate({k: v for k, v in data.items() if k != NEW_KEY})


async def provider_key(
    data: dict[str, Any], provider: Provider, logins: LoginContext | None = None
) -> tuple[Provider, str | None]:
    """The provider to call now and its key: a newly typed one, else the stored one, else
    the login's current token (refreshed if due; a login may also name its own API base)."""
    if provider.auth_style == "none":
        return provider, None
    if data.get(NEW_KEY):
        return provider, str(data[NEW_KEY])
    name = login_name(provider.api_key)
    if name is not None and logins is not None:
        import aiohttp

        from app.auth.manager import Logins
        from app.auth.tokens import login_headers, login_quirks

        try:
            async with aiohttp.ClientSession() as session:
                credential = await Logins(logins.store, lambda: session).current(name)
        except (LoginRequired, LoginFailed) as exc:
            raise SecretUnavailable(exc.message) from exc
        update: dict[str, Any] = {
            "headers": {**provider.headers, **login_headers(credential)},
            "quirks": {**provider.quirks, **login_quirks(credential)},
        }
        if credential.base_url:
            update["base_url"] = credential.base_url
        return provider.model_copy(update=update), credential.access_token
    # keyring may block on D-Bus: keep it off the event loop
    return provider, await asyncio.to_thread(resolve_secret, provider.api_key)


OUTCOME_MARKS = {"pass": "✓", "fail": "✗", "skip": "\u2013"}  # en dash: not run


def check_name(name: str) -> str:
    """A probe check's name (app.proxy.probe.CHECKS) in the user's language."""
    names = {
        "text": QCoreApplication.translate("ConnectionCheck", "text"),
        "stream": QCoreApplication.translate("ConnectionCheck", "stream"),
        "tools": QCoreApplication.translate("ConnectionCheck", "tools"),
        "image": QCoreApplication.translate("ConnectionCheck", "image"),
        "thinking": QCoreApplication.translate("ConnectionCheck", "thinking"),
    }
    return names.get(name, name)


class ConnectionCheck(QGroupBox):
    """Test (the capability probe: text, streaming, tools, images, thinking, through the
    proxy's own code) and Fetch models (fills the model pickers)."""

    def __init__(
        self,
        catalog: ModelCatalog,
        *,
        hint: str | None = None,
        parent: QWidget | None = None,
        logins: LoginContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Check the connection"))
        if hint is None:
            hint = self.tr("Uses the values above, including a key not saved yet.")
        self.catalog = catalog
        self.logins = logins
        self.data: dict[str, Any] = {}
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setMinimumWidth(220)
        self.model.setToolTip(self.tr("The model the test talks to"))
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setObjectName("testProvider")
        self.test_button.setToolTip(
            self.tr(
                "Real requests through the proxy: text, streaming, a tool call, and images or "
                "thinking where the catalogue says the model supports them"
            )
        )
        self.fetch_button = QPushButton(self.tr("Fetch models"))
        self.fetch_button.setObjectName("fetchModels")
        self.fetch_button.setToolTip(
            self.tr("GET {base URL}/models with the key: fills the model pickers")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("checkStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QTableWidget(0, 4)
        self.results.setHorizontalHeaderLabels(
            ["", self.tr("Check"), self.tr("Time"), self.tr("Result")]
        )
        self.results.verticalHeader().hide()
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setMaximumHeight(190)
        self.results.hide()
        self.models_view = QPlainTextEdit()
        self.models_view.setReadOnly(True)
        self.models_view.setMaximumHeight(110)
        self.models_view.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Model")))
        buttons.addWidget(self.model, 1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.fetch_button)
        box = QVBoxLayout(self)
        box.addWidget(hint_label(hint))
        box.addLayout(buttons)
        box.addWidget(self.status)
        box.addWidget(self.results)
        box.addWidget(self.models_view)
        self.test_button.clicked.connect(lambda: spawn(self.test(), what="testing a provider"))
        self.fetch_button.clicked.connect(lambda: spawn(self.fetch(), what="fetching models"))
        catalog.changed.connect(self._fill_models)

    def load(self, data: dict[str, Any]) -> None:
        self.data = data
        self.status.setText("")
        self.results.hide()
        self._fill_models()
        self._show_models(self.catalog.fetched.get(str(data.get("name"))) or [])

    def _fill_models(self) -> None:
        typed = self.model.currentText()
        name = str(self.data.get("name"))
        names = [n for n in self.catalog.models_for(name, self.data or None) if n != "*"]
        preset = preset_of(self.data) if self.data else None
        first = preset.default_models.get("default") if preset is not None else None
        self.model.clear()
        self.model.addItems(names)
        self.model.setCurrentText(typed if typed in names else first or (names[0] if names else ""))

    def _provider(self) -> Provider | None:
        try:
            return provider_from_draft(self.data)
        except ValidationError:
            self._status(self.tr("Fix the fields marked above first."), ok=False)
            return None

    async def test(self) -> None:
        data, model = self.data, self.model.currentText().strip()
        provider = self._provider()
        if provider is None:
            return
        if not model:
            self._status(self.tr("Type the name of a model to test."), ok=False)
            return
        self._busy(True)
        self._status(self.tr("Testing {model}…").format(model=f"{provider.name}/{model}"), ok=True)
        try:
            provider, key = await provider_key(data, provider, self.logins)
            # the typed key stays in memory: the probe's private proxy gets it directly
            config = Config(providers=[provider.model_copy(update={"api_key": key})])
            result = await probe_candidate(config, f"{provider.name}/{model}")
        except SecretUnavailable as exc:
            self._status(f"✗ {exc}", ok=False)
            return
        finally:
            self._busy(False)
        if data is not self.data:
            return
        self.results.setRowCount(len(result.checks))
        for row, check in enumerate(result.checks):
            latency = f"{check.latency_ms:.0f} ms" if check.latency_ms is not None else ""
            cells = (OUTCOME_MARKS[check.outcome], check_name(check.name), latency, check.detail)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.results.setItem(row, column, item)
        self.results.show()
        failed = [check_name(c.name) for c in result.checks if c.outcome == "fail"]
        if failed:
            text = self.tr("✗ %n check(s) failed: {checks}", "", len(failed))
            self._status(text.format(checks=QLocale().createSeparatedList(failed)), ok=False)
        else:
            text = self.tr("✓ {model} works with Claude Code requests.")
            self._status(text.format(model=f"{provider.name}/{model}"), ok=True)

    async def fetch(self) -> None:
        data = self.data
        provider = self._provider()
        if provider is None:
            return
        self._busy(True)
        self._status(self.tr("Fetching the model list…"), ok=True)
        try:
            provider, key = await provider_key(data, provider, self.logins)
            names = await fetch_models(provider, key)
        except (FetchModelsError, SecretUnavailable) as exc:
            self._status(f"✗ {exc}", ok=False)
            return
        finally:
            self._busy(False)
        self.catalog.set_fetched(provider.name, names)
        if data is self.data:
            text = self.tr("✓ %n model(s): the model pickers offer them now.", "", len(names))
            self._status(text, ok=True)
            self._show_models(names)

    def _busy(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy)
        self.fetch_button.setEnabled(not busy)

    def _status(self, text: str, *, ok: bool) -> None:
        self.status.setStyleSheet("" if ok else "color: #c62828;")
        self.status.setText(text)

    def _show_models(self, names: list[str]) -> None:
        self.models_view.setPlainText("\n".join(names))
        self.models_view.setVisible(bool(names))


class ProviderEditor(QWidget):
    edited = Signal()

    def __init__(
        self,
        catalog: ModelCatalog,
        parent: QWidget | None = None,
        *,
        logins: LoginContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.data: dict[str, Any] = {}
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)
        self.preset_note.setOpenExternalLinks(True)
        self.preset_note.setTextFormat(Qt.TextFormat.RichText)
        self.main_form = ModelForm(Provider, only=MAIN_FIELDS)
        self.key = KeyField()
        self.key_title = key_title = QLabel(self.tr("API key"))
        key_title.setBuddy(self.key.line)
        # a subscription login takes the key's place (presets with a login)
        self.login = LoginField(logins) if logins is not None else None
        self.login_title = QLabel(self.tr("Subscription login"))
        self.extra_form = ModelForm(Provider, only=EXTRA_FIELDS)
        self.check = ConnectionCheck(catalog, logins=logins)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preset_note)
        layout.addWidget(self.main_form)
        layout.addWidget(key_title)
        layout.addWidget(self.key)
        layout.addWidget(self.login_title)
        if self.login is not None:
            layout.addWidget(self.login)
            self.login.edited.connect(self.edited)
        layout.addWidget(self.extra_form)
        layout.addWidget(self.check)
        layout.addStretch(1)
        self.main_form.changed.connect(self._on_form_changed)
        self.extra_form.changed.connect(self._on_form_changed)
        self.key.edited.connect(self.edited)

    def load(self, data: dict[str, Any]) -> None:
        self.data = data
        self.main_form.set_data(data)
        self.extra_form.set_data(data)
        self.key.load(data)
        self.check.load(data)
        self._describe_preset()
        self._show_login()

    def _show_login(self) -> None:
        preset = preset_of(self.data)
        uses_login = self.login is not None and preset is not None and preset.login is not None
        for widget in (self.key_title, self.key):
            widget.setVisible(not uses_login)
        self.login_title.setVisible(uses_login)
        if self.login is not None:
            self.login.setVisible(uses_login)
            if uses_login and preset is not None:
                self.login.load(self.data, preset)

    def show_errors(self, errors: list[tuple[Loc, str]]) -> None:
        self.main_form.show_errors(errors)
        self.extra_form.show_errors(errors)

    def _on_form_changed(self) -> None:
        self.data.update(self.main_form.data())
        self.data.update(self.extra_form.data())
        self.key.refresh()
        self._describe_preset()
        self.edited.emit()

    def _describe_preset(self) -> None:
        preset = preset_of(self.data)
        if preset is None:
            self.preset_note.setText(self.tr("A provider of your own (not from the catalogue)."))
            return
        name = html.escape(catalog_text(preset.name))
        parts = [self.tr("From the catalogue: <b>{name}</b>").format(name=name)]
        if preset.keys_url:
            link = self.tr('<a href="{url}">Get an API key</a>')
            parts.append(link.format(url=html.escape(preset.keys_url)))
        if preset.docs_url:
            parts.append(
                self.tr('<a href="{url}">Docs</a>').format(url=html.escape(preset.docs_url))
            )
        text = " · ".join(parts)
        if preset.notes:
            text += "<br>" + html.escape(catalog_text(preset.notes))
        if placeholders := PLACEHOLDER.findall(str(self.data.get("base_url", ""))):
            hint = self.tr("Replace {placeholder} in the base URL with your own value.")
            text += f"<br><b>{hint.format(placeholder=html.escape(', '.join(placeholders)))}</b>"
        empty = [name for name, value in (self.data.get("headers") or {}).items() if not value]
        if empty:
            # e.g. ChatGPT-Account-ID, which the ChatGPT/Codex backend requires
            names = ", ".join(html.escape(name) for name in empty)
            hint = self.tr("Fill in the value of the header {names} below.").format(names=names)
            text += f"<br><b>{hint}</b>"
        self.preset_note.setText(text)
