"""Finding a running Switchboard proxy, or starting the real `switchboard serve` behind `run`."""

from __future__ import annotations

import http.server
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.config.secrets import local_token
from app.config.store import LoadedConfig, load_config, log_dir, state_dir
from app.launch.background import PortInUse, RunningProxy, ensure_proxy, find_proxy
from app.launch.claude import LaunchError
from app.system import discovery
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
    body = b'{"service": "something-else"}'
    seen: list[tuple[str, str, dict[str, str]]]  # every request: method, path, headers

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path, dict(self.headers)))
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def do_POST(self) -> None:
        self.seen.append(("POST", self.path, dict(self.headers)))
        self.do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Squatter(_NotSwitchboard):
    """Claims to be Switchboard, as a program after the token would."""

    body = b'{"service": "switchboard", "version": "9.9"}'


@pytest.fixture
def squatter() -> Iterator[tuple[int, list[tuple[str, str, dict[str, str]]]]]:
    seen: list[tuple[str, str, dict[str, str]]] = []
    handler = type("Handler", (_Squatter,), {"seen": seen})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def _config_on(tmp_path: Path, port: int) -> LoadedConfig:
    return load_config(write_config(tmp_path / "cfg" / "config.toml", port))


def test_nothing_listening(tmp_path: Path) -> None:
    assert find_proxy(_config_on(tmp_path, free_port())) is None


def test_another_http_server_on_the_port_is_not_taken_for_the_proxy(tmp_path: Path) -> None:
    handler = type("Handler", (_NotSwitchboard,), {"seen": []})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
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
            find_proxy(_config_on(tmp_path, listener.getsockname()[1]))


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
    if os.name == "posix":  # the user's alone, like every log
        assert stat.S_IMODE(first.started.log_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_dir().stat().st_mode) == 0o700

    second = ensure_proxy(loaded)
    assert second.started is None and second.health["service"] == "switchboard"


def test_a_program_posing_as_switchboard_gets_neither_the_token_nor_a_prompt(
    tmp_path: Path, squatter: tuple[int, list[tuple[str, str, dict[str, str]]]]
) -> None:
    port, seen = squatter
    loaded = _config_on(tmp_path, port)
    token = local_token(loaded.path.parent)
    with pytest.raises(PortInUse, match="does not hold this config's local token"):
        ensure_proxy(loaded)
    assert seen, "it was challenged"
    assert all(method == "GET" and path == "/health" for method, path, _ in seen)
    for _, _, headers in seen:
        assert token not in str(headers)
        assert discovery.CHALLENGE_HEADER in headers


def test_a_proxy_running_on_another_port_is_found_through_its_runtime_file(
    tmp_path: Path, proxies: list[RunningProxy]
) -> None:
    """`serve --port N`: the config says one port, the proxy listens on another."""
    started = ensure_proxy(_config_on(tmp_path / "a", free_port()))
    proxies.append(started)
    other_port = free_port()
    config_path = tmp_path / "a" / "cfg" / "config.toml"
    # the same config file, now saying another port: the proxy did not move
    write_config(config_path, other_port)
    loaded = load_config(config_path)
    found = find_proxy(loaded)
    assert found is not None and found.url == started.url != f"http://127.0.0.1:{other_port}"
    assert found.health["config"] == str(config_path.resolve())
    record = discovery.read_record(state_dir(), config_path)
    assert record is not None and record.version == __version__
    assert record.pid == started.started.process.pid  # type: ignore[union-attr]
    file = discovery.record_path(state_dir(), config_path)
    if os.name == "posix":
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_a_stale_runtime_file_pointing_at_a_squatter_is_ignored(
    tmp_path: Path, squatter: tuple[int, list[tuple[str, str, dict[str, str]]]]
) -> None:
    port, seen = squatter
    loaded = _config_on(tmp_path, free_port())
    record = discovery.new_record(host="127.0.0.1", port=port, version="0", config=loaded.path)
    discovery.write_record(state_dir(), record)
    assert find_proxy(loaded) is None  # nothing on the config's port; the squatter is not it
    assert seen and all(path == "/health" for _, path, _ in seen)


def test_a_serve_that_cannot_start_is_reported_with_its_log(tmp_path: Path) -> None:
    with socket.socket() as blocker:  # bound, not listening: connects are refused
        blocker.bind(("127.0.0.1", 0))
        loaded = _config_on(tmp_path, blocker.getsockname()[1])
        with pytest.raises(
            LaunchError, match=r"(?s)the proxy stopped while starting.*cannot listen"
        ):
            ensure_proxy(loaded)
