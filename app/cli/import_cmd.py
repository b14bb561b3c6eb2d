"""`switchboard import FILE [--dry-run]`: providers and profiles from claude-code-router,
claudex, claude-code-mux or Claude Code's settings.json.

The plan is printed first (keys never are); `--dry-run` stops there and writes nothing.
API keys found in the file go to the OS keyring; with no keyring, only where the user says
(`--keys-in-file`), or nowhere (`--no-keys`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import load
from app.cli.editing import refuse, save
from app.cli.keys import NO_KEYRING, add_key_options, check_keyring

FORMAT_CHOICES = ("ccr", "claudex", "ccm", "claude-settings")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="import providers and profiles from claude-code-router, claudex, claude-code-mux "
        "or ~/.claude/settings.json",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the other tool's config file")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be added; write nothing"
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        help="the file's format (default: detected): ccr = claude-code-router config.json, "
        "ccm = claude-code-mux config.toml, claude-settings = Claude Code settings.json",
    )
    parser.add_argument(
        "--profile-name", metavar="NAME", help="name for the imported profile (when it is one)"
    )
    parser.add_argument(
        "--default", action="store_true", help="make the (first) imported profile the default"
    )
    add_key_options(parser)
    parser.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    from app.config.importers import (
        FORMATS,
        ImportProblem,
        KeyDestination,
        apply_keys,
        describe_plan,
        merge_plan,
        plan_import,
    )
    from app.config.secrets import has_real_keyring

    file: Path = args.file.expanduser()
    try:
        plan = plan_import(file, args.format)
    except ImportProblem as exc:
        raise refuse(f"{exc}; nothing written") from exc
    if not args.dry_run:
        check_keyring(args, needed=bool(plan.keys))  # before anything is written
    loaded = _peek(args) if args.dry_run else load(args)
    try:
        merged = merge_plan(
            loaded.config if loaded is not None else None,
            plan,
            profile_name=args.profile_name,
            make_default=args.default,
        )
    except ImportProblem as exc:
        raise refuse(f"{exc}; nothing written") from exc

    keyring_ok = has_real_keyring() if plan.keys else True
    keys: KeyDestination = "none" if args.no_keys else "file" if args.keys_in_file else "keyring"
    print(f"From {FORMATS[plan.format]} ({file}):")
    for line in describe_plan(plan, merged, keys, keyring_ok):
        print(f"  {line}")
    if args.dry_run:
        if plan.keys and not keyring_ok and keys == "keyring":
            print(f"  note: {NO_KEYRING.removesuffix('; nothing written')}")
        print("dry run: nothing written")
        return 0
    assert loaded is not None
    import keyring.errors

    try:
        apply_keys(plan, merged, keys)
    except keyring.errors.KeyringError as exc:
        raise refuse(f"{NO_KEYRING} ({exc})") from exc
    save(loaded, merged.config)
    added = f"{len(plan.providers)} provider(s) and {len(plan.profiles)} profile(s)"
    print(f"added {added} to {loaded.path}")
    if plan.profiles:
        first = merged.name("profile", plan.profiles[0].name)
        print(f"try it: switchboard profile show {first}; switchboard run {first}")
    return 0


def _peek(args: argparse.Namespace) -> Any:
    """The current config for a dry run, or None when there is none (nothing is created)."""
    from app.config.paths import config_path

    return load(args, create=False) if config_path(args.config).exists() else None
