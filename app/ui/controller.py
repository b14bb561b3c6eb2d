"""The running tray app: its proxy, health, windows and the actions its menus offer.

The tray menu and the mini window are two views of this one object. It also serves the
settings pages (AppServices): preferences, local token, start at login, terminals.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import __version__
from app.auth.store import TokenStore
from app.config.schema import Config
from app.config.secrets import local_token
from app.config.store import LoadedConfig, log_dir
from app.launch.claude import LaunchError
from app.launch.env import profile_environment
from app.launch.launcher import launch_claude
from app.launch.shells import format_environment, guess_shell
from app.launch.terminals import available_terminals
from app.proxy.observer import RequestRecord
from app.system.autostart import autostart_for, login_command
from app.ui.bridge import LogTail, ProxyEvents
from app.ui.dashboard.window import DashboardWindow
from app.ui.first_run import FirstRunWizard
from app.ui.health import Health, HealthView, TrayState, summary_line
from app.ui.notices import Notice, Throttle, breaker_notice, failover_notice, override_notice
from app.ui.preferences import Preferences, load_preferences, save_preferences
from app.ui.proxy_control import ProxyControl
from app.ui.settings.login_field import LoginContext
from app.ui.settings.window import SettingsWindow
from app.ui.tasks import spawn
from app.ui.updates import UpdateCheck

log = logging.getLogger(__name__)

OPEN_MAIN = "open-settings"  # what a second launch asks the running app to do
REFRESH_MS = 250


class AppController(QObject):
    changed = Signal()  # config, proxy status or health changed: views refresh

    def __init__(
        self,
        loaded: LoadedConfig,
        *,
        quit_event: asyncio.Event,
        token: str,  # read by the caller off the event loop (the keyring may prompt)
        port: int | None = None,
        preferences_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.quit_event = quit_event
        self._preferences_file = preferences_file
        self._preferences = load_preferences(preferences_file)
        self.throttle = Throttle()
        self.log_tail = LogTail(self)
        self.events = ProxyEvents(self)
        self.events.request.connect(self._on_request)
        self.events.breaker.connect(self._on_breaker)
        self.events.reloaded.connect(self._on_reloaded)
        self.proxy = ProxyControl(
            loaded,
            token=token,
            observer=self.events,
            port=port,
        )
        self.notify: Callable[[Notice], None] | None = None  # set by the tray
        # Requests can come by the hundred per second: views refresh at most every REFRESH_MS.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.changed)
        self.settings_window: SettingsWindow | None = None
        self.first_run: FirstRunWizard | None = None
        self.dashboard: DashboardWindow | None = None
        self.updates = UpdateCheck(lambda: self.config.settings, self._notify_always)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> bool:
        logging.getLogger().addHandler(self.log_tail.handler)
        started = await self.proxy.start()
        self._watch_logins()
        if not started and self.notify is not None:
            title = self.tr("Switchboard: proxy not started")
            self.notify(Notice("proxy", title, self.proxy.failure))
        if self.updates.is_configured:
            spawn(self.check_updates(), what="update check")
        self.changed.emit()
        return started

    async def check_updates(self) -> str:
        answer = await self.updates.check()
        self.changed.emit()
        return answer

    def _notify_always(self, notice: Notice) -> None:
        if self.notify is not None:
            self.notify(notice)

    async def shutdown(self) -> None:
        for window in (self.settings_window, self.first_run, self.dashboard):
            if window is not None:
                window.hide()
        await self.proxy.stop()
        logging.getLogger().removeHandler(self.log_tail.handler)

    def quit(self) -> None:
        """Never QApplication.quit(): the coroutine that owns the loop must clean up first."""
        self.quit_event.set()

    # -- state for the views -----------------------------------------------------------------

    @property
    def config(self) -> Config:
        return self.loaded.config

    @property
    def is_running(self) -> bool:
        return self.proxy.status == "running"

    def health(self) -> HealthView:
        """What the proxy's breakers know of each provider, now."""
        return HealthView(self.proxy.server.state.breakers.health_report())

    def tray_state(self) -> TrayState:
        state = self.health().tray_state(self.config, running=self.is_running)
        if state is TrayState.OK and self.logins_needing_user():
            return TrayState.DEGRADED
        return state

    def logins_needing_user(self) -> dict[str, str]:
        """Logins whose refresh was refused (login name -> why): "Log in again" in the menu."""
        return dict(self.proxy.server.state.auth.logins.problems)

    def summary(self) -> str:
        return summary_line(
            self.health(),
            self.config,
            running=self.is_running,
            address=self.proxy.address,
            failure=self.proxy.failure,
        )

    def today_usage(self, name: str) -> tuple[int, float]:
        """Tokens and estimated cost (USD) of a profile since local midnight."""
        return self.proxy.server.state.metrics.today_by_profile().get(name, (0, 0.0))

    def profile_health(self, name: str) -> Health:
        profile = self.config.profile(name)
        if profile is None or not self.is_running:
            return "down"
        return self.health().profile_status(profile)

    # -- proxy -------------------------------------------------------------------------------

    def start_proxy(self) -> None:
        spawn(self._after(self.proxy.start()), what="starting the proxy")

    def stop_proxy(self) -> None:
        spawn(self._after(self.proxy.stop()), what="stopping the proxy")

    def restart_proxy(self) -> None:
        spawn(self._after(self.proxy.restart()), what="restarting the proxy")

    async def _after(self, work: Awaitable[object]) -> None:
        await work
        self._watch_logins()
        self.changed.emit()

    def _watch_logins(self) -> None:
        """Hear about logins that need the user from the current server (a restart may have
        made a new one)."""
        listeners = self.proxy.server.state.auth.logins.listeners
        if self._on_login_problem not in listeners:
            listeners.append(self._on_login_problem)

    def _on_login_problem(self, name: str, problem: str | None) -> None:
        if problem is not None:  # a notice only if the user opted in to notices
            body = self.tr("{login}: {problem}. Choose Log in again in the tray menu.").format(
                login=name, problem=problem
            )
            title = self.tr("Switchboard: log in again")
            self._maybe_notify(Notice(f"login:{name}", title, body))
        self.changed.emit()

    def on_config_saved(self, config: Config) -> None:
        """The settings window wrote `config`: serve it now."""
        self.loaded.config = config
        if not self.proxy.apply(config) and self.proxy.status != "stopped":
            self.restart_proxy()  # a new address: rebind (streams get the grace period)
        if self.settings_window is not None:
            self.settings_window.reload(config)  # e.g. the first-run flow just saved
        self.changed.emit()

    def _on_reloaded(self, ok: bool, message: str) -> None:
        if not ok:
            if self.notify is not None:
                title = self.tr("Switchboard: config not reloaded")
                self.notify(Notice("reload", title, message))
            return
        config = self.loaded.config = self.proxy.config
        if self.proxy.needs_restart(config) and self.proxy.status == "running":
            self.restart_proxy()  # the file moved the proxy to another address
        if self.settings_window is not None:
            self.settings_window.reload(config)
        self.changed.emit()

    def _on_request(self, record: RequestRecord) -> None:
        if (notice := failover_notice(record)) is not None:
            self._maybe_notify(notice)
        if not self._refresh.isActive():
            self._refresh.start()  # health may have changed

    def _on_breaker(self, key: str, old: str, new: str) -> None:
        if (notice := breaker_notice(key, old, new)) is not None:
            self._maybe_notify(notice)
        self.changed.emit()

    def _maybe_notify(self, notice: Notice) -> None:
        if not self._preferences.notify_failover or self.notify is None:
            return
        if self.throttle.allow(notice.key, time.monotonic()):
            self.notify(notice)

    # -- launching ---------------------------------------------------------------------------

    def launch(self, profile: str, folder: Path | None = None) -> bool:
        folder = folder or self._preferences.launch_folder()
        try:
            warnings = launch_claude(
                self.loaded,
                profile,
                cwd=folder,
                terminal=self._preferences.terminal,
                token=self.proxy.token,  # in memory: the keyring may block on a prompt
            )
        except LaunchError as exc:
            log.warning("launch failed: %s", exc)
            QMessageBox.warning(None, self.tr("Launch Claude Code"), str(exc))
            return False
        for warning in warnings:  # as `switchboard run` prints them: the user must see these
            self._notify_always(override_notice(profile, warning))
        self.select_folder(folder)
        return True

    def set_default_folder(self, folder: Path) -> None:
        """Launches start here when the app starts (until another folder is chosen)."""
        self._preferences.default_folder = str(folder)
        self.save_preferences()
        self.changed.emit()

    def select_folder(self, folder: Path) -> None:
        self._preferences.remember_folder(folder)
        self.save_preferences()
        self.changed.emit()

    def choose_folder(self, parent: QWidget | None = None) -> Path | None:
        start = str(self._preferences.launch_folder())
        chosen = QFileDialog.getExistingDirectory(parent, self.tr("Launch Claude Code in…"), start)
        if not chosen:
            return None
        self.select_folder(Path(chosen))
        return Path(chosen)

    def export_lines(self, profile: str) -> str:
        changes = profile_environment(self.loaded, profile, token=self.proxy.token)
        return format_environment(changes, guess_shell())

    def copy_exports(self, profile: str) -> None:
        try:
            text = self.export_lines(profile)
        except LaunchError as exc:
            QMessageBox.warning(None, self.tr("Copy shell exports"), str(exc))
            return
        QGuiApplication.clipboard().setText(text)
        if self.notify is not None:
            body = self.tr("Paste them into a shell, then run claude there ({profile}).")
            title = self.tr("Shell exports copied")
            self.notify(Notice("exports", title, body.format(profile=profile)))

    # -- windows -----------------------------------------------------------------------------

    def open_main(self) -> None:
        """The first-run flow while there is no provider, else the settings window."""
        if not self.config.providers:
            self.open_first_run()
        else:
            self.open_settings()

    def open_settings(self, page: str | None = None) -> None:
        if self.settings_window is None:
            self.settings_window = SettingsWindow(self.loaded, self, on_saved=self.on_config_saved)
        if page is not None:
            self.settings_window.show_page(page)
        _raise(self.settings_window)

    def log_in_again(self, login: str) -> None:
        """The tray's "Log in again": Settings at the provider, its login started."""
        self.open_settings("Providers")
        assert self.settings_window is not None
        self.settings_window.providers.log_in_again(login)

    def open_first_run(self) -> None:
        if self.first_run is None or self.first_run.is_finished:
            logins = LoginContext(TokenStore(self.loaded.path.parent), self.login_changed)
            self.first_run = FirstRunWizard(
                self.loaded, on_saved=self.on_config_saved, logins=logins
            )
            self.first_run.open_settings.connect(self.open_settings)
            self.first_run.launch.connect(self.launch)
        _raise(self.first_run)

    def open_dashboard(self) -> None:
        if self.dashboard is None:
            self.dashboard = DashboardWindow(self)
        _raise(self.dashboard)

    def show_about(self, parent: QWidget | None = None) -> None:
        status = {
            "running": self.tr("running"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("not started"),
        }[self.proxy.status]
        text = self.tr(
            "<b>Switchboard {version}</b><br>Run Claude Code on any model provider."
            "<br><br>Proxy: {address} ({status})<br>Config file: {config}<br>Logs: {logs}"
        )
        QMessageBox.about(
            parent,
            self.tr("About Switchboard"),
            text.format(
                version=__version__,
                address=html.escape(self.proxy.address),
                status=status,
                config=html.escape(str(self.loaded.path)),
                logs=html.escape(str(log_dir())),
            ),
        )

    def on_instance_message(self, message: str) -> None:
        if message == OPEN_MAIN:
            log.info("another launch asked for the settings window")
            self.open_main()

    # -- AppServices -------------------------------------------------------------------------

    @property
    def preferences(self) -> Preferences:
        return self._preferences

    @property
    def config_path(self) -> Path:
        return self.loaded.path

    def save_preferences(self) -> None:
        save_preferences(self._preferences, self._preferences_file)

    def local_token(self) -> str:
        return self.proxy.token

    def login_changed(self, name: str) -> None:
        self.proxy.server.state.auth.logins.forget(name)
        self.changed.emit()

    async def regenerate_token(self) -> str:
        # In a thread: the keyring may wait on a Secret Service prompt, and the proxy shares
        # this event loop.
        token = await asyncio.to_thread(local_token, self.loaded.path.parent, regenerate=True)
        await self.proxy.change_token(token)
        self.changed.emit()
        return token

    def is_autostart_enabled(self) -> bool:
        return autostart_for().is_enabled()

    def set_autostart(self, enabled: bool) -> None:
        entry = autostart_for()
        if enabled:
            entry.enable(login_command())
        else:
            entry.disable()
        self.changed.emit()

    def log_folder(self) -> Path:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def terminals(self) -> list[str]:
        return available_terminals()


def _raise(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
