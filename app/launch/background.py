"""Find the running Switchboard proxy, or start `switchboard serve` in the background.

`switchboard run` needs a proxy to talk to. A tray app or a `serve` may already run for this
config: it announces its address in a runtime file (`app.system.discovery`), else it is looked
for on the configured port. Either way it must answer the token-backed challenge before it is
sent the token or a prompt. Otherwise a detached `serve` is started (it outlives `run`, so the
next `run` finds it) with its output in a log file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config.secrets import local_token
from app.config.store import LoadedConfig, log_dir, state_dir
from app.launch.claude import LaunchError
from app.launch.env import local_host, proxy_url
from app.system import discovery
from app.system.logs import open_private, private_dir
from app.system.resources import is_frozen

LOG_NAME = "proxy-background.log"
START_TIMEOUT_S = 10.0
# Windows: no console window, and the user's Ctrl-C in this console does not reach it.
_WINDOWS_DETACHED = 0x08000000 | 0x00000200  # CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP


class PortInUse(LaunchError):
    """Something that cannot prove it is this config's Switchboard proxy has the port."""


@dataclass(frozen=True)
class StartedProxy:
    process: subprocess.Popen[bytes]
    log_path: Path


@dataclass(frozen=True)
class RunningProxy:
    url: str
    health: dict[str, Any]  # its full /health (asked with the token, after the challenge)
    started: StartedProxy | None  # None: it was already running

    def serves(self, profile: str) -> bool:
        profiles = self.health.get("profiles")
        if not isinstance(profiles, list):
            return True  # an answer without the list cannot tell
        names = {p.get("name") if isinstance(p, dict) else p for p in profiles}
        return profile in names


def find_proxy(loaded: LoadedConfig, token: str | None = None) -> RunningProxy | None:
    """The proxy serving this config, verified by the challenge: the announced one, else the
    one on the configured port. None when nothing listens. Raises PortInUse when the configured
    port is held by something that cannot prove it holds the local token."""
    token = token if token is not None else local_token(loaded.path.parent)
    settings = loaded.config.settings
    host, port = local_host(settings).strip("[]"), settings.port
    record = discovery.read_record(state_dir(), loaded.path)
    if record is not None and (record.host, record.port) != (host, port):
        found = discovery.probe(record.host, record.port, token)
        if found.verdict == "verified":
            return RunningProxy(record.url, discovery.health(record.host, record.port, token), None)
    found = discovery.probe(host, port, token)
    where = f"{local_host(settings)}:{port}"
    if found.verdict == "absent":
        return None
    if found.verdict == "foreign":
        raise PortInUse(f"{where} is in use by another program ({found.detail})")
    if found.verdict == "other-switchboard":
        raise PortInUse(
            f"{where} is in use by {found.detail}; stop that proxy, or give this config "
            "another port"
        )
    return RunningProxy(proxy_url(settings), discovery.health(host, port, token), None)


def serve_command(config_path: Path) -> list[str]:
    """`switchboard --config PATH serve`: the frozen executable, or this Python from source."""
    program = [sys.executable] if is_frozen() else [sys.executable, "-m", "app"]
    # --quiet: the rotating log file has everything; no copy on the console log
    return [*program, "--config", str(config_path), "serve", "--quiet"]


def ensure_proxy(loaded: LoadedConfig, *, timeout: float = START_TIMEOUT_S) -> RunningProxy:
    """The Switchboard proxy serving this config, started in the background if need be."""
    token = local_token(loaded.path.parent)
    url = proxy_url(loaded.config.settings)
    running = find_proxy(loaded, token)
    if running is not None:
        return running
    started = _start(loaded)
    deadline = time.monotonic() + timeout
    while True:
        try:
            running = find_proxy(loaded, token)
        except PortInUse:
            running = None  # a port bound but not answering yet: keep waiting
        if running is not None:
            alive = started.process.poll() is None
            return RunningProxy(running.url, running.health, started if alive else None)
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
    log_path = private_dir(log_dir()) / LOG_NAME
    # From source, `-m app` must import from the project folder whatever the user's cwd is.
    cwd = Path(sys.executable).parent if is_frozen() else Path(__file__).resolve().parents[2]
    detach: dict[str, Any] = (
        {"creationflags": _WINDOWS_DETACHED}
        if sys.platform == "win32"
        else {"start_new_session": True}
    )
    # one run's output (the rotating log keeps history), private like every log file
    with open_private(log_path, append=False) as log_file:
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
