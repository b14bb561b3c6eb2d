"""`switchboard` with no command: the tray app (Qt and the proxy on one qasync loop).

One app per user and config: a second launch asks the first to open its window and exits.
Quitting sets an asyncio.Event; the coroutine that owns the loop then stops the proxy (streams
in flight get a grace period) before the loop ends. Never QApplication.quit() directly: that
stops the loop under the coroutine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from app.config.secrets import local_token
from app.config.store import LoadedConfig, config_path, load_config, log_dir
from app.errors import ConfigError
from app.system.heap import settle_heap
from app.system.logs import setup_logging
from app.ui.appearance import apply_appearance, apply_scale
from app.ui.controller import OPEN_MAIN, AppController
from app.ui.dock import keep_out_of_dock
from app.ui.icons import app_icon
from app.ui.language import install_language
from app.ui.mini_window import MiniWindow
from app.ui.preferences import load_preferences
from app.ui.single_instance import SingleInstance, instance_key
from app.ui.tray import Tray

TRAY_WAIT_S = 3.0  # a panel started with the session may register its tray a little later


class Shell:
    """The tray icon, or the mini window where there is no tray."""

    def __init__(
        self, controller: AppController, *, no_tray: bool, tray_wait_s: float = TRAY_WAIT_S
    ) -> None:
        self.controller = controller
        self.tray: Tray | None = None
        self.mini: MiniWindow | None = None
        if no_tray:
            self.show_mini(QCoreApplication.translate("Shell", "Started with --no-tray."))
            return
        self.tray = Tray(controller)
        self.tray.show()
        QTimer.singleShot(int(tray_wait_s * 1000), self._check_tray)

    def _check_tray(self) -> None:
        if self.mini is None and not QSystemTrayIcon.isSystemTrayAvailable():
            self.show_mini(QCoreApplication.translate("Shell", "No system tray was found."))

    def show_mini(self, reason: str) -> None:
        wizard = self.controller.first_run
        if wizard is not None and wizard.isVisible():
            # a new user sees the welcome wizard alone first; the stand-in window follows
            wizard.closed.connect(
                lambda: self._open_mini(reason), Qt.ConnectionType.SingleShotConnection
            )
        else:
            self._open_mini(reason)

    def _open_mini(self, reason: str) -> None:
        if self.mini is not None:
            return
        self.mini = MiniWindow(self.controller, reason=reason)
        self.controller.notify = self.mini.show_notice
        self.mini.show()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
        if self.mini is not None:
            self.mini.hide()


def run_tray(args: argparse.Namespace) -> int:
    path = config_path(args.config)
    prefs = load_preferences()
    apply_scale(prefs.ui_scale)  # only possible before the application exists
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_language(app, prefs.language)
    keep_out_of_dock()
    app.setApplicationName("Switchboard")
    app.setApplicationDisplayName("Switchboard")
    app.setDesktopFileName("switchboard")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # closing a window must not stop the proxy

    instance = SingleInstance(instance_key(str(path.resolve())))
    if not instance.notify_running(OPEN_MAIN):
        if instance.listen():
            return _start(app, instance, path, no_tray=args.no_tray)
        instance.notify_running(OPEN_MAIN)  # another launch raced us to listen: it is the one
    sys.stderr.write("switchboard: already running; asked it to open its window\n")
    return 0


def _start(app: QApplication, instance: SingleInstance, path: Path, *, no_tray: bool) -> int:
    try:
        loaded = load_config(path)
    except ConfigError as exc:
        text = QCoreApplication.translate(
            "Shell",
            "The config file cannot be loaded:\n\n{error}\n\n"
            "Fix it (or move it away to start afresh), then start Switchboard again.",
        )
        QMessageBox.critical(None, "Switchboard", text.format(error=exc))
        return 1
    setup_logging(loaded.config.settings.log_level, log_dir(), console=True)
    try:
        code: int = qasync.run(_run(app, instance, loaded, no_tray=no_tray))
    finally:
        instance.close()
    return code


async def _run(
    app: QApplication, instance: SingleInstance, loaded: LoadedConfig, *, no_tray: bool
) -> int:
    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)  # e.g. the session logs out
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows
            loop.add_signal_handler(sig, quit_event.set)
    # In a thread: the keyring may wait on a Secret Service prompt (Qt stays responsive).
    token = await asyncio.to_thread(local_token, loaded.path.parent)
    controller = AppController(loaded, quit_event=quit_event, token=token)
    apply_appearance(app, controller.preferences.appearance)
    app.styleHints().colorSchemeChanged.connect(  # the OS switched between light and dark
        lambda _scheme: apply_appearance(app, controller.preferences.appearance)
    )
    if not loaded.config.providers:
        controller.open_first_run()  # before the shell: a stand-in window waits for it
    shell = Shell(controller, no_tray=no_tray)
    instance.message_received.connect(controller.on_instance_message)
    await controller.start()
    settle_heap()  # start-up objects live until exit: keep the collector off them
    try:
        await quit_event.wait()
    finally:
        await controller.shutdown()
        shell.close()
    return 0
