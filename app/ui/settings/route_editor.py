"""A model route: an ordered, reorderable list of provider/model candidates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from app.ui.settings.editors import FieldEditor
from app.ui.settings.model_catalog import ModelCatalog


class RouteEditor(FieldEditor):
    """First candidate serves; the rest are failover, in order. Drag or use ↑/↓ to reorder."""

    hint_first = True

    def __init__(self, catalog: ModelCatalog, *, optional: bool) -> None:
        super().__init__()
        self.catalog = catalog
        self.optional = optional
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setMaximumHeight(78)
        self.list.model().rowsMoved.connect(self.changed)
        self.list.setAccessibleName(self.tr("Candidates, first serves"))
        self.empty_note = QLabel(self.tr("Empty: the default route serves it.") if optional else "")
        self.empty_note.setObjectName("fieldHint")
        self.empty_note.setStyleSheet("color: palette(placeholder-text);")

        up, down, remove = QPushButton("↑"), QPushButton("↓"), QPushButton(self.tr("Remove"))
        self.up_button, self.down_button, self.remove_button = up, down, remove
        up.setToolTip(self.tr("Move up (tried earlier)"))
        down.setToolTip(self.tr("Move down (tried later)"))
        for button in (up, down):
            button.setFixedWidth(36)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        remove.clicked.connect(self._remove)
        side = QVBoxLayout()
        side.setSpacing(2)
        for button in (up, down, remove):
            side.addWidget(button)
        side.addStretch(1)

        self.provider = QComboBox()
        self.provider.setMinimumWidth(120)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setMinimumWidth(200)
        model_edit = QLineEdit()
        model_edit.setPlaceholderText(self.tr("model name"))
        self.model.setLineEdit(model_edit)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        add = self.add_button = QPushButton(self.tr("Add"))
        add.clicked.connect(self._add)
        model_edit.returnPressed.connect(self._add)
        self.provider.currentTextChanged.connect(self._fill_models)
        adder = QHBoxLayout()
        adder.addWidget(self.provider)
        adder.addWidget(self.model, 1)
        adder.addWidget(add)

        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(adder)
        layout.addWidget(self.empty_note)
        self.changed.connect(self._update_note)
        catalog.changed.connect(self.refresh_choices)
        self.refresh_choices()

    def refresh_choices(self) -> None:
        current = self.provider.currentText()
        self.provider.blockSignals(True)
        self.provider.clear()
        self.provider.addItems(self.catalog.provider_names())
        if current:
            self.provider.setCurrentText(current)
        self.provider.blockSignals(False)
        self._fill_models(self.provider.currentText())

    def _fill_models(self, provider: str) -> None:
        typed = self.model.currentText()
        names = self.catalog.models_for(provider) if provider else []
        self.model.clear()
        self.model.addItems(names)
        completer = QCompleter(names, self.model)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.model.setCompleter(completer)
        self.model.setEditText(typed)

    def _add(self) -> None:
        provider, model = self.provider.currentText(), self.model.currentText().strip()
        if not provider or not model:
            return
        self.add_candidate(f"{provider}/{model}")

    def add_candidate(self, ref: str) -> None:
        if ref in self.value_list():
            return
        self.list.addItem(ref)
        self.model.setEditText("")
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def _update_note(self) -> None:
        self.empty_note.setVisible(self.optional and self.list.count() == 0)

    def value_list(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def value(self) -> list[str] | None:
        refs = self.value_list()
        return None if self.optional and not refs else refs

    def set_value(self, value: Any) -> None:
        self.list.clear()
        if isinstance(value, str):
            value = [value]
        for ref in value or ():
            self.list.addItem(str(ref))
        self._update_note()
