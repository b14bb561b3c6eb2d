"""Providers and profiles from the config of a tool the user comes from.

Read (never written): claude-code-router's `config.json` (Providers and Router), claudex's
`config.toml` (profiles), claude-code-mux's `config.toml` (providers, models, router) and the
`env` block of Claude Code's `settings.json`. The result is a plan: new providers and profiles
that validate against the schema, the API keys found (to be stored by the caller, never
written into the plan), and notes on what could not be carried over.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import ValidationError

from app.config.names import unique_name
from app.config.presets import load_catalogue, preset_for
from app.config.schema import NAME_PATTERN, Config, Profile, Provider, ProviderKind

FORMATS = {
    "ccr": "claude-code-router config.json",
    "claudex": "claudex config.toml",
    "ccm": "claude-code-mux config.toml",
    "claude-settings": "Claude Code settings.json (env block)",
}
ANTHROPIC_URL = "https://api.anthropic.com"
_NAME = re.compile(NAME_PATTERN)
_ENV_REF = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


class ImportProblem(ValueError):
    """The file cannot be read as any known format, or holds nothing to import."""


@dataclass
class ImportPlan:
    format: str
    providers: list[Provider] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # provider name -> key found in the file
    notes: list[str] = field(default_factory=list)


KeyDestination = Literal["keyring", "file", "none"]


@dataclass
class Merged:
    """The config with a plan added; clashing names got a suffix (`renamed` says which)."""

    config: Config
    renamed: dict[tuple[str, str], str]  # ("provider" | "profile", name in the plan) -> new

    def name(self, kind: str, old: str) -> str:
        return self.renamed.get((kind, old), old)


def known_sources(home: Path) -> list[tuple[str, Path]]:
    """The other tools' config files that exist under `home`, where those tools keep them."""
    places = (
        ("ccr", home / ".claude-code-router" / "config.json"),
        ("claudex", home / ".config" / "claudex" / "config.toml"),
        ("ccm", home / ".claude-code-mux" / "config.toml"),
        ("claude-settings", home / ".claude" / "settings.json"),
    )
    return [(format, path) for format, path in places if path.is_file()]


def plan_import(path: Path, format: str | None = None) -> ImportPlan:
    """Read `path` and convert it; `format` (a FORMATS key) skips the detection."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem(f"cannot read {path}: {exc}") from exc
    data = _parse(text, path)
    chosen = format or detect(data)
    if chosen is None:
        raise ImportProblem(
            f"{path} is none of: {', '.join(FORMATS.values())} (give --format to say which)"
        )
    converter: Callable[[dict[str, Any]], ImportPlan] = _CONVERTERS[chosen]
    try:
        plan = converter(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportProblem(f"{path} does not look like a {FORMATS[chosen]}: {exc!r}") from exc
    if not plan.providers and not plan.profiles:
        raise ImportProblem(f"{path}: no providers or profiles to import")
    return plan


def detect(data: dict[str, Any]) -> str | None:
    if "Providers" in data or "Router" in data:
        return "ccr"
    profiles = data.get("profiles")
    if isinstance(profiles, list) and any(
        isinstance(p, dict) and ("provider_type" in p or "default_model" in p) for p in profiles
    ):
        return "claudex"
    if isinstance(data.get("router"), dict) and (
        isinstance(data.get("providers"), list) or isinstance(data.get("models"), list)
    ):
        return "ccm"
    if isinstance(data.get("env"), dict):
        return "claude-settings"
    return None


# -- reading ---------------------------------------------------------------------------------


def _parse(text: str, path: Path) -> dict[str, Any]:
    """TOML or JSON; JSON may carry `//` comments and trailing commas (JSON5, as
    claude-code-router reads it)."""
    errors = []
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        errors.append(f"TOML: {exc}")
    for candidate in (text, _strip_json5(text)):
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError as exc:
            errors.append(f"JSON: {exc}")
            continue
        if isinstance(data, dict):
            return data
    raise ImportProblem(f"{path} is neither TOML nor JSON ({errors[0]}; {errors[-1]})")


def _strip_json5(text: str) -> str:
    """Drop // and /* */ comments outside strings, then commas before } or ]."""
    out: list[str] = []
    i, quote = 0, ""
    while i < len(text):
        char = text[i]
        if quote:
            out.append(char)
            if char == "\\":
                out.append(text[i + 1 : i + 2])
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            out.append(char)
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
            continue
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
            if i < 2:
                break
            continue
        else:
            out.append(char)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


