"""Launcher scripts: set the environment, enter the working directory, run Claude Code.

Terminals that do not pass our environment on run one of these instead of `claude`. A script
holds the local token, so it lives in a private (0700) folder and deletes itself as soon as it
runs; `sweep_scripts` removes any that never ran. When Claude Code fails, the window stays open
until Enter so the user can read why (exit 130, Ctrl-C, closes at once).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from app.launch.shells import cmd_escape, cmd_quote, format_environment, sh_quote
from app.launch.terminal import LaunchRequest, ScriptKind

# Shell lines run after the command; they keep the window open on failure.
HOLD_ON_FAILURE = """\
status=$?
case $status in
  0|130) ;;
  *) printf '\\nClaude Code exited with status %s. Press Enter to close.' "$status"; read -r _ ;;
esac
exit "$status"
"""

# `sh -c` program for terminals that pass the environment on: $1 = working dir, rest = command.
CD_AND_RUN = 'cd -- "$1" || exit 1\nshift\n"$@"\n' + HOLD_ON_FAILURE

STALE_AFTER_S = 24 * 3600


def script_suffix(kind: ScriptKind) -> str:
    return ".sh" if kind == "sh" else ".cmd"


def script_text(kind: ScriptKind, request: LaunchRequest) -> str:
    return posix_script(request) if kind == "sh" else cmd_script(request)


def posix_script(request: LaunchRequest) -> str:
    command = " ".join(sh_quote(arg) for arg in request.argv)
    return (
        "#!/bin/sh\n"
        f"# Written by Switchboard to start {request.title}. It deletes itself.\n"
        f"rm -f -- {sh_quote(str(request.require_script()))}\n"
        + format_environment(request.changes, "bash")
        + f"cd -- {sh_quote(str(request.cwd))} || exit 1\n"
        f"{command}\n" + HOLD_ON_FAILURE
    )


def cmd_script(request: LaunchRequest) -> str:
    """A .cmd file (UTF-8 after `chcp 65001`, CRLF) that deletes itself when it ends."""
    command = " ".join(cmd_quote(arg) for arg in request.argv)
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        f"rem Written by Switchboard to start {cmd_escape(request.title)}. It deletes itself.",
        f"cd /d {cmd_quote(str(request.cwd))} || goto end",
        *format_environment(request.changes, "cmd").splitlines(),
        f"call {command}",
        ":end",
        "if errorlevel 1 pause",
        # (goto) leaves the batch file first, so deleting it cannot break the running script
        '(goto) 2>nul & del "%~f0"',
    ]
    return "\r\n".join(lines) + "\r\n"


def new_script_path(directory: Path, kind: ScriptKind) -> Path:
    """Reserve an empty 0700 file for a script in a private folder."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # mkdir's mode is ignored for an existing folder
        os.chmod(directory, 0o700)
    fd, name = tempfile.mkstemp(prefix="claude-", suffix=script_suffix(kind), dir=directory)
    os.close(fd)
    os.chmod(name, 0o700)
    return Path(name)


def sweep_scripts(directory: Path, *, older_than_s: float = STALE_AFTER_S) -> None:
    """Delete scripts whose terminal never ran them."""
    cutoff = time.time() - older_than_s
    for path in directory.glob("claude-*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
