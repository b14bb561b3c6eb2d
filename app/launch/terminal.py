"""What every terminal launcher shares: the request it gets and the command it builds.

A launcher's `command()` is pure (no I/O), so each OS's launchers are unit-tested on any OS.
Launchers whose terminal cannot be trusted to pass on the environment (macOS apps start from
launchd; Windows Terminal may hand the tab to a running instance) set `script_kind`: the caller
then writes a private launcher script that sets the variables itself, and puts its path in
`LaunchRequest.script`.
"""

from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from app.launch.env import LaunchEnvironment

ScriptKind = Literal["sh", "cmd"]
Platform = Literal["linux", "darwin", "win32"]


@dataclass(frozen=True)
class LaunchRequest:
    argv: tuple[str, ...]  # the claude executable and its arguments
    changes: LaunchEnvironment
    base_env: Mapping[str, str]
    cwd: PurePath  # pure: a builder may make a Windows command line on any OS
    title: str
    script: PurePath | None = None

    @property
    def env(self) -> dict[str, str]:
        return self.changes.applied_to(self.base_env)

    def require_script(self) -> PurePath:
        if self.script is None:
            raise ValueError("this launcher needs the launcher script's path in the request")
        return self.script


@dataclass(frozen=True)
class TerminalCommand:
    """What to start: `args` is a list, or on Windows a ready-made command line."""

    args: Sequence[str] | str
    env: dict[str, str]
    cwd: PurePath
    new_console: bool = False  # Windows: CREATE_NEW_CONSOLE


class Terminal(ABC):
    name: str
    platform: Platform
    script_kind: ScriptKind | None = None

    @abstractmethod
    def is_available(self, env: Mapping[str, str]) -> bool: ...

    @abstractmethod
    def command(self, request: LaunchRequest) -> TerminalCommand: ...


def on_path(program: str, env: Mapping[str, str]) -> bool:
    return shutil.which(program, path=env.get("PATH", os.defpath)) is not None
