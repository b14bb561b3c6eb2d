"""What every subcommand shares: loading the config and reporting its errors.

Start time matters for a command-line tool: this module, and the top of every `*_cmd` module,
import only the standard library and light modules. aiohttp, pydantic, keyring and the proxy are
imported inside the handlers that use them (tests/cli/test_start_time.py holds the line).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.config.paths import config_path
from app.errors import ConfigError

if TYPE_CHECKING:
    from app.config.store import LoadedConfig


class CommandFailed(Exception):
    """Ends a subcommand with a message on stderr and a non-zero exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def load(args: argparse.Namespace, *, create: bool = True) -> LoadedConfig:
    from app.config.store import load_config

    path = config_path(getattr(args, "config", None))
    try:
        loaded = load_config(path, create=create)
    except ConfigError as exc:
        raise CommandFailed(f"switchboard: config error: {exc}") from exc
    if loaded.created:
        print(
            f"switchboard: no config file at {path}: wrote a commented default there "
            "(no providers or profiles yet)",
            file=sys.stderr,
        )
    for warning in loaded.warnings:
        print(f"switchboard: warning: {warning}", file=sys.stderr)
    return loaded
