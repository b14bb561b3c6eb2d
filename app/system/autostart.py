"""Start the tray app at login: XDG autostart (Linux), a LaunchAgent (macOS), the Run key (Windows).

Each entry runs the frozen executable, or this Python with `-m app` when running from source.
Nothing is loaded now: the entry takes effect at the next login.
"""

from __future__ import annotations

import configparser
import importlib
import os
import plistlib
import re
import subprocess
import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.system.resources import is_frozen, resource

APP_NAME = "Switchboard"
DESKTOP_FILE = "switchboard.desktop"
AGENT_LABEL = "dev.switchboard.Switchboard"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = APP_NAME

# Characters that make the desktop-entry spec require a quoted Exec argument.
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class LoginCommand:
    argv: tuple[str, ...]
    working_dir: Path | None = None  # from source: where `-m app` imports from


def login_command(extra_args: Sequence[str] = ()) -> LoginCommand:
    """What starts the tray app: the frozen executable, or `python -m app` from source."""
    if is_frozen():
        return LoginCommand((sys.executable, *extra_args))
    python = Path(sys.executable)
    windowless = python.with_name("pythonw.exe")  # no console window at login on Windows
    if sys.platform == "win32" and windowless.exists():
        python = windowless
    source_root = Path(__file__).resolve().parents[2]
    return LoginCommand((str(python), "-m", "app", *extra_args), source_root)


class Autostart(ABC):
    location: str

    @abstractmethod
    def enable(self, command: LoginCommand) -> None: ...

    @abstractmethod
    def disable(self) -> bool:
        """Remove the entry; False when there was none."""

    @abstractmethod
    def is_enabled(self) -> bool: ...


class XdgAutostart(Autostart):
    """`$XDG_CONFIG_HOME/autostart/switchboard.desktop` (freedesktop Autostart spec)."""

    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE
        self.location = str(self.path)

    @staticmethod
    def content(command: LoginCommand, icon: Path) -> str:
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Run Claude Code on any model provider",
            f"Exec={desktop_exec(command.argv)}",
            f"TryExec={_desktop_string(command.argv[0])}",
            f"Icon={_desktop_string(str(icon))}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
        ]
        if command.working_dir is not None:
            lines.insert(6, f"Path={_desktop_string(str(command.working_dir))}")
        return "\n".join(lines) + "\n"

    def enable(self, command: LoginCommand) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        icon = resource("icons", "app", "switchboard-256.png")
        self.path.write_text(self.content(command, icon), encoding="utf-8")

    def disable(self) -> bool:
        existed = self.path.exists()
        self.path.unlink(missing_ok=True)
        return existed

    def is_enabled(self) -> bool:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(self.path.read_text(encoding="utf-8"))
        except (OSError, configparser.Error):
            return False
        entry = parser["Desktop Entry"] if parser.has_section("Desktop Entry") else {}
        # The spec: Hidden=true means the entry does not exist; GNOME has its own switch.
        return (
            entry.get("hidden", "false") != "true"
            and entry.get("x-gnome-autostart-enabled", "true") != "false"
        )


class LaunchAgent(Autostart):
    """`~/Library/LaunchAgents/<label>.plist` with RunAtLoad (launchd.plist(5))."""

    def __init__(self, agents_dir: Path) -> None:
        self.path = agents_dir / f"{AGENT_LABEL}.plist"
        self.location = str(self.path)

    @staticmethod
    def content(command: LoginCommand) -> bytes:
        agent: dict[str, object] = {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(command.argv),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        if command.working_dir is not None:
            agent["WorkingDirectory"] = str(command.working_dir)
        return plistlib.dumps(agent)

    def enable(self, command: LoginCommand) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(self.content(command))

    def disable(self) -> bool:
        existed = self.path.exists()
        self.path.unlink(missing_ok=True)
        return existed

    def is_enabled(self) -> bool:
        return self.path.is_file()


class RunRegistry(Protocol):
    """The values of HKCU\\...\\Run (a fake stands in for it where winreg cannot run)."""

    def read(self, name: str) -> str | None: ...

    def write(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> bool: ...


def _winreg() -> Any:
    """winreg, imported on use: it exists only on Windows (typed Any so mypy passes elsewhere)."""
    return importlib.import_module("winreg")


class WindowsRunKey:
    """The real Run key, through winreg."""

    def read(self, name: str) -> str | None:
        winreg = _winreg()

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            try:
                value, _kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
        return str(value)

    def write(self, name: str, value: str) -> None:
        winreg = _winreg()

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> bool:
        winreg = _winreg()

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            try:
                winreg.DeleteValue(key, name)
            except FileNotFoundError:
                return False
        return True


class RunKeyAutostart(Autostart):
    """A `Switchboard` value under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run."""

    location = f"HKCU\\{RUN_KEY}\\{RUN_VALUE}"

    def __init__(self, registry: RunRegistry | None = None) -> None:
        self.registry = registry or WindowsRunKey()

    @staticmethod
    def value(command: LoginCommand) -> str:
        program, *args = command.argv
        return " ".join([f'"{program}"', subprocess.list2cmdline(args)]).rstrip()

    def enable(self, command: LoginCommand) -> None:
        self.registry.write(RUN_VALUE, self.value(command))

    def disable(self) -> bool:
        return self.registry.delete(RUN_VALUE)

    def is_enabled(self) -> bool:
        return self.registry.read(RUN_VALUE) is not None


def autostart_for(platform: str = sys.platform, env: Mapping[str, str] | None = None) -> Autostart:
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    if platform == "win32":
        return RunKeyAutostart()
    if platform == "darwin":
        return LaunchAgent(home / "Library" / "LaunchAgents")
    config_home = env.get("XDG_CONFIG_HOME", "")
    # The spec ignores a relative XDG_CONFIG_HOME.
    return XdgAutostart(Path(config_home) if os.path.isabs(config_home) else home / ".config")


def desktop_exec(argv: Sequence[str]) -> str:
    """An Exec= value: arguments quoted as the desktop-entry spec says, then string-escaped."""

    def argument(arg: str) -> str:
        if arg and not _DESKTOP_RESERVED.intersection(arg):
            return arg
        return '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'

    return _desktop_string(" ".join(argument(a) for a in argv)).replace("%", "%%")


def _desktop_string(value: str) -> str:
    return value.replace("\\", "\\\\")
