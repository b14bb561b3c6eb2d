"""Light or dark, and how big: the app follows the OS unless the user picks otherwise.

macOS and Windows restyle Qt apps with the OS's light or dark mode themselves, and take an
explicit choice through QStyleHints.setColorScheme. Linux desktops report the colour scheme
(through the desktop portal) but Qt's own style keeps its light palette there, so a dark
palette is applied by hand. The size of text and controls (QT_SCALE_FACTOR) can only be set
before the application starts: it applies at the next start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

APPEARANCES = ("system", "light", "dark")
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


def apply_scale(scale: float, env: MutableMapping[str, str] | None = None) -> None:
    """Before the QApplication exists: the chosen size, unless the user's environment sets one."""
    env = os.environ if env is None else env
    if scale != 1.0 and "QT_SCALE_FACTOR" not in env:
        env["QT_SCALE_FACTOR"] = f"{scale:g}"


def apply_appearance(app: QGuiApplication, appearance: str) -> None:
    """Light, dark, or the OS's choice (and again whenever the OS changes it)."""
    hints = app.styleHints()
    if sys.platform in ("darwin", "win32"):
        hints.setColorScheme(_SCHEMES.get(appearance, Qt.ColorScheme.Unknown))
        return
    dark = appearance == "dark" or (
        appearance == "system" and hints.colorScheme() == Qt.ColorScheme.Dark
    )
    app.setPalette(dark_palette() if dark else QPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.ToolTipBase: "#1f2023",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb6ff",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
