"""`switchboard profile list|show|add|remove`: the profiles of the config, from the terminal.

`profile add` asks its questions in the terminal (a preset from the catalogue, the key, a model
per slot); every answer also has a flag, so scripts and tests need no terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from app.cli.common import load
from app.cli.editing import ask, confirm, interactive, refuse, save, table
from app.cli.keys import add_key_options, check_keyring, keep_key

if TYPE_CHECKING:
    from app.config.presets import Preset
    from app.config.schema import Config, Profile, Provider
    from app.config.store import LoadedConfig

SLOT_NAMES = ("default", "haiku", "sonnet", "opus")


def register(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = verbs.add_parser("list", help="list the profiles and their models")
    listing.add_argument("--json", action="store_true", help="print the profiles as JSON")
    listing.set_defaults(handler=_list)

    show = verbs.add_parser(
        "show",
        help="a profile's routes per slot, rules and health",
        description="A profile's model route for each Claude Code slot, its routing rules, "
        "the last `profile test` results and, when a proxy runs, each provider's health.",
    )
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print it as JSON")
    show.set_defaults(handler=_show)

    add = verbs.add_parser(
        "add",
        help="add a profile (and its provider) from the catalogue",
        description="In a terminal with no options, asks for a preset, the API key and a model "
        "per slot. With --preset or --provider it asks nothing: models come from --model or the "
        "preset's defaults. Keys go to the OS keyring.",
    )
    add.add_argument("name", metavar="NAME", nargs="?", help="profile name")
    source = add.add_mutually_exclusive_group()
    source.add_argument("--preset", metavar="ID", help="a new provider from this catalogue preset")
    source.add_argument("--provider", metavar="NAME", help="an already configured provider")
    add.add_argument(
        "--provider-name", metavar="NAME", help="name of the new provider (default: the preset id)"
    )
    add.add_argument(
        "--model",
        metavar="SLOT=MODEL",
        action="append",
        default=[],
        help="model for a slot (default, haiku, sonnet, opus); repeat a slot for failover; "
        "MODEL may be provider/model",
    )
    add.add_argument(
        "--param",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="a value for a placeholder of the preset's URL, e.g. resource=myco (Azure)",
    )
    key = add.add_mutually_exclusive_group()
    key.add_argument("--key-env", metavar="VAR", help="read the API key from this variable")
    key.add_argument("--key-stdin", action="store_true", help="read the API key from stdin")
    add_key_options(add)
    add.add_argument(
        "--default", action="store_true", help="make it the default profile (/v1/messages)"
    )
    add.set_defaults(handler=_add)

    remove = verbs.add_parser("remove", help="remove a profile (its providers stay)")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_remove)


# -- list and show ---------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    import json

    from app.config.paths import config_path

    if not config_path(args.config).exists():
        print("no config file yet: add a profile with `switchboard profile add`")
        return 0
    config = load(args, create=False).config
    default = config.default_profile
    if args.json:
        data = [{**p.model_dump(mode="json"), "default": p is default} for p in config.profiles]
        print(json.dumps(data, indent=2))
        return 0
    if not config.profiles:
        print("no profiles yet: add one with `switchboard profile add`")
        return 0
    rows = [["", "NAME", *(s.upper() for s in SLOT_NAMES)]]
    for profile in config.profiles:
        routes = [getattr(profile.models, slot) for slot in SLOT_NAMES]
        cells = [_short(route) if route else "-" for route in routes]
        rows.append(["*" if profile is default else "", profile.name, *cells])
    print(table(rows))
    return 0


def _short(route: list[str]) -> str:
    return route[0] + (f" (+{len(route) - 1})" if len(route) > 1 else "")


def _show(args: argparse.Namespace) -> int:
    import json

    loaded = load(args, create=False)
    profile = _profile(loaded.config, args.name)
    health, proxy_url = _live_health(loaded)
    tested = _tested(profile.name)
    if args.json:
        data = {
            **profile.model_dump(mode="json"),
            "default": profile is loaded.config.default_profile,
            "tests": tested,
            "health": health,
        }
        print(json.dumps(data, indent=2))
        return 0
    print("\n".join(describe_profile(loaded, profile, health, proxy_url, tested)))
    return 0


def describe_profile(
    loaded: LoadedConfig,
    profile: Profile,
    health: dict[str, Any] | None,
    proxy_url: str | None,
    tested: dict[str, Any],
) -> list[str]:
    from app.cli.proxy_cmd import health_text
    from app.config.schema import SlotPatterns
    from app.launch.env import claude_config_dir

    config = loaded.config
    default = " (the default profile)" if profile is config.default_profile else ""
    lines = [f"profile {profile.name}{default}", "", "slots:"]
    for slot in SLOT_NAMES:
        route = getattr(profile.models, slot)
        text = " -> ".join(route) if route else "the default route"
        lines.append(f"  {slot:<8} {text}")
    if profile.slot_patterns != SlotPatterns():
        patterns = profile.slot_patterns.model_dump()
        lines.append("  names: " + ", ".join(f"{k} ~ /{v}/" for k, v in patterns.items()))
    lines += ["", "rules (checked in this order):"]
    lines += [f"  {line}" for line in _rules(profile)]
    folder = claude_config_dir(loaded, profile)
    lines += ["", f"Claude Code config: {folder if folder else '~/.claude (shared)'}"]
    if profile.env:
        lines.append(f"extra environment: {', '.join(sorted(profile.env))}")
    lines += ["", "providers:"]
    for name in _providers_of(profile):
        provider = config.provider(name)
        where = f"{provider.kind} {provider.base_url}" if provider else "not configured"
        state = health_text(health, name) if health is not None else ""
        lines.append(f"  {name:<16} {where}{'  ' + state if state else ''}")
    lines.append(
        f"  (live health from the proxy on {proxy_url})"
        if health is not None
        else "  (no proxy is running: no live health)"
    )
    if tested:
        lines += ["", "last `profile test`:"]
        for candidate, entry in tested.items():
            checks = entry.get("checks", [])
            failed = [c["name"] for c in checks if c.get("outcome") == "fail"]
            verdict = f"FAIL ({', '.join(failed)})" if failed else "ok"
            age = _age(entry.get("checked_at"))
            lines.append(f"  {candidate:<40} {verdict}  {age}")
    return lines


def _rules(profile: Profile) -> list[str]:
    routing = profile.routing
    lines = [
        f"explicit provider/model in the request: {'on' if routing.explicit_model else 'off'}",
        f"<switchboard-model> tag (subagents): {'on' if routing.subagent_tag else 'off'}",
    ]
    for name in ("long_context", "image", "web_search", "background", "thinking"):
        rule = getattr(routing, name)
        if rule is not None:
            off = "" if rule.enabled else " [off]"
            lines.append(f"{_rule_text(name, rule)}{off}: {' -> '.join(rule.route)}")
    auto = routing.auto
    if auto is not None:
        off = "" if auto.enabled else " [off]"
        lines.append(f"auto{off}: {' -> '.join(auto.classifier)} picks a named route:")
        lines += [f"  {name}: {' -> '.join(route)}" for name, route in auto.routes.items()]
    return lines


def _rule_text(name: str, rule: Any) -> str:
    if name == "long_context":
        return f"long context (over {rule.threshold} input tokens)"
    if name == "image":
        return "images the model cannot see"
    if name == "background":
        parts = ["haiku slot"] if rule.haiku_slot else []
        if rule.model_pattern:
            parts.append(f"model ~ /{rule.model_pattern}/")
        return f"background ({', '.join(parts) or 'never'})"
    if name == "thinking":
        return f"thinking ({', '.join(rule.modes)})"
    return name.replace("_", " ")


def _providers_of(profile: Profile) -> list[str]:
    refs = [ref for slot in SLOT_NAMES for ref in getattr(profile.models, slot) or ()]
    refs += [ref for route in profile.routing.routes().values() for ref in route]
    return list(dict.fromkeys(ref.split("/", 1)[0] for ref in refs))


def _live_health(loaded: LoadedConfig) -> tuple[dict[str, Any] | None, str | None]:
    """The running proxy's /health for this config; (None, None) when none runs."""
    from app.launch.background import PortInUse, find_proxy

    try:
        running = find_proxy(loaded)
    except PortInUse:
        return None, None
    return (running.health, running.url) if running and running.health else (None, None)


