"""`switchboard import FILE [--dry-run]`: providers and profiles from claude-code-router,
claudex, claude-code-mux or Claude Code's settings.json.

The plan is printed first (keys never are); `--dry-run` stops there and writes nothing.
API keys found in the file go to the OS keyring; with no keyring, only where the user says
(`--keys-in-file`), or nowhere (`--no-keys`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import load
from app.cli.editing import refuse, save
from app.cli.keys import NO_KEYRING, add_key_options, check_keyring, keep_key

if TYPE_CHECKING:
    from app.config.importers import ImportPlan
    from app.config.schema import Config

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
    from app.config.importers import FORMATS, ImportProblem, plan_import

    file: Path = args.file.expanduser()
    try:
        plan = plan_import(file, args.format)
    except ImportProblem as exc:
        raise refuse(f"{exc}; nothing written") from exc
    if not args.dry_run:
        check_keyring(args, needed=bool(plan.keys))  # before anything is written
    loaded = _peek(args) if args.dry_run else load(args)
    current = loaded.config if loaded is not None else None
    try:
        merged, renamed = _merge(current, plan, args)
    except ValueError as exc:
        raise refuse(f"the import does not validate: {exc}; nothing written") from exc

    from app.config.secrets import has_real_keyring

    keyring_ok = has_real_keyring() if plan.keys else True
    print(f"From {FORMATS[plan.format]} ({file}):")
    for line in _describe(plan, renamed, args, keyring_ok):
        print(f"  {line}")
    if args.dry_run:
        if plan.keys and not keyring_ok and not (args.keys_in_file or args.no_keys):
            print(f"  note: {NO_KEYRING.removesuffix('; nothing written')}")
        print("dry run: nothing written")
        return 0
    assert loaded is not None
    for old, key in plan.keys.items():
        name = renamed.get(("provider", old), old)
        provider = merged.provider(name)
        assert provider is not None
        provider.api_key = keep_key(args, name, key)
    save(loaded, merged)
    added = len(plan.providers), len(plan.profiles)
    print(f"added {added[0]} provider(s) and {added[1]} profile(s) to {loaded.path}")
    if plan.profiles:
        first = renamed.get(("profile", plan.profiles[0].name), plan.profiles[0].name)
        print(f"try it: switchboard profile show {first}; switchboard run {first}")
    return 0


def _peek(args: argparse.Namespace) -> Any:
    """The current config for a dry run, or None when there is none (nothing is created)."""
    from app.config.paths import config_path

    return load(args, create=False) if config_path(args.config).exists() else None


def _merge(
    current: Config | None, plan: ImportPlan, args: argparse.Namespace
) -> tuple[Config, dict[tuple[str, str], str]]:
    """The current config plus the plan; clashing names get a suffix (the map says which)."""
    from pydantic import ValidationError

    from app.config.names import unique_name
    from app.config.schema import Config

    data: dict[str, Any] = current.model_dump(mode="json", exclude_unset=True) if current else {}
    providers = data.setdefault("providers", [])
    profiles = data.setdefault("profiles", [])
    renamed: dict[tuple[str, str], str] = {}
    for provider in plan.providers:
        name = unique_name(provider.name, [p["name"] for p in providers])
        if name != provider.name:
            renamed[("provider", provider.name)] = name
        providers.append({**provider.model_dump(mode="json", exclude_unset=True), "name": name})
    wanted = args.profile_name if args.profile_name and len(plan.profiles) == 1 else None
    if args.profile_name and len(plan.profiles) != 1:
        raise ValueError(
            f"--profile-name needs exactly one imported profile, not {len(plan.profiles)}"
        )
    for profile in plan.profiles:
        entry = _rename_refs(profile.model_dump(mode="json", exclude_unset=True), renamed)
        base = wanted or profile.name
        name = unique_name(base, [p["name"] for p in profiles])
        if wanted and name != wanted:
            raise ValueError(f"a profile named {wanted!r} exists")
        if name != profile.name:
            renamed[("profile", profile.name)] = name
        profiles.append({**entry, "name": name})
    if args.default and plan.profiles:
        first = renamed.get(("profile", plan.profiles[0].name), plan.profiles[0].name)
        data.setdefault("settings", {})["default_profile"] = first
    try:
        return Config.model_validate(data), renamed
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise ValueError(message) from exc


def _rename_refs(value: Any, renamed: dict[tuple[str, str], str]) -> Any:
    """Every route reference ("provider/model" in a list) to a renamed provider, renamed."""
    if isinstance(value, dict):
        return {k: _rename_refs(v, renamed) for k, v in value.items()}
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str):
                provider, sep, model = item.partition("/")
                new = renamed.get(("provider", provider))
                out.append(f"{new}/{model}" if sep and new else item)
            else:
                out.append(_rename_refs(item, renamed))
        return out
    return value


def _describe(
    plan: ImportPlan,
    renamed: dict[tuple[str, str], str],
    args: argparse.Namespace,
    keyring_ok: bool,
) -> list[str]:
    lines = []
    for provider in plan.providers:
        name = renamed.get(("provider", provider.name), provider.name)
        was = f" (renamed from {provider.name}: the name is taken)" if name != provider.name else ""
        if provider.name in plan.keys:
            if args.no_keys:
                key = "key: left out (--no-keys)"
            elif args.keys_in_file:
                key = "key: written into the config file (--keys-in-file)"
            else:
                key = f"key: to the OS keyring as keyring:{name}" + (
                    "" if keyring_ok else " (no usable keyring here!)"
                )
        else:
            key = f"key: {provider.api_key}" if provider.api_key else "key: none"
        state = "" if provider.enabled else " [disabled]"
        lines.append(f"+ provider {name}{was}: {provider.kind} {provider.base_url}{state}; {key}")
    for profile in plan.profiles:
        name = renamed.get(("profile", profile.name), profile.name)
        if args.profile_name and len(plan.profiles) == 1:
            name = args.profile_name
        lines.append(f"+ profile {name}:")
        for slot in ("default", "haiku", "sonnet", "opus"):
            route = getattr(profile.models, slot)
            if route:
                lines.append(f"    {slot:<8} {' -> '.join(_renamed(route, renamed))}")
        long_context = profile.routing.long_context
        for rule, route in profile.routing.routes().items():
            label = rule.removesuffix(".route").replace("_", " ")
            if rule == "long_context.route" and long_context is not None:
                label += f" (over {long_context.threshold} tokens)"
            lines.append(f"    {label}: {' -> '.join(_renamed(route, renamed))}")
        if profile.env:
            lines.append(f"    environment: {', '.join(sorted(profile.env))}")
    lines += [f"note: {note}" for note in plan.notes]
    return lines


def _renamed(route: list[str], renamed: dict[tuple[str, str], str]) -> list[str]:
    return list(_rename_refs(route, renamed))
