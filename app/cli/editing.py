"""Shared by the verbs that change the config: bad-input errors, prompts, saving, tables."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli.common import CommandFailed

if TYPE_CHECKING:
    from app.config.schema import Config
    from app.config.store import LoadedConfig

BAD_INPUT = 2  # exit status for input the command refuses (unknown key, wrong type, no such name)


def refuse(message: str) -> CommandFailed:
    """A bad-input failure: the message on stderr, exit status 2, nothing written."""
    return CommandFailed(f"switchboard: {message}", code=BAD_INPUT)


def interactive() -> bool:
    return sys.stdin.isatty()


def ask(question: str, default: str = "") -> str:
    """One line from the terminal; the default when the user just presses Enter."""
    shown = f"{question} [{default}]: " if default else f"{question}: "
    try:
        answer = input(shown).strip()
    except EOFError as exc:
        raise refuse("no answer (end of input); nothing written") from exc
    return answer or default


def confirm(question: str, *, default: bool = True) -> bool:
    answer = ask(f"{question} ({'Y/n' if default else 'y/N'})").lower()
    return default if not answer else answer.startswith("y")


def save(loaded: LoadedConfig, config: Config) -> None:
    """Write `config` over the loaded file (comments and layout kept by the store)."""
    from app.config.store import save_config
    from app.errors import ConfigError

    try:
        save_config(loaded.path, config)
    except (ConfigError, OSError) as exc:
        raise CommandFailed(f"switchboard: not saved: {exc}") from exc


def table(rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns, two spaces apart; the last column is not padded."""
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])), row[-1]]).rstrip()
        for row in rows
    )
