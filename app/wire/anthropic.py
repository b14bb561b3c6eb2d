"""Anthropic Messages API shapes: the request Claude Code sends, the message and stream events
the proxy answers with.

Documentation and a test contract (tests/wire checks captured requests and translator output
against these); at runtime plain dicts flow, parsed once with orjson.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, Required

# typing_extensions (a pydantic dependency): pydantic validates only its TypedDict on 3.11.
from typing_extensions import TypedDict

StopReason = Literal["end_turn", "max_tokens", "stop_sequence", "tool_use", "refusal"]
ErrorType = Literal[
    "invalid_request_error",
    "authentication_error",
    "permission_error",
    "not_found_error",
    "request_too_large",
    "rate_limit_error",
    "api_error",
    "overloaded_error",
]


# Request content blocks ---------------------------------------------------------------------


class CacheControl(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: str


class TextBlock(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: CacheControl
    citations: list[dict[str, Any]] | None


class ImageSource(TypedDict, total=False):
    type: Required[Literal["base64", "url"]]
    media_type: str  # base64 only
    data: str  # base64 only
    url: str  # url only


class ImageBlock(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[ImageSource]
    cache_control: CacheControl


class DocumentBlock(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[dict[str, Any]]
    title: str
    cache_control: CacheControl


class ToolUseBlock(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    name: Required[str]
    input: Required[dict[str, Any]]
    cache_control: CacheControl


class ToolResultBlock(TypedDict, total=False):
    type: Required[Literal["tool_result"]]
    tool_use_id: Required[str]
    content: str | list[TextBlock | ImageBlock | DocumentBlock]
    is_error: bool
    cache_control: CacheControl


class ThinkingBlock(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    thinking: Required[str]
    signature: Required[str]


class RedactedThinkingBlock(TypedDict):
    type: Literal["redacted_thinking"]
    data: str


ContentBlock = (
    TextBlock
    | ImageBlock
    | DocumentBlock
    | ToolUseBlock
    | ToolResultBlock
    | ThinkingBlock
    | RedactedThinkingBlock
)


class Message(TypedDict):
    # Claude Code also sends role "system" inside `messages` (PROTOCOL.md), and those may
    # carry a per-turn `output_config`.
    role: Literal["user", "assistant", "system"]
    content: str | list[ContentBlock]
    output_config: NotRequired[OutputConfig]


class Tool(TypedDict, total=False):
    name: Required[str]
    description: str
    input_schema: dict[str, Any]
    type: str  # "custom", or a server tool such as "web_search_20250305"
    defer_loading: bool
    cache_control: CacheControl


class ToolChoice(TypedDict, total=False):
    type: Required[Literal["auto", "any", "tool", "none"]]
    name: str
    disable_parallel_tool_use: bool


class Thinking(TypedDict, total=False):
    type: Required[Literal["enabled", "disabled", "adaptive"]]
    budget_tokens: int
    display: str


class OutputFormat(TypedDict):
    type: Literal["json_schema"]
    schema: dict[str, Any]


class OutputConfig(TypedDict, total=False):
    effort: Literal["low", "medium", "high", "max"]
    format: OutputFormat


class MessagesRequest(TypedDict, total=False):
    model: Required[str]
    messages: Required[list[Message]]
    max_tokens: Required[int]
    system: str | list[TextBlock]
    tools: list[Tool]
    tool_choice: ToolChoice
    metadata: dict[str, Any]
    stop_sequences: list[str]
    stream: bool
    temperature: float
    top_p: float
    top_k: int
    thinking: Thinking
    output_config: OutputConfig
    context_management: dict[str, Any]
    safeguards: list[dict[str, Any]]


# Response and stream events ------------------------------------------------------------------


class Usage(TypedDict):
    input_tokens: int
    output_tokens: int
    cache_read_input_tokens: NotRequired[int]
    cache_creation_input_tokens: NotRequired[int]


class DeltaUsage(TypedDict, total=False):
    output_tokens: Required[int]
    input_tokens: int
    cache_read_input_tokens: int


class ResponseMessage(TypedDict):
    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: str
    content: list[TextBlock | ThinkingBlock | ToolUseBlock]
    stop_reason: StopReason | None
    stop_sequence: str | None
    usage: Usage


class MessageStartEvent(TypedDict):
    type: Literal["message_start"]
    message: ResponseMessage


class ContentBlockStartEvent(TypedDict):
    type: Literal["content_block_start"]
    index: int
    content_block: TextBlock | ThinkingBlock | ToolUseBlock


class TextDelta(TypedDict):
    type: Literal["text_delta"]
    text: str


class ThinkingDelta(TypedDict):
    type: Literal["thinking_delta"]
    thinking: str


class InputJsonDelta(TypedDict):
    type: Literal["input_json_delta"]
    partial_json: str


class ContentBlockDeltaEvent(TypedDict):
    type: Literal["content_block_delta"]
    index: int
    delta: TextDelta | ThinkingDelta | InputJsonDelta


class ContentBlockStopEvent(TypedDict):
    type: Literal["content_block_stop"]
    index: int


class MessageDelta(TypedDict):
    stop_reason: StopReason
    stop_sequence: str | None


class MessageDeltaEvent(TypedDict):
    type: Literal["message_delta"]
    delta: MessageDelta
    usage: DeltaUsage


class MessageStopEvent(TypedDict):
    type: Literal["message_stop"]


class PingEvent(TypedDict):
    type: Literal["ping"]


class ErrorBody(TypedDict):
    type: ErrorType
    message: str


class ErrorEvent(TypedDict):
    type: Literal["error"]
    error: ErrorBody


StreamEvent = (
    MessageStartEvent
    | ContentBlockStartEvent
    | ContentBlockDeltaEvent
    | ContentBlockStopEvent
    | MessageDeltaEvent
    | MessageStopEvent
    | PingEvent
    | ErrorEvent
)