# -- shared ----------------------------------------------------------------------------------


def _name(raw: str, fallback: str = "imported") -> str:
    """A valid provider or profile name from whatever the other tool allowed."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", str(raw)).strip("-._")[:64]
    return name if name and _NAME.match(name) else fallback


def _key(plan: ImportPlan, provider: str, value: Any) -> str | None:
    """The api_key to write for a key the file holds: an env: reference stays one; a literal
    is kept aside for the keyring (the caller decides) and None is written for now."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if match := _ENV_REF.match(value):
        return f"env:{match.group(1)}"
    plan.keys[provider] = value
    return None


def _provider(
    plan: ImportPlan,
    name: str,
    kind: ProviderKind,
    base_url: str,
    *,
    key: Any = None,
    **extra: Any,
) -> Provider | None:
    try:
        provider = Provider(
            name=name, kind=kind, base_url=base_url, api_key=_key(plan, name, key), **extra
        )
    except ValidationError as exc:
        plan.keys.pop(name, None)
        plan.notes.append(f"provider {name!r} skipped: {_first_error(exc)}")
        return None
    preset = preset_for(provider) or _preset_with_v1(provider)
    if preset is not None:
        provider.preset = preset.id  # its models' limits, prices and quirks
    plan.providers.append(provider)
    return provider


def _preset_with_v1(provider: Provider) -> Any:
    """Many vendors answer at both https://host and https://host/v1 (DeepSeek); the catalogue
    lists one of them."""
    if provider.base_url.endswith("/v1"):
        return None
    return preset_for(provider.model_copy(update={"base_url": provider.base_url + "/v1"}))


def _profile(plan: ImportPlan, data: dict[str, Any]) -> None:
    try:
        plan.profiles.append(Profile.model_validate(data))
    except ValidationError as exc:
        plan.notes.append(f"profile {data.get('name')!r} skipped: {_first_error(exc)}")


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _preset_provider(plan: ImportPlan, name: str, preset_id: str, key: Any) -> Provider | None:
    preset = load_catalogue()[preset_id]
    return _provider(plan, name, preset.kind, preset.base_url, key=key, preset=preset.id)


# -- claude-code-router ----------------------------------------------------------------------


def _from_ccr(data: dict[str, Any]) -> ImportPlan:
    plan = ImportPlan("ccr")
    names: dict[str, str] = {}  # CCR provider name -> ours
    for entry in data.get("Providers") or data.get("providers") or []:
        raw = str(entry.get("name", ""))
        name = _name(raw)
        url = str(entry.get("api_base_url") or entry.get("baseUrl") or "")
        uses = _transformer_names(entry.get("transformer"))
        kind, base_url, note = _ccr_endpoint(url, uses)
        if note:
            plan.notes.append(f"provider {name!r}: {note}")
        if extras := sorted(uses - _CCR_ADAPTERS):
            plan.notes.append(
                f"provider {name!r}: transformers {', '.join(extras)} are not carried over "
                "(Switchboard applies the catalogue's quirks for known providers)"
            )
        if _provider(plan, name, kind, base_url, key=entry.get("api_key")) is not None:
            names[raw] = name
    router = data.get("Router") or {}

    def route(key: str) -> list[str] | None:
        value = router.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        provider, sep, model = value.partition(",")
        if not sep or provider.strip() not in names:
            plan.notes.append(f"Router.{key} {value!r}: no such provider; not imported")
            return None
        return [f"{names[provider.strip()]}/{model.strip()}"]

    default = route("default")
    if default is None:
        if plan.providers:
            plan.notes.append("no usable Router.default: providers imported, no profile made")
        return plan
    routing: dict[str, Any] = {}
    if background := route("background"):
        routing["background"] = {"route": background}
    if think := route("think"):
        routing["thinking"] = {"route": think}
        plan.notes.append(
            'Router.think serves requests with an explicit thinking budget; add "adaptive" '
            "to routing.thinking.modes to send every thinking call there, as claude-code-router "
            "does (Claude Code asks for adaptive thinking on every main call)"
        )
    if long := route("longContext"):
        threshold = int(router.get("longContextThreshold") or 60000)
        routing["long_context"] = {"route": long, "threshold": max(1000, threshold)}
    if search := route("webSearch"):
        routing["web_search"] = {"route": search}
    if image := route("image"):
        routing["image"] = {"route": image}
    _profile(plan, {"name": "ccr", "models": {"default": default}, "routing": routing})
    return plan


