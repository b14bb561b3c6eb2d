"""The provider catalogue (resources/providers.toml): presets, model limits and quirks.

A preset fills a Provider form for one vendor. A configured provider keeps a reference to its
preset (`Provider.preset`, else the preset whose kind and base URL match), so model limits,
prices and Chat Completions quirks come from the catalogue unless the config overrides them.
"""

from __future__ import annotations

import re
import tomllib
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.config.logins import LOGIN_PREFIX, LoginSpec
from app.config.schema import (
    HTTP_URL,
    NAME_PATTERN,
    AuthStyle,
    ModelSpec,
    Provider,
    ProviderKind,
    Quirks,
    Slot,
    default_auth,
)
from app.errors import ConfigError
from app.system.resources import resource
from app.translate.gemini_request import GeminiOptions
from app.translate.quirks import ChatQuirks, ResponsesQuirks

CATALOGUE_FILE = "providers.toml"

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Preset(BaseModel):
    """One catalogue entry: everything needed to add a provider but the API key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=NAME_PATTERN, description="Stable id; the default provider name.")
    name: str = Field(min_length=1, description="Display name.")
    kind: ProviderKind
    base_url: str
    auth: AuthStyle
    headers: dict[str, str] = Field(default_factory=dict)
    query: dict[str, str] = Field(default_factory=dict)
    docs_url: str | None = None
    keys_url: str | None = Field(None, description="Where to get an API key.")
    notes: str | None = Field(None, description="One or two sentences shown with the preset.")
    quirks: Quirks = Field(default_factory=dict, description="For every model.")
    models: dict[str, ModelSpec] = Field(default_factory=dict)
    default_models: dict[Slot, str] = Field(
        default_factory=dict, description="A model per Claude Code slot, for a first-run wizard."
    )
    login: LoginSpec | None = Field(
        None, description="A subscription login; the provider's key is then `login:NAME`."
    )

    @field_validator("base_url", "docs_url", "keys_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not HTTP_URL.fullmatch(value):
            raise ValueError(f"{value!r} is not an http(s) URL with a host")
        return value.rstrip("/") if value is not None else None

    @model_validator(mode="after")
    def _consistent(self) -> Preset:
        check = _quirk_checker(self.kind)
        check(self.quirks)
        for model, spec in self.models.items():
            try:
                check(self.quirks, spec.quirks)
            except ValueError as exc:
                raise ValueError(f"models.{model}: {exc}") from exc
        for slot, model in self.default_models.items():
            if model not in self.models:
                raise ValueError(f"default_models.{slot}: {model!r} is not in models")
        return self

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Names in braces in the base URL (e.g. Azure's `{resource}`) the user must fill."""
        return tuple(_PLACEHOLDER.findall(self.base_url))


@dataclass(frozen=True, slots=True)
class _Catalogue:
    presets: dict[str, Preset]
    by_endpoint: dict[tuple[str, str], Preset]  # (kind, normalized base URL) -> first preset


def load_catalogue(path: Path | None = None) -> dict[str, Preset]:
    """Presets by id, in catalogue order. Read and validated once per path; a broken
    catalogue raises ConfigError naming the file and the entry."""
    return dict((_catalogue(path) if path is not None else _bundled()).presets)


def find_presets(query: str) -> list[Preset]:
    """Presets whose id, name, base URL or a model name contain every word of `query`,
    ignoring case. An empty query lists them all."""
    words = query.lower().split()
    found = []
    for preset in _bundled().presets.values():
        text = " ".join((preset.id, preset.name, preset.base_url, *preset.models)).lower()
        if all(word in text for word in words):
            found.append(preset)
    return found


def preset_for(provider: Provider) -> Preset | None:
    """The preset a provider was made from: `provider.preset`, else the first preset of the
    same kind at the same base URL."""
    catalogue = _bundled()
    if provider.preset is not None and provider.preset in catalogue.presets:
        return catalogue.presets[provider.preset]
    return catalogue.by_endpoint.get((provider.kind, _endpoint(provider.base_url)))


