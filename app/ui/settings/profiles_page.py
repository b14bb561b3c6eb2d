"""Settings ▸ Profiles: what each Claude Code launch sees (model slots, routing rules,
config dir, environment). The form is built from the Profile schema: new fields appear here
without UI code."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config.schema import Profile, SlotModels, is_valid_name
from app.ui.settings.draft import Draft, Problem, unique_name
from app.ui.settings.editors import FieldEditor
from app.ui.settings.fields import ModelForm
from app.ui.settings.master_detail import list_with_detail
from app.ui.settings.model_catalog import ModelCatalog
from app.ui.settings.providers_page import PROBLEM_MARK
from app.ui.settings.route_editor import RouteEditor


def new_profile(catalog: ModelCatalog, name: str) -> dict[str, Any]:
    """A profile whose default slot uses the first provider's first known model (empty, and
    so flagged, when there is no provider yet)."""
    data = Profile(name=name, models=SlotModels(default=["provider/model"])).model_dump(mode="json")
    default: list[str] = []
    if providers := catalog.provider_names():
        default = [f"{providers[0]}/{catalog.models_for(providers[0])[0]}"]
    data["models"]["default"] = default
    return data


class ProfilesPage(QWidget):
    edited = Signal()
    title = "Profiles"

    def __init__(self, draft: Draft, catalog: ModelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.catalog = catalog
        self._names: list[str] = []
        self._problem_rows: set[int] = set()
        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.add = QPushButton(self.tr("Add"))
        self.duplicate = QPushButton(self.tr("Duplicate"))
        self.delete = QPushButton(self.tr("Delete"))
        self.form = ModelForm(Profile, route_editor=self._route_editor)
        body = QWidget()
        body_box = QVBoxLayout(body)
        body_box.addWidget(self.form)
        body_box.addStretch(1)
        self.stack = list_with_detail(
            self,
            self.list,
            (self.add, self.duplicate, self.delete),
            body,
            self.tr(
                "No profiles yet.\n\nA profile is what one Claude Code launch sees: which "
                "provider and model serve each model slot (haiku, sonnet, opus). Add one."
            ),
        )
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.form.changed.connect(self._on_form_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.duplicate.clicked.connect(self._on_duplicate_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)

    def _route_editor(self, optional: bool) -> FieldEditor:
        return RouteEditor(self.catalog, optional=optional)

    def load(self) -> None:
        row = max(self.list.currentRow(), 0)
        self._names = [str(p.get("name", "")) for p in self.draft.profiles]
        self._refill(row)

    def _refill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, profile in enumerate(self.draft.profiles):
            mark = PROBLEM_MARK if index in self._problem_rows else ""
            name = profile.get("name") or self.tr("(unnamed)")
            self.list.addItem(f"{name}{mark}")
        self.list.blockSignals(False)
        count = len(self.draft.profiles)
        self.stack.setCurrentIndex(1 if count else 0)
        self.duplicate.setEnabled(bool(count))
        self.delete.setEnabled(bool(count))
        if count:
            self.list.setCurrentRow(min(row, count - 1))
            self._on_row_changed(self.list.currentRow())

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [(p.loc[1], p.loc[2:], p.message) for p in problems if p.loc[:1] == ("profiles",)]
        self._problem_rows = {row for row, _, _ in mine if isinstance(row, int)}
        for index in range(self.list.count()):
            name = self.draft.profiles[index].get("name") or self.tr("(unnamed)")
            mark = PROBLEM_MARK if index in self._problem_rows else ""
            self.list.item(index).setText(f"{name}{mark}")
        row = self.list.currentRow()
        self.form.show_errors([(loc, msg) for r, loc, msg in mine if r == row])

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.draft.profiles):
            self.form.set_data(self.draft.profiles[row])

    def _on_form_changed(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.draft.profiles[row].update(self.form.data())
        new, old = str(self.draft.profiles[row].get("name", "")), self._names[row]
        others = [n for i, n in enumerate(self._names) if i != row]
        if new != old and is_valid_name(new) and new not in others and old not in others:
            self.draft.rename_profile(old, new)
            self._names[row] = new
        self.edited.emit()

    def _append(self, data: dict[str, Any]) -> None:
        self.draft.profiles.append(data)
        self._names.append(str(data["name"]))
        self._refill(len(self.draft.profiles) - 1)
        self.edited.emit()

    def _taken(self) -> list[str]:
        return [str(p.get("name")) for p in self.draft.profiles]

    def _on_add_clicked(self) -> None:
        self._append(new_profile(self.catalog, unique_name("profile", self._taken())))

    def _on_duplicate_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        data = copy.deepcopy(self.draft.profiles[row])
        data["name"] = unique_name(f"{data.get('name')}-copy", self._taken())
        data["claude_config_dir"] = None  # a copy gets a Claude Code folder of its own
        self._append(data)

    def _on_delete_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        name = str(self.draft.profiles[row].get("name"))
        answer = QMessageBox.question(
            self,
            self.tr("Delete profile"),
            self.tr("Delete the profile {name}?").format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        del self.draft.profiles[row]
        del self._names[row]
        self.draft.drop_profile_references(name)
        self._refill(row)
        self.edited.emit()
