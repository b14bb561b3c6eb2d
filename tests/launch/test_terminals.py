"""Which terminal opens Claude Code: the user's choice, or the best one installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.launch.claude import LaunchError
from app.launch.terminals import CustomTerminal, available_terminals, choose_terminal


def _path_with(tmp_path: Path, *programs: str) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for program in programs:
        (bin_dir / program).write_text("#!/bin/sh\n")
        (bin_dir / program).chmod(0o755)
    return {"PATH": str(bin_dir)}


def test_linux_lists_installed_terminals_in_preference_order(tmp_path: Path) -> None:
    env = _path_with(tmp_path, "xterm", "kitty", "foot", "x-terminal-emulator")
    assert available_terminals(env, "linux") == ["x-terminal-emulator", "kitty", "xterm"]


def test_terminal_variable_then_desktop_terminal_come_first(tmp_path: Path) -> None:
    env = _path_with(tmp_path, "xterm", "konsole", "gnome-terminal", "x-terminal-emulator")
    env["XDG_CURRENT_DESKTOP"] = "ubuntu:GNOME"
    assert available_terminals(env, "linux")[0] == "gnome-terminal"
    env["TERMINAL"] = "/usr/bin/xterm"
    assert available_terminals(env, "linux")[:2] == ["xterm", "gnome-terminal"]
    assert choose_terminal(None, env, "linux").name == "xterm"


def test_macos_and_windows_terminals(tmp_path: Path) -> None:
    assert available_terminals({"HOME": str(tmp_path)}, "darwin") == ["terminal.app"]
    (tmp_path / "Applications" / "iTerm.app").mkdir(parents=True)
    assert available_terminals({"HOME": str(tmp_path)}, "darwin") == ["terminal.app", "iterm2"]
    env = _path_with(tmp_path, "wt.exe", "powershell.exe")
    assert available_terminals(env, "win32") == ["windows-terminal", "powershell", "cmd"]


def test_chosen_terminal_must_exist_and_be_installed(tmp_path: Path) -> None:
    env = _path_with(tmp_path, "xterm")
    assert choose_terminal("xterm", env, "linux").name == "xterm"
    with pytest.raises(LaunchError, match="the terminal 'kitty' is not installed"):
        choose_terminal("kitty", env, "linux")
    with pytest.raises(LaunchError, match="unknown terminal 'iterm2'"):
        choose_terminal("iterm2", env, "linux")


def test_no_terminal_at_all_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LaunchError, match="no terminal emulator found"):
        choose_terminal(None, _path_with(tmp_path), "linux")


def test_a_command_of_the_users_own(tmp_path: Path) -> None:
    env = _path_with(tmp_path, "tmux")
    custom = choose_terminal("tmux new-window -n 'claude code' {}", env, "linux")
    assert isinstance(custom, CustomTerminal) and custom.script_kind == "sh"
    assert custom.words == ["tmux", "new-window", "-n", "claude code", "{}"]
    with pytest.raises(LaunchError, match=r"'screen' .* is not on PATH"):
        choose_terminal("screen {}", env, "linux")
    with pytest.raises(LaunchError, match="not supported on Windows"):
        choose_terminal("wt {}", env, "win32")
    with pytest.raises(LaunchError, match="cannot read the terminal command"):
        choose_terminal("tmux 'unclosed {}", env, "linux")
