"""Tray icons per state, in the variant the menu bar needs, and small status dots for menus.

macOS tints a template image (black + alpha, `QIcon.setIsMask`) for its menu bar itself. Elsewhere
nothing tints the icon, so we pick the glyph colour: Windows says whether its taskbar is light
(SystemUsesLightTheme); on Linux we follow the colour scheme, and most panels are dark when it
is unknown. Each coloured variant also has a soft outline, so a wrong guess stays visible.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.system.resources import resource
from app.ui.health import Health, TrayState

Variant = Literal["light", "dark", "template"]
COLOURED_SIZES = (16, 20, 22, 24, 32, 40, 48, 64)
TEMPLATE_SIZES = (16, 22, 32, 44)
APP_ICON_SIZES = (16, 24, 32, 48, 128, 256)
HEALTH_COLOURS: dict[Health, str] = {"ok": "#1F9D55", "degraded": "#E8A317", "down": "#D93A3A"}


def tray_variant(
    platform: str, scheme: Qt.ColorScheme, taskbar_is_light: bool | None = None
) -> Variant:
    """Which icon reads best on this menu bar or taskbar."""
    if platform == "darwin":
        return "template"
    if platform == "win32" and taskbar_is_light is not None:
        return "light" if taskbar_is_light else "dark"
    return "light" if scheme == Qt.ColorScheme.Light else "dark"


if sys.platform == "win32":
    import winreg

    def windows_taskbar_is_light() -> bool | None:
        """HKCU\\...\\Personalize\\SystemUsesLightTheme (the taskbar, not the apps' theme)."""
        key = r"Software\Microsoft\Windows\CurrentVersion\Themes\Personalize"
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _ = winreg.QueryValueEx(handle, "SystemUsesLightTheme")
        except OSError:
            return None
        return bool(value)

else:

    def windows_taskbar_is_light() -> bool | None:
        return None


@cache
def tray_icon(state: TrayState, variant: Variant) -> QIcon:
    icon = QIcon()
    sizes = TEMPLATE_SIZES if variant == "template" else COLOURED_SIZES
    for size in sizes:
        icon.addFile(str(tray_png(variant, state, size)))
    icon.setIsMask(variant == "template")
    return icon


def tray_png(variant: Variant, state: TrayState, size: int) -> str:
    return str(resource("icons", "tray", "png", f"{variant}-{state.value}-{size}.png"))


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(resource("icons", "app", f"switchboard-{size}.png")))
    return icon


@cache
def status_dot(health: Health) -> QIcon:
    """A coloured dot for menu entries and lists; its shape does not carry meaning, the
    entry's text says the health too."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(HEALTH_COLOURS[health]))
    painter.drawEllipse(6, 6, 20, 20)
    painter.end()
    return QIcon(pixmap)
