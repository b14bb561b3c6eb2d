"""`switchboard token [--regenerate]`: the local token Claude Code presents to the proxy."""

from __future__ import annotations

import argparse
import sys

from app.config.paths import config_path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("token", help="print the proxy's local access token")
    parser.add_argument("--regenerate", action="store_true", help="make a new token")
    parser.set_defaults(handler=_token)


def _token(args: argparse.Namespace) -> int:
    from app.config.secrets import local_token

    # Only the folder matters: the token works while the config file has an error.
    folder = config_path(args.config).parent
    print(local_token(folder, regenerate=args.regenerate))
    if args.regenerate:
        print(
            "switchboard: a running proxy requires the new token within a few seconds; "
            "start Claude Code sessions again so they send it",
            file=sys.stderr,
        )
    return 0
