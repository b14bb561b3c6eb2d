"""The config as data to share or move to another machine, with its secrets left out or in.

Left out by default: API keys written in the file, and headers and profile environment
variables whose names look secret (`Authorization`, `…_API_KEY`, `…TOKEN`…). `keyring:` and
`env:` references are not secrets and stay. With secrets, references are resolved to the
values they name, so the export works where that keyring or variable does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.config.schema import Config
from app.config.secrets import SecretUnavailable, resolve_secret

_SECRET_NAME = re.compile(r"key|token|secret|password|passwd|authorization|cookie", re.IGNORECASE)


@dataclass
class Export:
    data: dict[str, Any]
    left_out: list[str] = field(default_factory=list)  # dotted keys of removed secrets
    unresolved: list[str] = field(default_factory=list)  # references that named nothing


def is_reference(value: str) -> bool:
    return value.startswith(("keyring:", "env:"))


def export_config(config: Config, *, with_secrets: bool = False) -> Export:
    data: dict[str, Any] = config.model_dump(mode="json", exclude_defaults=True)
    result = Export(data)
    for provider in data.get("providers", []):
        where = f"providers.{provider['name']}"
        key = provider.get("api_key")
        if key:
            if not with_secrets and not is_reference(key):
                del provider["api_key"]
                result.left_out.append(f"{where}.api_key")
            elif with_secrets and is_reference(key):
                try:
                    provider["api_key"] = resolve_secret(key)
                except SecretUnavailable as exc:
                    result.unresolved.append(f"{where}.api_key ({key}: {exc})")
        _drop_secret_names(provider.get("headers"), f"{where}.headers", result, with_secrets)
    for profile in data.get("profiles", []):
        where = f"profiles.{profile['name']}.env"
        _drop_secret_names(profile.get("env"), where, result, with_secrets)
    return result


def _drop_secret_names(
    values: dict[str, str] | None, where: str, result: Export, with_secrets: bool
) -> None:
    if not values or with_secrets:
        return
    for name in [n for n in values if _SECRET_NAME.search(n)]:
        del values[name]
        result.left_out.append(f"{where}.{name}")
