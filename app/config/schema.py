"""The config schema: settings, providers, model routes and profiles (DESIGN.md, Concepts).

Every setting is a typed field with a default, constraints and a description; the settings
window takes its labels and tooltips from here. A secret is never a field: `api_key` holds a
reference (`keyring:NAME`, `env:VAR`) or, discouraged, a literal.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

ProviderKind = Literal["anthropic", "openai-chat", "openai-responses", "gemini"]
AuthStyle = Literal["x-api-key", "bearer", "api-key", "none"]
Slot = Literal["default", "haiku", "sonnet", "opus"]
SLOTS: tuple[Slot, ...] = ("default", "haiku", "sonnet", "opus")

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_NAME_RE = re.compile(NAME_PATTERN)


class ModelRef(NamedTuple):
    """One route candidate: `"<provider>/<model>"`, split on the first `/`."""

    provider: str
    model: str

    @classmethod
    def parse(cls, text: str) -> ModelRef:
        provider, sep, model = text.partition("/")
        if not sep or not provider or not model:
            raise ValueError(f"model reference {text!r} must look like 'provider/model'")
        return cls(provider, model)

    def __str__(self) -> str:
        return f"{self.provider}/{self.model}"


def _as_route(value: Any) -> Any:
    """A slot holds one reference or an ordered list of them (the rest are failover)."""
    if isinstance(value, str):
        return [value]
    return value


def _check_ref(value: str) -> str:
    ModelRef.parse(value)
    return value


RefText = Annotated[str, BeforeValidator(lambda v: _check_ref(v) if isinstance(v, str) else v)]
ModelRoute = Annotated[list[RefText], BeforeValidator(_as_route), Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ModelSpec(_Strict):
    """What Switchboard knows of one upstream model (from the catalogue, or set by hand)."""

    context_window: int | None = Field(None, gt=0, description="Input context size in tokens.")
    max_output_tokens: int | None = Field(
        None, gt=0, description="Largest max_tokens the model accepts; requests are clamped to it."
    )
    vision: bool = Field(False, description="Accepts image input.")
    reasoning: bool = Field(False, description="Produces reasoning (thinking) output.")
    input_price: float | None = Field(None, ge=0, description="USD per million input tokens.")
    output_price: float | None = Field(None, ge=0, description="USD per million output tokens.")
    cache_read_price: float | None = Field(
        None, ge=0, description="USD per million cached input tokens."
    )
    quirks: dict[str, Any] = Field(
        default_factory=dict, description="Translation quirks for this model only."
    )


class Provider(_Strict):
    """Where and how to call: kind, base URL, auth, extra headers, per-model limits and quirks."""

    name: str = Field(
        pattern=NAME_PATTERN, description="Short name used in model references: name/model."
    )
    kind: ProviderKind = Field(description="API dialect the provider speaks.")
    base_url: str = Field(description="API root, e.g. https://api.deepseek.com/v1.")
    api_key: str | None = Field(
        None,
        description="keyring:NAME (recommended), env:VARIABLE, or the key itself (discouraged).",
    )
    auth: AuthStyle | None = Field(
        None,
        description="How the key is sent. Default: x-api-key for anthropic, bearer otherwise.",
    )
    preset: str | None = Field(
        None, description="Catalogue preset this provider was made from (supplies model limits)."
    )
    headers: dict[str, str] = Field(
        default_factory=dict, description="Extra HTTP headers sent with every request."
    )
    query: dict[str, str] = Field(
        default_factory=dict, description="Extra query parameters, e.g. Azure's api-version."
    )
    models: dict[str, ModelSpec] = Field(
        default_factory=dict, description="Per-model limits and quirks; override the catalogue."
    )
    quirks: dict[str, Any] = Field(
        default_factory=dict, description="Translation quirks for every model of this provider."
    )
    enabled: bool = Field(True, description="A disabled provider is skipped by every route.")

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("base_url must start with http:// or https:// and name a host")
        return value.rstrip("/")

    @property
    def auth_style(self) -> AuthStyle:
        if self.auth is not None:
            return self.auth
        return "x-api-key" if self.kind == "anthropic" else "bearer"

    @property
    def has_literal_key(self) -> bool:
        key = self.api_key
        return bool(key) and not key.startswith(("keyring:", "env:"))  # type: ignore[union-attr]


class SlotModels(_Strict):
    """Claude Code's model slots, each bound to a model route."""

    default: ModelRoute = Field(description="Route for requests that match no other slot.")
    haiku: ModelRoute | None = Field(None, description="Route for the small, fast model.")
    sonnet: ModelRoute | None = Field(None, description="Route for the sonnet tier.")
    opus: ModelRoute | None = Field(None, description="Route for the opus tier.")

    def route(self, slot: Slot) -> list[str]:
        chosen: list[str] | None = getattr(self, slot)
        return chosen if chosen is not None else self.default


