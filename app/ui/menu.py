"""The tray menu, rebuilt from the config and health each time it opens.

The same menu serves the mini window's "Menu" button, so both offer the same actions.
Order (UX.md, Switchboard click policy): "Open Switchboard" first, then "Launch Claude with".
Texts are translated in the context "menu"; object names and action data stay English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox

from app.ui.controller import AppController
from app.ui.dashboard.figures import cost, tokens
from app.ui.health import health_word
from app.ui.icons import status_dot
from app.ui.tasks import spawn


def short_path(folder: Path, home: Path | None = None) -> str:
    home = home or Path.home()
    try:
        return "~/" + folder.relative_to(home).as_posix() if folder != home else "~"
    except ValueError:
        return str(folder)


def profile_label(controller: AppController, name: str) -> str:
    """ "work  (ok)  ·  12.3k tokens, $0.04 today": health and today's use at a glance."""
    health = health_word(controller.profile_health(name))
    used, usd = controller.today_usage(name)
    if used and usd:
        text = QCoreApplication.translate(
            "menu", "{profile}  ({health})  ·  {tokens} tokens, {cost} today"
        )
        return text.format(profile=name, health=health, tokens=tokens(used), cost=cost(usd))
    if used:
        text = QCoreApplication.translate("menu", "{profile}  ({health})  ·  {tokens} tokens today")
        return text.format(profile=name, health=health, tokens=tokens(used))
    return QCoreApplication.translate("menu", "{profile}  ({health})").format(
        profile=name, health=health
    )


def build_menu(menu: QMenu, controller: AppController) -> None:
    for submenu in menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
        submenu.deleteLater()  # clear() drops actions, not the submenus it parented
    menu.clear()
    menu.addAction(QCoreApplication.translate("menu", "Open Switchboard"), controller.open_main)
    for name, problem in sorted(controller.logins_needing_user().items()):
        text = QCoreApplication.translate("menu", "⚠ Log in again: {login}…").format(login=name)
        again = menu.addAction(text, _call(controller.log_in_again, name))
        again.setToolTip(problem)
    menu.addMenu(_launch_menu(menu, controller))
    menu.addMenu(_proxy_menu(menu, controller))
    menu.addSeparator()
    menu.addAction(
        QCoreApplication.translate("menu", "Settings…"), lambda: controller.open_settings("General")
    )
    menu.addAction(QCoreApplication.translate("menu", "Dashboard…"), controller.open_dashboard)
    autostart = QAction(QCoreApplication.translate("menu", "Start at login"), menu)
    autostart.setCheckable(True)
    autostart.setChecked(controller.is_autostart_enabled())
    autostart.toggled.connect(lambda on: _set_autostart(controller, on))
    menu.addAction(autostart)
    menu.addSeparator()
    if (release := controller.updates.available) is not None:
        text = QCoreApplication.translate("menu", "Switchboard {version} is out: open its page…")
        menu.addAction(
            text.format(version=release.version),
            _call(QDesktopServices.openUrl, QUrl(release.url)),
        )
    if controller.updates.is_configured:
        menu.addAction(
            QCoreApplication.translate("menu", "Check for updates…"),
            _call(_check_updates, controller),
        )
    menu.addAction(
        QCoreApplication.translate("menu", "About Switchboard"), _call(controller.show_about)
    )
    menu.addAction(QCoreApplication.translate("menu", "Quit Switchboard"), controller.quit)


def _launch_menu(parent: QMenu, controller: AppController) -> QMenu:
    menu = QMenu(QCoreApplication.translate("menu", "Launch Claude with"), parent)
    menu.setObjectName("launchMenu")
    profiles = controller.config.profiles
    if not profiles:
        empty = menu.addAction(
            QCoreApplication.translate("menu", "No profiles yet: add one in Settings")
        )
        empty.setEnabled(False)
        menu.addAction(
            QCoreApplication.translate("menu", "Open Settings…"),
            lambda: controller.open_settings("Profiles"),
        )
        return menu
    for profile in profiles:
        health = controller.profile_health(profile.name)
        action = menu.addAction(
            status_dot(health),
            profile_label(controller, profile.name),
            _call(controller.launch, profile.name),
        )
        action.setData(profile.name)
        action.setObjectName(f"launch:{profile.name}")
    menu.addSeparator()
    prefs = controller.preferences
    current = prefs.launch_folder()
    in_folder = QCoreApplication.translate("menu", "In folder: {folder}")
    title = menu.addAction(in_folder.format(folder=short_path(current)))
    title.setEnabled(False)
    folders = QActionGroup(menu)
    for text in prefs.recent_folders:
        folder = Path(text)
        if not folder.is_dir():
            continue
        label = short_path(folder)
        if text == prefs.default_folder:
            label = QCoreApplication.translate("menu", "{folder} (default)").format(folder=label)
        choice = QAction(label, folders)
        choice.setCheckable(True)
        choice.setChecked(folder == current)
        choice.triggered.connect(_call(controller.select_folder, folder))
        menu.addAction(choice)
    menu.addAction(
        QCoreApplication.translate("menu", "Choose folder…"), _call(controller.choose_folder)
    )
    if str(current) != prefs.default_folder:
        always = QCoreApplication.translate("menu", "Always start in {folder}")
        menu.addAction(
            always.format(folder=short_path(current)),
            _call(controller.set_default_folder, current),
        )
    return menu


def _proxy_menu(parent: QMenu, controller: AppController) -> QMenu:
    menu = QMenu(QCoreApplication.translate("menu", "Proxy"), parent)
    status = controller.proxy.status
    if status == "running":
        text = QCoreApplication.translate("menu", "Running on {address}").format(
            address=controller.proxy.address
        )
    elif status == "failed":
        text = QCoreApplication.translate("menu", "Not running: {reason}").format(
            reason=controller.proxy.failure
        )
    else:
        text = QCoreApplication.translate("menu", "Stopped")
    line = menu.addAction(text)
    line.setEnabled(False)
    start = menu.addAction(QCoreApplication.translate("menu", "Start"), controller.start_proxy)
    start.setEnabled(status != "running")
    stop = menu.addAction(QCoreApplication.translate("menu", "Stop"), controller.stop_proxy)
    stop.setEnabled(status == "running")
    menu.addAction(QCoreApplication.translate("menu", "Restart"), controller.restart_proxy)
    menu.addSeparator()
    exports = menu.addMenu(QCoreApplication.translate("menu", "Copy shell exports for"))
    for profile in controller.config.profiles:
        exports.addAction(profile.name, _call(controller.copy_exports, profile.name))
    exports.setEnabled(bool(controller.config.profiles))
    return menu


def _check_updates(controller: AppController) -> None:
    async def check() -> None:
        title = QCoreApplication.translate("menu", "Check for updates")
        QMessageBox.information(None, title, await controller.check_updates())

    spawn(check(), what="update check")


def _set_autostart(controller: AppController, enabled: bool) -> None:
    try:
        controller.set_autostart(enabled)
    except OSError as exc:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("menu", "Start at login"),
            QCoreApplication.translate("menu", "Could not change the login entry: {error}").format(
                error=exc
            ),
        )


def _call(function: Callable[..., object], *args: object) -> Callable[..., None]:
    """A slot that calls `function(*args)` and ignores the signal's own arguments."""

    def slot(*_signal_args: object) -> None:
        function(*args)

    return slot
