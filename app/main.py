"""Composition root: parse the command line and hand over to a subcommand.

`switchboard` with no subcommand starts the tray app; every other verb lives in `app/cli/`.
Nothing imports this module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import (
    auth_cmd,
    autostart_cmd,
    config_cmd,
    env_cmd,
    import_cmd,
    profile_cmd,
    provider_cmd,
    proxy_cmd,
    run_cmd,
    serve_cmd,
    sets_cmd,
    token_cmd,
    update_cmd,
)
from app.cli.common import CommandFailed


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="switchboard",
        description="Run Claude Code on any model provider. With no command: the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"switchboard {__version__}")
    parser.add_argument("--config", metavar="PATH", help="config file (default: platform dir)")
    parser.add_argument(
        "--no-tray", action="store_true", help="tray app: a small window instead of a tray icon"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (
        serve_cmd,
        run_cmd,
        env_cmd,
        config_cmd,
        provider_cmd,
        profile_cmd,
        auth_cmd,
        token_cmd,
        autostart_cmd,
        sets_cmd,
        import_cmd,
        proxy_cmd,
        update_cmd,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # The tray app: the only place outside app.ui that reaches it (pyproject's Qt contract).
        from app.ui.entry import tray_handler

        tray = tray_handler()
        if isinstance(tray, str):
            print(f"switchboard: {tray}; running the headless proxy", file=sys.stderr)  # noqa: T201
            args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), "serve"])
        else:
            args.handler = tray
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        code: int = handler(args)
    except CommandFailed as exc:
        print(str(exc), file=sys.stderr)  # noqa: T201 - the CLI's error channel
        return exc.code
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
