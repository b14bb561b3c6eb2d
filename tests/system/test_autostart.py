"""Start at login. The Linux entry round-trips on disk here; the macOS LaunchAgent is plain file
I/O and round-trips too; the Windows Run key goes through winreg, which cannot run here, so a
dictionary stands in for the registry and the value written is checked exactly."""

from __future__ import annotations

import configparser
import plistlib
import sys
from pathlib import Path

import pytest

from app.main import main
from app.system.autostart import (
    LaunchAgent,
    LoginCommand,
    RunKeyAutostart,
    XdgAutostart,
    autostart_for,
    desktop_exec,
    login_command,
)
from app.system.resources import resource

ROOT = Path(__file__).resolve().parents[2]


class FakeRunKey:
    """Stands in for HKCU\\...\\Run (winreg exists only on Windows)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def read(self, name: str) -> str | None:
        return self.values.get(name)

    def write(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> bool:
        return self.values.pop(name, None) is not None


def test_login_command_from_source_runs_the_package() -> None:
    command = login_command(("--config", "/c/config.toml"))
    assert command == LoginCommand(
        (sys.executable, "-m", "app", "--config", "/c/config.toml"), ROOT
    )


def test_login_command_when_frozen_runs_the_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/switchboard/switchboard")
    assert login_command() == LoginCommand(("/opt/switchboard/switchboard",))


def test_xdg_entry_round_trip(tmp_path: Path) -> None:
    entry = autostart_for("linux", {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "x")})
    assert isinstance(entry, XdgAutostart)
    assert entry.path == tmp_path / "x" / "autostart" / "switchboard.desktop"
    assert not entry.is_enabled()
    entry.enable(LoginCommand(("/opt/switchboard/switchboard",)))
    assert entry.is_enabled()
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str  # type: ignore[assignment,method-assign]
    parsed.read(entry.path)
    assert dict(parsed["Desktop Entry"]) == {
        "Type": "Application",
        "Name": "Switchboard",
        "Comment": "Run Claude Code on any model provider",
        "Exec": "/opt/switchboard/switchboard",
        "TryExec": "/opt/switchboard/switchboard",
        "Icon": str(resource("icons", "app", "switchboard-256.png")),
        "Terminal": "false",
        "X-GNOME-Autostart-enabled": "true",
    }
    assert Path(parsed["Desktop Entry"]["Icon"]).is_file()
    assert entry.disable() and not entry.path.exists() and not entry.is_enabled()
    assert not entry.disable()


def test_xdg_entry_hidden_by_the_desktop_counts_as_disabled(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    entry.enable(LoginCommand(("/usr/bin/switchboard",)))
    entry.path.write_text(entry.path.read_text() + "Hidden=true\n")
    assert not entry.is_enabled()


def test_relative_xdg_config_home_is_ignored(tmp_path: Path) -> None:
    entry = autostart_for("linux", {"HOME": str(tmp_path), "XDG_CONFIG_HOME": "rel/dir"})
    assert entry.location == str(tmp_path / ".config" / "autostart" / "switchboard.desktop")


def test_xdg_entry_from_source_sets_the_working_directory() -> None:
    text = XdgAutostart.content(LoginCommand(("/usr/bin/python3", "-m", "app"), ROOT), Path("/i"))
    assert "Exec=/usr/bin/python3 -m app\n" in text
    assert f"Path={ROOT}\n" in text


def test_desktop_exec_quoting() -> None:
    # Desktop Entry spec: quote arguments with reserved characters, backslash-escape " ` $ \
    # inside the quotes, then escape every backslash again (string value); % becomes %%.
    argv = ["/opt/My Apps/switchboard", "--config", '/home/zoë/a "b" $c \\d 100%.toml']
    assert desktop_exec(argv) == (
        '"/opt/My Apps/switchboard" --config "/home/zoë/a \\\\"b\\\\" \\\\$c \\\\\\\\d 100%%.toml"'
    )


def test_launch_agent_content_and_round_trip(tmp_path: Path) -> None:
    entry = autostart_for("darwin", {"HOME": str(tmp_path)})
    assert isinstance(entry, LaunchAgent)
    assert entry.path == tmp_path / "Library/LaunchAgents/dev.switchboard.Switchboard.plist"
    command = LoginCommand(("/Applications/Switchboard.app/Contents/MacOS/switchboard",))
    assert plistlib.loads(LaunchAgent.content(command)) == {
        "Label": "dev.switchboard.Switchboard",
        "ProgramArguments": ["/Applications/Switchboard.app/Contents/MacOS/switchboard"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert LaunchAgent.content(command).startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    entry.enable(command)
    assert entry.is_enabled()
    assert entry.disable() and not entry.is_enabled()


def test_launch_agent_from_source_sets_the_working_directory() -> None:
    command = LoginCommand(("/usr/bin/python3", "-m", "app"), ROOT)
    agent = plistlib.loads(LaunchAgent.content(command))
    assert agent["WorkingDirectory"] == str(ROOT)
    assert agent["ProgramArguments"] == ["/usr/bin/python3", "-m", "app"]


def test_windows_run_value_round_trip() -> None:
    registry = FakeRunKey()
    entry = RunKeyAutostart(registry)
    assert entry.location == "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Switchboard"
    assert not entry.is_enabled()
    exe = r"C:\Program Files\Switchboard\switchboard.exe"
    entry.enable(LoginCommand((exe, "--config", r"C:\Users\Zoë\my config\config.toml")))
    assert registry.values == {
        "Switchboard": (
            '"C:\\Program Files\\Switchboard\\switchboard.exe" '
            '--config "C:\\Users\\Zoë\\my config\\config.toml"'
        )
    }
    assert entry.is_enabled()
    entry.enable(LoginCommand((r"C:\Apps\switchboard.exe",)))
    assert registry.values == {"Switchboard": '"C:\\Apps\\switchboard.exe"'}
    assert entry.disable() and registry.values == {} and not entry.disable()


def test_cli_enable_status_disable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # isolated_dirs (tests/conftest.py) points XDG_CONFIG_HOME into this test's tmp dir
    assert main(["autostart", "status"]) == 0
    assert "start at login: disabled" in capsys.readouterr().out
    config = tmp_path / "my config.toml"
    assert main(["--config", str(config), "autostart", "enable"]) == 0
    out = capsys.readouterr().out
    assert "Switchboard will start at login" in out and str(config) in out
    assert main(["autostart", "status"]) == 0
    assert "start at login: enabled" in capsys.readouterr().out
    desktop = autostart_for()
    assert isinstance(desktop, XdgAutostart)
    assert f'--config "{config}"' in desktop.path.read_text()
    assert main(["autostart", "disable"]) == 0
    assert "no longer start at login" in capsys.readouterr().out
    assert not desktop.path.exists()
