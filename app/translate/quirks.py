"""Per-provider and per-model differences of OpenAI-compatible upstreams, held as data.

The catalogue (resources/providers.toml) and the config's `quirks` tables fill these fields by
name; the translators read them. No translator branches on a provider's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

# JSON Schema keywords that strict upstreams reject in tool parameters.
GEMINI_SCHEMA_DROP = frozenset(
    {"$schema", "additionalProperties", "exclusiveMinimum", "exclusiveMaximum", "propertyNames"}
)


@dataclass(frozen=True, slots=True)
class ChatQuirks:
    """How one upstream model's Chat Completions dialect differs from plain OpenAI."""

    # Request side
    max_tokens_field: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    max_output_tokens: int | None = None  # clamp max_tokens to this
    system_role: Literal["system", "developer"] = "system"
    reasoning_effort: bool = False  # accepts `reasoning_effort`
    # Field in assistant history messages that carries earlier thinking back (DeepSeek needs
    # `reasoning_content` with tools); None drops thinking from history.
    reasoning_history_field: str | None = None
    json_schema_format: bool = True  # accepts response_format {type: json_schema}
    stream_usage: bool = True  # accepts stream_options.include_usage
    parallel_tool_calls: bool = True  # accepts the parallel_tool_calls flag
    vision: bool = True  # accepts image_url parts
    # "alnum9": the upstream accepts only 9-character alphanumeric tool-call ids (Mistral); ids
    # from other providers in the history are mapped to such ids, the same way every request.
    tool_call_ids: Literal["keep", "alnum9"] = "keep"
    schema_drop_keys: frozenset[str] = frozenset({"$schema"})
    schema_require_type: bool = False  # give every schema node a `type` (Gemini-style)
    # Response side
    think_tags: bool = False  # turn <think>…</think> in content into a thinking block
    # Extra top-level fields merged into every request body (e.g. {"enable_thinking": false}).
    extra_body: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, *layers: dict[str, Any]) -> ChatQuirks:
        """Defaults overlaid by each mapping in turn (catalogue, provider, model). Unknown keys
        raise ValueError so a typo in the config is reported, not ignored."""
        known = {f.name for f in fields(cls)}
        merged: dict[str, Any] = {}
        for layer in layers:
            unknown = set(layer) - known
            if unknown:
                raise ValueError(f"unknown quirk(s): {', '.join(sorted(unknown))}")
            merged.update(layer)
        if "schema_drop_keys" in merged:
            merged["schema_drop_keys"] = frozenset(merged["schema_drop_keys"])
        return replace(cls(), **merged)


@dataclass(frozen=True, slots=True)
class ResponsesQuirks:
    """How one upstream model's Responses dialect differs from OpenAI's own API. The ChatGPT/
    Codex subscription backend is this dialect with `stream_only` and `drop_fields` set."""

    max_output_tokens: int | None = None  # clamp max_tokens to this
    reasoning: bool = False  # a reasoning model: send `reasoning` and ask for encrypted items
    vision: bool = True  # accepts input_image parts
    # The backend answers only as a stream: a non-stream request is served by reading the
    # stream whole (ChatGPT/Codex).
    stream_only: bool = False
    # Request fields the backend rejects, removed from every request (ChatGPT/Codex refuses
    # temperature, top_p, max_output_tokens, metadata…).
    drop_fields: frozenset[str] = frozenset()
    # The backend offers `POST …/responses/input_tokens` for count_tokens.
    count_endpoint: bool = True
    # Sent as `instructions` when a request has no system prompt (ChatGPT/Codex requires them).
    default_instructions: str | None = None
    schema_drop_keys: frozenset[str] = frozenset({"$schema"})

    @classmethod
    def from_mapping(cls, *layers: dict[str, Any]) -> ResponsesQuirks:
        """Defaults overlaid by each mapping in turn; unknown keys raise ValueError."""
        known = {f.name for f in fields(cls)}
        merged: dict[str, Any] = {}
        for layer in layers:
            unknown = set(layer) - known
            if unknown:
                raise ValueError(f"unknown quirk(s): {', '.join(sorted(unknown))}")
            merged.update(layer)
        for name in ("drop_fields", "schema_drop_keys"):
            if name in merged:
                merged[name] = frozenset(merged[name])
        return replace(cls(), **merged)
