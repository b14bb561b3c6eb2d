"""Running the real `switchboard` app as a child process, for the smoke tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def write_port_config(path: Path, port: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[settings]\nport = {port}\n", encoding="utf-8")
    return path


def app_env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def start_app(config: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--config", str(config), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def health(port: int) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as response:
            data: dict[str, Any] = json.loads(response.read())
            return data
    except OSError:
        return None


def wait_for_health(process: subprocess.Popen[str], port: int) -> dict[str, Any]:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if (found := health(port)) is not None:
            return found
        if process.poll() is not None:
            raise AssertionError(f"the app exited early:\n{process.communicate()[0]}")
        time.sleep(0.1)
    process.kill()
    raise AssertionError(f"no /health on {port}:\n{process.communicate()[0]}")


def stop(process: subprocess.Popen[str], timeout: float = 15.0) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise AssertionError(f"the app did not stop on SIGTERM:\n{output}") from None
    return process.returncode, output


def second_launch(config: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `switchboard` again while one is running; it must hand over and exit quickly."""
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started < 10  # mostly Python + Qt start-up
    return second
