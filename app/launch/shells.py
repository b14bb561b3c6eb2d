"""Writing environment changes as commands for each shell, quoted so any value survives.

Variable names are already checked to be plain identifiers (`env.py`); only values need quoting.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

from app.launch.claude import LaunchError

if TYPE_CHECKING:
    from app.launch.env import LaunchEnvironment

Shell = Literal["bash", "zsh", "fish", "powershell", "cmd"]
SHELLS: tuple[Shell, ...] = ("bash", "zsh", "fish", "powershell", "cmd")

# PowerShell ends a single-quoted string at any of these; doubling one escapes it.
_POWERSHELL_QUOTES = "'\u2018\u2019\u201a\u201b"
# cmd.exe's special characters outside quotes; a caret makes each one literal.
_CMD_SPECIAL = '^&|<>()"'


def guess_shell(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> Shell:
    if platform == "win32":
        return "powershell"
    env = os.environ if env is None else env
    name = PurePath(env.get("SHELL", "")).name
    return "zsh" if name == "zsh" else "fish" if name == "fish" else "bash"


def format_environment(changes: LaunchEnvironment, shell: Shell) -> str:
    """Commands that apply `changes` in `shell`, one per line (removals first)."""
    lines = [_unset_line(name, shell) for name in changes.unset]
    lines += [_set_line(name, value, shell) for name, value in changes.values.items()]
    return "\n".join(lines) + "\n"


def sh_quote(value: str) -> str:
    return shlex.quote(value)


def fish_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def powershell_quote(value: str) -> str:
    return "'" + "".join(c + c if c in _POWERSHELL_QUOTES else c for c in value) + "'"


def cmd_escape(value: str) -> str:
    """`value` for a line of a .cmd file, outside quotes: %% for %, ^ before specials."""
    if "\n" in value or "\r" in value:
        raise LaunchError("cmd.exe cannot hold a value with a line break")
    return "".join("^" + c if c in _CMD_SPECIAL else c for c in value.replace("%", "%%"))


def cmd_quote(value: str) -> str:
    """`value` as one quoted argument on a line of a .cmd file."""
    if '"' in value or "\n" in value:
        raise LaunchError(f"cmd.exe cannot pass {value!r} as one argument")
    return '"' + value.replace("%", "%%") + '"'


def _set_line(name: str, value: str, shell: Shell) -> str:
    if shell in ("bash", "zsh"):
        return f"export {name}={sh_quote(value)}"
    if shell == "fish":
        return f"set -gx {name} {fish_quote(value)}"
    if shell == "powershell":
        return f"$env:{name} = {powershell_quote(value)}"
    return f"set {name}={cmd_escape(value)}"


def _unset_line(name: str, shell: Shell) -> str:
    if shell in ("bash", "zsh"):
        return f"unset {name}"
    if shell == "fish":
        return f"set -e {name}"
    if shell == "powershell":
        return f"Remove-Item Env:{name} -ErrorAction SilentlyContinue"
    return f"set {name}="
