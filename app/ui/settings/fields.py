"""Forms built from the pydantic schema.

A ModelForm lays out every field of a model it knows how to edit: the label comes from the
field's name, the tooltip and the grey hint from its description, the widget and its limits
from the type and constraints. New schema fields therefore appear without UI code. Labels and
descriptions are translated in the "schema" context (tests/ui/tools/translations.py collects
them from the models, as no scanner can).
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from app.config.schema import RefText
from app.ui.settings.draft import Loc
from app.ui.settings.editors import (
    BoolEditor,
    ChoiceEditor,
    FieldEditor,
    MultiChoiceEditor,
    NamedRoutesEditor,
    NumberEditor,
    PairsEditor,
    TextEditor,
    hint_label,
)

ROUTE_TYPE = list[RefText]
_WORDS = {"url": "URL", "api": "API", "mb": "(MiB)", "env": "environment", "id": "ID"}


def field_label(name: str) -> str:
    """The English label of a field, from its name (the source text for translators)."""
    words = [_WORDS.get(word, word) for word in name.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def schema_text(text: str) -> str:
    """A field's label or description in the user's language."""
    return QCoreApplication.translate("schema", text)


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
        self._file_only: set[str] = set()  # fields with no editor: edited in the file alone
        self._unedited: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for name, info in model.model_fields.items():
            if name in exclude or (only is not None and name not in only):
                continue
            editor = (custom or {}).get(name) or build_editor(info, route_editor)
            if editor is None:
                self._file_only.add(name)
                continue
            editor.setObjectName(name)
            label = schema_text(field_label(name))
            if isinstance(editor, BoolEditor):
                editor.set_label(label)
            elif isinstance(editor, NestedEditor):
                editor.set_title(label)
            editor.setToolTip(schema_text(info.description) if info.description else "")
            editor.changed.connect(self.changed)
            self.editors[name] = editor
            layout.addWidget(self._row(name, info, editor))

    def _row(self, name: str, info: FieldInfo, editor: FieldEditor) -> QWidget:
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if not isinstance(editor, (BoolEditor, NestedEditor)):
            title = QLabel(schema_text(field_label(name)))
            title.setToolTip(editor.toolTip())
            title.setBuddy(editor)
            box.addWidget(title)
        hint = hint_label(schema_text(info.description)) if info.description else None
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
        # Fields without an editor (edited only in the file) come back unchanged from data().
        self._unedited = {k: v for k, v in data.items() if k in self._file_only}
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            editor.set_value(data.get(name, _default(self.model.model_fields[name])))
            editor.blockSignals(False)

    def data(self) -> dict[str, Any]:
        return {**self._unedited, **{name: editor.value() for name, editor in self.editors.items()}}

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
    if get_origin(kind) is dict and _unwrap(get_args(kind)[1])[0] == ROUTE_TYPE:
        return NamedRoutesEditor()
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
            inner.addWidget(hint_label(schema_text(info.description)))
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
