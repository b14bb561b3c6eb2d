"""`switchboard token [--regenerate]`: the local token Claude Code presents to the proxy."""

from __future__ import annotations

import argparse

from app.cli.common import load
from app.config.secrets import local_token


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("token", help="print the proxy's local access token")
    parser.add_argument("--regenerate", action="store_true", help="make a new token")
    parser.set_defaults(handler=_token)


def _token(args: argparse.Namespace) -> int:
    loaded = load(args)
    print(local_token(loaded.path.parent, regenerate=args.regenerate))
    return 0
