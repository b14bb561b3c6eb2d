"""Whether the tray app can open windows here."""

from __future__ import annotations

from app.ui.display import display_problem


def test_linux_without_any_display_has_a_problem() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_macos_and_windows_always_have_a_display() -> None:
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None
