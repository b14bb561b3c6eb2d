"""`switchboard sets add|list|update|remove`: Claude Code configuration sets (CLAUDE.md, agents,
commands, skills, MCP servers, hooks) from a git repository or a folder, into a profile's
config dir (`--profile`) or a project (`--project DIR`)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import CommandFailed, load

if TYPE_CHECKING:  # the handlers import the machinery: `switchboard --help` stays quick
    from app.launch.config_sets import Plan, Target

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "sets", help="install Claude Code configuration sets", description=__doc__
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="install a set from a git repository or a folder")
    add.add_argument("source", metavar="SOURCE", help="git URL, local repository or folder")
    add.add_argument("--name", help="the set's name (default: from the source)")
    add.add_argument("--ref", help="git branch or tag (default: the default branch)")
    listing = verbs.add_parser("list", help="the sets installed in a profile or project")
    update = verbs.add_parser("update", help="show what changed upstream, then apply it")
    update.add_argument("name", metavar="NAME")
    update.add_argument("--yes", action="store_true", help="apply without asking")
    remove = verbs.add_parser("remove", help="take a set out again (your own edits stay)")
    remove.add_argument("name", metavar="NAME")
    for verb in (add, listing, update, remove):
        where = verb.add_mutually_exclusive_group(required=True)
        where.add_argument("--profile", metavar="NAME", help="into this profile's config dir")
        where.add_argument("--project", metavar="DIR", type=Path, help="into this project")
    add.set_defaults(handler=_add)
    listing.set_defaults(handler=_list)
    update.set_defaults(handler=_update)
    remove.set_defaults(handler=_remove)


def _target(args: argparse.Namespace) -> Target:
    from app.launch.claude import LaunchError
    from app.launch.config_sets import profile_target, project_target
    from app.launch.env import claude_config_dir, find_profile

    if args.project is not None:
        if not args.project.is_dir():
            raise CommandFailed(f"switchboard: no folder {args.project}", 2)
        return project_target(args.project.resolve())
    loaded = load(args, create=False)
    try:
        profile = find_profile(loaded.config, args.profile)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}", 2) from exc
    own = claude_config_dir(loaded, profile)
    return profile_target(own if own is not None else Path.home() / ".claude")


def _add(args: argparse.Namespace) -> int:
    from app.launch.claude import LaunchError
    from app.launch.config_sets import apply, installed, plan
    from app.launch.set_source import fetched

    target = _target(args)
    name = args.name or re.sub(r"\.git$", "", args.source.rstrip("/").rsplit("/", 1)[-1])
    if not _NAME.fullmatch(name):
        raise CommandFailed(f"switchboard: {name!r} is not a usable set name; pass --name", 2)
    if name in installed(target):
        raise CommandFailed(f"switchboard: a set named {name!r} is installed; use `sets update`", 2)
    try:
        with fetched(args.source, args.ref) as content:
            changes = plan(target, name, content, source=args.source)
            changes.record["ref"] = args.ref or ""
            apply(target, changes)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    _print(changes, f"installed {name} into {target.root}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.launch.config_sets import installed

    target = _target(args)
    sets = installed(target)
    if not sets:
        print(f"no sets in {target.root}")
    for name, record in sorted(sets.items()):
        commit = f" @ {record['commit'][:12]}" if record.get("commit") else ""
        counts = (
            f"{len(record.get('files') or {})} files, {len(record.get('mcp') or {})} MCP servers"
        )
        print(f"{name}: {record.get('source', '?')}{commit} ({counts})")
    return 0


def _update(args: argparse.Namespace) -> int:
    from app.launch.claude import LaunchError
    from app.launch.config_sets import apply, plan
    from app.launch.set_source import fetched

    target = _target(args)
    record = _record(target, args.name)
    try:
        with fetched(record["source"], record.get("ref") or None) as content:
            changes = plan(target, args.name, content)
            changes.record["ref"] = record.get("ref", "")
            if changes.is_empty and not changes.kept:
                print(f"{args.name} is up to date")
                return 0
            _print(changes, f"update of {args.name}:")
            if diff := changes.diff():
                print(diff)
            if not args.yes and not _confirm("apply this update?"):
                print("nothing changed")
                return 1
            apply(target, changes)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    print(f"updated {args.name}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from app.launch.claude import LaunchError
    from app.launch.config_sets import apply, plan

    target = _target(args)
    _record(target, args.name)
    try:
        changes = plan(target, args.name, None)
        apply(target, changes, remove=True)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    _print(changes, f"removed {args.name} from {target.root}")
    return 0


def _record(target: Target, name: str) -> dict[str, str]:
    from app.launch.config_sets import installed

    sets = installed(target)
    if name not in sets:
        known = ", ".join(sorted(sets)) or "none"
        raise CommandFailed(f"switchboard: no set named {name!r} here (installed: {known})", 2)
    record: dict[str, str] = sets[name]
    return record


def _print(changes: Plan, title: str) -> None:
    print(title)
    for line in changes.summary():
        print(f"  {line}")


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        print(f"{question} (not asked: no terminal; pass --yes)", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
