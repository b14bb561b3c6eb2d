"""The first-run flow: preset, key, test, slot models, done; written only at the end."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config.presets import load_catalogue
from app.config.secrets import SERVICE
from app.ui.first_run import STEPS
from tests.ui.helpers import click, type_into

KEY = "sk-deepseek-first-run-0123456789"


@pytest.mark.asyncio
async def test_first_run_adds_a_provider_and_a_profile(make_controller, qtbot: QtBot) -> None:
    controller = await make_controller({})
    controller.open_main()  # no provider yet: the guided flow, not the settings window
    wizard = controller.first_run
    assert wizard is not None
    assert controller.settings_window is None
    type_into(qtbot, wizard.picker.search, "deepseek")
    rows = wizard.picker.list
    ids = [rows.item(i).data(Qt.ItemDataRole.UserRole).id for i in range(rows.count())]
    assert "deepseek" in ids
    assert 0 < len(ids) < len(load_catalogue())  # the search filters the catalogue
    rows.setCurrentRow(ids.index("deepseek"))
    preset = load_catalogue()["deepseek"]
    click(qtbot, wizard.next)
    assert wizard.stack.currentIndex() == STEPS.index("API key")
    click(qtbot, wizard.next)
    assert "Paste your API key" in wizard.error.text()  # a key is needed for this preset
    type_into(qtbot, wizard.key.line, KEY)
    click(qtbot, wizard.next)
    assert wizard.stack.currentIndex() == STEPS.index("Test")
    assert not controller.loaded.path.read_text(encoding="utf-8").count("[[providers]]")
    click(qtbot, wizard.next)  # skip the test: no network here
    for slot, model in preset.default_models.items():
        assert wizard.slot_boxes[slot].currentText() == model
    offered = wizard.slot_boxes["default"]
    assert [offered.itemText(i) for i in range(offered.count())][:-1] == list(preset.models)
    assert wizard.profile_name.text() == "deepseek"
    click(qtbot, wizard.next)
    assert wizard.stack.currentIndex() == STEPS.index("Done"), wizard.error.text()

    config = controller.config
    assert [p.name for p in config.providers] == ["deepseek"]
    assert config.providers[0].api_key == "keyring:deepseek"
    assert config.profiles[0].models.default == [f"deepseek/{preset.default_models['default']}"]
    assert keyring.get_password(SERVICE, "deepseek") == KEY
    text = controller.loaded.path.read_text(encoding="utf-8")
    assert KEY not in text
    assert controller.proxy.config.providers[0].name == "deepseek"  # served at once
    keyring.delete_password(SERVICE, "deepseek")

    controller.open_main()  # now there is a provider: the settings window
    assert controller.settings_window is not None
