"""`switchboard run` and `switchboard env` as the user runs them (real processes, the real
`switchboard serve` started in the background, a stand-in `claude` first on PATH)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.store import LoadedConfig
from app.launch.env import profile_environment
from tests.launch.fakes import TRICKY, make_fake_claude, wait_for_record

STARTED = re.compile(
    r"started the Switchboard proxy in the background on (http://\S+) \(pid (\d+)\), log: (.+)"
)


@pytest.fixture
def background_pids() -> Iterator[list[int]]:
    """The proxies `run` started outlive it by design: stop them after the test."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)


def _alive(pid: int) -> bool:
    """The proxy is an orphan (its parent became claude, then exited): ask /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def _switchboard(
    config: Path, *args: str, path: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": path,
        "ANTHROPIC_API_KEY": "sk-real-key-must-not-leak",
        "DS_KEY": "sk-deepseek-key-for-the-proxy-only",  # api_key = "env:DS_KEY"
    }
    env.pop("SWITCHBOARD_CLAUDE", None)
    return subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=40,
    )


def test_run_starts_the_proxy_and_runs_claude_with_the_profile(
    loaded: LoadedConfig, tmp_path: Path, background_pids: list[int]
) -> None:
    record = tmp_path / "record.json"
    bin_dir = tmp_path / "bin"
    make_fake_claude(bin_dir, record, exit_code=7)
    workdir = tmp_path / "project ü"
    workdir.mkdir()
    path = f"{bin_dir}:/usr/bin:/bin"

    result = _switchboard(
        loaded.path, "run", "mixed", "-C", str(workdir), "--", "--version", TRICKY, path=path
    )

    started = STARTED.search(result.stderr)
    assert started, result.stderr
    url, pid = started.group(1), int(started.group(2))
    background_pids.append(pid)
    assert result.returncode == 7  # claude's own exit status
    data = wait_for_record(record)
    expected = profile_environment(loaded, "mixed").values
    assert {k: data["env"].get(k) for k in expected} == expected
    assert "ANTHROPIC_API_KEY" not in data["env"]
    assert "DS_KEY" not in data["env"]  # the provider's key stays with the proxy
    assert data["argv"] == ["--version", TRICKY]
    assert data["cwd"] == str(workdir)
    assert url == f"http://127.0.0.1:{loaded.config.settings.port}"
    with urllib.request.urlopen(url + "/health", timeout=5) as response:
        assert json.load(response)["service"] == "switchboard"
    assert Path(started.group(3)).is_file()

    # The proxy is found running the second time; -m picks the main model.
    record.unlink()
    again = _switchboard(loaded.path, "run", "mixed", "-m", "deepseek-reasoner", path=path)
    assert again.returncode == 7 and "started" not in again.stderr, again.stderr
    data = wait_for_record(record)
    assert data["env"]["ANTHROPIC_MODEL"] == "deepseek-reasoner"
    assert data["argv"] == []


def test_run_without_claude_names_the_install_command(loaded: LoadedConfig, tmp_path: Path) -> None:
    result = _switchboard(loaded.path, "run", "mixed", path=str(tmp_path))
    assert result.returncode == 1
    assert "npm install -g @anthropic-ai/claude-code" in result.stderr
    assert "started the Switchboard proxy" not in result.stderr  # nothing started for nothing


def test_run_unknown_profile(loaded: LoadedConfig, tmp_path: Path) -> None:
    result = _switchboard(loaded.path, "run", "nope", path=str(tmp_path))
    assert result.returncode == 1
    assert "no profile named 'nope' (profiles: mixed, native, shared)" in result.stderr


def test_env_output_evaluated_by_bash_gives_the_profile_environment(
    loaded: LoadedConfig, tmp_path: Path
) -> None:
    result = _switchboard(loaded.path, "env", "mixed", "--shell", "bash", path="/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    shell = subprocess.run(
        ["bash", "-c", result.stdout + "env -0"],
        env={"ANTHROPIC_API_KEY": "sk-x", "DS_KEY": "sk-ds", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    env = dict(item.split("=", 1) for item in shell.stdout.decode().split("\0") if item)
    expected = profile_environment(loaded, "mixed").values
    assert {k: env.get(k) for k in expected} == expected
    assert "ANTHROPIC_API_KEY" not in env
    assert "DS_KEY" not in env


def test_run_and_env_find_a_serve_started_on_another_port(
    loaded: LoadedConfig, tmp_path: Path
) -> None:
    """`serve --port N` for the same config: `env` prints N and `run` uses it, starting nothing."""
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "--config",
            str(loaded.path),
            "serve",
            "--port",
            "0",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stderr is not None
        line = serve.stderr.readline()
        found = re.search(r"proxy on (http://\S+)", line)
        assert found, line
        url = found.group(1)
        assert url != f"http://127.0.0.1:{loaded.config.settings.port}"

        env = _switchboard(loaded.path, "env", "mixed", "--shell", "bash", path="/usr/bin:/bin")
        assert env.returncode == 0, env.stderr
        assert f"export ANTHROPIC_BASE_URL={url}/proxy/mixed\n" in env.stdout

        record = tmp_path / "record.json"
        bin_dir = tmp_path / "bin"
        make_fake_claude(bin_dir, record)
        result = _switchboard(loaded.path, "run", "mixed", path=f"{bin_dir}:/usr/bin:/bin")
        assert result.returncode == 0, result.stderr
        assert "started" not in result.stderr
        assert wait_for_record(record)["env"]["ANTHROPIC_BASE_URL"] == f"{url}/proxy/mixed"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.communicate(timeout=15)
    # stopped: its runtime file is gone, and `env` falls back to the configured port
    env = _switchboard(loaded.path, "env", "mixed", "--shell", "bash", path="/usr/bin:/bin")
    port = loaded.config.settings.port
    assert f"export ANTHROPIC_BASE_URL=http://127.0.0.1:{port}/proxy/mixed\n" in env.stdout
