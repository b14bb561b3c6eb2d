"""The tray's stand-in where there is no tray (GNOME without the extension, --no-tray): a
small window with the proxy state, the profiles to launch, and the tray menu's actions."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.controller import AppController
from app.ui.icons import Variant, status_dot, tray_icon
from app.ui.menu import build_menu, profile_label, short_path
from app.ui.notices import Notice


class MiniWindow(QWidget):
    def __init__(self, controller: AppController, *, reason: str) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("miniWindow")
        self.setWindowTitle("Switchboard")
        self.setMinimumWidth(440)
        self.status_icon = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        header = QHBoxLayout()
        header.addWidget(self.status_icon)
        header.addWidget(self.status, 1)

        self.profiles = QListWidget()
        self.profiles.setObjectName("miniProfiles")
        self.profiles.itemActivated.connect(lambda _item: self._on_launch_clicked())
        self.folder = QComboBox()
        self.folder.activated.connect(self._on_folder_activated)
        self.launch = QPushButton(self.tr("Launch Claude"))
        self.launch.setDefault(True)
        self.launch.clicked.connect(self._on_launch_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("In folder")))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.launch)

        settings, dashboard, quit_ = (
            QPushButton(self.tr("Settings")),
            QPushButton(self.tr("Dashboard")),
            QPushButton(self.tr("Quit")),
        )
        settings.clicked.connect(lambda: controller.open_main())
        dashboard.clicked.connect(lambda: controller.open_dashboard())
        quit_.clicked.connect(lambda: controller.quit())
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(lambda: build_menu(self.menu, controller))
        more = QToolButton()
        more.setText(self.tr("Menu"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(self.menu)
        buttons = QHBoxLayout()
        for button in (settings, dashboard, more):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(quit_)

        why = QLabel(
            self.tr("{reason} This window stands in for the tray icon; closing it quits.").format(
                reason=reason
            )
        )
        why.setWordWrap(True)
        why.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(QLabel(self.tr("Launch Claude Code with a profile:")))
        layout.addWidget(self.profiles, 1)
        layout.addLayout(folder_row)
        layout.addLayout(buttons)
        layout.addWidget(why)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        controller = self.controller
        is_light = self.palette().color(self.backgroundRole()).lightness() > 128
        variant: Variant = "light" if is_light else "dark"  # a glyph that reads on this window
        self.status_icon.setPixmap(tray_icon(controller.tray_state(), variant).pixmap(24, 24))
        self.status.setText(controller.summary())
        selected = self.profiles.currentItem()
        keep = selected.data(Qt.ItemDataRole.UserRole) if selected else None
        self.profiles.clear()
        for profile in controller.config.profiles:
            health = controller.profile_health(profile.name)
            item = QListWidgetItem(status_dot(health), profile_label(controller, profile.name))
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.profiles.addItem(item)
            if profile.name == keep:
                self.profiles.setCurrentItem(item)
        if self.profiles.currentRow() < 0 and self.profiles.count():
            self.profiles.setCurrentRow(0)
        self.launch.setEnabled(self.profiles.count() > 0)
        self.folder.clear()
        current = controller.preferences.launch_folder()
        folders = [current] + [
            Path(f) for f in controller.preferences.recent_folders if Path(f) != current
        ]
        for folder in folders:
            self.folder.addItem(short_path(folder), str(folder))
        self.folder.addItem(self.tr("Choose folder…"), None)

    def show_notice(self, notice: Notice) -> None:
        self.notice.setText(f"<b>{html.escape(notice.title)}</b><br>{html.escape(notice.body)}")
        self.notice.show()

    def _on_folder_activated(self, index: int) -> None:
        data = self.folder.itemData(index)
        if data is None:
            self.controller.choose_folder(self)
        else:
            self.controller.select_folder(Path(data))

    def _on_launch_clicked(self) -> None:
        item = self.profiles.currentItem()
        if item is not None:
            self.controller.launch(str(item.data(Qt.ItemDataRole.UserRole)))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.controller.quit()
