"""`switchboard run`: Claude Code in the current terminal with a profile's environment.

On POSIX the process becomes `claude` (exec), so signals, the terminal and the exit status are
Claude Code's own. Windows has no exec: `claude` runs as a child on the same console and its
exit status is passed back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.config.store import LoadedConfig
from app.launch.claude import LaunchError, find_claude
from app.launch.env import EnvOverride, external_program_env, profile_environment


@dataclass(frozen=True)
class PreparedRun:
    argv: list[str]
    env: dict[str, str]
    cwd: Path | None
    warnings: tuple[EnvOverride, ...]


def prepare_run(
    loaded: LoadedConfig,
    profile: str,
    *,
    model: str | None = None,
    cwd: Path | None = None,
    claude_args: Sequence[str] = (),
    proxy: str | None = None,
) -> PreparedRun:
    """Everything `exec_claude` needs; raises LaunchError before anything is started.
    `proxy`: the running proxy's address, when it is not the configured one."""
    if cwd is not None and not cwd.is_dir():
        raise LaunchError(f"the working directory {cwd} does not exist")
    base_env = external_program_env()
    changes = profile_environment(loaded, profile, model=model, base_env=base_env, proxy=proxy)
    claude = find_claude(base_env)
    return PreparedRun(
        [claude, *changes.args, *claude_args], changes.applied_to(base_env), cwd, changes.warnings
    )


def exec_claude(prepared: PreparedRun) -> int:
    """Replace this process with Claude Code (POSIX), or run it and return its exit status."""
    if prepared.cwd is not None:
        os.chdir(prepared.cwd)
    if sys.platform == "win32":
        # Ctrl-C reaches both processes on a shared console; only Claude Code should act on it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return subprocess.run(prepared.argv, env=prepared.env, check=False).returncode
    for stream in (sys.stdout, sys.stderr):  # exec drops whatever Python still buffers
        if stream is not None:  # None in a windowed frozen app
            stream.flush()
    os.execvpe(prepared.argv[0], prepared.argv, prepared.env)
