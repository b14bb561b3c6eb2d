"""Editors for one config field each, built from the pydantic schema.

A ModelForm lays out every field of a model it knows how to edit: the label comes from the
field's name, the tooltip and the grey hint from its description, the widget and its limits
from the type and constraints. New schema fields therefore appear without UI code.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
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

from app.config.schema import RefText
from app.ui.settings.draft import Loc

ROUTE_TYPE = list[RefText]
_WORDS = {"url": "URL", "api": "API", "mb": "(MiB)", "env": "environment", "id": "ID"}


def field_label(name: str) -> str:
    words = [_WORDS.get(word, word) for word in name.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


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


RouteFactory = Callable[[bool], FieldEditor]  # optional -> a route editor


class ModelForm(QWidget):
    """Edits the fields of `model` as a dict: all it can, or `only` these, minus `exclude`."""

    changed = Signal()

    def __init__(
        self,
        model: type[BaseModel],
        *,
        exclude: tuple[str, ...] = (),
        only: tuple[str, ...] | None = None,
        custom: Mapping[str, FieldEditor] | None = None,
        route_editor: RouteFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.editors: dict[str, FieldEditor] = {}
        self._errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for name, info in model.model_fields.items():
            if name in exclude or (only is not None and name not in only):
                continue
            editor = (custom or {}).get(name) or build_editor(info, route_editor)
            if editor is None:
                continue
            editor.setObjectName(name)
            if isinstance(editor, BoolEditor):
                editor.set_label(field_label(name))
            elif isinstance(editor, NestedEditor):
                editor.set_title(field_label(name))
            editor.setToolTip(info.description or "")
            editor.changed.connect(self.changed)
            self.editors[name] = editor
            layout.addWidget(self._row(name, info, editor))

    def _row(self, name: str, info: FieldInfo, editor: FieldEditor) -> QWidget:
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if not isinstance(editor, (BoolEditor, NestedEditor)):
            title = QLabel(field_label(name))
            title.setToolTip(info.description or "")
            title.setBuddy(editor)
            box.addWidget(title)
        hint = hint_label(info.description) if info.description else None
        if hint is not None and editor.hint_first:
            box.addWidget(hint)
        box.addWidget(editor)
        if hint is not None and not editor.hint_first and not isinstance(editor, NestedEditor):
            box.addWidget(hint)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c62828;")
        error.hide()
        box.addWidget(error)
        self._errors[name] = error
        return row

    def set_data(self, data: Mapping[str, Any]) -> None:
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            editor.set_value(data.get(name, _default(self.model.model_fields[name])))
            editor.blockSignals(False)

    def data(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def show_errors(self, errors: list[tuple[Loc, str]]) -> None:
        """Show each error under its field; `errors` are located relative to this model."""
        for name, editor in self.editors.items():
            mine = [(loc[1:], msg) for loc, msg in errors if loc and loc[0] == name]
            label = self._errors[name]
            if isinstance(editor, NestedEditor):
                editor.show_errors(mine)
                shallow = [msg for loc, msg in mine if not loc]
            else:
                shallow = [msg for _, msg in mine]
            label.setText("\n".join(dict.fromkeys(shallow)))
            label.setVisible(bool(shallow))

    def error_texts(self) -> list[str]:
        texts = [label.text() for label in self._errors.values() if not label.isHidden()]
        for editor in self.editors.values():
            if isinstance(editor, NestedEditor):
                texts += editor.form.error_texts()
        return texts


def hint_label(text: str) -> QLabel:
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setObjectName("fieldHint")
    hint.setStyleSheet("color: palette(placeholder-text);")
    return hint


def build_editor(info: FieldInfo, route_editor: RouteFactory | None) -> FieldEditor | None:
    """The editor for a field's type, or None for types edited only in the file."""
    kind, optional = _unwrap(info.annotation)
    if kind == ROUTE_TYPE:
        return route_editor(optional) if route_editor else None
    if kind is bool:
        return BoolEditor()
    if kind in (int, float):
        return NumberEditor(kind is float, _bounds(info))
    if get_origin(kind) is Literal:
        return ChoiceEditor([str(a) for a in get_args(kind)], optional)
    if kind is str:
        return TextEditor(optional)
    if kind == dict[str, str]:
        return PairsEditor()
    if get_origin(kind) is list and get_origin(get_args(kind)[0]) is Literal:
        return MultiChoiceEditor([str(a) for a in get_args(get_args(kind)[0])])
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return NestedEditor(kind, info, optional, route_editor)
    return None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType) and type(None) in get_args(annotation):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation, True
            annotation, optional = rest[0], True
        else:
            return annotation, optional


def _bounds(info: FieldInfo) -> tuple[float | None, float | None, bool]:
    low = high = None
    exclusive_low = False
    for meta in info.metadata:
        if isinstance(meta, annotated_types.Ge):
            low = float(meta.ge)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Gt):
            low, exclusive_low = float(meta.gt), True  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Le):
            high = float(meta.le)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Lt):
            high = float(meta.lt)  # type: ignore[arg-type]
    return low, high, exclusive_low


def _default(info: FieldInfo) -> Any:
    if info.default_factory is not None:
        made = info.default_factory()  # type: ignore[call-arg]
        return made.model_dump(mode="json") if isinstance(made, BaseModel) else made
    return None if info.is_required() else info.default


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
            self.combo.addItem("(default)", None)
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
            self.line.setPlaceholderText("(not set)")
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
        self.table.setHorizontalHeaderLabels(["Name", "Value"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(120)
        add, remove = QPushButton("Add"), QPushButton("Remove")
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


class NestedEditor(FieldEditor):
    """A sub-model in a group box; an optional one is a checkable box (unchecked = not set)."""

    def __init__(
        self,
        model: type[BaseModel],
        info: FieldInfo,
        optional: bool,
        route_editor: RouteFactory | None,
    ) -> None:
        super().__init__()
        self.optional = optional
        self.group = QGroupBox()
        self.group.setCheckable(optional)
        self.form = ModelForm(model, route_editor=route_editor)
        inner = QVBoxLayout(self.group)
        if info.description:
            inner.addWidget(hint_label(info.description))
        inner.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.group)
        self.form.changed.connect(self.changed)
        self.group.toggled.connect(self._on_toggled)

    def set_title(self, title: str) -> None:
        self.group.setTitle(title)

    def _on_toggled(self, on: bool) -> None:
        self.form.setVisible(on)
        self.changed.emit()

    def value(self) -> dict[str, Any] | None:
        if self.optional and not self.group.isChecked():
            return None
        return self.form.data()

    def set_value(self, value: Any) -> None:
        self.group.blockSignals(True)
        if self.optional:
            self.group.setChecked(value is not None)
            self.form.setVisible(value is not None)
        self.form.set_data(value or {})
        self.group.blockSignals(False)

    def show_errors(self, errors: list[tuple[Loc, str]]) -> None:
        self.form.show_errors([(loc, msg) for loc, msg in errors if loc])
