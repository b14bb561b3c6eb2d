"""The environment Claude Code gets for one profile.

Claude Code talks to `…/proxy/<profile>` with the proxy's local token, never a real upstream key:
an inherited ANTHROPIC_API_KEY is removed (Claude Code would send it too, and, unless
non-essential traffic is off, also to api.anthropic.com), and so is every variable a provider
reads its key from (`api_key = "env:NAME"`): a model that runs `env` in a Bash tool must not
see the user's keys. Each model slot gets the name the proxy reads the slot back from
(`app.config.slots`). Each profile has a CLAUDE_CONFIG_DIR of its own unless it shares
~/.claude.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.config.schema import SLOTS, Config, ModelRef, Profile, Settings
from app.config.secrets import local_token
from app.config.slots import launch_model_name
from app.config.store import LoadedConfig
from app.launch.claude import LaunchError
from app.launch.context_window import auto_compact_window
from app.launch.knowledge import TOKEN_VARIABLE, write_mcp_config
from app.launch.sessions import session_store, share_sessions

REMOVED = ("ANTHROPIC_API_KEY",)
# These send Claude Code to a cloud of their own, around the proxy: a launch must not keep them.
BYPASSING = ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY")
_PROXY_VARS = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY")
# Library and plugin search paths a frozen bundle may point into its own folder.
_SEARCH_PATHS = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "PATH", "QT_PLUGIN_PATH")


@dataclass(frozen=True)
class EnvOverride:
    """Variables that something besides the profile sets for Claude Code: the `env` block of
    `settings_file`, or (None) the user's own environment. str() is the warning in English; the
    tray words it in the user's language from these fields."""

    names: tuple[str, ...]
    settings_file: Path | None = None

    def __str__(self) -> str:
        names = ", ".join(self.names)
        if self.settings_file is not None:
            return (
                f'{self.settings_file} sets {names} in its "env" block, which Claude Code '
                "applies over Switchboard's values; remove them there for this profile to work"
            )
        return (
            f"your environment sets {names}, which Claude Code will also use with this "
            "profile; unset them in your shell if they are not meant for it"
        )


@dataclass(frozen=True)
class LaunchEnvironment:
    """What to change in an inherited environment: `values` to set, `unset` to remove."""

    values: dict[str, str]
    unset: tuple[str, ...]
    warnings: tuple[EnvOverride, ...] = ()
    args: tuple[str, ...] = ()  # for the claude command line, before the user's own

    def applied_to(self, base: Mapping[str, str]) -> dict[str, str]:
        removed = {_env_key(name) for name in self.unset}
        env = {k: v for k, v in base.items() if _env_key(k) not in removed}
        env.update(self.values)
        return env


def local_host(settings: Settings) -> str:
    """Where a client on this machine reaches the proxy (a wildcard bind means loopback)."""
    host = settings.host
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def proxy_url(settings: Settings) -> str:
    return f"http://{local_host(settings)}:{settings.port}"


def claude_config_dir(loaded: LoadedConfig, profile: Profile) -> Path | None:
    """The profile's CLAUDE_CONFIG_DIR, or None when it shares the default ~/.claude."""
    if profile.share_claude_config:
        return None
    config_dir = loaded.path.resolve().parent
    if profile.claude_config_dir:
        return config_dir / Path(profile.claude_config_dir).expanduser()
    return config_dir / "claude" / profile.name


def routes_only_to_anthropic(config: Config, profile: Profile) -> bool:
    for slot in SLOTS:
        for ref in profile.models.route(slot):
            provider = config.provider(ModelRef.parse(ref).provider)
            if provider is None or provider.kind != "anthropic":
                return False
    return True


def find_profile(config: Config, name: str) -> Profile:
    profile = config.profile(name)
    if profile is None:
        known = ", ".join(p.name for p in config.profiles) or "none yet"
        raise LaunchError(f"no profile named {name!r} (profiles: {known})")
    return profile