def _tested(profile: str) -> dict[str, Any]:
    from app.proxy.probe import load_results

    return load_results().get(profile, {})


def _age(checked_at: Any) -> str:
    if not isinstance(checked_at, int | float):
        return ""
    minutes = (time.time() - checked_at) / 60
    if minutes < 60:
        return f"{minutes:.0f} min ago"
    return f"{minutes / 60:.0f} h ago" if minutes < 48 * 60 else f"{minutes / 1440:.0f} days ago"


def _profile(config: Config, name: str) -> Profile:
    profile = config.profile(name)
    if profile is None:
        known = ", ".join(p.name for p in config.profiles) or "none"
        raise refuse(f"no profile named {name!r} (configured: {known})")
    return profile


# -- remove ----------------------------------------------------------------------------------


def _remove(args: argparse.Namespace) -> int:
    loaded = load(args, create=False)
    config = loaded.config
    profile = _profile(config, args.name)
    data = config.model_dump(mode="json", exclude_unset=True)
    data["profiles"] = [p for p in data.get("profiles", []) if p["name"] != profile.name]
    if config.settings.default_profile == profile.name:
        data["settings"].pop("default_profile", None)
    updated = type(config).model_validate(data)
    save(loaded, updated)
    print(f"removed profile {profile.name!r} from {loaded.path}")
    used = {name for p in updated.profiles for name in _providers_of(p)}
    orphans = [name for name in _providers_of(profile) if name not in used]
    if orphans:
        print(f"no profile uses {', '.join(orphans)} any more (they stay in the config)")
    return 0


