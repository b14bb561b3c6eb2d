"""`switchboard provider presets [--json] [SEARCH]` and `switchboard provider set-key NAME`."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from app.cli.common import CommandFailed
from app.config.paths import config_path
from app.errors import ConfigError

if TYPE_CHECKING:
    from app.config.presets import Preset


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("provider", help="list provider presets, store an API key")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    presets = verbs.add_parser("presets", help="list the catalogue of ready-made providers")
    presets.add_argument("--json", action="store_true", help="print the presets as JSON")
    presets.add_argument(
        "search", nargs="*", metavar="SEARCH", help="only presets matching every word"
    )
    presets.set_defaults(handler=_presets)

    set_key = verbs.add_parser(
        "set-key",
        help="store an API key in the OS keyring",
        description="Reads the key from standard input, or asks for it without echoing, "
        "stores it in the keyring and points the provider NAME (if configured) at it.",
    )
    set_key.add_argument("name", metavar="NAME", help="keyring entry; usually the provider name")
    set_key.set_defaults(handler=_set_key)


def _presets(args: argparse.Namespace) -> int:
    from app.config.presets import find_presets

    query = " ".join(args.search)
    found = find_presets(query)
    if args.json:
        import json

        print(json.dumps([p.model_dump(mode="json") for p in found], indent=2))
        return 0
    if not found:
        raise CommandFailed(f"switchboard: no preset matches {query!r}")
    print(_table(found))
    return 0


def _table(presets: list[Preset]) -> str:
    rows = [
        ("ID", "KIND", "BASE URL", "NAME"),
        *((p.id, p.kind, p.base_url, p.name) for p in presets),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  ".join([*(row[c].ljust(widths[c]) for c in range(3)), row[3]]) for row in rows
    )


def _set_key(args: argparse.Namespace) -> int:
    import keyring
    import keyring.errors

    from app.config.schema import is_valid_name
    from app.config.secrets import has_real_keyring, store_secret

    name: str = args.name
    if not is_valid_name(name):
        raise CommandFailed(
            f"switchboard: {name!r} is not a valid name (letters, digits, '.', '_', '-')"
        )
    if not has_real_keyring():  # say so before the user types the key
        raise _no_keyring(name, f"the keyring backend is {type(keyring.get_keyring()).__name__}")
    value = _read_key(name)
    try:
        reference = store_secret(name, value)
    except keyring.errors.KeyringError as exc:
        raise _no_keyring(name, str(exc)) from exc
    print(reference)
    _point_provider_at(args, name, reference)
    return 0


def _no_keyring(name: str, reason: str) -> CommandFailed:
    variable = re.sub(r"[^A-Z0-9]", "_", name.upper()) + "_API_KEY"
    return CommandFailed(
        f"switchboard: cannot store the key: no usable OS keyring ({reason}).\n"
        "On a headless server, skip the keyring: export the key in the environment "
        f"`switchboard serve` runs in (e.g. {variable}=…) and write "
        f'api_key = "env:{variable}" in the provider\'s config. On a desktop, run a '
        "Secret Service such as gnome-keyring or KWallet in your session."
    )


def _read_key(name: str) -> str:
    # A pipe or file gives the key on stdin; a terminal gets a prompt that does not echo.
    typed = sys.stdin.isatty()
    import getpass

    value = (getpass.getpass(f"API key for {name}: ") if typed else sys.stdin.read()).strip()
    if not value:
        raise CommandFailed("switchboard: no key given; nothing stored")
    return value


def _point_provider_at(args: argparse.Namespace, name: str, reference: str) -> None:
    """Write `reference` into the provider of that name, when the config has one."""
    from app.config.store import load_config, save_config

    path = config_path(getattr(args, "config", None))
    if not path.exists():
        return
    try:
        config = load_config(path, create=False).config
    except ConfigError as exc:
        print(f"switchboard: config not updated: {exc}", file=sys.stderr)
        return
    provider = config.provider(name)
    if provider is None or provider.api_key == reference:
        return
    provider.api_key = reference
    try:
        save_config(path, config)
    except (ConfigError, OSError) as exc:
        raise CommandFailed(
            f"switchboard: key stored, but the config was not updated: {exc}"
        ) from exc
    print(f"switchboard: provider {name!r} now uses {reference} ({path})", file=sys.stderr)
