"""The PyInstaller bundle (build.spec), built into a temp dir: its `serve` answers /health."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from app import __version__
from app.config.secrets import local_token
from tests.launch.fakes import free_port, write_config

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


def _health(url: str, token: str) -> dict[str, object] | None:
    request = urllib.request.Request(url + "/health", headers={"x-api-key": token})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            data: dict[str, object] = json.load(response)
            return data
    except (urllib.error.URLError, ConnectionError):
        return None


def test_frozen_bundle_serves_health(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
         str(ROOT / "build.spec")],
        capture_output=True, text=True, timeout=360,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = tmp_path / "dist" / "switchboard"
    internal = bundle / "_internal"
    assert (internal / "resources" / "icons" / "app" / "switchboard.svg").is_file()
    assert (internal / "certifi" / "cacert.pem").is_file()
    # the Chinese UI: our catalogue and Qt's own (dialog buttons)
    assert (internal / "resources" / "i18n" / "switchboard_zh_CN.ts").is_file()
    assert list(internal.rglob("qtbase_zh_CN.qm")), "Qt's Chinese catalogue is not bundled"
    for distribution in ("aiohttp", "qasync", "pyside6_essentials", "switchboard"):
        assert list(internal.glob(f"{distribution}[-.]*info")), f"no metadata for {distribution}"

    # Qt's GTK3 theme plugin and the GTK stack only it needs are left out; the rest is stripped
    names = {p.name for p in internal.rglob("*") if p.is_file()}
    for left_out in ("libqgtk3.so", "libgtk-3.so.0", "libcairo.so.2", "libpango-1.0.so.0"):
        assert left_out not in names
    elves = [p for p in internal.rglob("*.so*") if p.is_file()]
    needed = set()
    for path in elves:
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
        needed |= set(re.findall(r"Shared library: \[(.*?)\]", dynamic.stdout))
    assert not {n for n in needed if n.startswith(("libgtk-3", "libcairo", "libpango"))}
    core = next(p for p in elves if p.name == "libQt6Core.so.6")
    sections = subprocess.run(["readelf", "-S", str(core)], capture_output=True, text=True)
    assert ".symtab" not in sections.stdout  # stripped

    version = subprocess.run(
        [str(bundle / "switchboard"), "--version"], capture_output=True, text=True, timeout=30
    )
    assert version.stdout.strip() == f"switchboard {__version__}"

    port = free_port()
    config = write_config(tmp_path / "cfg" / "config.toml", port)
    server = subprocess.Popen(
        [str(bundle / "switchboard"), "--config", str(config), "serve", "--no-log-file"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        health = None
        while health is None and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
            health = _health(f"http://127.0.0.1:{port}", local_token(config.parent))
        assert health is not None, f"no /health (exit {server.poll()})"
        assert health["service"] == "switchboard" and health["version"] == __version__
        assert [p["name"] for p in health["profiles"]] == ["mixed", "native", "shared"]  # type: ignore[union-attr,index]
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=20)
    assert server.returncode == 0, errors.decode(errors="replace")
