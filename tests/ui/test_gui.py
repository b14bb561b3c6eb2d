"""The real app under Xvfb with a real tray host (trayer): icon, menu, quit, second launch."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.app_process import (
    app_env,
    free_port,
    health,
    second_launch,
    start_app,
    stop,
    wait_for_health,
    write_port_config,
)
from tests.ui.x_session import XSession, missing_tools, x_session

pytestmark = pytest.mark.gui


@pytest.fixture
def x() -> Iterator[XSession]:
    if missing := missing_tools():  # CI installs them (.ci/setup test): fail loudly there
        pytest.fail(f"the GUI tests need {', '.join(missing)} (run .ci/setup test)")
    with x_session() as session:
        yield session


def test_tray_menu_quit_stops_the_app_and_its_proxy(x: XSession, tmp_path: Path) -> None:
    port = free_port()
    config = write_port_config(tmp_path / "config.toml", port)
    app = start_app(config, app_env(**x.env))
    try:
        wait_for_health(app, port)
        cx, cy = x.wait_for_tray_icon()
        time.sleep(0.5)  # let the icon settle before clicking it
        x.run("xdotool", "mousemove", str(cx), str(cy), "click", "3")
        time.sleep(0.8)
        # Up from no selection picks the menu's last entry: "Quit Switchboard"
        x.run("xdotool", "key", "Up", "Return")
        app.wait(timeout=15)
    finally:
        code, output = stop(app)
    assert code == 0, output
    assert "proxy stopped" in output
    assert health(port) is None


def test_a_second_launch_exits_and_brings_the_settings_window_up(
    x: XSession, tmp_path: Path
) -> None:
    port = free_port()
    config = write_port_config(tmp_path / "config.toml", port)
    with config.open("a", encoding="utf-8") as file:  # a provider: no first-run window at start
        file.write(
            '\n[[providers]]\nname = "p"\nkind = "anthropic"\nbase_url = "http://127.0.0.1:9"\n'
        )
    env = app_env(**x.env)
    app = start_app(config, env)
    try:
        wait_for_health(app, port)
        x.wait_for_tray_icon()
        assert x.visible_windows("Switchboard Settings") == []
        second_launch(config, env)
        deadline = time.monotonic() + 10
        while not x.visible_windows("Switchboard Settings"):
            assert time.monotonic() < deadline, "the settings window did not come up"
            time.sleep(0.2)
    finally:
        code, output = stop(app)
    assert code == 0, output
