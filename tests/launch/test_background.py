"""Finding a running Switchboard proxy, or starting the real `switchboard serve` behind `run`."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.store import LoadedConfig, load_config, log_dir
from app.launch.background import PortInUse, RunningProxy, ensure_proxy, read_health
from app.launch.claude import LaunchError
from tests.launch.fakes import free_port, write_config


@pytest.fixture
def proxies() -> Iterator[list[RunningProxy]]:
    """Background proxies a test started are stopped afterwards (they outlive `run` by design)."""
    running: list[RunningProxy] = []
    yield running
    for proxy in running:
        if proxy.started is not None:
            proxy.started.process.terminate()
            proxy.started.process.wait(timeout=10)


class _NotSwitchboard(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"service": "something-else"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _config_on(tmp_path: Path, port: int) -> LoadedConfig:
    return load_config(write_config(tmp_path / "cfg" / "config.toml", port))


def test_nothing_listening(tmp_path: Path) -> None:
    assert read_health(_config_on(tmp_path, free_port()).config.settings) is None


def test_another_http_server_on_the_port_is_not_taken_for_the_proxy(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _NotSwitchboard)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        loaded = _config_on(tmp_path, server.server_address[1])
        with pytest.raises(PortInUse, match=r"in use by another program \(not a Switchboard"):
            ensure_proxy(loaded)
    finally:
        server.shutdown()
        server.server_close()


def test_a_silent_listener_on_the_port_is_reported(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with pytest.raises(PortInUse, match="in use by another program"):
            read_health(_config_on(tmp_path, listener.getsockname()[1]).config.settings)


def test_starts_serve_in_the_background_once(tmp_path: Path, proxies: list[RunningProxy]) -> None:
    loaded = _config_on(tmp_path, free_port())
    first = ensure_proxy(loaded)
    proxies.append(first)
    assert first.started is not None and first.started.process.poll() is None
    assert first.health["service"] == "switchboard"
    assert first.health["config"] == str(loaded.path.resolve())
    assert first.serves("mixed") and not first.serves("nope")
    assert first.started.log_path == log_dir() / "proxy-background.log"
    assert "proxy on http://127.0.0.1" in first.started.log_path.read_text()

    second = ensure_proxy(loaded)
    assert second.started is None and second.health["service"] == "switchboard"


def test_a_serve_that_cannot_start_is_reported_with_its_log(tmp_path: Path) -> None:
    with socket.socket() as blocker:  # bound, not listening: connects are refused
        blocker.bind(("127.0.0.1", 0))
        loaded = _config_on(tmp_path, blocker.getsockname()[1])
        with pytest.raises(
            LaunchError, match=r"(?s)the proxy stopped while starting.*cannot listen"
        ):
            ensure_proxy(loaded)
