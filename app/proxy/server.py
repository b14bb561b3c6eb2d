"""Run the proxy app on a TCP port with AppRunner/TCPSite, and reload its config in place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from app import __version__
from app.config.schema import Config
from app.config.secrets import local_token, token_stamp
from app.config.store import load_config
from app.errors import ConfigError
from app.proxy.app import create_app
from app.proxy.connections import ConnectionLimit
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState
from app.system import discovery, redact
from app.system.limits import connection_budget, raise_open_file_limit

log = logging.getLogger(__name__)

HEADER_TIMEOUT_S = 15.0  # Claude Code sends its headers at once; only a stalled client waits
_BACKLOG = 128


class _MalformedRequests(logging.Filter):
    """aiohttp logs a client's malformed HTTP (no Host, a broken header line…) as an ERROR with
    a traceback. It is the client's mistake and is answered 400: one INFO line says so, and a
    local process cannot fill the log with tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if not isinstance(exc, HttpProcessingError):
            return True
        if not logging.getLogger(record.name).isEnabledFor(logging.INFO):
            return False
        detail = " ".join(str(exc.message).split()) or type(exc).__name__
        record.msg, record.args = (
            "%s: malformed HTTP request, answered 400 (%s)",
            (
                record.getMessage(),
                detail,
            ),
        )
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.exc_info = record.exc_text = None
        return True


_MALFORMED = _MalformedRequests()