def profile_environment(
    loaded: LoadedConfig,
    profile_name: str,
    *,
    model: str | None = None,
    base_env: Mapping[str, str] | None = None,
    proxy: str | None = None,
    token: str | None = None,
) -> LaunchEnvironment:
    """The variables Claude Code needs for `profile_name`; creates its config dir if missing.

    `model` (from `run -m`) replaces ANTHROPIC_MODEL. `proxy` is the running proxy's address
    when it is not the configured one (`serve --port`). `token` is the running proxy's local
    token (the tray passes it: reading the keyring may block on a Secret Service prompt);
    without it the token is read from the keyring. The profile's own `env` is applied last,
    so it can override anything here.
    """
    base_env = os.environ if base_env is None else base_env
    config = loaded.config
    profile = find_profile(config, profile_name)
    values = {
        "ANTHROPIC_BASE_URL": f"{proxy or proxy_url(config.settings)}/proxy/{profile.name}",
        "ANTHROPIC_AUTH_TOKEN": token or local_token(loaded.path.parent),
        "ANTHROPIC_MODEL": model or launch_model_name(profile, "default"),
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": launch_model_name(profile, "haiku"),
        "ANTHROPIC_DEFAULT_SONNET_MODEL": launch_model_name(profile, "sonnet"),
        "ANTHROPIC_DEFAULT_OPUS_MODEL": launch_model_name(profile, "opus"),
        "ANTHROPIC_SMALL_FAST_MODEL": launch_model_name(profile, "haiku"),
    }
    own_dir = claude_config_dir(loaded, profile)
    if own_dir is not None:
        own_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        values["CLAUDE_CONFIG_DIR"] = str(own_dir)
        if profile.share_sessions:
            share_sessions(own_dir, session_store(loaded.path.resolve().parent / "claude"))
    if not routes_only_to_anthropic(config, profile):
        values["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
        # Deferred tools are loaded through `tool_reference` results that only Anthropic's
        # servers expand: other upstreams would never see them. This sends every tool inline.
        values["CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS"] = "1"
    if (window := auto_compact_window(config, profile)) is not None:
        values["CLAUDE_CODE_AUTO_COMPACT_WINDOW"] = str(window)
    if no_proxy := _no_proxy(base_env, config.settings):
        values["NO_PROXY"] = no_proxy
        if "no_proxy" in base_env:  # tools differ in which spelling wins: set both
            values["no_proxy"] = no_proxy
    values.update(profile.env)  # names checked by the schema (EnvName)
    settings_dir = (
        own_dir or Path(base_env.get("CLAUDE_CONFIG_DIR") or Path.home() / ".claude").expanduser()
    )
    warnings = _settings_overrides(settings_dir / "settings.json", values)
    warnings += _inherited_overrides(base_env, values)
    removed = (*REMOVED, *BYPASSING, *key_variables(config))
    unset = tuple(name for name in dict.fromkeys(removed) if name not in values)
    args: tuple[str, ...] = ()
    if profile.knowledge is not None and profile.knowledge.enabled:
        mcp_file = write_mcp_config(
            own_dir or loaded.path.resolve().parent / "claude",
            profile.name,
            values["ANTHROPIC_BASE_URL"].rsplit("/proxy/", 1)[0],
        )
        args = ("--mcp-config", str(mcp_file))
        values.setdefault(TOKEN_VARIABLE, values["ANTHROPIC_AUTH_TOKEN"])
    return LaunchEnvironment(values, unset, warnings, args)


def key_variables(config: Config) -> tuple[str, ...]:
    """The environment variables providers read their API keys from (`env:NAME`)."""
    refs = [provider.api_key or "" for provider in config.providers]
    return tuple(dict.fromkeys(ref[4:] for ref in refs if ref.startswith("env:") and ref[4:]))


def external_program_env(
    env: Mapping[str, str] | None = None, bundle: str | None = None
) -> dict[str, str]:
    """A copy of `env` fit for programs outside our PyInstaller bundle.

    The frozen app's library search path points into the bundle, and child processes inherit
    it: a system terminal or Claude Code must not load the bundle's Qt or glib. `bundle`
    defaults to the running bundle's folder (None from source: nothing to undo).
    """
    out = dict(os.environ if env is None else env)
    bundle = bundle if bundle is not None else getattr(sys, "_MEIPASS", None)
    if not bundle:
        return out
    if "LD_LIBRARY_PATH_ORIG" in out:
        out["LD_LIBRARY_PATH"] = out.pop("LD_LIBRARY_PATH_ORIG")
    for name in _SEARCH_PATHS:
        if name in out:
            kept = [p for p in out[name].split(os.pathsep) if p and not p.startswith(bundle)]
            if kept:
                out[name] = os.pathsep.join(kept)
            else:
                del out[name]
    return out


def _no_proxy(base_env: Mapping[str, str], settings: Settings) -> str | None:
    """Keep Claude Code's calls to the local proxy away from the user's HTTP proxy."""
    upper = {k.upper(): v for k, v in base_env.items()}
    if not any(upper.get(name) for name in _PROXY_VARS):
        return None
    current = [h for h in upper.get("NO_PROXY", "").split(",") if h.strip()]
    host = local_host(settings).strip("[]")
    missing = [h for h in (host, "localhost") if h not in current]
    return ",".join(current + missing) if missing else None


def _settings_overrides(settings_file: Path, values: Mapping[str, str]) -> tuple[EnvOverride, ...]:
    """Claude Code applies settings.json's `env` block over the process environment."""
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    env = data.get("env") if isinstance(data, dict) else None
    if not isinstance(env, dict):
        return ()
    clashing = sorted(k for k in env if k in values or k in REMOVED or k.startswith("ANTHROPIC_"))
    return (EnvOverride(tuple(clashing), settings_file),) if clashing else ()


def _inherited_overrides(
    base_env: Mapping[str, str], values: Mapping[str, str]
) -> tuple[EnvOverride, ...]:
    """ANTHROPIC_* variables of the user's shell that the launch leaves in place: Claude Code
    would use them with this profile (extra headers, betas, another model list…)."""
    kept = sorted(
        name
        for name in base_env
        if name.upper().startswith("ANTHROPIC_") and name not in values and name not in REMOVED
    )
    return (EnvOverride(tuple(kept)),) if kept else ()


def _env_key(name: str) -> str:
    return name.upper() if sys.platform == "win32" else name
