"""Dotted keys into the config, as `switchboard config get|set` takes them.

`settings.log_level`, `settings.timeouts.connect`, `providers.deepseek.base_url`,
`profiles.work.models.sonnet`: a list of providers or profiles is entered by name (or by
index). Every key is checked against the schema, and a new value is validated by it before
anything is written.
"""

from __future__ import annotations

import inspect
import tomllib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from app.config.schema import Config

Step = str | int


class KeyProblem(ValueError):
    """A key that names nothing, or a value the schema refuses."""


def parse_value(text: str) -> Any:
    """A TOML value when `text` is one (`true`, `8080`, `["a/b", "c/d"]`, `"x"`), else the
    text itself, so `config set settings.log_level DEBUG` needs no quotes."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def get_value(config: Config, key: str) -> Any:
    """The effective value at `key` (defaults included) as plain data; None when unset."""
    node: Any = config.model_dump(mode="json")
    for step in resolve(config, key):
        if node is None:
            return None
        node = node[int(step)] if isinstance(node, list) else node.get(step)
    return node


def set_value(config: Config, key: str, text: str) -> Config:
    """A new Config with `key` set to the value `text` spells; raises KeyProblem."""
    steps = resolve(config, key)
    parsed = parse_value(text)
    try:
        return _with_value(config, steps, key, parsed)
    except KeyProblem:
        if isinstance(parsed, str):
            raise
        try:
            return _with_value(config, steps, key, text)  # `2024` for a text field: the text
        except KeyProblem:
            pass
    return _with_value(config, steps, key, parsed)  # raises the first value's problem


def resolve(config: Config, key: str) -> list[Step]:
    """The dict keys and list indices `key` takes; a provider or profile name becomes its
    index. Raises KeyProblem for a key the schema does not have."""
    parts = key.split(".")
    if not key or not all(parts):
        raise KeyProblem(f"{key!r} is not a dotted key such as settings.log_level")
    node: Any = config.model_dump(mode="json")
    kind: Any = Config
    steps: list[Step] = []
    for depth, part in enumerate(parts):
        where = ".".join(parts[:depth]) or "the config"
        kind = _unwrap(kind)
        if inspect.isclass(kind) and issubclass(kind, BaseModel):
            if part not in kind.model_fields:
                known = ", ".join(kind.model_fields)
                raise KeyProblem(f"unknown key {key!r}: {where} has {known}")
            steps.append(part)
            kind = kind.model_fields[part].annotation
            node = node.get(part) if isinstance(node, dict) else None
        elif get_origin(kind) is list:
            items = node if isinstance(node, list) else []
            names = [item.get("name") for item in items if isinstance(item, dict)]
            if part in names:
                index = names.index(part)
            elif part.isdigit() and int(part) < len(items):
                index = int(part)
            else:
                known = ", ".join(str(n) for n in names) or "none"
                raise KeyProblem(f"no entry named {part!r} in {where} (configured: {known})")
            steps.append(index)
            kind = get_args(kind)[0]
            node = items[index]
        elif get_origin(kind) is dict:
            steps.append(part)
            kind = get_args(kind)[1]
            node = node.get(part) if isinstance(node, dict) else None
        elif kind is Any:
            steps.append(part)  # inside free-form data (quirks): any key
            node = node.get(part) if isinstance(node, dict) else None
        else:
            raise KeyProblem(f"unknown key {key!r}: {where} is a value, not a table")
    return steps


def _with_value(config: Config, steps: list[Step], key: str, value: Any) -> Config:
    data: dict[str, Any] = config.model_dump(mode="json", exclude_unset=True)
    node: Any = data
    for step in steps[:-1]:
        if isinstance(node, list):
            node = node[step]  # type: ignore[index]
            continue
        if not isinstance(node.get(step), dict | list):
            node[step] = {}  # an unset optional table ([profiles.routing.long_context])
        node = node[step]
    node[steps[-1]] = value
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        where = ".".join(str(part) for part in first["loc"])
        at = f" (at {where})" if where and where != ".".join(map(str, steps)) else ""
        raise KeyProblem(f"{key} = {value!r}: {message}{at}") from exc


def _unwrap(kind: Any) -> Any:
    """The type under Annotated[...] and Optional[...]."""
    while True:
        origin = get_origin(kind)
        if origin is Annotated:
            kind = get_args(kind)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(kind) if arg is not type(None)]
            kind = options[0] if len(options) == 1 else Any
        else:
            return kind
