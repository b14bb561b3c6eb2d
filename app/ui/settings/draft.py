"""The settings window's working copy of the config, and how it becomes the saved file.

The draft is the config as plain JSON-like data, so a page may hold values the schema rejects
(that is how inline validation shows them). Nothing is written until the whole draft
validates. A newly typed API key rides in the provider's data under NEW_KEY and goes to the
keyring on save; the file only ever gets the `keyring:NAME` reference.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from app.config.names import unique_name as unique_name
from app.config.presets import Preset, preset_to_provider
from app.config.schema import SLOTS, Config, error_location
from app.config.secrets import delete_secret, store_secret
from app.config.store import save_config

NEW_KEY = "_new_api_key"  # private to the draft: never validated, never written
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    loc: Loc  # e.g. ("providers", 0, "base_url"); () when it belongs to no one field
    message: str


class Draft:
    def __init__(self, config: Config) -> None:
        self.data: dict[str, Any] = {}
        self.saved: dict[str, Any] = {}
        self.reset(config)

    def reset(self, config: Config) -> None:
        self.saved = config.model_dump(mode="json")
        self.data = copy.deepcopy(self.saved)

    @property
    def providers(self) -> list[dict[str, Any]]:
        providers: list[dict[str, Any]] = self.data["providers"]
        return providers

    @property
    def profiles(self) -> list[dict[str, Any]]:
        profiles: list[dict[str, Any]] = self.data["profiles"]
        return profiles

    @property
    def is_dirty(self) -> bool:
        return self.data != self.saved

    def validate(self) -> tuple[Config | None, list[Problem]]:
        try:
            return Config.model_validate(_without_new_keys(self.data)), []
        except ValidationError as exc:
            return None, problems(exc)

    def rename_provider(self, old: str, new: str) -> None:
        """Rename a provider and every model reference to it."""

        def renamed(ref: Any) -> Any:
            if isinstance(ref, str) and ref.partition("/")[0] == old:
                return f"{new}/{ref.partition('/')[2]}"
            return ref

        for profile in self.profiles:
            for route in _routes(profile):
                route[:] = [renamed(ref) for ref in route]

    def profiles_using(self, provider: str) -> list[str]:
        return [
            str(profile.get("name"))
            for profile in self.profiles
            if any(
                isinstance(ref, str) and ref.partition("/")[0] == provider
                for route in _routes(profile)
                for ref in route
            )
        ]

    def provider_from_preset(self, preset: Preset) -> dict[str, Any]:
        """Draft data for a new provider made from `preset` (not added yet)."""
        name = unique_name(preset.id, [str(p.get("name")) for p in self.providers])
        return preset_to_provider(preset, name=name).model_dump(mode="json")

    def rename_profile(self, old: str, new: str) -> None:
        settings = self.data["settings"]
        if settings.get("default_profile") == old:
            settings["default_profile"] = new

    def drop_profile_references(self, name: str) -> None:
        settings = self.data["settings"]
        if settings.get("default_profile") == name:
            settings["default_profile"] = None


@dataclass(frozen=True)
class PendingSave:
    """What saving a draft writes, taken from the draft so the writing may run in a thread."""

    config: Config
    new_keys: dict[int, str]  # provider index → the key typed for it
    old_refs: tuple[str, ...]  # the api_key references of the config the draft started from


def pending_save(draft: Draft) -> PendingSave:
    """Raises ValueError with the first problem when the draft does not validate."""
    config, found = draft.validate()
    if config is None:
        raise ValueError(describe(found[0]))
    new_keys = {i: p[NEW_KEY] for i, p in enumerate(draft.providers) if p.get(NEW_KEY)}
    old_refs = tuple(p.get("api_key") or "" for p in draft.saved["providers"])
    return PendingSave(config, new_keys, old_refs)


def write_pending(pending: PendingSave, path: Path) -> Config:
    """Store new keys in the keyring and write the file; blocking, so the app runs it in a
    thread (a Secret Service prompt may wait for the user). Raises keyring errors, and
    ConfigError when the file on disk may not be replaced."""
    config = pending.config.model_copy(deep=True)
    for index, key in pending.new_keys.items():
        config.providers[index].api_key = store_secret(config.providers[index].name, key)
    save_config(path, config)
    # a removed provider's (or a replaced env/literal) key must not linger in the keyring
    kept = {p.api_key for p in config.providers}
    for ref in pending.old_refs:
        if ref.startswith("keyring:") and ref not in kept:
            delete_secret(ref.removeprefix("keyring:"))
    return config


def save_draft(draft: Draft, path: Path) -> Config:
    """Store new keys in the keyring, write the file, and start the draft over from it.

    Raises as `pending_save` and `write_pending` do; nothing is written when the draft does
    not validate.
    """
    config = write_pending(pending_save(draft), path)
    draft.reset(config)
    return config


def problems(exc: ValidationError) -> list[Problem]:
    out = []
    for error in exc.errors():
        loc, message = error_location(error)
        if error["type"] == "missing":
            message = QCoreApplication.translate("Draft", "required")
        elif error["type"] == "too_short" and error.get("ctx", {}).get("min_length") == 1:
            message = QCoreApplication.translate("Draft", "add at least one")
        out.append(Problem(loc, message))
    return out


def describe(problem: Problem) -> str:
    where = ".".join(str(part) for part in problem.loc)
    return f"{where}: {problem.message}" if where else problem.message


def _routes(profile: dict[str, Any]) -> list[list[Any]]:
    routes = [profile["models"].get(slot) for slot in SLOTS]
    rules = profile.get("routing", {}).values()
    routes += [rule.get("route") for rule in rules if isinstance(rule, dict)]
    return [route for route in routes if isinstance(route, list)]


def _without_new_keys(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    out["providers"] = [
        {k: v for k, v in provider.items() if k != NEW_KEY} for provider in data["providers"]
    ]
    return out