class SlotPatterns(_Strict):
    """Regular expressions matched (case-insensitively) against the requested model name."""

    haiku: str = Field("haiku", description="Requested names that mean the haiku slot.")
    sonnet: str = Field("sonnet", description="Requested names that mean the sonnet slot.")
    opus: str = Field("opus", description="Requested names that mean the opus slot.")

    @field_validator("haiku", "sonnet", "opus")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value


class Profile(_Strict):
    """What one Claude Code launch sees: model slots, routing, config dir, extra environment."""

    name: str = Field(pattern=NAME_PATTERN, description="Appears in the proxy URL /proxy/<name>.")
    models: SlotModels = Field(description="Model route for each Claude Code slot.")
    slot_patterns: SlotPatterns = Field(
        default_factory=lambda: SlotPatterns(),
        description="How a requested model name is matched to a slot.",
    )
    claude_config_dir: str | None = Field(
        None, description="CLAUDE_CONFIG_DIR for launches; default: one folder per profile."
    )
    share_claude_config: bool = Field(
        False, description="Use the default ~/.claude instead of a folder of its own."
    )
    env: dict[str, str] = Field(
        default_factory=dict, description="Extra environment variables for Claude Code."
    )


class Timeouts(_Strict):
    """Upstream time limits, in seconds."""

    connect: float = Field(10.0, gt=0, description="To open a connection to the provider.")
    first_byte: float = Field(
        300.0, gt=0, description="From sending the request to the first byte of the answer."
    )
    idle: float = Field(300.0, gt=0, description="Longest silence between two streamed chunks.")


class Settings(_Strict):
    """Application-wide settings."""

    host: str = Field("127.0.0.1", description="Address the proxy listens on.")
    port: int = Field(17355, ge=1, le=65535, description="Port the proxy listens on.")
    require_token: bool = Field(
        True, description="Require the local token on proxy requests (turn off only if trusted)."
    )
    default_profile: str | None = Field(
        None, description="Profile served at /v1/messages; default: the first profile."
    )
    max_body_mb: int = Field(32, ge=1, le=1024, description="Largest request body accepted, MiB.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="How much the log file records."
    )
    log_bodies: bool = Field(
        False, description="At DEBUG level, also log request bodies (may contain your code)."
    )
    timeouts: Timeouts = Field(default_factory=lambda: Timeouts(), description="Upstream limits.")


class Config(_Strict):
    """The whole config file."""

    settings: Settings = Field(default_factory=lambda: Settings())
    providers: list[Provider] = Field(default_factory=list)
    profiles: list[Profile] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Config:
        provider_names = [p.name for p in self.providers]
        _unique(provider_names, "providers")
        _unique([p.name for p in self.profiles], "profiles")
        known = set(provider_names)
        for index, profile in enumerate(self.profiles):
            for slot in SLOTS:
                for ref in getattr(profile.models, slot) or ():
                    provider = ModelRef.parse(ref).provider
                    if provider not in known:
                        raise ValueError(
                            f"profiles[{index}].models.{slot}: unknown provider {provider!r} "
                            f"in {ref!r} (known: {', '.join(sorted(known)) or 'none'})"
                        )
        default = self.settings.default_profile
        if default is not None and default not in {p.name for p in self.profiles}:
            raise ValueError(f"settings.default_profile: no profile named {default!r}")
        return self

    def provider(self, name: str) -> Provider | None:
        return next((p for p in self.providers if p.name == name), None)

    def profile(self, name: str) -> Profile | None:
        return next((p for p in self.profiles if p.name == name), None)

    @property
    def default_profile(self) -> Profile | None:
        name = self.settings.default_profile
        if name is not None:
            return self.profile(name)
        return self.profiles[0] if self.profiles else None


def _unique(names: list[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"{what}: the name {name!r} is used twice")
        seen.add(name)


def is_valid_name(name: str) -> bool:
    return bool(_NAME_RE.match(name))