# -- add -------------------------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from app.config.names import unique_name
    from app.config.presets import load_catalogue, preset_to_provider
    from app.config.schema import Config, is_valid_name

    loaded = load(args)
    config = loaded.config
    asking = args.preset is None and args.provider is None
    if asking and not interactive():
        raise refuse("give --preset ID or --provider NAME (or run it in a terminal to be asked)")
    catalogue = load_catalogue()
    provider: Provider | None = None
    preset: Preset | None = None
    key: str | None = None
    if args.provider is not None:
        provider = config.provider(args.provider)
        if provider is None:
            known = ", ".join(p.name for p in config.providers) or "none"
            raise refuse(f"no provider named {args.provider!r} (configured: {known})")
    else:
        choice = _choose_preset(catalogue, config) if asking else catalogue.get(args.preset)
        if isinstance(choice, str):  # the user picked a configured provider
            provider = config.provider(choice)
        elif choice is None:
            raise refuse(
                f"no preset {args.preset!r} (see `switchboard provider presets`); nothing written"
            )
        preset = choice if not isinstance(choice, str) else None
    if provider is not None and (args.key_env or args.key_stdin):
        raise refuse(f"provider {provider.name!r} exists: set its key with `provider set-key`")
    taken = [p.name for p in config.providers]
    if provider is None:
        assert preset is not None
        name = args.provider_name or unique_name(preset.id, taken)
        if asking:
            name = ask("Provider name", name)
        if name in taken:
            raise refuse(f"a provider named {name!r} exists; use --provider {name} to reuse it")
        base_url = _fill_placeholders(preset, _pairs(args.param, "--param"), asking)
        key_env = f"env:{args.key_env}" if args.key_env else None
        provider = preset_to_provider(preset, name=name, api_key=key_env).model_copy(
            update={"base_url": base_url}
        )
        key = _read_key(args, preset, asking)
    profile_name = args.name or (
        ask("Profile name", unique_name(provider.name, [p.name for p in config.profiles]))
        if asking
        else None
    )
    if not profile_name:
        raise refuse("give the profile a NAME")
    if not is_valid_name(profile_name):
        raise refuse(f"{profile_name!r} is not a valid name (letters, digits, '.', '_', '-')")
    if config.profile(profile_name) is not None:
        raise refuse(f"a profile named {profile_name!r} exists; nothing written")
    routes = _routes(args, provider, preset, asking, [*taken, provider.name])

    data = config.model_dump(mode="json", exclude_unset=True)
    new_provider = provider.name not in taken
    if new_provider:
        data.setdefault("providers", []).append(
            provider.model_dump(mode="json", exclude_unset=True)
        )
    data.setdefault("profiles", []).append({"name": profile_name, "models": routes})
    if args.default:
        data.setdefault("settings", {})["default_profile"] = profile_name
    try:
        updated = Config.model_validate(data)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise refuse(f"the profile does not validate: {message}; nothing written") from exc
    if asking:
        print("\n".join(_summary(updated, profile_name, new_provider and provider.name)))
        if not confirm("Save?"):
            print("nothing written")
            return 1
    if key:
        check_keyring(args, needed=True)
        stored = keep_key(args, provider.name, key)
        if stored is not None:
            updated.provider(provider.name).api_key = stored  # type: ignore[union-attr]
    save(loaded, updated)
    print(f"added profile {profile_name!r} to {loaded.path}")
    keyless = not updated.provider(provider.name).api_key  # type: ignore[union-attr]
    if new_provider and keyless and preset is not None and preset.auth != "none":
        print(f"no API key yet: `switchboard provider set-key {provider.name}`")
    print(f"run Claude Code with it: switchboard run {profile_name}")
    return 0


