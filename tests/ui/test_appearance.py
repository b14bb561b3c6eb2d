"""Light, dark or the system's choice, and the size of text and controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.ui import appearance
from app.ui.appearance import apply_appearance, apply_scale
from app.ui.preferences import Preferences, load_preferences, save_preferences


def _window_lightness(app: QApplication) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.setPalette(QPalette())


def test_dark_and_light_on_linux(app: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appearance.sys, "platform", "linux")
    apply_appearance(app, "dark")
    assert _window_lightness(app) < 80
    text = app.palette().color(QPalette.ColorRole.WindowText).lightness()
    assert text > 200  # readable on it
    apply_appearance(app, "light")
    assert _window_lightness(app) > 200


def test_system_follows_the_scheme_the_os_reports(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appearance.sys, "platform", "linux")
    hints = app.styleHints()
    monkeypatch.setattr(type(hints), "colorScheme", lambda _self: Qt.ColorScheme.Dark)
    apply_appearance(app, "system")  # (offscreen Qt reports no scheme: the OS answer is faked)
    assert _window_lightness(app) < 80


def test_macos_and_windows_are_told_the_scheme(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # their native styles restyle themselves; the call is what can be checked here
    told: list[Qt.ColorScheme] = []
    monkeypatch.setattr(appearance.sys, "platform", "win32")
    monkeypatch.setattr(type(app.styleHints()), "setColorScheme", lambda _self, s: told.append(s))
    for choice in ("dark", "light", "system"):
        apply_appearance(app, choice)
    assert told == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Unknown]


def test_the_size_applies_at_start_unless_the_user_set_one() -> None:
    env: dict[str, str] = {}
    apply_scale(1.5, env)
    assert env == {"QT_SCALE_FACTOR": "1.5"}
    own = {"QT_SCALE_FACTOR": "2"}
    apply_scale(1.25, own)
    assert own == {"QT_SCALE_FACTOR": "2"}
    untouched: dict[str, str] = {}
    apply_scale(1.0, untouched)
    assert untouched == {}


def test_the_choices_are_remembered(tmp_path: Path) -> None:
    path = tmp_path / "ui.json"
    save_preferences(Preferences(appearance="dark", ui_scale=1.25), path)
    loaded = load_preferences(path)
    assert (loaded.appearance, loaded.ui_scale) == ("dark", 1.25)


@pytest.mark.asyncio
async def test_settings_general_sets_both(
    make_controller, app: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(appearance.sys, "platform", "linux")
    controller = await make_controller({})
    controller.open_settings("General")
    page = controller.settings_window.general
    page.appearance.setCurrentIndex(page.appearance.findData("dark"))
    page.appearance.activated.emit(page.appearance.currentIndex())
    assert _window_lightness(app) < 80  # at once
    page.scale.setCurrentIndex(page.scale.findData(1.5))
    page.scale.activated.emit(page.scale.currentIndex())
    saved = load_preferences(tmp_path / "state" / "ui.json")  # where make_controller keeps it
    assert (saved.appearance, saved.ui_scale) == ("dark", 1.5)
