"""`switchboard token [--regenerate]`: the local token Claude Code presents to the proxy."""

from __future__ import annotations

import argparse

from app.config.paths import config_path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("token", help="print the proxy's local access token")
    parser.add_argument("--regenerate", action="store_true", help="make a new token")
    parser.set_defaults(handler=_token)


def _token(args: argparse.Namespace) -> int:
    from app.config.secrets import local_token

    # The token lives beside the config file; reading the config itself is not needed.
    print(local_token(config_path(args.config).parent, regenerate=args.regenerate))
    return 0
