"""The config schema: settings, providers, model routes and profiles (DESIGN.md, Concepts).

Every setting is a typed field with a default, constraints and a description; the settings
window takes its labels and tooltips from here. A secret is never a field: `api_key` holds a
reference (`keyring:NAME`, `env:VAR`) or, discouraged, a literal.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import fields
from typing import Annotated, Any, Literal, NamedTuple, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from app.config.defaults import DEFAULT_HOST, DEFAULT_PORT
from app.translate.gemini_request import GeminiOptions
from app.translate.quirks import ChatQuirks, ResponsesQuirks

ProviderKind = Literal["anthropic", "openai-chat", "openai-responses", "gemini"]
AuthStyle = Literal["x-api-key", "bearer", "api-key", "x-goog-api-key", "none"]
Slot = Literal["default", "haiku", "sonnet", "opus"]
ThinkingMode = Literal["enabled", "adaptive"]
SLOTS: tuple[Slot, ...] = ("default", "haiku", "sonnet", "opus")

# pydantic's `pattern` (Rust regex) reads `$` as the end of the text; Python's `re` lets `$`
# match before a final newline, so Python code checks names with fullmatch.
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_NAME_RE = re.compile(NAME_PATTERN)
HTTP_URL = re.compile(r"https?://[^\s/]+(?:/\S*)?")  # fullmatch: no whitespace anywhere
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _env_name(name: str) -> str:
    if not _ENV_NAME.fullmatch(name):
        raise ValueError(
            f"{name!r} is not an environment variable name (letters, digits and _, "
            "not starting with a digit)"
        )
    return name


EnvName = Annotated[str, AfterValidator(_env_name)]


_DEFAULT_AUTH: dict[str, AuthStyle] = {"anthropic": "x-api-key", "gemini": "x-goog-api-key"}


def default_auth(kind: ProviderKind) -> AuthStyle:
    """How a provider of this kind takes its key unless it says otherwise."""
    return _DEFAULT_AUTH.get(kind, "bearer")


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


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'port'?)' when a known name is close to `name`, else ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _config_form(hint: Any) -> Any:
    """A quirk's type as a config file writes it: a set or a tuple is a TOML array."""
    if typing.get_origin(hint) in (frozenset, tuple):
        return list[typing.get_args(hint)[0]]  # type: ignore[misc]
    return hint


CHAT_QUIRK_NAMES = frozenset(f.name for f in fields(ChatQuirks))
# The native Gemini dialect's options (`source` is the provider's name, not a quirk).
GEMINI_QUIRK_NAMES = frozenset(f.name for f in fields(GeminiOptions)) - {"source"}
RESPONSES_QUIRK_NAMES = frozenset(f.name for f in fields(ResponsesQuirks))
QUIRK_NAMES = tuple(sorted(CHAT_QUIRK_NAMES | GEMINI_QUIRK_NAMES | RESPONSES_QUIRK_NAMES))
# Every quirk the translators know, typed as the file writes it. Strict: TOML has real types,
# and a lax "no" for a boolean would be read as true.
_quirk_fields: dict[str, Any] = {
    name: (_config_form(hint) | None, None)
    for options in (GeminiOptions, ResponsesQuirks, ChatQuirks)
    for name, hint in typing.get_type_hints(options).items()
    if name in QUIRK_NAMES
}
_QuirkTable = create_model(
    "QuirkTable", __config__=ConfigDict(extra="forbid", strict=True), **_quirk_fields
)


