"""`switchboard` with no command: the real app in a child process (offscreen, no X needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.ui.app_process import (
    ROOT,
    app_env,
    free_port,
    health,
    second_launch,
    start_app,
    stop,
    wait_for_health,
    write_port_config,
)


def test_the_app_serves_hands_a_second_launch_over_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    config = write_port_config(tmp_path / "config.toml", port)
    env = app_env(QT_QPA_PLATFORM="offscreen")
    first = start_app(config, env)
    try:
        answer = wait_for_health(first, port)
        assert answer["service"] == "switchboard"
        second = second_launch(config, env)
        assert "already running" in second.stderr
    finally:
        code, output = stop(first)
    assert code == 0, output
    assert "another launch asked for the settings window" in output
    assert "proxy stopped" in output
    assert health(port) is None


def test_with_no_display_at_all_the_headless_proxy_runs_instead(tmp_path: Path) -> None:
    port = free_port()
    config = write_port_config(tmp_path / "config.toml", port)
    env = app_env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    process = start_app(config, env)
    try:
        wait_for_health(process, port)
    finally:
        code, output = stop(process)
    assert code == 0, output
    assert "no display (DISPLAY and WAYLAND_DISPLAY are unset); running the headless proxy" in (
        output
    )


def test_other_commands_never_import_qt() -> None:
    script = (
        "import sys; from app.main import main; main(['config', 'path']); "
        "sys.exit(1 if 'PySide6' in sys.modules else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
