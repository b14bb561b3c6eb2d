"""The first-run wizard offers to import the config of the tool the user comes from, found
where that tool keeps it; the plan is shown before anything is written (real widgets
offscreen, a real keyring under .ci/with_keyring, the real proxy of the controller)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.config.secrets import SERVICE, delete_secret, has_real_keyring
from app.ui.first_run import STEPS
from tests.ui.helpers import click

SAMPLES = Path(__file__).parents[1] / "data" / "imports"
IMPORTED_KEYS = ("openrouter", "ollama", "gemini")


@pytest.fixture
def ccr_at_home() -> Path:
    """claude-code-router's config where it keeps it (HOME is the test's own)."""
    target = Path.home() / ".claude-code-router" / "config.json"
    target.parent.mkdir(parents=True)
    shutil.copy(SAMPLES / "ccr-config.json", target)
    return target


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The keyring backend a headless box has: none that stores anything."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def _import_button(wizard: object, source: str) -> QPushButton:
    button = wizard.findChild(QPushButton, f"import:{source}")  # type: ignore[attr-defined]
    assert button is not None, "the wizard offers no import"
    return button


@pytest.mark.asyncio
async def test_the_wizard_imports_a_claude_code_router_config(
    make_controller, qtbot: QtBot, ccr_at_home: Path
) -> None:
    if not has_real_keyring():
        pytest.fail("no real keyring backend: run the suite under .ci/with_keyring")
    controller = await make_controller({})
    controller.open_main()
    wizard = controller.first_run
    assert wizard is not None
    button = _import_button(wizard, "ccr")
    assert str(ccr_at_home) in button.text()

    click(qtbot, button)
    dialog = wizard.import_dialog
    assert dialog is not None and dialog.isVisible()
    plan = dialog.summary.toPlainText()
    assert "+ provider deepseek: openai-chat https://api.deepseek.com" in plan
    assert "key: to the OS keyring as keyring:openrouter" in plan
    assert "+ profile ccr:" in plan
    assert "sk-or-sample-openrouter-key" not in plan
    assert not dialog.keys_in_file.isVisible()
    assert "[[providers]]" not in controller.loaded.path.read_text(encoding="utf-8")

    try:
        click(qtbot, dialog.import_button)
        assert not dialog.isVisible(), dialog.error.text()
        config = controller.config
        assert [p.name for p in config.providers] == ["openrouter", "deepseek", "ollama", "gemini"]
        assert [p.name for p in config.profiles] == ["ccr"]
        assert keyring.get_password(SERVICE, "openrouter") == "sk-or-sample-openrouter-key"
        text = controller.loaded.path.read_text(encoding="utf-8")
        assert "keyring:openrouter" in text and "sk-or-sample" not in text
        assert wizard.stack.currentIndex() == STEPS.index("Done")
        assert "ccr" in wizard.done_text.text()
        assert wizard.profile_name.text() == "ccr"  # what "Launch Claude Code now" uses
        assert [p.name for p in controller.proxy.config.profiles] == ["ccr"]  # served at once
    finally:
        for name in IMPORTED_KEYS:
            delete_secret(name)


@pytest.mark.asyncio
async def test_without_a_keyring_keys_are_written_only_if_the_user_ticks_the_box(
    make_controller, qtbot: QtBot, ccr_at_home: Path, no_keyring: None
) -> None:
    controller = await make_controller({})
    controller.open_main()
    wizard = controller.first_run
    assert wizard is not None

    click(qtbot, _import_button(wizard, "ccr"))
    dialog = wizard.import_dialog
    assert dialog is not None
    assert dialog.keys_in_file.isVisible()
    assert "openrouter/google/gemini-2.5-pro-preview" in dialog.summary.toPlainText()
    assert "key: left out" in dialog.summary.toPlainText()
    dialog.keys_in_file.setChecked(True)
    assert "key: written into the config file" in dialog.summary.toPlainText()
    click(qtbot, dialog.import_button)

    assert not dialog.isVisible(), dialog.error.text()
    openrouter = controller.config.provider("openrouter")
    assert openrouter is not None and openrouter.api_key == "sk-or-sample-openrouter-key"


@pytest.mark.asyncio
async def test_cancel_writes_nothing_and_keeps_the_wizard(
    make_controller, qtbot: QtBot, ccr_at_home: Path, no_keyring: None
) -> None:
    controller = await make_controller({})
    before = controller.loaded.path.read_bytes()
    controller.open_main()
    wizard = controller.first_run
    assert wizard is not None
    click(qtbot, _import_button(wizard, "ccr"))
    dialog = wizard.import_dialog
    assert dialog is not None
    dialog.reject()

    assert controller.loaded.path.read_bytes() == before
    assert wizard.stack.currentIndex() == STEPS.index("Provider")
    assert not controller.config.providers


@pytest.mark.asyncio
async def test_no_import_is_offered_when_no_other_tool_is_configured(
    make_controller, qtbot: QtBot
) -> None:
    controller = await make_controller({})
    controller.open_main()
    wizard = controller.first_run
    assert wizard is not None
    assert not [b for b in wizard.findChildren(QPushButton) if b.objectName().startswith("import:")]