def _check_quirks(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Check quirk names and value types when the config loads (not on the first request),
    each error located at its key."""
    table: dict[str, Any] = handler(value)
    try:
        _QuirkTable.model_validate(table)
    except ValidationError as exc:
        errors: list[InitErrorDetails] = []
        for error in exc.errors():
            if error["type"] == "extra_forbidden":
                name = str(error["loc"][-1])
                message = f"unknown quirk {name!r}{did_you_mean(name, QUIRK_NAMES)}"
                kind: str | PydanticCustomError = PydanticCustomError("unknown_quirk", message)
            else:
                kind = PydanticCustomError("quirk_type", error["msg"])
            errors.append({"type": kind, "loc": error["loc"], "input": error["input"]})
        raise ValidationError.from_exception_data("quirks", errors) from None
    return table


Quirks = Annotated[dict[str, Any], WrapValidator(_check_quirks)]


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
    quirks: Quirks = Field(
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
        description="keyring:NAME (recommended), env:VARIABLE, login:NAME (a subscription "
        "login: `switchboard auth login`), or the key itself (discouraged).",
    )
    auth: AuthStyle | None = Field(
        None,
        description="How the key is sent. Default: x-api-key for anthropic, x-goog-api-key for "
        "gemini, bearer otherwise.",
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
    quirks: Quirks = Field(
        default_factory=dict, description="Translation quirks for every model of this provider."
    )
    enabled: bool = Field(True, description="A disabled provider is skipped by every route.")

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not HTTP_URL.fullmatch(value):
            raise ValueError(
                "base_url must start with http:// or https://, name a host and hold no spaces"
            )
        return value.rstrip("/")

    @model_validator(mode="after")
    def _quirks_of_its_kind(self) -> Provider:
        """A quirk of the other dialect (a Gemini option on a Chat provider…) is a mistake."""
        known = {
            "gemini": GEMINI_QUIRK_NAMES,
            "openai-chat": CHAT_QUIRK_NAMES,
            "openai-responses": RESPONSES_QUIRK_NAMES,
        }.get(self.kind)
        if known is None:
            return self
        tables = [("quirks", self.quirks)]
        tables += [(f"models.{name}.quirks", spec.quirks) for name, spec in self.models.items()]
        for where, table in tables:
            wrong = sorted(set(table) - known)
            if wrong:
                raise ValueError(
                    f"{where}: {', '.join(wrong)} cannot apply to a provider of kind {self.kind!r}"
                )
        return self

    @property
    def auth_style(self) -> AuthStyle:
        if self.auth is not None:
            return self.auth
        return default_auth(self.kind)

    @property
    def has_literal_key(self) -> bool:
        key = self.api_key
        return bool(key) and not key.startswith(("keyring:", "env:", "login:"))  # type: ignore[union-attr]


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


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
    return value


class _Rule(_Strict):
    enabled: bool = Field(True, description="Turn the rule off without losing its route.")
    route: ModelRoute = Field(description="Model route used when the rule matches.")


class LongContextRule(_Rule):
    """Requests whose input (system + tools + messages) is over `threshold` tokens."""

    threshold: int = Field(
        60000, ge=1000, description="Input tokens above which the long-context route is used."
    )


class ImageRule(_Rule):
    """Requests holding an image (also inside a tool result), when the model the request would
    otherwise use is not known (from the catalogue) to accept images."""


class WebSearchRule(_Rule):
    """Requests that offer the server tool web_search_* (only some providers can run it)."""


class BackgroundRule(_Rule):
    """Background calls: the haiku slot (title generation), or a model name pattern."""

    haiku_slot: bool = Field(True, description="Requests for the haiku slot are background.")
    model_pattern: str | None = Field(
        None, description="Regular expression on the requested model name that means background."
    )

    @field_validator("model_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return _check_regex(value)


class ThinkingRule(_Rule):
    """Requests that ask for extended thinking.

    Claude Code sends `thinking: {type: adaptive}` on every main call (the model decides), so
    matching `adaptive` sends every main call here; the default matches only `enabled` (an
    explicit thinking budget).
    """

    modes: list[ThinkingMode] = Field(
        default_factory=lambda: list[ThinkingMode](["enabled"]),
        min_length=1,
        description="thinking.type values that select this route.",
    )


class AutoRule(_Strict):
    """A classifier model reads the latest user turn and picks one of the named routes; the
    choice holds for the whole conversation. Past `timeout`, or when the classifier fails or
    names no route, the slot's own route serves."""

    enabled: bool = Field(True, description="Turn the rule off without losing its routes.")
    classifier: ModelRoute = Field(
        description="The model that classifies (a small local model, e.g. Ollama, is typical)."
    )
    routes: dict[str, ModelRoute] = Field(
        min_length=1,
        description="Named routes the classifier picks from, e.g. code, reasoning, quick, long.",
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict,
        description="What each named route is for, as the classifier reads it (optional).",
    )
    timeout: float = Field(
        2.0, gt=0, le=30, description="Seconds the classifier may take before the slot's route."
    )
    slots: list[Slot] = Field(
        default_factory=lambda: list[Slot](["default", "sonnet", "opus"]),
        min_length=1,
        description="Slots the classifier decides for (background haiku calls are left out).",
    )

    @field_validator("routes")
    @classmethod
    def _route_names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name in value:
            if not _NAME_RE.fullmatch(name):
                raise ValueError(f"route name {name!r}: letters, digits, '.', '_' or '-'")
        return value


class RoutingRules(_Strict):
    """Rules that pick another route for one request, checked in the order of the fields."""

    explicit_model: bool = Field(
        True, description="A model field of the form provider/model picks exactly that model."
    )
    subagent_tag: bool = Field(
        True,
        description="<switchboard-model>provider/model</switchboard-model> in the system prompt "
        "(e.g. in a subagent's definition) picks that model; the tag is removed before sending.",
    )
    long_context: LongContextRule | None = Field(None, description="Route for long requests.")
    image: ImageRule | None = Field(None, description="Route for requests with images.")
    web_search: WebSearchRule | None = Field(None, description="Route for web search requests.")
    background: BackgroundRule | None = Field(None, description="Route for background calls.")
    thinking: ThinkingRule | None = Field(None, description="Route for thinking requests.")
    auto: AutoRule | None = Field(
        None, description="A classifier picks a named route per conversation (last rule)."
    )

    def routes(self) -> dict[str, list[str]]:
        """Every route the rules may use, by its place under `routing` (e.g. `thinking.route`,
        `auto.routes.code`)."""
        rules = (self.long_context, self.image, self.web_search, self.background, self.thinking)
        names = ("long_context", "image", "web_search", "background", "thinking")
        found = {
            f"{name}.route": rule.route for name, rule in zip(names, rules, strict=True) if rule
        }
        if self.auto is not None:
            found["auto.classifier"] = self.auto.classifier
            found.update({f"auto.routes.{k}": v for k, v in self.auto.routes.items()})
        return found


class Knowledge(_Strict):
    """Project knowledge: Switchboard serves Claude Code an MCP tool, `search_project`, that
    finds passages (with file:line) in these folders."""

    enabled: bool = Field(True, description="Offer the search_project tool to Claude Code.")
    folders: list[str] = Field(
        min_length=1,
        description="Folders to index (files .gitignore leaves out are skipped); ~ is expanded.",
    )
    embeddings: RefText | None = Field(
        None,
        description="provider/model of an embeddings endpoint (OpenAI-compatible /embeddings) "
        "that ranks passages by meaning; without one, passages are ranked by their words.",
    )
    chunk_lines: int = Field(40, ge=5, le=400, description="Lines per indexed passage.")
    max_file_kb: int = Field(512, ge=1, le=65536, description="Larger files are not indexed.")


class Profile(_Strict):
    """What one Claude Code launch sees: model slots, routing, config dir, extra environment."""

    name: str = Field(pattern=NAME_PATTERN, description="Appears in the proxy URL /proxy/<name>.")
    models: SlotModels = Field(description="Model route for each Claude Code slot.")
    slot_patterns: SlotPatterns = Field(
        default_factory=lambda: SlotPatterns(),
        description="How a requested model name is matched to a slot.",
    )
    routing: RoutingRules = Field(
        default_factory=lambda: RoutingRules(),
        description="Rules that send some requests to another route (routing.py has the order).",
    )
    claude_config_dir: str | None = Field(
        None, description="CLAUDE_CONFIG_DIR for launches; default: one folder per profile."
    )
    share_claude_config: bool = Field(
        False, description="Use the default ~/.claude instead of a folder of its own."
    )
    compact_on_failover: bool = Field(
        False,
        description="When failover reaches a model whose window is too small for the "
        "conversation, summarize the oldest turns (with the background route) for it instead "
        "of skipping it.",
    )
    share_sessions: bool = Field(
        False,
        description="Share Claude Code's conversations with the other profiles that share them: "
        "`claude --resume` continues here a session started in another profile, while settings "
        "and logins stay apart.",
    )
    env: dict[EnvName, str] = Field(
        default_factory=dict, description="Extra environment variables for Claude Code."
    )
    knowledge: Knowledge | None = Field(
        None, description="Folders Claude Code can search through Switchboard's MCP tool."
    )


class Timeouts(_Strict):
    """Upstream time limits, in seconds."""

    connect: float = Field(10.0, gt=0, description="To open a connection to the provider.")
    first_byte: float = Field(
        300.0, gt=0, description="From sending the request to the first byte of the answer."
    )
    idle: float = Field(300.0, gt=0, description="Longest silence between two streamed chunks.")


class Failover(_Strict):
    """How a request moves along its route's candidates when one fails before answering."""

    max_attempts: int = Field(
        3, ge=1, le=20, description="Most upstream attempts for one request, over all candidates."
    )
    max_seconds: float = Field(
        60.0, gt=0, description="No new attempt starts this long after the request arrived."
    )
    backoff_initial: float = Field(
        0.25, ge=0, description="Wait before retrying a candidate already tried, seconds."
    )
    backoff_max: float = Field(
        4.0, ge=0, description="Longest wait between two attempts (doubles up to this)."
    )


class BreakerSettings(_Strict):
    """Circuit breakers: a failing provider (or model) is skipped for a cool-down."""

    enabled: bool = Field(True, description="Skip providers that keep failing.")
    consecutive_failures: int = Field(
        5, ge=1, le=1000, description="Failures in a row that open the breaker."
    )
    failure_rate: float = Field(
        0.5, gt=0, le=1, description="Share of failed requests in the window that opens it."
    )
    window_seconds: float = Field(
        60.0, gt=0, description="Time window for the failure rate, seconds."
    )
    min_requests: int = Field(
        10, ge=1, description="Requests needed in the window before the rate counts."
    )
    cooldown_seconds: float = Field(
        30.0, gt=0, description="How long an open breaker skips the provider before one probe."
    )
    max_cooldown_seconds: float = Field(
        600.0, gt=0, description="Longest cool-down a provider's Retry-After can ask for."
    )


class Network(_Strict):
    """How provider calls reach the network."""

    system_proxy: bool = Field(
        True,
        description="Go through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or the OS "
        "settings on macOS and Windows) name, except for hosts in NO_PROXY.",
    )
    system_trust_store: bool = Field(
        True,
        description="Trust the certificates the operating system trusts (e.g. a company's TLS "
        "inspection), besides the bundled list.",
    )


class Settings(_Strict):
    """Application-wide settings."""

    host: str = Field(DEFAULT_HOST, description="Address the proxy listens on.")
    port: int = Field(DEFAULT_PORT, ge=1, le=65535, description="Port the proxy listens on.")
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
    failover: Failover = Field(
        default_factory=lambda: Failover(), description="Retries along a model route."
    )
    breaker: BreakerSettings = Field(
        default_factory=lambda: BreakerSettings(), description="Circuit breakers per provider."
    )
    network: Network = Field(
        default_factory=lambda: Network(), description="Proxies and trusted certificates."
    )
    update_feed_url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="Release feed `switchboard update --check` asks for a newer version "
        "(GitHub's releases API shape); unset: no update checks. Nothing is ever installed.",
    )

    @model_validator(mode="after")
    def _no_open_relay(self) -> Settings:
        if (problem := open_relay_problem(self.host, self.require_token)) is not None:
            raise ValidationError.from_exception_data(
                "Settings",
                [
                    {
                        "type": PydanticCustomError("open_relay", problem),
                        "loc": ("require_token",),
                        "input": self.require_token,
                    }
                ],
            )
        return self


