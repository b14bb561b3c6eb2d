"""`switchboard proxy start|stop|status` as real processes: a real detached `serve`, its runtime
file as the pid file, and nothing stopped that is not this config's own background proxy."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.paths import state_dir
from app.system.discovery import read_record, record_path
from tests.support.cli import switchboard


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def config(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "config.toml"
    path.write_text(
        textwrap.dedent(
            f"""\
            [settings]
            port = {_free_port()}
            [[providers]]
            name = "gone"
            kind = "openai-chat"
            base_url = "http://127.0.0.1:{_free_port()}/v1"
            api_key = "sk-unused"
            [[profiles]]
            name = "work"
            [profiles.models]
            default = "gone/some-model"
            """
        ),
        encoding="utf-8",
    )
    yield path
    record = read_record(state_dir(), path)  # never leave a background proxy behind
    if record is not None and _alive(record.pid):
        os.kill(record.pid, 15)


def test_status_when_nothing_runs_exits_3(config: Path, tmp_path: Path) -> None:
    result = switchboard("proxy", "status", config=config)
    assert result.returncode == 3
    assert "not running" in result.stdout

    nothing = switchboard("proxy", "status", config=tmp_path / "none.toml")
    assert nothing.returncode == 3
    assert not (tmp_path / "none.toml").exists()


def test_start_status_stop(config: Path) -> None:
    started = switchboard("proxy", "start", config=config)

    assert started.returncode == 0, started.stderr
    record = read_record(state_dir(), config)
    assert record is not None and record.owner == "serve"
    assert _alive(record.pid)
    assert f"started the proxy on {record.url} (pid {record.pid})" in started.stdout
    assert str(record_path(state_dir(), config)) in started.stdout
    log = Path(started.stdout.split("log:")[1].split()[0])
    assert log.exists()

    again = switchboard("proxy", "start", config=config)
    assert again.returncode == 0
    assert f"already running on {record.url} (pid {record.pid})" in again.stdout

    # a request that fails upstream shows in the health
    token = switchboard("token", config=config).stdout.strip()
    request = urllib.request.Request(
        f"{record.url}/proxy/work/v1/messages",
        data=json.dumps(
            {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
        ).encode(),
        headers={"x-api-key": token, "content-type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    refused.value.close()  # its socket: left to the GC it warns in a later test

    status = switchboard("proxy", "status", config=config)
    assert status.returncode == 0, status.stderr
    out = status.stdout
    assert out.startswith("running")
    assert f"address   {record.url}" in out
    assert f"pid {record.pid} (switchboard serve)" in out
    assert "uptime" in out
    assert "profiles  work (default)" in out
    assert "gone: up; last error:" in out

    as_json = json.loads(switchboard("proxy", "status", "--json", config=config).stdout)
    assert (as_json["running"], as_json["pid"], as_json["url"]) == (True, record.pid, record.url)
    assert [p["name"] for p in as_json["profiles"]] == ["work"]

    stopped = switchboard("proxy", "stop", config=config)
    assert stopped.returncode == 0, stopped.stderr
    assert f"stopped the proxy on {record.url} (pid {record.pid})" in stopped.stdout
    deadline = time.monotonic() + 10
    while _alive(record.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(record.pid)
    assert read_record(state_dir(), config) is None
    assert switchboard("proxy", "status", config=config).returncode == 3
    assert "no proxy is running" in switchboard("proxy", "stop", config=config).stdout


TRAY = textwrap.dedent(
    """\
    import asyncio, sys
    from pathlib import Path
    from app.config.paths import state_dir
    from app.config.secrets import local_token
    from app.config.store import load_config
    from app.proxy.server import ProxyServer

    async def main():
        path = Path(sys.argv[1])
        loaded = load_config(path, create=False)
        server = ProxyServer(loaded.config, token=local_token(path.parent), config_path=path,
                             runtime_dir=state_dir(), owner="tray")
        await server.start()
        print("ready", flush=True)
        await asyncio.sleep(120)

    asyncio.run(main())
    """
)


def test_stop_leaves_the_tray_apps_proxy_alone(config: Path, tmp_path: Path) -> None:
    script = tmp_path / "tray.py"
    script.write_text(TRAY, encoding="utf-8")
    tray = subprocess.Popen(
        [sys.executable, str(script), str(config)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert tray.stdout is not None and tray.stdout.readline().strip() == "ready"
        result = switchboard("proxy", "stop", config=config)
        assert result.returncode == 1
        assert "runs inside the tray app" in result.stderr
        assert "quit Switchboard from its tray menu" in result.stderr
        assert tray.poll() is None
        status = switchboard("proxy", "status", config=config)
        assert status.returncode == 0
        assert f"pid {tray.pid} (the tray app)" in status.stdout
    finally:
        tray.kill()
        tray.communicate()  # also closes its pipe


def test_a_foreign_program_on_the_port_is_neither_trusted_nor_stopped(config: Path) -> None:
    port = int(config.read_text(encoding="utf-8").split("port = ")[1].split()[0])
    listener = socket.socket()
    listener.bind(("127.0.0.1", port))
    listener.listen()

    def answer() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")

    threading.Thread(target=answer, daemon=True).start()
    try:
        status = switchboard("proxy", "status", config=config)
        stop = switchboard("proxy", "stop", config=config)
        start = switchboard("proxy", "start", config=config)
    finally:
        listener.close()
    for result in (status, stop, start):
        assert result.returncode == 1
        assert "in use by another program" in result.stderr
    assert read_record(state_dir(), config) is None
