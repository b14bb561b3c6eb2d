"""Which terminal opens Claude Code: the user's choice, or the best one installed.

A choice is a launcher name (`available_terminals()` lists them), or on Linux and macOS a
command line of the user's own in which `{}` stands for the launcher script. The script's path
may hold spaces (macOS: "~/Library/Application Support/…") and quotes, so `{}` is filled in for
what reads it:

- a word of its own is the path as one argument: `alacritty --hold -e {}`, `open -a iTerm {}`;
- inside a longer word, that word is a command line a program parses: the path is quoted for
  the shell (`tmux new-window 'exec {}'`, `sh -c 'clear; {}'`), and in an `osascript` command
  also escaped for the AppleScript string it sits in
  (`osascript -e 'tell app "Terminal" to do script "{}"'`).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import PurePath

from app.launch.claude import LaunchError
from app.launch.linux_terminals import DESKTOP_TERMINALS, LINUX_TERMINALS
from app.launch.macos_terminals import MACOS_TERMINALS, applescript_escape
from app.launch.shells import sh_quote
from app.launch.terminal import LaunchRequest, Platform, Terminal, TerminalCommand, on_path
from app.launch.windows_terminals import WINDOWS_TERMINALS

CUSTOM_PLACEHOLDER = "{}"


class CustomTerminal(Terminal):
    """The user's own command line; `{}` is replaced by the launcher script's path."""

    script_kind = "sh"

    def __init__(self, template: str, platform: Platform) -> None:
        self.name = template
        self.platform = platform
        try:
            self.words = shlex.split(template)
        except ValueError as exc:
            raise LaunchError(f"cannot read the terminal command {template!r}: {exc}") from exc
        if not self.words:
            raise LaunchError("the terminal command is empty")

    def is_available(self, env: Mapping[str, str]) -> bool:
        return on_path(self.words[0], env)

    def command(self, request: LaunchRequest) -> TerminalCommand:
        script = str(request.require_script())
        in_text = sh_quote(script)
        if PurePath(self.words[0]).name == "osascript":
            in_text = applescript_escape(in_text)
        args = [
            script if word == CUSTOM_PLACEHOLDER else word.replace(CUSTOM_PLACEHOLDER, in_text)
            for word in self.words
        ]
        return TerminalCommand(args, request.env, request.cwd)


def current_platform(platform: str = sys.platform) -> Platform:
    if platform in ("darwin", "win32"):
        return platform  # type: ignore[return-value]  # narrowed by the test above
    return "linux"


def known_terminals(platform: str = sys.platform) -> tuple[Terminal, ...]:
    return {"linux": LINUX_TERMINALS, "darwin": MACOS_TERMINALS, "win32": WINDOWS_TERMINALS}[
        current_platform(platform)
    ]


def available_terminals(
    env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> list[str]:
    """Names of the installed terminals, the one used by default first."""
    env = os.environ if env is None else env
    return [t.name for t in _by_preference(env, platform) if t.is_available(env)]


def choose_terminal(
    choice: str | None, env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Terminal:
    env = os.environ if env is None else env
    if choice and CUSTOM_PLACEHOLDER in choice:
        if current_platform(platform) == "win32":
            raise LaunchError("a terminal command of your own is not supported on Windows")
        custom = CustomTerminal(choice, current_platform(platform))
        if not custom.is_available(env):
            raise LaunchError(f"{custom.words[0]!r} (from your terminal command) is not on PATH")
        return custom
    terminals = _by_preference(env, platform)
    if choice:
        chosen = next((t for t in terminals if t.name == choice), None)
        if chosen is None:
            known = ", ".join(t.name for t in terminals)
            raise LaunchError(f"unknown terminal {choice!r} (known here: {known})")
        if not chosen.is_available(env):
            raise LaunchError(f"the terminal {choice!r} is not installed")
        return chosen
    for terminal in terminals:
        if terminal.is_available(env):
            return terminal
    raise LaunchError(
        "no terminal emulator found: install one (e.g. xterm), or set a terminal command of "
        "your own in Settings"
    )


def _by_preference(env: Mapping[str, str], platform: str) -> list[Terminal]:
    """Linux: $TERMINAL, then the desktop's own terminal, then the table's order."""
    terminals = list(known_terminals(platform))
    if current_platform(platform) != "linux":
        return terminals
    preferred = [PurePath(env.get("TERMINAL", "")).name]
    desktops = env.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    preferred += [DESKTOP_TERMINALS[d] for d in desktops if d in DESKTOP_TERMINALS]
    rank: dict[str, int] = {}
    for name in filter(None, preferred):
        rank.setdefault(name, len(rank))
    return sorted(terminals, key=lambda t: rank.get(t.name, len(rank)))
