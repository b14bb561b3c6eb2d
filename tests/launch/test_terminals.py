"""Which terminal opens Claude Code: the user's choice, or the best one installed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from app.launch.claude import LaunchError
from app.launch.env import LaunchEnvironment
from app.launch.scripts import new_script_path, posix_script
from app.launch.terminal import LaunchRequest
from app.launch.terminals import CustomTerminal, available_terminals, choose_terminal
from tests.launch.fakes import TRICKY, make_fake_claude, wait_for_record


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


# A command of the user's own, with the launcher script in a path like macOS's
# "~/Library/Application Support/switchboard/launch" (plus quotes and shell syntax).

ODD = 'Application Support/Zoë\'s "Mac" \\ $HOME `x` ü'


def _odd_request(tmp_path: Path) -> tuple[LaunchRequest, Path]:
    record = tmp_path / "record.json"
    claude = make_fake_claude(tmp_path / "bin", record)
    changes = LaunchEnvironment({"EXTRA_VAR": TRICKY}, ())
    script = new_script_path(tmp_path / ODD / "launch", "sh")
    request = LaunchRequest((str(claude),), changes, {}, tmp_path, "Claude Code: p", script)
    script.write_text(posix_script(request), encoding="utf-8")
    return request, record


def _command(template: str, request: LaunchRequest) -> list[str]:
    return list(CustomTerminal(template, "darwin").command(request).args)


def _runs_the_script(shell_line: str, request: LaunchRequest, record: Path) -> None:
    """Run the line as the program would hand it to a shell; the real script must run."""
    subprocess.run(["sh", "-c", shell_line], env={"PATH": "/usr/bin:/bin"}, check=True, timeout=10)
    assert wait_for_record(record)["env"]["EXTRA_VAR"] == TRICKY
    assert not request.require_script().exists()  # it ran and deleted itself


@pytest.mark.parametrize(
    "template", ["open -a iTerm {}", "alacritty --hold -e {}", "open -na Ghostty --args -e {}"]
)
def test_a_placeholder_word_is_the_path_as_one_argument(template: str, tmp_path: Path) -> None:
    request, _ = _odd_request(tmp_path)
    args = _command(template, request)
    assert args == [*template.split()[:-1], str(request.require_script())]


def test_a_placeholder_in_a_command_line_is_quoted_for_the_shell(tmp_path: Path) -> None:
    """tmux runs a single command argument through `sh -c`."""
    request, record = _odd_request(tmp_path)
    args = _command("tmux new-window -n 'claude code' 'exec {}'", request)
    assert args[:4] == ["tmux", "new-window", "-n", "claude code"]
    _runs_the_script(args[4], request, record)


def test_a_placeholder_in_an_applescript_string_is_escaped_for_it(tmp_path: Path) -> None:
    """osascript exists only on macOS: read the AppleScript string back, run its shell line."""
    request, record = _odd_request(tmp_path)
    args = _command("""osascript -e 'tell app "Terminal" to do script "{}"'""", request)
    assert args[:2] == ["osascript", "-e"]
    prefix = 'tell app "Terminal" to do script "'
    assert args[2].startswith(prefix) and args[2].endswith('"')
    literal = re.sub(r"\\(.)", r"\1", args[2][len(prefix) : -1])  # AppleScript's escapes
    assert '"' not in re.sub(r'\\["\\]', "", args[2][len(prefix) : -1])  # no early end
    _runs_the_script(literal, request, record)