# Transformers that adapt a vendor's API, which Switchboard's dialects and catalogue do.
_CCR_ADAPTERS = {"anthropic", "openai", "gemini", "deepseek", "openrouter", "groq", "cerebras"}


def _transformer_names(transformer: Any) -> set[str]:
    """The transformers a provider uses, its per-model ones included."""
    if not isinstance(transformer, dict):
        return set()
    names = set()
    for key, value in transformer.items():
        uses = value if key == "use" else value.get("use") if isinstance(value, dict) else None
        for item in uses or []:
            names.add(str(item[0] if isinstance(item, list) and item else item).lower())
    return names


def _ccr_endpoint(url: str, uses: set[str]) -> tuple[ProviderKind, str, str]:
    """claude-code-router wants the full endpoint URL; Switchboard wants the API root."""
    url = url.strip().rstrip("/")
    for suffix, kind in (
        ("/chat/completions", "openai-chat"),
        ("/v1/messages", "anthropic"),
        ("/responses", "openai-responses"),
    ):
        if url.endswith(suffix):
            return kind, url[: -len(suffix)], ""  # type: ignore[return-value]
    if "gemini" in uses or "generativelanguage.googleapis.com" in url:
        gemini = load_catalogue()["google-gemini"]  # the native API: thought signatures kept
        return gemini.kind, gemini.base_url, ""
    if "anthropic" in uses:
        return "anthropic", url, ""
    return "openai-chat", url, "no known endpoint in the URL: taken as OpenAI Chat Completions"


# -- claudex ---------------------------------------------------------------------------------

_CLAUDEX_KINDS: dict[str, ProviderKind] = {
    "DirectAnthropic": "anthropic",
    "OpenAICompatible": "openai-chat",
    "OpenAIResponses": "openai-responses",
}


def _from_claudex(data: dict[str, Any]) -> ImportPlan:
    plan = ImportPlan("claudex")
    entries = [e for e in data.get("profiles") or [] if isinstance(e, dict) and e.get("name")]
    names = {str(e["name"]): _name(str(e["name"])) for e in entries}
    defaults = {str(e["name"]): e.get("default_model") for e in entries}
    for entry in entries:
        name = names[str(entry["name"])]
        kind = _CLAUDEX_KINDS.get(str(entry.get("provider_type") or "DirectAnthropic"))
        if kind is None:
            plan.notes.append(f"profile {name!r}: unknown provider_type; skipped")
            continue
        key: Any = entry.get("api_key")
        if entry.get("auth_type") == "oauth":
            plan.notes.append(
                f"provider {name!r} used claudex's {entry.get('oauth_provider')} login: "
                "not imported; log in again or add a key"
            )
            key = None
        elif not key and entry.get("api_key_keyring"):
            key = _claudex_keyring(plan, name, str(entry["api_key_keyring"]))
        if entry.get("max_tokens"):
            plan.notes.append(f"provider {name!r}: max_tokens is not carried over")
        provider = _provider(
            plan,
            name,
            kind,
            str(entry.get("base_url") or ""),
            key=key,
            headers={str(k): str(v) for k, v in (entry.get("custom_headers") or {}).items()},
            query={str(k): str(v) for k, v in (entry.get("query_params") or {}).items()},
            enabled=bool(entry.get("enabled", True)),
        )
        if provider is None or not entry.get("default_model"):
            continue
        default = [f"{name}/{entry['default_model']}"]
        for backup in entry.get("backup_providers") or []:
            if backup in names and defaults.get(backup):
                default.append(f"{names[backup]}/{defaults[backup]}")
            else:
                plan.notes.append(f"profile {name!r}: backup {backup!r} has no default model")
        models: dict[str, Any] = {"default": default}
        for slot in ("haiku", "sonnet", "opus"):
            if model := (entry.get("models") or {}).get(slot):
                models[slot] = [f"{name}/{model}"]
        env = {str(k): str(v) for k, v in (entry.get("extra_env") or {}).items()}
        _profile(plan, {"name": name, "models": models, "env": env})
    _drop_dangling_routes(plan)
    return plan


