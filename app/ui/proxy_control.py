"""The tray's handle on its in-process proxy: start, stop, restart, apply a new config.

A ProxyServer binds one address for its life, so a new listen address or local token means a
new server (the observer moves over); anything else is applied in place, and streams in flight
finish with the config they started with.
"""

from __future__ import annotations

import logging
from typing import Literal

from PySide6.QtCore import QCoreApplication

from app.config.schema import Config
from app.config.store import LoadedConfig, state_dir
from app.proxy.observer import ProxyObserver
from app.proxy.server import ProxyServer

log = logging.getLogger(__name__)

ProxyStatus = Literal["running", "stopped", "failed"]


class ProxyControl:
    def __init__(
        self,
        loaded: LoadedConfig,
        *,
        token: str,
        observer: ProxyObserver,
        port: int | None = None,
        grace: float = 5.0,
    ) -> None:
        self._loaded = loaded
        self._token = token
        self._observer = observer
        self._port = port  # a fixed port (tests, --port) wins over the config's
        self._grace = grace
        self.failure = ""  # why the last start failed, for the user
        self.server = self._new_server(loaded.config)

    @property
    def config(self) -> Config:
        """The config the proxy serves new requests with."""
        return self.server.state.runtime.config

    @property
    def token(self) -> str:
        """The token the proxy requires now (the server may have taken up a regenerated one)."""
        return self.server.token or self._token

    @property
    def status(self) -> ProxyStatus:
        if self.server.is_running:
            return "running"
        return "failed" if self.failure else "stopped"

    @property
    def address(self) -> str:
        port = self.server.port if self.server.is_running else self.server.requested_port
        return f"{self.server.host}:{port}"

    async def start(self) -> bool:
        """Bind and serve, and follow the config file. False (see `failure`) if it cannot."""
        if self.server.is_running:
            return True
        try:
            await self.server.start()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            log.error("proxy not started: cannot listen on %s: %s", self.address, reason)
            failure = QCoreApplication.translate(
                "ProxyControl", "cannot listen on {address}: {error}"
            )
            self.failure = failure.format(address=self.address, error=reason)
            return False
        self.failure = ""
        self.server.watch_config()
        return True

    async def stop(self) -> None:
        self.failure = ""
        await self.server.stop()

    async def restart(self) -> bool:
        """Stop (in-flight streams get the grace period), rebind if the address changed, start."""
        await self.stop()
        if self.needs_restart(self.config):
            self._replace_server(self.config)
        return await self.start()

    def apply(self, config: Config) -> bool:
        """Serve new requests with `config`. False when it moves the proxy to another
        address: that takes a restart."""
        self.server.apply(config)
        return not self.needs_restart(config)

    async def change_token(self, token: str) -> bool:
        """Require a new local token from now on (after `local_token(regenerate=True)`)."""
        self._token = token
        self.server.set_token(token)  # in place: metrics, breakers and streams carry on
        return True

    def needs_restart(self, config: Config) -> bool:
        """Whether `config` moves the proxy to another address."""
        settings = config.settings
        port = settings.port if self._port is None else self._port
        return (settings.host, port) != (self.server.host, self.server.requested_port)

    def _replace_server(self, config: Config) -> None:
        self._token = self.token
        self.server.state.observers.remove(self._observer)
        self.server = self._new_server(config)

    def _new_server(self, config: Config) -> ProxyServer:
        server = ProxyServer(
            config,
            token=self._token,
            config_path=self._loaded.path,
            port=self._port,
            grace=self._grace,
            runtime_dir=state_dir(),  # `switchboard run` and `env` find the tray's proxy
            owner="tray",
        )
        server.state.observers.add(self._observer)
        return server
