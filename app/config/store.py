"""Load and save the config file: TOML in the platformdirs config dir.

A file that fails to parse or validate is never overwritten, and its error names the file, the
line and the field. Writes are atomic (temp file + rename) and keep `config.toml.bak`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomlkit
from pydantic import ValidationError

from app.config.schema import Config
from app.errors import ConfigError

APP_NAME = "switchboard"
ENV_CONFIG = "SWITCHBOARD_CONFIG"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """`--config` wins, then $SWITCHBOARD_CONFIG, then the platform's config dir."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get(ENV_CONFIG):
        return Path(env).expanduser()
    return config_dir() / "config.toml"


@dataclass
class LoadedConfig:
    config: Config
    path: Path
    warnings: list[str] = field(default_factory=list)
    created: bool = False


def load_config(path: Path, *, create: bool = True) -> LoadedConfig:
    """Read and validate `path`; write the commented default first if it does not exist."""
    created = False
    if not path.exists():
        if not create:
            raise ConfigError("no config file here", where=str(path))
        write_text_atomic(path, DEFAULT_CONFIG)
        created = True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the file: {exc}", where=str(path)) from exc
    config = parse_config(text, source=str(path))
    return LoadedConfig(config, path, config_warnings(config), created)


def parse_config(text: str, *, source: str = "<config>") -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{source}:{line.group(1)}" if line else source
        raise ConfigError(f"TOML syntax error: {exc}", where=where) from exc
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise _located(exc, text, source) from exc


# Kinds the schema accepts (their dialects are on the way) but this version cannot serve.
UNSERVED_KINDS = frozenset({"gemini"})


def config_warnings(config: Config) -> list[str]:
    """Things that load but deserve the user's attention."""
    warnings = [
        f"provider {p.name!r}: api_key is written in the file; store it in the keyring "
        f"(Settings, or `switchboard provider set-key {p.name}`) and write keyring:{p.name}"
        for p in config.providers
        if p.has_literal_key
    ]
    warnings += [
        f"provider {p.name!r}: kind {p.kind!r} is not served by this version; requests "
        f"routed to it fail over to the next candidate (use openai-chat or anthropic)"
        for p in config.providers
        if p.kind in UNSERVED_KINDS
    ]
    return warnings


def save_config(path: Path, config: Config) -> None:
    """Write `config` atomically, keeping the previous good file as `<name>.bak`.

    Refuses to replace a file that does not parse: that file may hold the user's only copy of
    hand edits, so it is never overwritten.
    """
    if path.exists():
        if not _parses(path):
            raise ConfigError(
                "the file on disk does not load; fix or move it before saving", where=str(path)
            )
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    write_text_atomic(path, dump_config(config))


def _parses(path: Path) -> bool:
    try:
        parse_config(path.read_text(encoding="utf-8"), source=str(path))
    except (ConfigError, OSError, UnicodeDecodeError):
        return False
    return True


def dump_config(config: Config) -> str:
    data: dict[str, Any] = config.model_dump(mode="json", exclude_defaults=True)
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Switchboard configuration. Edit here or in Settings."))
    doc.add(tomlkit.comment("Docs: README.md. API keys live in the OS keyring (keyring:NAME)."))
    doc.add(tomlkit.nl())
    for key in ("settings", "providers", "profiles"):
        if key in data:
            doc.add(key, data[key])
    return tomlkit.dumps(doc)


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temp file in the same folder, fsync, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _located(exc: ValidationError, text: str, source: str) -> ConfigError:
    """Turn pydantic's first error into one naming the file, line and dotted field."""
    first = exc.errors()[0]
    loc = tuple(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if not loc and (m := re.match(r"(\w+)\[(\d+)\]\.([\w.]+)", message)):
        # a cross-field check names its own field in the message
        loc = (m.group(1), int(m.group(2)), *m.group(3).split("."))
    field_name = _dotted(loc)
    line = _line_of(text, loc)
    where = f"{source}:{line}" if line else source
    extra = len(exc.errors()) - 1
    if extra:
        message += f" (and {extra} more error{'s' if extra > 1 else ''})"
    return ConfigError(message, where=where, field=field_name)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best line for a validation error: the deepest key of `loc` found in the file."""
    lines = _key_lines(text)
    for depth in range(len(loc), 0, -1):
        if loc[:depth] in lines:
            return lines[loc[:depth]]
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+?)\s*=")


def _key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Map each table and key path (with array indices) to the line it starts on."""
    arrays: dict[tuple[str, ...], int] = {}
    found: dict[tuple[Any, ...], int] = {}
    current: tuple[Any, ...] = ()

    def resolve(parts: list[str]) -> tuple[Any, ...]:
        out: list[Any] = []
        for i, part in enumerate(parts):
            out.append(part)
            if tuple(parts[: i + 1]) in arrays:
                out.append(arrays[tuple(parts[: i + 1])])
        return tuple(out)

    for number, raw in enumerate(text.splitlines(), 1):
        if header := _HEADER.match(raw):
            parts = [p.strip().strip("\"'") for p in header.group(2).split(".")]
            if header.group(1) == "[[":
                arrays[tuple(parts)] = arrays.get(tuple(parts), -1) + 1
            current = resolve(parts)
            found.setdefault(current, number)
        elif key := _KEY.match(raw):
            parts = [p.strip().strip("\"'") for p in key.group(1).split(".")]
            found.setdefault((*current, *parts), number)
    return found


DEFAULT_CONFIG = """\
# Switchboard configuration.
# Edit it here or in the Settings window; `switchboard config validate` checks it.
# API keys belong in the OS keyring: write api_key = "keyring:NAME"
# (or "env:VARIABLE" to read an environment variable).

[settings]
host = "127.0.0.1"      # the proxy only listens on this machine
port = 17355
require_token = true    # Claude Code must send the local token (`switchboard token`)

# A provider is where requests go. kind = anthropic | openai-chat | openai-responses | gemini
# `switchboard provider presets` lists ready-made ones.
#
# [[providers]]
# name = "deepseek"
# kind = "openai-chat"
# base_url = "https://api.deepseek.com/v1"
# api_key = "env:DEEPSEEK_API_KEY"
#
# [[providers]]
# name = "anthropic"
# kind = "anthropic"
# base_url = "https://api.anthropic.com"
# api_key = "keyring:anthropic"

# A profile is what one Claude Code launch sees: each model slot maps to
# "provider/model", or to a list of them (the first healthy one serves).
# "provider/*" passes the model name Claude Code asked for.
#
# [[profiles]]
# name = "deepseek"
# [profiles.models]
# default = "deepseek/deepseek-chat"
# haiku = "deepseek/deepseek-chat"
# sonnet = ["deepseek/deepseek-chat", "anthropic/claude-sonnet-4-5"]
# opus = "deepseek/deepseek-reasoner"
"""
