"""Terminal.app and iTerm2, driven by AppleScript through `osascript`.

Both apps are started by launchd, not by us, so their windows never see our environment: the
new window's shell runs `exec <launcher script>`, and the script sets the variables itself.
The first launch asks the user to let Switchboard control the terminal (macOS Automation).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.launch.shells import sh_quote
from app.launch.terminal import LaunchRequest, Terminal, TerminalCommand


def applescript_escape(text: str) -> str:
    """`text` for the inside of an AppleScript string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def applescript_string(text: str) -> str:
    return '"' + applescript_escape(text) + '"'


def osascript(*lines: str) -> list[str]:
    return ["osascript", *(arg for line in lines for arg in ("-e", line))]


def exec_line(request: LaunchRequest) -> str:
    """What the new window's shell is told to run (works in sh, bash, zsh and fish)."""
    return "exec " + sh_quote(str(request.require_script()))


class MacTerminal(Terminal):
    """Terminal.app: `do script` opens a window whose shell runs the line."""

    name = "terminal.app"
    platform = "darwin"
    script_kind = "sh"

    def is_available(self, env: Mapping[str, str]) -> bool:
        return True  # part of macOS

    def command(self, request: LaunchRequest) -> TerminalCommand:
        args = osascript(
            'tell application "Terminal"',
            "activate",
            f"do script {applescript_string(exec_line(request))}",
            "end tell",
        )
        return TerminalCommand(args, request.env, request.cwd)


class ITerm2(Terminal):
    """iTerm2: a new window with the default profile; its session types the line."""

    name = "iterm2"
    platform = "darwin"
    script_kind = "sh"

    def is_available(self, env: Mapping[str, str]) -> bool:
        home = Path(env.get("HOME") or Path.home())
        return any(
            p.is_dir() for p in (Path("/Applications/iTerm.app"), home / "Applications/iTerm.app")
        )

    def command(self, request: LaunchRequest) -> TerminalCommand:
        line = applescript_string(exec_line(request))
        args = osascript(
            'tell application "iTerm2"',
            "activate",
            "set launched to (create window with default profile)",
            f"tell current session of launched to write text {line}",
            "end tell",
        )
        return TerminalCommand(args, request.env, request.cwd)


MACOS_TERMINALS: tuple[Terminal, ...] = (MacTerminal(), ITerm2())
