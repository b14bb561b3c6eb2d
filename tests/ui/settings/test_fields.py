"""Forms built from pydantic models: a new schema field gets an editor without UI code."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from pytestqt.qtbot import QtBot

from app.ui.settings.editors import (
    BoolEditor,
    ChoiceEditor,
    MultiChoiceEditor,
    NumberEditor,
    PairsEditor,
    TextEditor,
)
from app.ui.settings.fields import ModelForm, NestedEditor, field_label


class Inner(BaseModel):
    depth: int = Field(3, ge=1, le=9, description="How deep.")


class Toy(BaseModel):
    enabled: bool = Field(True, description="On or off.")
    count: int = Field(5, ge=1, le=10, description="How many.")
    ratio: float = Field(0.5, gt=0, le=1, description="A share.")
    mode: Literal["fast", "slow"] = Field("fast", description="Which way.")
    style: Literal["a", "b"] | None = Field(None, description="Optional choice.")
    label: str | None = Field(None, description="Optional text.")
    base_url: str = Field("http://x", description="Required text.")
    headers: dict[str, str] = Field(default_factory=dict, description="Pairs.")
    inner: Inner = Field(default_factory=Inner, description="A group.")
    extra: Inner | None = Field(None, description="An optional group.")
    modes: list[Literal["x", "y"]] = Field(default_factory=lambda: ["x"], description="Several.")
    blob: dict[str, Any] = Field(default_factory=dict, description="Edited in the file only.")


def test_each_type_gets_its_editor_label_and_tooltip(qtbot: QtBot) -> None:
    form = ModelForm(Toy)
    qtbot.addWidget(form)
    kinds = {name: type(editor) for name, editor in form.editors.items()}
    assert kinds == {
        "enabled": BoolEditor,
        "count": NumberEditor,
        "ratio": NumberEditor,
        "mode": ChoiceEditor,
        "style": ChoiceEditor,
        "label": TextEditor,
        "base_url": TextEditor,
        "headers": PairsEditor,
        "inner": NestedEditor,
        "extra": NestedEditor,
        "modes": MultiChoiceEditor,
    }
    assert form.editors["count"].toolTip() == "How many."
    count = form.editors["count"]
    assert isinstance(count, NumberEditor)
    assert (count.spin.minimum(), count.spin.maximum()) == (1, 10)
    ratio = form.editors["ratio"]
    assert isinstance(ratio, NumberEditor)
    assert ratio.spin.minimum() > 0
    assert field_label("base_url") == "Base URL"
    assert field_label("max_body_mb") == "Max body (MiB)"


def test_data_round_trips_and_optional_values_become_none(qtbot: QtBot) -> None:
    form = ModelForm(Toy)
    qtbot.addWidget(form)
    data = Toy(
        headers={"X-A": "1"}, extra=Inner(depth=7), modes=["x", "y"], style="b", blob={"k": [1]}
    ).model_dump(mode="json")
    form.set_data(data)
    out = form.data()
    assert out == data  # `blob` has no editor: it comes back as it was, not dropped
    Toy.model_validate(out)
    form.set_data(Toy().model_dump(mode="json"))
    assert form.data()["extra"] is None
    assert form.data()["label"] is None
    assert form.data()["style"] is None


def test_errors_show_under_their_field_even_in_groups(qtbot: QtBot) -> None:
    form = ModelForm(Toy)
    qtbot.addWidget(form)
    form.set_data(Toy(extra=Inner()).model_dump(mode="json"))
    form.show_errors([(("base_url",), "bad url"), (("extra", "depth"), "too deep")])
    assert form.error_texts() == ["bad url", "too deep"]
    form.show_errors([])
    assert form.error_texts() == []


def test_user_edits_emit_changed(qtbot: QtBot) -> None:
    form = ModelForm(Toy)
    qtbot.addWidget(form)
    form.set_data(Toy().model_dump(mode="json"))
    with qtbot.waitSignal(form.changed, timeout=1000):
        qtbot.keyClicks(form.editors["base_url"].line, "y")  # type: ignore[attr-defined]
    assert form.data()["base_url"] == "http://xy"
