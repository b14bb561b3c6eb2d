"""Finding the Claude Code CLI, and the errors a launch can end with."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from app.errors import SwitchboardError

CLAUDE_OVERRIDE = "SWITCHBOARD_CLAUDE"
INSTALL_COMMAND = "npm install -g @anthropic-ai/claude-code"


class LaunchError(SwitchboardError):
    """Claude Code cannot be started as asked; the message tells the user what to do."""


class ClaudeNotFound(LaunchError):
    pass


def find_claude(env: Mapping[str, str] | None = None, *, gui: bool = False) -> str:
    """The `claude` executable: $SWITCHBOARD_CLAUDE, else the one on PATH.

    `gui=True` also looks where the installers put it: an app started from the desktop often
    has a shorter PATH than the user's shell (macOS apps get /usr/bin:/bin:/usr/sbin:/sbin).
    """
    env = os.environ if env is None else env
    if override := env.get(CLAUDE_OVERRIDE):
        path = Path(override).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise ClaudeNotFound(f"{CLAUDE_OVERRIDE} is {override!r}, which is not an executable file")
    search = env.get("PATH", os.defpath)
    if gui:
        search = os.pathsep.join([search, *map(str, _install_dirs(env))])
    found = shutil.which("claude", path=search)
    if found is None:
        raise ClaudeNotFound(
            "Claude Code is not installed (no `claude` on PATH). Install it with:\n"
            f"    {INSTALL_COMMAND}\n"
            f"or point {CLAUDE_OVERRIDE} at the claude executable."
        )
    return found


def _install_dirs(env: Mapping[str, str]) -> list[Path]:
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    dirs = [home / ".local" / "bin", home / ".claude" / "local", home / ".npm-global" / "bin"]
    if sys.platform == "darwin":
        dirs += [Path("/opt/homebrew/bin"), Path("/usr/local/bin")]
    if sys.platform == "win32" and (appdata := env.get("APPDATA")):
        dirs.append(Path(appdata) / "npm")
    return dirs
