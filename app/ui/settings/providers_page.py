"""Settings ▸ Providers: the list, adding from the catalogue or by hand, and the editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.config.presets import Preset
from app.config.schema import is_valid_name
from app.ui.settings.draft import Draft, Problem, unique_name
from app.ui.settings.login_field import LoginContext
from app.ui.settings.master_detail import list_with_detail
from app.ui.settings.model_catalog import ModelCatalog
from app.ui.settings.preset_picker import PresetDialog
from app.ui.settings.provider_editor import ProviderEditor

PROBLEM_MARK = "  ⚠"


class ProvidersPage(QWidget):
    edited = Signal()
    title = "Providers"

    def __init__(
        self,
        draft: Draft,
        catalog: ModelCatalog,
        parent: QWidget | None = None,
        *,
        logins: LoginContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.catalog = catalog
        self._names: list[str] = []  # each provider's last unambiguous name (for renames)
        self._problem_rows: set[int] = set()
        self.list = QListWidget()
        self.list.setObjectName("providerList")
        self.add_preset = QPushButton(self.tr("Add from catalogue…"))
        self.add_preset.setObjectName("addPreset")
        self.add_custom = QPushButton(self.tr("Add custom"))
        self.remove = QPushButton(self.tr("Remove"))
        self.editor = ProviderEditor(catalog, logins=logins)
        self.stack = list_with_detail(
            self,
            self.list,
            (self.add_preset, self.add_custom, self.remove),
            self.editor,
            self.tr(
                "No providers yet.\n\nA provider is where requests go: Anthropic, OpenAI, "
                "DeepSeek, OpenRouter… Add one from the catalogue (you only need its API key)."
            ),
        )
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.add_preset.clicked.connect(self._on_add_preset_clicked)
        self.add_custom.clicked.connect(self._on_add_custom_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.editor.edited.connect(self._on_editor_edited)

    def load(self) -> None:
        row = max(self.list.currentRow(), 0)
        self._names = [str(p.get("name", "")) for p in self.draft.providers]
        self._refill(row)

    def _refill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, provider in enumerate(self.draft.providers):
            mark = PROBLEM_MARK if index in self._problem_rows else ""
            name = provider.get("name") or self.tr("(unnamed)")
            self.list.addItem(f"{name}{mark}")
        self.list.blockSignals(False)
        count = len(self.draft.providers)
        self.stack.setCurrentIndex(1 if count else 0)
        self.remove.setEnabled(bool(count))
        if count:
            self.list.setCurrentRow(min(row, count - 1))
            self._on_row_changed(self.list.currentRow())

    def add_provider(self, data: dict[str, Any]) -> None:
        self.draft.providers.append(data)
        self._names.append(str(data["name"]))
        self._refill(len(self.draft.providers) - 1)
        self.edited.emit()

    def add_from_preset(self, preset: Preset) -> dict[str, Any]:
        data = self.draft.provider_from_preset(preset)
        self.add_provider(data)
        return data

    def log_in_again(self, login: str) -> bool:
        """Select the provider that uses `login` and start its login; False when none does."""
        for row, provider in enumerate(self.draft.providers):
            if provider.get("api_key") == f"login:{login}":
                self.list.setCurrentRow(row)
                field = self.editor.login
                if field is not None and field.isVisible():
                    field.login_button.click()
                    return True
        return False

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [(p.loc[1], p.loc[2:], p.message) for p in problems if p.loc[:1] == ("providers",)]
        self._problem_rows = {row for row, _, _ in mine if isinstance(row, int)}
        for index in range(self.list.count()):
            name = self.draft.providers[index].get("name") or self.tr("(unnamed)")
            mark = PROBLEM_MARK if index in self._problem_rows else ""
            self.list.item(index).setText(f"{name}{mark}")
        row = self.list.currentRow()
        self.editor.show_errors([(loc, msg) for r, loc, msg in mine if r == row])

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.draft.providers):
            self.editor.load(self.draft.providers[row])

    def _on_editor_edited(self) -> None:
        row = self.list.currentRow()
        new = str(self.editor.data.get("name", ""))
        old = self._names[row]
        others = [n for i, n in enumerate(self._names) if i != row]
        if new != old and is_valid_name(new) and new not in others and old not in others:
            self.draft.rename_provider(old, new)
            if old in self.catalog.fetched:
                self.catalog.fetched[new] = self.catalog.fetched.pop(old)
            self._names[row] = new
            self.catalog.changed.emit()
        self.edited.emit()

    def _on_add_preset_clicked(self) -> None:
        dialog = PresetDialog(self)
        if dialog.exec() and (preset := dialog.picker.current()) is not None:
            self.add_from_preset(preset)

    def _on_add_custom_clicked(self) -> None:
        name = unique_name("provider", [str(p.get("name")) for p in self.draft.providers])
        self.add_provider({"name": name, "kind": "openai-chat", "base_url": "https://"})

    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        name = str(self.draft.providers[row].get("name"))
        users = self.draft.profiles_using(name)
        question = self.tr("Remove the provider {name}?").format(name=name)
        if users:
            question += "\n\n" + self.tr(
                "The profiles {profiles} use it: fix their routes before saving."
            ).format(profiles=QLocale().createSeparatedList(users))
        answer = QMessageBox.question(self, self.tr("Remove provider"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        del self.draft.providers[row]
        del self._names[row]
        self._refill(row)
        self.catalog.changed.emit()
        self.edited.emit()