def is_loopback(host: str) -> bool:
    """Whether `host` is an address only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def open_relay_problem(host: str, require_token: bool) -> str | None:
    """Why listening on `host` without the local token is refused, or None when it is safe:
    anyone who reaches the port would spend the user's API keys."""
    if require_token or is_loopback(host):
        return None
    return (
        f"require_token = false while listening on {host!r} would let anyone who can reach "
        "this port use your API keys; keep require_token = true, or listen on 127.0.0.1"
    )


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
            routes = {f"models.{slot}": getattr(profile.models, slot) for slot in SLOTS}
            routes.update({f"routing.{k}": v for k, v in profile.routing.routes().items()})
            for where, route in routes.items():
                for ref in route or ():
                    provider = ModelRef.parse(ref).provider
                    if provider not in known:
                        raise ValueError(
                            f"profiles[{index}].{where}: unknown provider {provider!r} "
                            f"in {ref!r} (known: {', '.join(sorted(known)) or 'none'})"
                        )
            knowledge = profile.knowledge
            if knowledge is not None and knowledge.embeddings:
                provider = ModelRef.parse(knowledge.embeddings).provider
                if provider not in known:
                    raise ValueError(
                        f"profiles[{index}].knowledge.embeddings: unknown provider {provider!r}"
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
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in seen:
            raise ValueError(
                f"{what}[{index}].name: the name {name!r} is used twice "
                f"(first by {what}[{seen[name]}])"
            )
        seen[name] = index


def is_valid_name(name: str) -> bool:
    return _NAME_RE.fullmatch(name) is not None


_CROSS_FIELD = re.compile(r"^(\w+)(?:\[(\d+)\])?\.([\w.-]+): (.*)$", re.DOTALL)


def error_location(error: ErrorDetails) -> tuple[tuple[str | int, ...], str]:
    """The field path and the message a user reads for one validation error of the config.

    A check across fields (Config._references) has no path of its own: it writes the path
    at the start of its message, which moves into the path here, so it is said once.
    """
    loc: tuple[str | int, ...] = tuple(error["loc"])
    if loc and loc[-1] == "[key]":  # a dict key that is refused: its own path is enough
        loc = loc[:-1]
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden" and loc:
        name = str(loc[-1])
        return loc, f"unknown key {name!r}{did_you_mean(name, known_keys(loc[:-1]))}"
    if not loc and (match := _CROSS_FIELD.match(message)):
        head, index, rest, message = match.groups()
        loc = (head, *((int(index),) if index else ()), *rest.split("."))
    return loc, message


def known_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys the config accepts in the table at `loc` (for 'did you mean')."""
    node: Any = Config
    for part in loc:
        node = _unwrap(node)
        if isinstance(node, type) and issubclass(node, BaseModel):
            field = node.model_fields.get(str(part))
            node = field.annotation if field is not None else None
        elif typing.get_origin(node) in (list, dict):
            node = typing.get_args(node)[-1]  # list[X] by index, dict[str, X] by key
        else:
            return []
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return list(node.model_fields)
    return []


def _unwrap(hint: Any) -> Any:
    """`X` out of `Annotated[X, …]` and `X | None`."""
    while True:
        if typing.get_origin(hint) is Annotated:
            hint = typing.get_args(hint)[0]
        elif typing.get_origin(hint) in (Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        else:
            return hint
