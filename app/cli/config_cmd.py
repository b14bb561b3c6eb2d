"""`switchboard config path|show|validate` (and, from config_edit, init|edit|get|set|export)."""

from __future__ import annotations

import argparse

from app.cli import config_edit
from app.cli.common import load
from app.config.paths import config_path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("config", help="show, check, edit, get, set or export the config")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    verbs.add_parser("path", help="print the config file's path").set_defaults(handler=_path)
    verbs.add_parser("show", help="print the config file").set_defaults(handler=_show)
    verbs.add_parser("validate", help="check the config file").set_defaults(handler=_validate)
    config_edit.register(verbs)


def _path(args: argparse.Namespace) -> int:
    print(config_path(args.config))
    return 0


def _show(args: argparse.Namespace) -> int:
    loaded = load(args)
    print(loaded.path.read_text(encoding="utf-8"), end="")
    return 0


def _validate(args: argparse.Namespace) -> int:
    loaded = load(args, create=False)
    config = loaded.config
    print(f"{loaded.path}: OK ({len(config.providers)} providers, {len(config.profiles)} profiles)")
    return 0
