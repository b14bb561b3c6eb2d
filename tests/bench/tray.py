"""The tray app's start and its idle memory: how long from `switchboard` to an icon, and how
much it holds while it sits there.

Run offscreen (no display needed), with a config that has a provider and a profile, so no
first-run window opens. The icon is shown before the proxy starts listening, and the proxy
announces itself in its runtime file as soon as it listens: the file's appearance marks the
moment the icon is up and the app is ready. RSS is read from /proc after a few idle seconds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.procs import BenchError

CONFIG = """
[settings]
port = {port}

[[providers]]
name = "local"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"

[[profiles]]
name = "work"
[profiles.models]
default = "local/model"
"""


def measure_tray(work: Path, app_root: Path, *, idle_s: float) -> dict[str, float]:
    """{"time_to_icon_s", "idle_rss_mb"} of one start of the tray app."""
    home = work / "tray-home"
    config = home / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG.format(port=_free_port()), encoding="utf-8")
    state = home / "state"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_STATE_HOME": str(state),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # the token in a file
        "PYTHONPATH": str(app_root),
    }
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--config", str(config)],
        cwd=app_root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        ready = None
        while ready is None and time.monotonic() - began < 60:
            if process.poll() is not None:
                raise BenchError(f"the tray app exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            if any(state.rglob("proxy-*.json")):
                ready = time.monotonic() - began
            else:
                time.sleep(0.01)
        if ready is None:
            raise BenchError("the tray app did not come up within 60 s")
        time.sleep(idle_s)
        rss_kb = _rss_kb(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
    return {"time_to_icon_s": ready, "idle_rss_mb": rss_kb / 1024}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _rss_kb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return float(line.split()[1])
    raise BenchError("no VmRSS for the tray app")