def model_spec(provider: Provider, model: str) -> ModelSpec | None:
    """What is known of `model` at `provider`: the catalogue entry with every field the
    provider's own `models[model]` sets laid over it (its quirks merged key by key)."""
    preset = preset_for(provider)
    known = preset.models.get(model) if preset is not None else None
    own = provider.models.get(model)
    if own is None or known is None:
        return own or known
    update = {name: getattr(own, name) for name in own.model_fields_set}
    if "quirks" in update:
        update["quirks"] = {**known.quirks, **own.quirks}
    return known.model_copy(update=update)


def gemini_options(provider: Provider, model: str) -> GeminiOptions:
    """What the Gemini request translator needs to know of `model` at `provider`: its output
    limit, vision, and how it takes a thinking config (thinkingLevel from Gemini 3 on,
    thinkingBudget for 2.5, none for older or non-reasoning models), then the quirk layers."""
    spec = model_spec(provider, model)
    base: dict[str, Any] = {"thinking": _gemini_thinking(model, spec)}
    if spec is not None:
        base["vision"] = spec.vision
        if spec.max_output_tokens is not None:
            base["max_output_tokens"] = spec.max_output_tokens
    try:
        return GeminiOptions.from_quirks(provider.name, base, *_quirk_layers(provider, model))
    except ValueError as exc:
        raise ValueError(f"provider {provider.name!r}, model {model!r}: {exc}") from exc


def _gemini_thinking(model: str, spec: ModelSpec | None) -> str:
    name = model.lower()
    if (spec is not None and not spec.reasoning) or name.startswith(("gemini-1", "gemini-2.0")):
        return "none"
    return "budget" if name.startswith("gemini-2.5") else "level"


def _quirk_layers(provider: Provider, model: str) -> list[dict[str, Any]]:
    """The quirks of the preset, the preset's model, the provider and the provider's model."""
    preset = preset_for(provider)
    own = provider.models.get(model)
    layers: list[dict[str, Any]] = []
    if preset is not None:
        layers.append(dict(preset.quirks))
        if model in preset.models:
            layers.append(dict(preset.models[model].quirks))
    layers.append(dict(provider.quirks))
    if own is not None:
        layers.append(dict(own.quirks))
    return layers


def _quirk_checker(kind: ProviderKind) -> Callable[..., object]:
    """A function that raises ValueError for quirks this kind of provider does not have."""
    if kind == "gemini":
        return lambda *layers: GeminiOptions.from_quirks("check", *layers)
    if kind == "openai-responses":
        return ResponsesQuirks.from_mapping
    return ChatQuirks.from_mapping


def chat_quirks(provider: Provider, model: str) -> ChatQuirks:
    """The Chat Completions quirks for `model` at `provider`.

    Layers, later winning: the model's output limit from `model_spec`, the preset's quirks,
    the preset's quirks for the model, the provider's quirks, the provider's quirks for the
    model. Raises ValueError naming the provider and model for an unknown quirk.

    Called for every request, so the result is cached per provider object and model. Provider
    is a mutable, unhashable pydantic model, so the cache is keyed on id(provider) and an entry
    is trusted only while a weak reference still points at that same object (an id can be
    reused after the object dies) and the fields the result depends on are unchanged:
    `preset`, `base_url`, `kind` by value, and `quirks`, `models` by identity (assignment, the
    way config edits replace them, swaps the dict). Mutating those dicts in place is not
    detected: build a new Provider, or assign a new dict, instead.
    """
    result = _cached_quirks(provider, model, ChatQuirks)
    assert isinstance(result, ChatQuirks)
    return result


def responses_quirks(provider: Provider, model: str) -> ResponsesQuirks:
    """The Responses quirks for `model` at `provider`: layered and cached as chat_quirks, and
    `reasoning` from the model's catalogue entry."""
    result = _cached_quirks(provider, model, ResponsesQuirks)
    assert isinstance(result, ResponsesQuirks)
    return result


