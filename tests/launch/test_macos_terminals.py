"""Terminal.app and iTerm2 commands. osascript exists only on macOS, so these tests stop at the
AppleScript: they read back the string literal it holds and run that shell line here, which
runs the real launcher script from a path with spaces, quotes and non-ASCII characters."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.launch.env import LaunchEnvironment
from app.launch.macos_terminals import ITerm2, MacTerminal
from app.launch.scripts import new_script_path, posix_script
from app.launch.terminal import LaunchRequest, Terminal
from tests.launch.fakes import TRICKY, make_fake_claude, wait_for_record

ODD = 'Zoë\'s "Mac" \\ $HOME ü'


def _applescript_literal(line: str) -> str:
    """The text of the last AppleScript string literal in `line` (\\\\ and \\" are escapes)."""
    marker = "do script " if "do script " in line else "write text "
    start = line.index(marker) + len(marker)
    assert line[start] == '"'
    out, i = [], start + 1
    while line[i] != '"':
        if line[i] == "\\":
            i += 1
        out.append(line[i])
        i += 1
    assert i == len(line) - 1, "the literal must end the line"
    return "".join(out)


def _request(tmp_path: Path, record: Path) -> LaunchRequest:
    claude = make_fake_claude(tmp_path / f"bin {ODD}", record)
    workdir = tmp_path / f"work {ODD}"
    workdir.mkdir()
    changes = LaunchEnvironment({"EXTRA_VAR": TRICKY}, ("ANTHROPIC_API_KEY",))
    script = new_script_path(tmp_path / f"Application Support {ODD}", "sh")
    request = LaunchRequest((str(claude),), changes, {}, workdir, "Claude Code: p", script)
    script.write_text(posix_script(request), encoding="utf-8")
    return request


def test_terminal_app_applescript(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    request = LaunchRequest(("claude",), LaunchEnvironment({}, ()), {}, tmp_path, "t", script)
    assert MacTerminal().command(request).args == [
        "osascript",
        "-e", 'tell application "Terminal"',
        "-e", "activate",
        "-e", f'do script "exec {script}"',
        "-e", "end tell",
    ]  # fmt: skip


def test_iterm2_applescript(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    request = LaunchRequest(("claude",), LaunchEnvironment({}, ()), {}, tmp_path, "t", script)
    assert ITerm2().command(request).args == [
        "osascript",
        "-e", 'tell application "iTerm2"',
        "-e", "activate",
        "-e", "set launched to (create window with default profile)",
        "-e", f'tell current session of launched to write text "exec {script}"',
        "-e", "end tell",
    ]  # fmt: skip


@pytest.mark.parametrize("terminal", [MacTerminal(), ITerm2()], ids=lambda t: t.name)
def test_the_typed_line_runs_the_script_from_an_odd_path(
    terminal: Terminal, tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    request = _request(tmp_path, record)
    args = list(terminal.command(request).args)
    line = _applescript_literal(args[-3])  # the line before "end tell"
    # The new window's login shell gets the line; it does not inherit our environment.
    subprocess.run(["sh", "-c", line], env={"PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY": "k"},
                   check=True, timeout=10)  # fmt: skip
    data = wait_for_record(record)
    assert data["cwd"] == str(request.cwd)
    assert data["env"]["EXTRA_VAR"] == TRICKY
    assert "ANTHROPIC_API_KEY" not in data["env"]
    assert not request.require_script().exists()
