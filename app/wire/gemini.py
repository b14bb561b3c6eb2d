"""Google Gemini (native `generateContent`) shapes: the request the proxy sends and the answers
(whole, or each `streamGenerateContent?alt=sse` chunk, which has the same shape) it gets back.

Field names are the REST API's camelCase. The answer shapes are loose (`total=False`): a chunk
carries only what changed.
"""

from __future__ import annotations

from typing import Any, Literal

# typing_extensions (a pydantic dependency): pydantic validates only its TypedDict on 3.11.
from typing_extensions import TypedDict

Role = Literal["user", "model"]
ThinkingLevel = Literal["minimal", "low", "medium", "high"]


# Request and answer parts ------------------------------------------------------------------


class Blob(TypedDict):
    mimeType: str
    data: str  # base64


class FileData(TypedDict):
    mimeType: str
    fileUri: str


class FunctionCall(TypedDict, total=False):
    name: str
    args: dict[str, Any]
    id: str  # some answers carry one; a request never sends it back


class FunctionResponse(TypedDict):
    name: str
    response: dict[str, Any]


class Part(TypedDict, total=False):
    text: str
    thought: bool  # a thought (summary) part, not answer text
    thoughtSignature: str  # opaque reasoning state: sent back exactly, on the same part
    inlineData: Blob
    fileData: FileData
    functionCall: FunctionCall
    functionResponse: FunctionResponse


class Content(TypedDict, total=False):
    role: Role
    parts: list[Part]


# Request -----------------------------------------------------------------------------------


class FunctionDeclaration(TypedDict, total=False):
    name: str
    description: str
    parameters: dict[str, Any]  # the OpenAPI 3.0 subset Gemini accepts (app/translate/schema.py)


class Tool(TypedDict):
    functionDeclarations: list[FunctionDeclaration]


class FunctionCallingConfig(TypedDict, total=False):
    mode: Literal["AUTO", "ANY", "NONE"]
    allowedFunctionNames: list[str]


class ToolConfig(TypedDict):
    functionCallingConfig: FunctionCallingConfig


class ThinkingConfig(TypedDict, total=False):
    includeThoughts: bool
    thinkingBudget: int  # Gemini 2.5
    thinkingLevel: ThinkingLevel  # Gemini 3 and later (never both)


class GenerationConfig(TypedDict, total=False):
    maxOutputTokens: int
    stopSequences: list[str]
    temperature: float
    topP: float
    topK: int
    thinkingConfig: ThinkingConfig
    responseMimeType: str
    responseJsonSchema: dict[str, Any]


class GenerateContentRequest(TypedDict, total=False):
    contents: list[Content]
    systemInstruction: Content
    tools: list[Tool]
    toolConfig: ToolConfig
    generationConfig: GenerationConfig


class CountTokensRequest(TypedDict):
    generateContentRequest: dict[str, Any]  # a GenerateContentRequest plus `model`


# Answer ------------------------------------------------------------------------------------

FinishReason = Literal[
    "FINISH_REASON_UNSPECIFIED",
    "STOP",
    "MAX_TOKENS",
    "SAFETY",
    "RECITATION",
    "LANGUAGE",
    "OTHER",
    "BLOCKLIST",
    "PROHIBITED_CONTENT",
    "SPII",
    "MALFORMED_FUNCTION_CALL",
    "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT",
    "IMAGE_RECITATION",
    "IMAGE_OTHER",
    "UNEXPECTED_TOOL_CALL",
    "TOO_MANY_TOOL_CALLS",
    "MISSING_THOUGHT_SIGNATURE",
    "MALFORMED_RESPONSE",
    "MODEL_ARMOR",
]


class Candidate(TypedDict, total=False):
    content: Content
    finishReason: FinishReason
    finishMessage: str
    index: int


class UsageMetadata(TypedDict, total=False):
    promptTokenCount: int  # includes the cached tokens
    cachedContentTokenCount: int
    candidatesTokenCount: int
    thoughtsTokenCount: int
    totalTokenCount: int


class PromptFeedback(TypedDict, total=False):
    blockReason: str
    blockReasonMessage: str


class GenerateContentResponse(TypedDict, total=False):
    candidates: list[Candidate]
    promptFeedback: PromptFeedback
    usageMetadata: UsageMetadata
    modelVersion: str
    responseId: str


class CountTokensResponse(TypedDict, total=False):
    totalTokens: int
    cachedContentTokenCount: int