def _cached_quirks(
    provider: Provider, model: str, quirks_type: type[ChatQuirks] | type[ResponsesQuirks]
) -> ChatQuirks | ResponsesQuirks:
    catalogue = _bundled()
    key = (id(provider), model, quirks_type)
    entry = _quirks_cache.get(key)
    if entry is not None and entry.matches(provider, catalogue):
        return entry.result
    result = _build_quirks(provider, model, quirks_type)
    if len(_quirks_cache) >= _QUIRKS_CACHE_SIZE:
        _quirks_cache.clear()
    _quirks_cache[key] = _QuirksEntry(
        weakref.ref(provider),
        catalogue,
        provider.preset,
        provider.base_url,
        provider.kind,
        provider.quirks,
        provider.models,
        result,
    )
    return result


def preset_to_provider(
    preset: Preset, *, name: str | None = None, api_key: str | None = None
) -> Provider:
    """A provider made from `preset`. Its models and quirks stay in the catalogue (found
    again through `Provider.preset`), so the config only holds what the user chose."""
    name = name or preset.id
    if preset.login is not None and api_key is None:
        api_key = LOGIN_PREFIX + name
    return Provider(
        name=name,
        kind=preset.kind,
        base_url=preset.base_url,
        api_key=api_key,
        auth=None if preset.auth == default_auth(preset.kind) else preset.auth,
        preset=preset.id,
        headers=dict(preset.headers),
        query=dict(preset.query),
    )


_QUIRKS_CACHE_SIZE = 1024


@dataclass(frozen=True, slots=True)
class _QuirksEntry:
    provider: weakref.ref[Provider]
    catalogue: _Catalogue
    preset: str | None
    base_url: str
    kind: str
    quirks: dict[str, Any]
    models: dict[str, ModelSpec]
    result: ChatQuirks | ResponsesQuirks

    def matches(self, provider: Provider, catalogue: _Catalogue) -> bool:
        return (
            self.provider() is provider
            and self.catalogue is catalogue
            and self.quirks is provider.quirks
            and self.models is provider.models
            and self.preset == provider.preset
            and self.base_url == provider.base_url
            and self.kind == provider.kind
        )


_quirks_cache: dict[tuple[int, str, type], _QuirksEntry] = {}


def _build_quirks(
    provider: Provider, model: str, quirks_type: type[ChatQuirks] | type[ResponsesQuirks]
) -> ChatQuirks | ResponsesQuirks:
    spec = model_spec(provider, model)
    layers: list[dict[str, Any]] = []
    if spec is not None:
        # what the catalogue knows of the model: its output limit, and whether it sees images
        layers.append({"vision": spec.vision})
        if quirks_type is ResponsesQuirks:
            layers.append({"reasoning": spec.reasoning})
        if spec.max_output_tokens is not None:
            layers.append({"max_output_tokens": spec.max_output_tokens})
    try:
        return quirks_type.from_mapping(*layers, *_quirk_layers(provider, model))
    except ValueError as exc:
        raise ValueError(f"provider {provider.name!r}, model {model!r}: {exc}") from exc


def _endpoint(base_url: str) -> str:
    return base_url.rstrip("/").lower()


@lru_cache(maxsize=1)
def _bundled() -> _Catalogue:
    return _catalogue(resource(CATALOGUE_FILE))


@lru_cache(maxsize=4)
def _catalogue(path: Path) -> _Catalogue:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the provider catalogue: {exc}", where=str(path)) from exc
    entries = data.get("presets")
    if not isinstance(entries, list):
        raise ConfigError("the provider catalogue has no [[presets]] entries", where=str(path))
    presets: dict[str, Preset] = {}
    by_endpoint: dict[tuple[str, str], Preset] = {}
    for index, entry in enumerate(entries):
        label = f"presets[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label += f" ({entry['id']})"
        try:
            preset = Preset.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise ConfigError(message, where=f"{path}: {label}", field=field) from exc
        if preset.id in presets:
            raise ConfigError(f"the id {preset.id!r} is used twice", where=f"{path}: {label}")
        presets[preset.id] = preset
        by_endpoint.setdefault((preset.kind, _endpoint(preset.base_url)), preset)
    return _Catalogue(presets, by_endpoint)