def _claudex_keyring(plan: ImportPlan, name: str, entry: str) -> str | None:
    """claudex keeps keys in the OS keyring under its own service name."""
    import keyring
    import keyring.errors

    try:
        value = keyring.get_password("claudex", entry)
    except keyring.errors.KeyringError as exc:
        value = None
        plan.notes.append(f"provider {name!r}: claudex's keyring entry cannot be read ({exc})")
    else:
        if value is None:
            plan.notes.append(f"provider {name!r}: no key in claudex's keyring entry {entry!r}")
    return value


def _drop_dangling_routes(plan: ImportPlan) -> None:
    """A profile whose route names a provider that was skipped cannot load: drop it."""
    known = {p.name for p in plan.providers}
    for profile in list(plan.profiles):
        refs = [ref for route in _routes(profile) for ref in route]
        missing = sorted({ref.split("/", 1)[0] for ref in refs} - known)
        if missing:
            plan.profiles.remove(profile)
            plan.notes.append(f"profile {profile.name!r} skipped: uses {', '.join(missing)}")


def _routes(profile: Profile) -> list[list[str]]:
    models = profile.models
    slots = [models.default, models.haiku, models.sonnet, models.opus]
    return [r for r in slots if r] + list(profile.routing.routes().values())


# -- claude-code-mux -------------------------------------------------------------------------

# provider_type -> catalogue preset (ccm fills in the base URL for these itself)
_CCM_PRESETS = {
    "anthropic": "anthropic",
    "openai": "openai",
    "z.ai": "zai-anthropic",
    "minimax": "minimax-anthropic",
    "openrouter": "openrouter",
    "deepinfra": "deepinfra",
    "novita": "novita",
    "together": "together",
    "fireworks": "fireworks",
    "groq": "groq",
    "nebius": "nebius",
    "cerebras": "cerebras",
    "moonshot": "kimi",
    "gemini": "google-gemini",
}
_CCM_ANTHROPIC = {"anthropic", "z.ai", "minimax", "zenmux", "kimi-coding"}


def _from_ccm(data: dict[str, Any]) -> ImportPlan:
    plan = ImportPlan("ccm")
    names: dict[str, str] = {}
    listed: dict[str, str] = {}  # model name -> provider listing it (ccm's older layout)
    for entry in data.get("providers") or []:
        raw = str(entry.get("name", ""))
        name = _name(raw)
        kind_name = str(entry.get("provider_type", "")).lower()
        if str(entry.get("auth_type", "")).lower() == "oauth":
            plan.notes.append(f"provider {name!r} used a ccm login: not imported; add a key")
        key = entry.get("api_key") if str(entry.get("auth_type", "")).lower() != "oauth" else None
        base_url = entry.get("base_url")
        provider: Provider | None
        if base_url:
            kind: ProviderKind = "anthropic" if kind_name in _CCM_ANTHROPIC else "openai-chat"
            provider = _provider(plan, name, kind, str(base_url), key=key)
        elif kind_name in _CCM_PRESETS:
            provider = _preset_provider(plan, name, _CCM_PRESETS[kind_name], key)
        else:
            plan.notes.append(f"provider {name!r}: type {kind_name!r} needs a base_url; skipped")
            continue
        if provider is None:
            continue
        if entry.get("enabled") is False:
            provider.enabled = False
        names[raw] = name
        for model in entry.get("models") or []:
            listed.setdefault(str(model), name)
    routes: dict[str, list[str]] = {}
    for model in data.get("models") or []:
        mappings = sorted(model.get("mappings") or [], key=lambda m: int(m.get("priority", 1)))
        route = [
            f"{names[str(m['provider'])]}/{m['actual_model']}"
            for m in mappings
            if str(m.get("provider")) in names
        ]
        if route:
            routes[str(model["name"])] = route
    router = data.get("router") or {}

    def route_for(key: str) -> list[str] | None:
        model = router.get(key)
        if not isinstance(model, str) or not model:
            return None
        if model in routes:
            return routes[model]
        if model in listed:
            return [f"{listed[model]}/{model}"]
        plan.notes.append(f"router.{key} {model!r}: no model mapping; not imported")
        return None

    default = route_for("default")
    if default is None:
        if plan.providers:
            plan.notes.append("no usable router.default: providers imported, no profile made")
        return plan
    routing: dict[str, Any] = {}
    if think := route_for("think"):
        routing["thinking"] = {"route": think}
    if search := route_for("websearch"):
        routing["web_search"] = {"route": search}
    if background := route_for("background"):
        rule: dict[str, Any] = {"route": background}
        if pattern := router.get("background_regex"):
            rule["model_pattern"] = str(pattern)  # Rust's (?i) means the same in Python
        routing["background"] = rule
    _profile(plan, {"name": "ccm", "models": {"default": default}, "routing": routing})
    return plan


