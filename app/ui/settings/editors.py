"""Editors for one config field each: a widget whose `value()` is JSON-like data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.settings.draft import Loc


class FieldEditor(QWidget):
    """One field's widget: `value()` is JSON-like data, `changed` fires on user edits."""

    changed = Signal()
    hint_first = False  # tall editors show their description above themselves

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_errors(self, errors: list[tuple[Loc, str]]) -> None:
        """Errors whose location starts inside this field; the form shows them by default."""


def hint_label(text: str) -> QLabel:
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setObjectName("fieldHint")
    hint.setStyleSheet("color: palette(placeholder-text);")
    return hint


class BoolEditor(FieldEditor):
    def __init__(self) -> None:
        super().__init__()
        self.box = QCheckBox()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.box.toggled.connect(self.changed)

    def set_label(self, text: str) -> None:
        self.box.setText(text)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class NumberEditor(FieldEditor):
    def __init__(self, is_float: bool, bounds: tuple[float | None, float | None, bool]) -> None:
        super().__init__()
        low, high, exclusive_low = bounds
        self.is_float = is_float
        self.spin: QSpinBox | QDoubleSpinBox
        if is_float:
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            step = 0.01
            spin.setRange(
                (low + step if exclusive_low else low) if low is not None else 0.0,
                high if high is not None else 1e9,
            )
            self.spin = spin
        else:
            int_spin = QSpinBox()
            int_spin.setRange(
                int(low) + (1 if exclusive_low else 0) if low is not None else 0,
                int(high) if high is not None else 2**31 - 1,
            )
            self.spin = int_spin
        self.spin.setMinimumWidth(140)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.spin.valueChanged.connect(self.changed)

    def value(self) -> float | int:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        if isinstance(value, (int, float)):
            self.spin.setValue(value)  # type: ignore[arg-type]


class ChoiceEditor(FieldEditor):
    def __init__(self, choices: list[str], optional: bool) -> None:
        super().__init__()
        self.combo = QComboBox()
        if optional:
            self.combo.addItem(self.tr("(default)"), None)
        for choice in choices:
            self.combo.addItem(choice, choice)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self.changed)

    def value(self) -> str | None:
        data: str | None = self.combo.currentData()
        return data

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))


class TextEditor(FieldEditor):
    def __init__(self, optional: bool) -> None:
        super().__init__()
        self.optional = optional
        self.line = QLineEdit()
        if optional:
            self.line.setPlaceholderText(self.tr("(not set)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.line.textEdited.connect(self.changed)

    def value(self) -> str | None:
        text = self.line.text().strip()
        return None if self.optional and not text else text

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))


class MultiChoiceEditor(FieldEditor):
    def __init__(self, choices: list[str]) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {choice: QCheckBox(choice) for choice in choices}
        for box in self.boxes.values():
            layout.addWidget(box)
            box.toggled.connect(self.changed)
        layout.addStretch(1)

    def value(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for choice, box in self.boxes.items():
            box.setChecked(choice in chosen)


class PairsEditor(FieldEditor):
    """A name → value table (headers, environment variables); empty names are dropped."""

    hint_first = True

    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(120)
        add, remove = QPushButton(self.tr("Add")), QPushButton(self.tr("Remove"))
        add.clicked.connect(self._add_row)
        remove.clicked.connect(self._remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(self.changed)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Value")]

    def _add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0) or self._blank(row, 0))

    def _blank(self, row: int, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        self.table.setItem(row, column, item)
        return item

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def value(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            name, value = self.table.item(row, 0), self.table.item(row, 1)
            key = name.text().strip() if name else ""
            if key:
                out[key] = value.text() if value else ""
        return out

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for key, text in (value or {}).items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(str(key)))
            self.table.setItem(row, 1, QTableWidgetItem(str(text)))


class NamedRoutesEditor(PairsEditor):
    """Named model routes (the auto rule's): a name, then its models separated by commas,
    the first healthy one serving."""

    def headers(self) -> list[str]:
        return [self.tr("Route name"), self.tr("Models (provider/model, …)")]

    def value(self) -> dict[str, list[str]]:  # type: ignore[override]
        return {
            name: [ref.strip() for ref in refs.split(",") if ref.strip()]
            for name, refs in super().value().items()
        }

    def set_value(self, value: Any) -> None:
        super().set_value({name: ", ".join(refs) for name, refs in (value or {}).items()})
