"""Find a running Switchboard proxy, or start `switchboard serve` in the background.

`switchboard run` needs a proxy to talk to. A tray app or a `serve` may already listen on the
configured port: its `/health` says `"service": "switchboard"`. Otherwise a detached `serve`
is started (it outlives `run`, so the next `run` finds it) with its output in a log file.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from app.config.schema import Settings
from app.config.store import LoadedConfig, log_dir
from app.launch.claude import LaunchError
from app.launch.env import local_host, proxy_url
from app.system.resources import is_frozen

LOG_NAME = "proxy-background.log"
PROBE_TIMEOUT_S = 0.5
START_TIMEOUT_S = 10.0
# Windows: no console window, and the user's Ctrl-C in this console does not reach it.
_WINDOWS_DETACHED = 0x08000000 | 0x00000200  # CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP


class PortInUse(LaunchError):
    """Something that is not a Switchboard proxy answers on the configured port."""


@dataclass(frozen=True)
class StartedProxy:
    process: subprocess.Popen[bytes]
    log_path: Path


@dataclass(frozen=True)
class RunningProxy:
    url: str
    health: dict[str, Any]
    started: StartedProxy | None  # None: it was already running

    def serves(self, profile: str) -> bool:
        profiles = self.health.get("profiles")
        if not isinstance(profiles, list):
            return True  # an answer without the list cannot tell
        names = {p.get("name") if isinstance(p, dict) else p for p in profiles}
        return profile in names


def read_health(settings: Settings, timeout: float = PROBE_TIMEOUT_S) -> dict[str, Any] | None:
    """The proxy's /health answer; None when nothing listens. Raises PortInUse."""
    where = f"{local_host(settings)}:{settings.port}"
    connection = http.client.HTTPConnection(
        local_host(settings).strip("[]"), settings.port, timeout=timeout
    )
    try:
        try:
            connection.connect()
        except OSError:
            return None
        connection.request("GET", "/health", headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read(1_000_000)
    except (OSError, http.client.HTTPException) as exc:
        raise PortInUse(f"{where} is in use by another program ({exc!r})") from exc
    finally:
        connection.close()
    try:
        health = orjson.loads(body)
    except orjson.JSONDecodeError:
        health = None
    if response.status != 200 or not isinstance(health, dict):
        raise PortInUse(f"{where} is in use by another program (HTTP {response.status})")
    if health.get("service") != "switchboard":
        raise PortInUse(f"{where} is in use by another program (not a Switchboard proxy)")
    return health


def serve_command(config_path: Path) -> list[str]:
    """`switchboard --config PATH serve`: the frozen executable, or this Python from source."""
    program = [sys.executable] if is_frozen() else [sys.executable, "-m", "app"]
    # --quiet: the rotating log file has everything; no copy on the console log
    return [*program, "--config", str(config_path), "serve", "--quiet"]


def ensure_proxy(loaded: LoadedConfig, *, timeout: float = START_TIMEOUT_S) -> RunningProxy:
    """The Switchboard proxy on the configured port, started in the background if need be."""
    settings = loaded.config.settings
    url = proxy_url(settings)
    health = read_health(settings)
    if health is not None:
        return RunningProxy(url, health, None)
    started = _start(loaded)
    deadline = time.monotonic() + timeout
    while True:
        try:
            health = read_health(settings)
        except PortInUse:
            health = None  # a port bound but not answering yet: keep waiting
        if health is not None:
            alive = started.process.poll() is None
            return RunningProxy(url, health, started if alive else None)
        if started.process.poll() is not None:
            raise LaunchError(
                f"the proxy stopped while starting (exit status {started.process.returncode})."
                f"{_tail(started.log_path)}"
            )
        if time.monotonic() > deadline:
            started.process.terminate()
            started.process.wait()
            raise LaunchError(
                f"the proxy did not answer on {url} within {timeout:.0f} s."
                + _tail(started.log_path)
            )
        time.sleep(0.1)


def _start(loaded: LoadedConfig) -> StartedProxy:
    log_path = log_dir() / LOG_NAME
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # From source, `-m app` must import from the project folder whatever the user's cwd is.
    cwd = Path(sys.executable).parent if is_frozen() else Path(__file__).resolve().parents[2]
    detach: dict[str, Any] = (
        {"creationflags": _WINDOWS_DETACHED}
        if sys.platform == "win32"
        else {"start_new_session": True}
    )
    with log_path.open("wb") as log_file:  # one run's output: the rotating log keeps history
        process = subprocess.Popen(
            serve_command(loaded.path.resolve()),
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            **detach,
        )
    return StartedProxy(process, log_path)


def _tail(log_path: Path, lines: int = 12) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    last = "\n".join("    " + line for line in text.splitlines()[-lines:])
    return f" Its log ({log_path}) ends with:\n{last}" if last else f" Log: {log_path}"
