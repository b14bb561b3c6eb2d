"""What every subcommand shares: loading the config and reporting its errors."""

from __future__ import annotations

import argparse
import sys

from app.config.store import LoadedConfig, config_path, load_config
from app.errors import ConfigError


class CommandFailed(Exception):
    """Ends a subcommand with a message on stderr and a non-zero exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def load(args: argparse.Namespace, *, create: bool = True) -> LoadedConfig:
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
