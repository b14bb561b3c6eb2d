"""Open Claude Code for a profile in a new terminal window (the tray's "Launch Claude").

The terminal runs `claude` itself with the profile's environment; the tray keeps its proxy
running, so nothing else is started here.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from app.config.store import LoadedConfig, state_dir
from app.launch.claude import LaunchError, find_claude
from app.launch.env import EnvOverride, external_program_env, profile_environment
from app.launch.scripts import new_script_path, script_text, sweep_scripts
from app.launch.terminal import LaunchRequest, TerminalCommand
from app.launch.terminals import choose_terminal

log = logging.getLogger(__name__)

_CREATE_NEW_CONSOLE = 0x00000010  # subprocess.CREATE_NEW_CONSOLE, which exists on Windows only


def script_dir() -> Path:
    return state_dir() / "launch"


def launch_claude(
    config: LoadedConfig,
    profile: str,
    *,
    cwd: Path,
    terminal: str | None = None,
    claude_args: Sequence[str] = (),
    token: str | None = None,
) -> tuple[EnvOverride, ...]:
    """Start a terminal window running Claude Code with `profile`'s environment in `cwd`.

    `terminal` is a name from `available_terminals()`, a command of the user's own with `{}`,
    or None for the default; `token` is the running proxy's (see `profile_environment`).
    Raises LaunchError with a message for the user. Returns the warnings (such as a
    settings.json or shell variables that override the profile), which are also logged.
    """
    if not cwd.is_dir():
        raise LaunchError(f"the working directory {cwd} does not exist")
    base_env = external_program_env()
    chosen = choose_terminal(terminal, base_env)
    changes = profile_environment(config, profile, base_env=base_env, token=token)
    for warning in changes.warnings:
        log.warning("profile %s: %s", profile, warning)
    claude = find_claude(base_env, gui=True)
    request = LaunchRequest(
        (claude, *changes.args, *claude_args),
        changes,
        base_env,
        cwd.resolve(),
        f"Claude Code: {profile}",
    )
    script = None
    if chosen.script_kind is not None:
        sweep_scripts(script_dir())
        script = new_script_path(script_dir(), chosen.script_kind)
        request = replace(request, script=script)
        script.write_text(script_text(chosen.script_kind, request), encoding="utf-8", newline="")
    try:
        _start(chosen.command(request), chosen.name)
    except OSError as exc:
        if script is not None:
            with contextlib.suppress(OSError):
                script.unlink()
        raise LaunchError(f"cannot start the terminal {chosen.name!r}: {exc}") from exc
    log.info("launched Claude Code (profile %s) in %s, in %s", profile, chosen.name, cwd)
    return changes.warnings


def _start(command: TerminalCommand, name: str) -> None:
    if sys.platform == "win32":
        _undo_bundle_dll_directory()
        process = subprocess.Popen(
            command.args,
            env=command.env,
            cwd=command.cwd,
            creationflags=_CREATE_NEW_CONSOLE if command.new_console else 0,
        )
    else:
        # A session of its own: the window outlives the tray app and its Ctrl-C.
        process = subprocess.Popen(
            command.args,
            env=command.env,
            cwd=command.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    threading.Thread(
        target=_reap, args=(process, name), name="terminal-reaper", daemon=True
    ).start()


def _reap(process: subprocess.Popen[bytes], name: str) -> None:
    """Wait for the terminal (no zombie) and log why it failed, if it did."""
    _, errors = process.communicate()
    if process.returncode:
        detail = (errors or b"").decode(errors="replace").strip()[-800:]
        log.warning("terminal %s exited with status %s: %s", name, process.returncode, detail)


def _undo_bundle_dll_directory() -> None:
    """A frozen app's DLL directory is inherited by children: reset it (PyInstaller docs)."""
    if sys.platform == "win32" and getattr(sys, "frozen", False):
        import ctypes

        ctypes.windll.kernel32.SetDllDirectoryW(None)
