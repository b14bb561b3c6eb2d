"""Load and save the config file: TOML in the platformdirs config dir.

A file that fails to parse or validate is never overwritten, and its error names the file, the
line and the field. Writes are atomic (temp file + rename), edit the file in place (comments
survive) and keep the last few copies as `config.toml.bak.N`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import tomllib
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.items
from pydantic import ValidationError

from app.config.paths import APP_NAME as APP_NAME
from app.config.paths import ENV_CONFIG as ENV_CONFIG
from app.config.paths import config_dir as config_dir
from app.config.paths import config_path as config_path
from app.config.paths import log_dir as log_dir
from app.config.paths import state_dir as state_dir
from app.config.schema import Config, error_location
from app.errors import ConfigError

log = logging.getLogger(__name__)


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
            raise ConfigError(
                "no config file here; `switchboard serve` and the tray app write a commented "
                "default there when they first start",
                where=str(path),
            )
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
        raise _located(exc, text, data, source) from exc


def config_warnings(config: Config) -> list[str]:
    """Things that load but deserve the user's attention."""
    return [
        f"provider {p.name!r}: api_key is written in the file; store it in the keyring "
        f"(Settings, or `switchboard provider set-key {p.name}`) and write keyring:{p.name}"
        for p in config.providers
        if p.has_literal_key
    ]


BACKUPS = 3  # config.toml.bak.1 (newest) … .bak.3


def save_config(path: Path, config: Config) -> None:
    """Write `config` atomically, keeping the last BACKUPS files as `<name>.bak.N`.

    The file is edited in place: the user's comments, key order and layout survive, and only
    the values that changed are rewritten. A symlink stays a symlink: its target is replaced.
    Refuses to replace a file that does not parse: that file may hold the user's only copy of
    hand edits, so it is never overwritten.
    """
    target = path.resolve()  # write through a symlink (a dotfiles repo) to the real file
    if not target.exists():
        write_text_atomic(target, dump_config(config))
        return
    try:
        old_text = target.read_text(encoding="utf-8")
        old = parse_config(old_text, source=str(path))
    except (ConfigError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            "the file on disk does not load; fix or move it before saving", where=str(path)
        ) from exc
    text = edited_config(old_text, old, config)
    _rotate_backups(path, old_text)
    write_text_atomic(target, text)


def edited_config(text: str, old: Config, new: Config) -> str:
    """`text` (which loads as `old`) with the changes from `old` to `new` written into it."""
    doc = tomlkit.parse(text)
    _merge_table(
        doc,
        old.model_dump(mode="json"),
        new.model_dump(mode="json"),
        new.model_dump(mode="json", exclude_defaults=True),
    )
    edited = tomlkit.dumps(doc)
    try:
        if parse_config(edited) == new:
            return edited
    except ConfigError:
        pass
    # A layout the edit cannot follow (e.g. dotted keys across tables): lose the comments,
    # never the settings.
    log.warning("the config could not be edited in place; it is written out whole")
    return dump_config(new)


def _merge_table(
    table: MutableMapping[str, Any],
    old: dict[str, Any],
    new: dict[str, Any],
    lean: dict[str, Any],
) -> None:
    """Write into the TOML `table` what differs between `old` and `new` (full dumps); a new
    table gets only its non-default values (`lean`)."""
    for key in dict.fromkeys([*old, *new]):
        value = new.get(key)
        if value is None:
            if key in table:
                del table[key]  # TOML has no null: an unset value is an absent key
            continue
        if key in old and old[key] == value:
            continue
        current = table.get(key)
        if isinstance(value, dict) and isinstance(current, MutableMapping):
            _merge_table(current, old.get(key) or {}, value, lean.get(key) or {})
        elif _is_tables(value) and isinstance(current, list) and _is_tables(current):
            _merge_tables(current, old.get(key) or [], value, lean.get(key) or [])
        elif isinstance(current, str) and _is_one_string(value):
            table[key] = value[0]  # a route written as one string stays one string
        else:
            table[key] = lean.get(key, value)


def _merge_tables(tables: list[Any], old: list[Any], new: list[Any], lean: list[Any]) -> None:
    """An array of tables ([[providers]]): each new entry edits the old entry of the same
    name (or, failing that, at the same place), so its comments move with it."""
    by_name = {item.get("name"): index for index, item in enumerate(old)}
    new_names = {item.get("name") for item in new}
    unclaimed = [i for i, item in enumerate(old) if item.get("name") not in new_names]
    result = []
    for index, item in enumerate(new):
        match = by_name.get(item.get("name"))
        if match is None and index in unclaimed:
            match = index
            unclaimed.remove(index)
        if match is None or match >= len(tables):
            data = lean[index] if index < len(lean) else item
            inline = isinstance(tables, tomlkit.items.Array)  # `providers = [{…}, …]`
            result.append(_new_inline_table(data) if inline else _new_table(data))
            continue
        _merge_table(tables[match], old[match], item, lean[index] if index < len(lean) else {})
        result.append(tables[match])
    if len(result) == len(tables) and all(a is b for a, b in zip(result, tables, strict=True)):
        return  # same entries in the same order: edited in place
    del tables[:]
    tables.extend(result)


def _new_inline_table(data: dict[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(data)
    return table


def _new_table(data: dict[str, Any]) -> Any:
    table = tomlkit.table()
    table.update(data)
    table.add(tomlkit.nl())  # a blank line before the next [[…]] header
    return table


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _is_one_string(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)


def _rotate_backups(path: Path, text: str) -> None:
    """`<name>.bak.1` is the file as it was before this save; older copies move up one."""
    backups = [path.with_name(f"{path.name}.bak.{n}") for n in range(1, BACKUPS + 1)]
    for older, newer in zip(reversed(backups), reversed(backups[:-1]), strict=False):
        if newer.exists():
            os.replace(newer, older)
    write_text_atomic(backups[0], text)


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


def _located(exc: ValidationError, text: str, data: dict[str, Any], source: str) -> ConfigError:
    """Every validation error as one naming the file, line and dotted field."""
    lines = _key_lines(text)
    located = []
    for error in exc.errors():
        loc, message = error_location(error)
        if loc and isinstance(loc[-1], int) and isinstance(_value_at(data, loc[:-1]), str):
            loc = loc[:-1]  # `default = "x/y"`: the file has one string, not a list
        line = _line_of(lines, loc)
        where = f"{source}:{line}" if line else source
        located.append((line or 0, ConfigError(message, where=where, field=_dotted(loc))))
    located.sort(key=lambda pair: pair[0])  # in the order of the file
    first, *others = (error for _, error in located)
    return ConfigError(first.message, where=first.where, field=first.field, others=tuple(others))


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int) or not _PLAIN_KEY.fullmatch(str(part)):
            out += f"[{part!r}]"  # an index, or a key a user typed oddly ('A\n')
        else:
            out += f".{part}" if out else str(part)
    return out


_PLAIN_KEY = re.compile(r"[\w.-]+")


def _line_of(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    """Best line for a validation error: the deepest key of `loc` found in the file."""
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


def replace_config_text(path: Path, text: str) -> Config:
    """Write `text`, the user's own words (`switchboard config edit`), as the config file once
    it validates. The old file is kept as the backup even when it does not load: the user has
    just replaced it on purpose."""
    config = parse_config(text, source=str(path))
    target = path.resolve()  # through a symlink, as save_config writes
    if target.exists():
        _rotate_backups(path, target.read_text(encoding="utf-8", errors="replace"))
    write_text_atomic(target, text)
    return config
