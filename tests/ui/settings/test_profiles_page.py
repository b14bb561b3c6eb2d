"""Settings ▸ Profiles: slot routes, routing rules (built from the schema), duplicate/delete."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.settings.editors import NamedRoutesEditor, NumberEditor
from app.ui.settings.fields import NestedEditor
from app.ui.settings.route_editor import RouteEditor
from app.ui.settings.window import PATH_SEPARATOR
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import Dialogs, upstream_config
from tests.ui.helpers import click, get_json, saved, settle, type_into


def nested(editor: object) -> NestedEditor:
    assert isinstance(editor, NestedEditor)
    return editor


def route(editor: object) -> RouteEditor:
    assert isinstance(editor, RouteEditor)
    return editor


@pytest.mark.asyncio
async def test_slots_and_a_routing_rule_are_saved_and_served(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["providers"].append(dict(data["providers"][0], name="backup"))
    controller = await make_controller(data)
    controller.open_settings("Profiles")
    window = controller.settings_window
    form = window.profiles.form
    models = nested(form.editors["models"]).form
    haiku = route(models.editors["haiku"])
    assert haiku.empty_note.isVisibleTo(haiku)

    haiku.provider.setCurrentText("up")
    type_into(qtbot, haiku.model.lineEdit(), "fast-model")
    click(qtbot, haiku.add_button)
    haiku.provider.setCurrentText("backup")
    type_into(qtbot, haiku.model.lineEdit(), "fast-model")
    click(qtbot, haiku.add_button)
    haiku.list.setCurrentRow(1)
    click(qtbot, haiku.up_button)  # the backup first
    assert haiku.value() == ["backup/fast-model", "up/fast-model"]

    routing = nested(form.editors["routing"]).form
    long_context = nested(routing.editors["long_context"])
    assert not long_context.form.isVisibleTo(long_context)
    long_context.group.setChecked(True)
    assert window.problem_label.text() == (  # a rule needs a route before saving
        "Cannot save: "
        + PATH_SEPARATOR.join(("Profiles", "main", "Routing", "Long context", "Route"))
        + ": add at least one"
    )
    assert not window.apply_button.isEnabled()
    threshold = long_context.form.editors["threshold"]
    assert isinstance(threshold, NumberEditor)
    threshold.spin.setValue(80000)
    rule_route = route(long_context.form.editors["route"])
    rule_route.provider.setCurrentText("backup")
    type_into(qtbot, rule_route.model.lineEdit(), "big-context")
    click(qtbot, rule_route.add_button)
    assert window.apply_button.isEnabled(), window.problem_label.text()
    click(qtbot, window.apply_button)
    assert await saved(window)

    profile = controller.config.profiles[0]
    assert profile.models.haiku == ["backup/fast-model", "up/fast-model"]
    assert profile.routing.long_context is not None
    assert profile.routing.long_context.threshold == 80000
    assert profile.routing.long_context.route == ["backup/big-context"]
    await settle()
    health = await get_json(f"{controller.proxy.server.url}/health")
    assert health["profiles"][0]["providers"] == ["backup", "up"]


@pytest.mark.asyncio
async def test_removing_a_provider_in_use_flags_the_profile_and_blocks_saving(
    make_controller, anthropic_upstream: AnthropicUpstream, dialogs: Dialogs
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    window.providers._on_remove_clicked()
    assert "The profiles main use it" in dialogs.seen[-1][1]
    assert "unknown provider 'up'" in window.problem_label.text()
    assert window.profiles.list.item(0).text().endswith("⚠")
    window.show_page("Profiles")
    assert any("unknown provider" in t for t in window.profiles.form.error_texts())
    assert not window.save_button.isEnabled()


@pytest.mark.asyncio
async def test_duplicate_rename_and_delete_profiles(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot, dialogs: Dialogs
) -> None:
    data = upstream_config(anthropic_upstream.url)
    data["settings"] = {"default_profile": "main"}
    controller = await make_controller(data)
    controller.open_settings("Profiles")
    window = controller.settings_window
    page = window.profiles
    click(qtbot, page.duplicate)
    assert [p["name"] for p in window.draft.profiles] == ["main", "main-copy"]
    page.list.setCurrentRow(0)
    name = page.form.editors["name"]
    type_into(qtbot, name.line, "work")  # type: ignore[attr-defined]
    assert window.draft.data["settings"]["default_profile"] == "work"
    page.list.setCurrentRow(1)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    click(qtbot, page.delete)
    click(qtbot, window.apply_button)
    assert await saved(window)
    assert [p.name for p in controller.config.profiles] == ["work"]
    assert controller.config.settings.default_profile == "work"


@pytest.mark.asyncio
async def test_the_auto_rule_is_edited_with_its_named_routes(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    data = upstream_config(anthropic_upstream.url)
    routes = {"code": ["up/coder"], "reasoning": ["up/thinker"]}
    data["profiles"][0]["routing"] = {"auto": {"classifier": "up/tiny", "routes": routes}}
    controller = await make_controller(data)
    controller.open_settings("Profiles")
    window = controller.settings_window
    routing = nested(window.profiles.form.editors["routing"]).form
    auto = nested(routing.editors["auto"])
    assert auto.group.isChecked()
    timeout = auto.form.editors["timeout"]
    assert isinstance(timeout, NumberEditor)
    timeout.spin.setValue(5.0)
    named = auto.form.editors["routes"]
    assert isinstance(named, NamedRoutesEditor)
    assert named.table.item(1, 1).text() == "up/thinker"
    named.table.item(1, 1).setText("up/thinker, up/coder")  # a failover candidate added
    routes["reasoning"] = ["up/thinker", "up/coder"]
    assert window.apply_button.isEnabled(), window.problem_label.text()
    click(qtbot, window.apply_button)
    assert await saved(window)
    rule = controller.config.profiles[0].routing.auto
    assert rule is not None
    assert (rule.timeout, rule.routes) == (5.0, routes)