class ProxyServer:
    """The proxy's lifecycle: start, stop with a grace period, reload without cutting streams."""

    def __init__(
        self,
        config: Config,
        *,
        token: str | None,
        config_path: Path | None = None,
        host: str | None = None,
        port: int | None = None,
        grace: float = 5.0,
        runtime_dir: Path | None = None,
        owner: str = "serve",
        header_timeout: float = HEADER_TIMEOUT_S,
        max_connections: int | None = None,
    ) -> None:
        """`runtime_dir`: where to announce the running proxy for `run` and `env` to find
        (the state dir; None for private proxies such as the probe's), and `owner` who runs it
        ("serve" or "tray", so `proxy stop` knows what it would stop). `header_timeout`: how
        long a connection may take to start a request, stay idle between requests, or pause
        while sending a request body.
        `max_connections`: open client connections at once (default: from the descriptor
        limit, see app.system.limits)."""
        settings = config.settings
        self.host = host or settings.host
        self.requested_port = settings.port if port is None else port
        self.port = 0
        self._token = token
        redact.remember(token)
        self._grace = grace
        self.state = ProxyState(
            Runtime(config, token if settings.require_token else None),
            bound_host=self.host,
            config_path=config_path,
        )
        self.state.proof_token = token
        self.state.client_idle = header_timeout
        self._runtime_dir = runtime_dir if config_path is not None else None
        self._owner = owner
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        self._header_timeout = header_timeout
        self.max_connections = max_connections
        self._watcher: asyncio.Task[None] | None = None

    @property
    def local_host(self) -> str:
        """Where a client on this machine reaches the proxy (a wildcard bind is loopback)."""
        return {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(self.host, self.host)

    @property
    def url(self) -> str:
        host = self.local_host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}"

    @property
    def is_running(self) -> bool:
        return self._runner is not None

    @property
    def token(self) -> str | None:
        """The local token this proxy was given (required when settings.require_token)."""
        return self._token

    async def start(self) -> None:
        """Bind and serve. Raises OSError (e.g. port in use) with the runner cleaned up."""
        runner = web.AppRunner(
            create_app(self.state),
            handle_signals=False,
            handler_cancellation=True,  # a client that goes away cancels its upstream call
            shutdown_timeout=self._grace,
            access_log=None,  # the handlers log one line per request themselves
            # an idle keep-alive connection is closed as soon as a stalled new one would be
            keepalive_timeout=self._header_timeout,
        )
        await runner.setup()
        assert runner.server is not None
        aiohttp_server_log = logging.getLogger("aiohttp.server")
        if _MALFORMED not in aiohttp_server_log.filters:
            aiohttp_server_log.addFilter(_MALFORMED)
        limit = self.max_connections or connection_budget(raise_open_file_limit())
        connections = ConnectionLimit(
            runner.server, limit=limit, header_timeout=self._header_timeout
        )
        try:
            # our own listener instead of a TCPSite: every accepted connection passes the limit
            listener = await asyncio.get_running_loop().create_server(
                connections, self.host, self.requested_port, backlog=_BACKLOG
            )
        except OSError:
            await runner.cleanup()
            raise
        self.state.connections = connections
        self._runner, self._listener = runner, listener
        self.port = listener.sockets[0].getsockname()[1]
        log.info("proxy listening on %s", self.url)
        self._announce()

    async def stop(self) -> None:
        """Stop listening; requests in flight get the grace period to finish."""
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
            self._watcher = None
        if self._runner is not None:
            runner, self._runner = self._runner, None
            self._withdraw()  # first: no client should find a proxy that is going away
            listener, self._listener = self._listener, None
            if listener is not None:
                listener.close()  # no new connections; those open get the grace period
            await runner.cleanup()
            if self.state.connections is not None:
                self.state.connections.clear()
                self.state.connections = None
            log.info("proxy stopped")

    def apply(self, config: Config) -> None:
        """Serve new requests with `config`; requests in flight finish with the old one."""
        settings, old = config.settings, self.state.runtime.config.settings
        if settings.log_level != old.log_level:
            # before the Runtime is built: it decides log_bodies from the level
            logging.getLogger().setLevel(settings.log_level)
        self.state.runtime = Runtime(config, self._token if settings.require_token else None)
        if (settings.host, settings.port) != (old.host, old.port):
            log.warning("the new listen address takes effect when the proxy restarts")

    def set_token(self, token: str) -> None:
        """Require a new local token from the next request on; nothing restarts, so metrics,
        breakers and streams in flight carry on."""
        self._token = token
        redact.remember(token)
        self.state.proof_token = token
        self.apply(self.state.runtime.config)

    def _announce(self) -> None:
        directory, config_path = self._runtime_dir, self.state.config_path
        if directory is None or config_path is None:
            return
        record = discovery.new_record(
            host=self.local_host,
            port=self.port,
            version=__version__,
            config=config_path,
            owner=self._owner,
        )
        try:
            discovery.write_record(directory, record)
        except OSError as exc:  # `run` then falls back to the config's port
            log.warning("cannot write the runtime file in %s: %s", directory, exc)

    def _withdraw(self) -> None:
        if self._runtime_dir is not None and self.state.config_path is not None:
            with contextlib.suppress(OSError):
                discovery.clear_record(self._runtime_dir, self.state.config_path)

    def reload(self) -> bool:
        """Re-read the config file; a broken file leaves the running config untouched."""
        path = self.state.config_path
        if path is None:
            return False
        try:
            loaded = load_config(path, create=False)
        except ConfigError as exc:
            log.error("config not reloaded: %s", exc)
            self.state.observers.config_reloaded(False, str(exc))
            return False
        self.apply(loaded.config)
        log.info("config reloaded from %s", path)
        self.state.observers.config_reloaded(True, str(path))
        return True

    def watch_config(self, interval: float = 1.0) -> None:
        """Reload whenever the config file changes on disk (polling its mtime: portable, cheap),
        and take up a local token regenerated next to it (`switchboard token --regenerate`)."""
        path = self.state.config_path
        if path is None or self._watcher is not None:
            return
        # stamp now, not when the task first runs: a write right after this call must count
        first = _stamp(path), token_stamp(path.parent)
        self._watcher = asyncio.get_running_loop().create_task(self._watch(path, interval, first))

    async def _watch(self, path: Path, interval: float, last: tuple[object, object]) -> None:
        last_config, last_token = last
        while True:
            await asyncio.sleep(interval)
            stamp = _stamp(path)
            if stamp != last_config:
                last_config = stamp
                self.reload()
            tokens = token_stamp(path.parent)
            if tokens != last_token:
                last_token = tokens
                await self._reread_token(path.parent)

    async def _reread_token(self, folder: Path) -> None:
        try:
            # the keyring may block on D-Bus: keep it off the event loop
            token = await asyncio.to_thread(local_token, folder)
        except OSError:  # e.g. the token file cannot be read: the watcher carries on
            log.exception("cannot read the local token; keeping the current one")
            return
        if token != self._token:
            self.set_token(token)
            log.info("the local token was regenerated; requests must now present the new one")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