# -- Claude Code settings.json ---------------------------------------------------------------

_SLOT_VARIABLES = {
    "default": ("ANTHROPIC_MODEL",),
    "haiku": ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL"),
    "sonnet": ("ANTHROPIC_DEFAULT_SONNET_MODEL",),
    "opus": ("ANTHROPIC_DEFAULT_OPUS_MODEL",),
}
_OURS = {
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_API_KEY",
    *(name for names in _SLOT_VARIABLES.values() for name in names),
}


def _from_claude_settings(data: dict[str, Any]) -> ImportPlan:
    plan = ImportPlan("claude-settings")
    env = {str(k): str(v) for k, v in (data.get("env") or {}).items()}
    base_url = env.get("ANTHROPIC_BASE_URL", ANTHROPIC_URL).rstrip("/")
    if "/proxy/" in base_url and urlsplit(base_url).hostname in ("127.0.0.1", "localhost"):
        raise ImportProblem("its env block already points Claude Code at a Switchboard proxy")
    if not any(name in env for name in _OURS):
        raise ImportProblem("its env block sets no ANTHROPIC_* variable: nothing to import")
    name = _settings_name(base_url)
    token = env.get("ANTHROPIC_AUTH_TOKEN")
    auth = "bearer" if token else None
    provider = _provider(
        plan,
        name,
        "anthropic",
        base_url,
        key=token or env.get("ANTHROPIC_API_KEY"),
        auth=auth,
    )
    if provider is None:
        return plan
    models: dict[str, Any] = {}
    for slot, variables in _SLOT_VARIABLES.items():
        model = next((env[v] for v in variables if env.get(v)), None)
        if model:
            models[slot] = [f"{name}/{model}"]
    models.setdefault("default", [f"{name}/*"])  # pass Claude Code's own model names through
    extra = {k: v for k, v in env.items() if k not in _OURS}
    _profile(plan, {"name": name, "models": models, "env": extra})
    return plan


def _settings_name(base_url: str) -> str:
    probe = Provider(name="probe", kind="anthropic", base_url=base_url)
    preset = preset_for(probe)
    if preset is not None:
        return preset.id
    host = urlsplit(base_url).hostname or "anthropic"
    parts = [p for p in host.split(".") if p not in ("api", "www", "com", "cn", "ai", "io")]
    return _name(parts[0] if parts else host, "anthropic")


_CONVERTERS: dict[str, Callable[[dict[str, Any]], ImportPlan]] = {
    "ccr": _from_ccr,
    "claudex": _from_claudex,
    "ccm": _from_ccm,
    "claude-settings": _from_claude_settings,
}


# -- merging into a config -------------------------------------------------------------------


