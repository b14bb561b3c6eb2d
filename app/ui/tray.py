"""The tray icon: state icon, tooltip, menu, clicks and notifications."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.ui.controller import AppController
from app.ui.health import TrayState
from app.ui.icons import tray_icon, tray_variant, windows_taskbar_is_light
from app.ui.menu import build_menu
from app.ui.notices import Notice

log = logging.getLogger(__name__)

NOTICE_MS = 8000


class Tray(QObject):
    def __init__(self, controller: AppController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.state = TrayState.STOPPED
        self._shown_icon: QIcon | None = None
        self.icon = QSystemTrayIcon(self)
        # A menu from the start: some hosts show an empty one if it is set late (cc-switch #6704).
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        controller.changed.connect(self.refresh)
        controller.notify = self.show_notice
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.refresh())
        self.rebuild_menu()
        self.refresh()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def rebuild_menu(self) -> None:
        build_menu(self.menu, self.controller)

    def refresh(self) -> None:
        self.state = self.controller.tray_state()
        scheme = QGuiApplication.styleHints().colorScheme()
        icon = tray_icon(self.state, tray_variant(sys.platform, scheme, windows_taskbar_is_light()))
        if icon is not self._shown_icon:
            self.icon.setIcon(icon)
            self._shown_icon = icon
        tooltip = f"Switchboard\n{self.controller.summary()}"
        if tooltip != self.icon.toolTip():
            self.icon.setToolTip(tooltip)

    def show_notice(self, notice: Notice) -> None:
        log.info("%s: %s", notice.title, notice.body)
        if self.icon.isVisible() and self.icon.supportsMessages():
            icon = (
                QSystemTrayIcon.MessageIcon.Information
                if self.state == TrayState.OK
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.icon.showMessage(notice.title, notice.body, icon, NOTICE_MS)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """Windows: click opens the window, right click the menu. macOS: every click opens
        the menu. Linux: the host opens the menu on click; a double click opens the window."""
        if sys.platform == "darwin":
            return
        opens = {QSystemTrayIcon.ActivationReason.DoubleClick}
        if sys.platform == "win32":
            opens.add(QSystemTrayIcon.ActivationReason.Trigger)
        if reason in opens:
            self.controller.open_main()
