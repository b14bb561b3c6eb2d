"""OpenAI Responses API shapes: the request the proxy sends (`POST …/responses`, also the body of
`POST …/responses/input_tokens`), and the answers: a whole `Response` or its stream events.

Only what the translators write or read is listed. The answer shapes are loose (`total=False`):
compatible servers omit fields, and the translators check what they use.
"""

from __future__ import annotations

from typing import Any, Literal, Required

# typing_extensions (a pydantic dependency): pydantic validates only its TypedDict on 3.11.
from typing_extensions import TypedDict

ReasoningEffort = Literal["minimal", "low", "medium", "high"]


# Request -------------------------------------------------------------------------------------


class InputText(TypedDict):
    type: Literal["input_text"]
    text: str


class InputImage(TypedDict):
    type: Literal["input_image"]
    image_url: str  # https URL or data URI
    detail: Literal["auto", "low", "high"]


class InputFile(TypedDict, total=False):
    type: Required[Literal["input_file"]]
    filename: str
    file_data: str  # a data URI (base64)
    file_url: str


InputContent = InputText | InputImage | InputFile


class MessageItem(TypedDict):
    """A user message (content parts), or an earlier assistant answer (its text as a string:
    the API reads a string as output text, and `input_text` in an assistant turn is refused)."""

    type: Literal["message"]
    role: Literal["user", "assistant", "developer"]
    content: str | list[InputContent]


class FunctionCallItem(TypedDict):
    type: Literal["function_call"]
    call_id: str
    name: str
    arguments: str  # a JSON document, as a string


class FunctionCallOutputItem(TypedDict):
    type: Literal["function_call_output"]
    call_id: str
    output: str | list[InputContent]


class SummaryText(TypedDict):
    type: Literal["summary_text"]
    text: str


class ReasoningItem(TypedDict):
    """An earlier reasoning item, sent back as it came (carried in a thinking signature)."""

    type: Literal["reasoning"]
    id: str
    summary: list[SummaryText]
    encrypted_content: str


InputItem = MessageItem | FunctionCallItem | FunctionCallOutputItem | ReasoningItem


class FunctionTool(TypedDict, total=False):
    type: Required[Literal["function"]]
    name: Required[str]
    description: str
    parameters: Required[dict[str, Any]]
    strict: Required[bool]  # always false: Claude Code's schemas are not strict-compatible


class FunctionToolChoice(TypedDict):
    type: Literal["function"]
    name: str


ToolChoice = Literal["auto", "required", "none"] | FunctionToolChoice


class Reasoning(TypedDict, total=False):
    effort: ReasoningEffort
    summary: Literal["auto", "concise", "detailed"]


class JsonSchemaFormat(TypedDict):
    type: Literal["json_schema"]
    name: str
    schema: dict[str, Any]
    strict: bool


class TextConfig(TypedDict):
    format: JsonSchemaFormat


class ResponsesRequest(TypedDict, total=False):
    model: Required[str]
    input: Required[list[InputItem]]
    instructions: str
    tools: list[FunctionTool]
    tool_choice: ToolChoice
    parallel_tool_calls: bool
    reasoning: Reasoning
    include: list[Literal["reasoning.encrypted_content"]]
    store: bool
    stream: bool
    max_output_tokens: int
    temperature: float
    top_p: float
    text: TextConfig
    prompt_cache_key: str


# Answer --------------------------------------------------------------------------------------


class InputTokensDetails(TypedDict, total=False):
    cached_tokens: int


class OutputTokensDetails(TypedDict, total=False):
    reasoning_tokens: int


class Usage(TypedDict, total=False):
    input_tokens: int  # cached tokens included
    input_tokens_details: InputTokensDetails
    output_tokens: int  # reasoning tokens included
    output_tokens_details: OutputTokensDetails
    total_tokens: int


class OutputContent(TypedDict, total=False):
    type: Required[str]  # "output_text" | "refusal"
    text: str
    refusal: str


class OutputItem(TypedDict, total=False):
    """An item of `Response.output`: a message, a function call or a reasoning item."""

    type: Required[str]
    id: str
    status: str
    role: str
    content: list[OutputContent] | list[dict[str, Any]]  # message parts; reasoning text parts
    call_id: str
    name: str
    arguments: str
    summary: list[SummaryText]
    encrypted_content: str | None


class ResponseError(TypedDict, total=False):
    code: str | None
    message: str


class IncompleteDetails(TypedDict, total=False):
    reason: str  # "max_output_tokens" | "content_filter"


class Response(TypedDict, total=False):
    id: str
    object: Literal["response"]
    status: str  # "completed" | "incomplete" | "failed" | "in_progress" | …
    model: str
    output: list[OutputItem]
    usage: Usage | None
    error: ResponseError | None
    incomplete_details: IncompleteDetails | None


class StreamEvent(TypedDict, total=False):
    """One `data:` payload of the stream; which fields are set depends on `type`."""

    type: Required[str]
    sequence_number: int
    response: Response  # response.created / .in_progress / .completed / .incomplete / .failed
    output_index: int
    item: OutputItem  # response.output_item.added / .done
    item_id: str
    content_index: int
    summary_index: int
    delta: str  # *.delta
    arguments: str  # response.function_call_arguments.done
    code: str | None  # error
    message: str  # error


class InputTokens(TypedDict, total=False):
    """The answer of `POST …/responses/input_tokens`."""

    object: str
    input_tokens: int
