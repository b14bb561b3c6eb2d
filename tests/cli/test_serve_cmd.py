"""`switchboard serve` as a real process: first run, broken config, clean stop."""

from __future__ import annotations

import json
import re
import signal
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app import __version__
from app.config.store import state_dir
from app.system import discovery


def _switchboard(*args: str, config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_url(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if match := re.search(r"proxy on (http://\S+)", line):
            return match.group(1)
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"serve did not start (exit {process.poll()})")


def test_fresh_machine_serve_creates_default_config_and_serves_health(tmp_path: Path) -> None:
    config = tmp_path / "fresh" / "config.toml"
    process = _switchboard("serve", "--port", "0", "--no-log-file", config=config)
    try:
        url = _wait_for_url(process)
        with urllib.request.urlopen(url + "/health", timeout=5) as response:
            health = json.load(response)
        assert health["service"] == "switchboard"
        assert config.exists() and "[settings]" in config.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)  # also closes the pipes
    assert process.returncode == 0


def test_broken_config_exits_non_zero_naming_line_and_field(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = b'[settings]\nport = "not a number"\n'
    config.write_bytes(original)
    process = _switchboard("serve", "--port", "0", "--no-log-file", config=config)
    _, err = process.communicate(timeout=20)
    assert process.returncode != 0
    assert f"{config}:2" in err and "settings.port" in err
    assert config.read_bytes() == original


def test_syntax_error_exits_non_zero_with_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = b"[[providers]\nname = 'x'\n"
    config.write_bytes(original)
    result = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "serve", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode != 0
    assert f"{config}:1" in result.stderr and "syntax" in result.stderr
    assert config.read_bytes() == original


@pytest.mark.parametrize("verb", ["path", "show", "validate"])
def test_config_verbs(tmp_path: Path, verb: str) -> None:
    config = tmp_path / "config.toml"
    subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "config", "show"],
        check=True,
        capture_output=True,
        timeout=20,
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "config", verb],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    expected = {"path": str(config), "show": "[settings]", "validate": "OK (0 providers"}[verb]
    assert expected in result.stdout


def test_serve_help_describes_it_and_shows_the_default_port(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(tmp_path / "c.toml"), "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "without the tray app" in text
    assert "settings.port, 17355" in text


def test_serve_announces_itself_in_a_private_runtime_file_and_removes_it_on_stop(
    tmp_path: Path,
) -> None:
    config = tmp_path / "fresh" / "config.toml"
    process = _switchboard("serve", "--port", "0", "--no-log-file", config=config)
    try:
        url = _wait_for_url(process)
        record = discovery.read_record(state_dir(), config)
        assert record is not None
        assert (record.pid, record.url, record.version) == (process.pid, url, __version__)
        assert record.config == str(config.resolve())
        file = discovery.record_path(state_dir(), config)
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    assert process.returncode == 0
    assert not file.exists()
