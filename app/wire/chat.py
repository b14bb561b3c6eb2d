"""OpenAI Chat Completions shapes: the request the proxy sends, and the answers (whole or
streamed chunks) OpenAI-compatible upstreams return.

The answer shapes are deliberately loose (`total=False`): upstreams differ in what they omit.
Provider extensions the translators read are listed with the provider that sends them.
"""

from __future__ import annotations

from typing import Any, Literal, Required

# typing_extensions (a pydantic dependency): pydantic validates only its TypedDict on 3.11.
from typing_extensions import TypedDict

FinishReason = Literal["stop", "length", "tool_calls", "function_call", "content_filter"]
ReasoningEffort = Literal["low", "medium", "high"]


# Request -------------------------------------------------------------------------------------


class ImageURL(TypedDict):
    url: str  # https URL or data URI


class TextPart(TypedDict):
    type: Literal["text"]
    text: str


class ImagePart(TypedDict):
    type: Literal["image_url"]
    image_url: ImageURL


class FunctionCall(TypedDict):
    name: str
    arguments: str  # a JSON document, as a string


class ToolCall(TypedDict):
    id: str
    type: Literal["function"]
    function: FunctionCall


class ChatMessage(TypedDict, total=False):
    role: Required[Literal["system", "developer", "user", "assistant", "tool"]]
    content: str | list[TextPart | ImagePart] | None
    tool_calls: list[ToolCall]  # assistant only
    tool_call_id: str  # tool only
    reasoning_content: str  # assistant history, DeepSeek-style (quirks.reasoning_history_field)


class FunctionDefinition(TypedDict, total=False):
    name: Required[str]
    description: str
    parameters: dict[str, Any]


class FunctionTool(TypedDict):
    type: Literal["function"]
    function: FunctionDefinition


class NamedToolChoice(TypedDict):
    type: Literal["function"]
    function: dict[Literal["name"], str]


class StreamOptions(TypedDict):
    include_usage: bool


class JSONSchemaFormat(TypedDict):
    name: str
    schema: dict[str, Any]
    strict: bool


class ResponseFormat(TypedDict):
    type: Literal["json_schema"]
    json_schema: JSONSchemaFormat


class ChatRequest(TypedDict, total=False):
    model: Required[str]
    messages: Required[list[ChatMessage]]
    max_tokens: int
    max_completion_tokens: int
    stream: bool
    stream_options: StreamOptions
    tools: list[FunctionTool]
    tool_choice: Literal["auto", "required", "none"] | NamedToolChoice
    parallel_tool_calls: bool
    stop: list[str]
    temperature: float
    top_p: float
    reasoning_effort: ReasoningEffort
    response_format: ResponseFormat


# Answer --------------------------------------------------------------------------------------


class PromptTokensDetails(TypedDict, total=False):
    cached_tokens: int


class ChatUsage(TypedDict, total=False):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: PromptTokensDetails | None
    prompt_cache_hit_tokens: int  # DeepSeek


class FunctionCallDelta(TypedDict, total=False):
    name: str | None
    arguments: str | None  # a piece of the JSON, or (some upstreams) the whole so far


class ToolCallDelta(TypedDict, total=False):
    index: int  # missing on a few upstreams
    id: str | None
    type: Literal["function"]
    function: FunctionCallDelta


class ChunkDelta(TypedDict, total=False):
    role: str
    content: str | None
    reasoning_content: str | None  # DeepSeek, Qwen, vLLM
    reasoning: str | None  # OpenRouter, Ollama, newer vLLM
    tool_calls: list[ToolCallDelta] | None
    function_call: FunctionCallDelta | None  # the deprecated single-function form


class ChunkChoice(TypedDict, total=False):
    index: int
    delta: ChunkDelta
    finish_reason: FinishReason | None
    stop_reason: str | int | None  # vLLM: the matched stop string
    matched_stop: str | int | None  # SGLang: the matched stop string


class ChatChunk(TypedDict, total=False):
    id: str
    object: str
    model: str
    choices: list[ChunkChoice]
    usage: ChatUsage | None
    error: Any  # an error reported inside the stream (its shape varies by provider)


class ResponseMessage(TypedDict, total=False):
    role: str
    content: str | None
    reasoning_content: str | None
    reasoning: str | None
    tool_calls: list[ToolCall] | None
    function_call: FunctionCall | None  # the deprecated single-function form


class CompletionChoice(TypedDict, total=False):
    index: int
    message: ResponseMessage
    finish_reason: FinishReason | None
    stop_reason: str | int | None
    matched_stop: str | int | None


class ChatCompletion(TypedDict, total=False):
    id: str
    object: str
    model: str
    choices: list[CompletionChoice]
    usage: ChatUsage | None
