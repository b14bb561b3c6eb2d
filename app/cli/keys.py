"""Where an API key a command was given goes: the OS keyring, or (only when the user says so)
the config file."""

from __future__ import annotations

import argparse

from app.cli.editing import refuse

NO_KEYRING = (
    "no usable OS keyring to store the API keys in (on Linux, run a Secret Service such as "
    "gnome-keyring or KWallet). Rerun with --keys-in-file to write them into the config file "
    "(readable by you only), or with --no-keys and add them later with "
    "`switchboard provider set-key NAME`; nothing written"
)


def add_key_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--keys-in-file",
        action="store_true",
        help="write API keys into the config file instead of the OS keyring",
    )
    where.add_argument(
        "--no-keys", action="store_true", help="store no API keys (add them later with set-key)"
    )


def check_keyring(args: argparse.Namespace, needed: bool) -> None:
    """Refuse, before anything is written, when keys must go to a keyring that is not there."""
    if not needed or args.keys_in_file or args.no_keys:
        return
    from app.config.secrets import has_real_keyring

    if not has_real_keyring():
        raise refuse(NO_KEYRING)


def keep_key(args: argparse.Namespace, name: str, value: str) -> str | None:
    """The api_key to write for the key `value` of provider `name`."""
    if args.no_keys:
        return None
    if args.keys_in_file:
        return value
    import keyring.errors

    from app.config.secrets import store_secret

    try:
        return store_secret(name, value)
    except keyring.errors.KeyringError as exc:
        raise refuse(f"{NO_KEYRING} ({exc})") from exc