def _choose_preset(catalogue: dict[str, Preset], config: Config) -> Preset | str:
    """A preset (or the name of a configured provider) picked by number, id or search words."""
    from app.config.presets import find_presets

    configured = [p.name for p in config.providers]
    presets = list(catalogue.values())
    print("Providers in the catalogue:")
    print(table([[f"{i:>3})", p.id, p.name] for i, p in enumerate(presets, 1)]))
    if configured:
        print(f"Configured providers (reuse by name): {', '.join(configured)}")
    while True:
        answer = ask("Preset (number, id or search words)")
        if answer.isdigit() and 1 <= int(answer) <= len(presets):
            return presets[int(answer) - 1]
        if answer in catalogue:
            return catalogue[answer]
        if answer in configured:
            return answer
        found = find_presets(answer)
        if len(found) == 1:
            return found[0]
        if found:
            print("More than one matches: " + ", ".join(p.id for p in found))
        else:
            print(f"Nothing matches {answer!r}.")


def _fill_placeholders(preset: Preset, given: dict[str, str], asking: bool) -> str:
    base_url = preset.base_url
    for name in preset.placeholders:
        value = given.get(name) or (ask(f"Your {name} (for {preset.base_url})") if asking else "")
        if not value:
            raise refuse(f"preset {preset.id!r} needs --param {name}=VALUE; nothing written")
        base_url = base_url.replace("{" + name + "}", value)
    return base_url


def _read_key(args: argparse.Namespace, preset: Preset, asking: bool) -> str | None:
    import getpass

    if args.key_env:
        return None  # the provider reads it from the environment: set below as env:VAR
    if args.key_stdin:
        value = sys.stdin.read().strip()
        if not value:
            raise refuse("--key-stdin: no key on standard input; nothing written")
        return value
    if asking and preset.auth != "none" and not args.no_keys:
        hint = f" (get one at {preset.keys_url})" if preset.keys_url else ""
        print(f"The API key goes to the OS keyring, never the config file{hint}.")
        return getpass.getpass(f"{preset.name} API key (Enter to add it later): ").strip() or None
    return None


def _routes(
    args: argparse.Namespace,
    provider: Provider,
    preset: Preset | None,
    asking: bool,
    providers: list[str],
) -> dict[str, list[str]]:
    """A route per slot from --model, else the answers, else the preset's default models."""
    known = set(preset.models) if preset is not None else set()

    def reference(model: str) -> str:
        # "openai/gpt-oss-20b" is one model at Groq; "deepseek/deepseek-chat" names another
        # configured provider's model, unless this provider's catalogue lists it.
        other, sep, _ = model.partition("/")
        if sep and other in providers and model not in known:
            return model
        return f"{provider.name}/{model}"

    given: dict[str, list[str]] = {}
    for slot, model in _pairs(args.model, "--model", multi=True):
        if slot not in SLOT_NAMES:
            raise refuse(f"--model {slot}=…: the slots are {', '.join(SLOT_NAMES)}")
        given.setdefault(slot, []).append(reference(model))
    defaults = {str(s): m for s, m in preset.default_models.items()} if preset else {}
    if asking and not given:
        if known:
            print(f"Models of {provider.name}: {', '.join(sorted(known))}")
        print("A model of another provider is written provider/model.")
        for slot in SLOT_NAMES:
            suggestion = defaults.get(slot, "")
            if slot == "default":
                question = "Main model"
            else:
                question = f"{slot} model" + ("" if suggestion else " (Enter: the main model)")
            if model := ask(question, suggestion):
                given[slot] = [reference(model)]
    elif not asking:
        for slot, model in defaults.items():
            given.setdefault(slot, [f"{provider.name}/{model}"])
    if "default" not in given:
        raise refuse("no model for the default slot: give --model default=MODEL; nothing written")
    return given


def _pairs(
    items: list[str], option: str, *, multi: bool = False
) -> Any:  # dict[str, str], or list of pairs with multi
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise refuse(f"{option} {item!r}: write NAME=VALUE")
        pairs.append((name.strip(), value.strip()))
    return pairs if multi else dict(pairs)


def _summary(config: Config, profile_name: str, new_provider: str | bool) -> list[str]:
    profile = config.profile(profile_name)
    assert profile is not None
    lines = ["", f"profile {profile_name}:"]
    for slot in SLOT_NAMES:
        route = getattr(profile.models, slot)
        lines.append(f"  {slot:<8} {' -> '.join(route) if route else 'the default route'}")
    if new_provider:
        provider = config.provider(str(new_provider))
        assert provider is not None
        lines.append(f"new provider {provider.name}: {provider.kind} {provider.base_url}")
    return lines