def merge_plan(
    current: Config | None,
    plan: ImportPlan,
    *,
    profile_name: str | None = None,
    make_default: bool = False,
) -> Merged:
    """`current` plus the plan, validated; raises ImportProblem. `profile_name` names the one
    imported profile; `make_default` makes the first imported profile the default."""
    data: dict[str, Any] = current.model_dump(mode="json", exclude_unset=True) if current else {}
    providers = data.setdefault("providers", [])
    profiles = data.setdefault("profiles", [])
    renamed: dict[tuple[str, str], str] = {}
    for provider in plan.providers:
        name = unique_name(provider.name, [p["name"] for p in providers])
        if name != provider.name:
            renamed[("provider", provider.name)] = name
        providers.append({**provider.model_dump(mode="json", exclude_unset=True), "name": name})
    if profile_name and len(plan.profiles) != 1:
        raise ImportProblem(f"a profile name fits one imported profile, not {len(plan.profiles)}")
    for profile in plan.profiles:
        entry = rename_refs(profile.model_dump(mode="json", exclude_unset=True), renamed)
        name = unique_name(profile_name or profile.name, [p["name"] for p in profiles])
        if profile_name and name != profile_name:
            raise ImportProblem(f"a profile named {profile_name!r} exists")
        if name != profile.name:
            renamed[("profile", profile.name)] = name
        profiles.append({**entry, "name": name})
    if make_default and plan.profiles:
        first = renamed.get(("profile", plan.profiles[0].name), plan.profiles[0].name)
        data.setdefault("settings", {})["default_profile"] = first
    try:
        return Merged(Config.model_validate(data), renamed)
    except ValidationError as exc:
        raise ImportProblem(f"the import does not validate: {_first_error(exc)}") from exc


def apply_keys(plan: ImportPlan, merged: Merged, destination: KeyDestination) -> None:
    """Put the keys the file held where the user chose: the OS keyring (keyring:NAME), the
    config file, or nowhere. Raises keyring.errors.KeyringError when the keyring fails."""
    from app.config.secrets import store_secret

    for old, key in plan.keys.items():
        name = merged.name("provider", old)
        provider = merged.config.provider(name)
        assert provider is not None
        if destination == "keyring":
            provider.api_key = store_secret(name, key)
        else:
            provider.api_key = key if destination == "file" else None


def rename_refs(value: Any, renamed: dict[tuple[str, str], str]) -> Any:
    """Every route reference ("provider/model" in a list) to a renamed provider, renamed."""
    if isinstance(value, dict):
        return {k: rename_refs(v, renamed) for k, v in value.items()}
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str):
                provider, sep, model = item.partition("/")
                new = renamed.get(("provider", provider))
                out.append(f"{new}/{model}" if sep and new else item)
            else:
                out.append(rename_refs(item, renamed))
        return out
    return value


def describe_plan(
    plan: ImportPlan, merged: Merged, keys: KeyDestination, keyring_ok: bool
) -> list[str]:
    """What the import adds, line by line; keys are named by where they go, never shown."""
    lines = []
    for provider in plan.providers:
        name = merged.name("provider", provider.name)
        was = f" (renamed from {provider.name}: the name is taken)" if name != provider.name else ""
        if provider.name in plan.keys:
            key = {
                "none": "key: left out",
                "file": "key: written into the config file",
                "keyring": f"key: to the OS keyring as keyring:{name}"
                + ("" if keyring_ok else " (no usable keyring here!)"),
            }[keys]
        else:
            key = f"key: {provider.api_key}" if provider.api_key else "key: none"
        state = "" if provider.enabled else " [disabled]"
        lines.append(f"+ provider {name}{was}: {provider.kind} {provider.base_url}{state}; {key}")
    for profile in plan.profiles:
        lines.append(f"+ profile {merged.name('profile', profile.name)}:")
        for slot in ("default", "haiku", "sonnet", "opus"):
            if route := getattr(profile.models, slot):
                lines.append(f"    {slot:<8} {' -> '.join(rename_refs(route, merged.renamed))}")
        long_context = profile.routing.long_context
        for rule, route in profile.routing.routes().items():
            label = rule.removesuffix(".route").replace("_", " ")
            if rule == "long_context.route" and long_context is not None:
                label += f" (over {long_context.threshold} tokens)"
            lines.append(f"    {label}: {' -> '.join(rename_refs(route, merged.renamed))}")
        if profile.env:
            lines.append(f"    environment: {', '.join(sorted(profile.env))}")
    lines += [f"note: {note}" for note in plan.notes]
    return lines
