"""A strict Gemini `generateContent` request validator, for tests.

Shapes come from the official `google-genai` SDK's pydantic types (`Content`, `Tool`,
`GenerationConfig`, `ToolConfig`), which forbid unknown fields at every level and are fed the
request's JSON as the REST API receives it. On top, the rules the types cannot express and the
real API enforces: known top-level fields only, one kind of data per part, no `id` inside a
`functionCall`, function `parameters` in Gemini's OpenAPI subset (no `$schema`,
`additionalProperties`, `const`, `allOf`…; one `type` on every node), one function response per
call of the previous model turn in call order, a signature on the first function call of every
model step of the current turn, and thinkingLevel and thinkingBudget never together.
"""

from __future__ import annotations

from typing import Any

import orjson
from google.genai import types
from pydantic import BaseModel, ValidationError

_TOP_LEVEL = frozenset(
    {"contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings"}
)
_DATA_FIELDS = frozenset(
    {
        "text",
        "inlineData",
        "fileData",
        "functionCall",
        "functionResponse",
        "executableCode",
        "codeExecutionResult",
    }
)
_SCHEMA_TYPES = frozenset({"STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT"})
_SCHEMA_KEYS = frozenset(
    {
        "type",
        "format",
        "title",
        "description",
        "nullable",
        "enum",
        "maxItems",
        "minItems",
        "properties",
        "required",
        "minProperties",
        "maxProperties",
        "minLength",
        "maxLength",
        "pattern",
        "example",
        "anyOf",
        "propertyOrdering",
        "default",
        "items",
        "minimum",
        "maximum",
    }
)
_FORMATS = {
    "STRING": {"enum", "date-time"},
    "NUMBER": {"float", "double"},
    "INTEGER": {"int32", "int64"},
}
_MAX_STOP = 5


class InvalidGeminiRequest(ValueError):
    pass


def validate_gemini_request(body: Any) -> None:
    """Raise InvalidGeminiRequest (a ValueError) naming the first rule `body` breaks."""
    if not isinstance(body, dict):
        raise InvalidGeminiRequest("the request body must be a JSON object")
    unknown = set(body) - _TOP_LEVEL
    if unknown:
        raise InvalidGeminiRequest(f"Unknown name {sorted(unknown)[0]!r}: Cannot find field.")
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        raise InvalidGeminiRequest("contents is not specified")
    for position, content in enumerate(contents):
        where = f"contents[{position}]"
        _check_type(types.Content, content, where)
        if content.get("role") not in ("user", "model"):
            raise InvalidGeminiRequest(f"{where}.role must be user or model")
        _check_parts(content.get("parts"), where)
    if "systemInstruction" in body:
        _check_type(types.Content, body["systemInstruction"], "systemInstruction")
        _check_parts(body["systemInstruction"].get("parts"), "systemInstruction")
    for position, tool in enumerate(body.get("tools") or ()):
        _check_type(types.Tool, tool, f"tools[{position}]")
        for index, declaration in enumerate(tool.get("functionDeclarations") or ()):
            where = f"tools[{position}].functionDeclarations[{index}]"
            if "parameters" in declaration:
                check_schema(declaration["parameters"], f"{where}.parameters")
    if "toolConfig" in body:
        _check_type(types.ToolConfig, body["toolConfig"], "toolConfig")
    config = body.get("generationConfig")
    if config is not None:
        _check_type(types.GenerationConfig, config, "generationConfig")
        thinking = config.get("thinkingConfig") or {}
        if "thinkingLevel" in thinking and "thinkingBudget" in thinking:
            raise InvalidGeminiRequest("thinkingLevel and thinkingBudget cannot both be set")
        if len(config.get("stopSequences") or ()) > _MAX_STOP:
            raise InvalidGeminiRequest(f"at most {_MAX_STOP} stopSequences")
    _check_function_turns(contents)


def _check_type(model: type[BaseModel], value: Any, where: str) -> None:
    try:
        model.model_validate_json(orjson.dumps(value))
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise InvalidGeminiRequest(f"{where}.{location}: {first['msg']}") from None


def _check_parts(parts: Any, where: str) -> None:
    if not isinstance(parts, list) or not parts:
        raise InvalidGeminiRequest(f"{where}: must contain at least one part")
    for index, part in enumerate(parts):
        data = _DATA_FIELDS & set(part)
        if len(data) != 1:
            raise InvalidGeminiRequest(
                f"{where}.parts[{index}]: a part holds exactly one kind of data, not {sorted(data)}"
            )
        call = part.get("functionCall")
        if call is not None:
            if "id" in call:
                raise InvalidGeminiRequest(f"{where}.parts[{index}].functionCall: unknown 'id'")
            if not isinstance(call.get("args", {}), dict):
                raise InvalidGeminiRequest(f"{where}.parts[{index}].functionCall.args")


def check_schema(node: Any, where: str) -> None:
    """A function's `parameters`: Gemini's OpenAPI 3.0 subset, a `type` on every node."""
    if not isinstance(node, dict):
        raise InvalidGeminiRequest(f"{where}: a schema must be an object")
    unknown = set(node) - _SCHEMA_KEYS
    if unknown:
        raise InvalidGeminiRequest(f"{where}: Unknown name {sorted(unknown)[0]!r}")
    kind = node.get("type")
    if "anyOf" not in node and (not isinstance(kind, str) or kind.upper() not in _SCHEMA_TYPES):
        raise InvalidGeminiRequest(f"{where}.type: must be one type, got {kind!r}")
    fmt = node.get("format")
    if fmt is not None and fmt not in _FORMATS.get(str(kind).upper(), ()):
        raise InvalidGeminiRequest(f"{where}.format: {fmt!r} is not supported for type {kind}")
    if str(kind).upper() == "OBJECT" and node.get("properties") == {}:
        raise InvalidGeminiRequest(f"{where}.properties: should be non-empty for OBJECT type")
    for name, sub in (node.get("properties") or {}).items():
        check_schema(sub, f"{where}.properties.{name}")
    if "items" in node:
        check_schema(node["items"], f"{where}.items")
    for index, sub in enumerate(node.get("anyOf") or ()):
        check_schema(sub, f"{where}.anyOf[{index}]")
    _check_type(types.Schema, node, where)


def _check_function_turns(contents: list[dict[str, Any]]) -> None:
    """Each model turn's function calls are answered by the next user turn, one response per
    call in call order (names match), each model turn with calls right after a user turn; the
    first call of every model step of the current turn
    carries a thought signature (Gemini 3 refuses the request otherwise)."""
    current_turn = 0  # the contents after the last user turn with something else than answers
    for position, content in enumerate(contents):
        if content["role"] == "user" and any(
            "functionResponse" not in part for part in content["parts"]
        ):
            current_turn = position + 1
    for position, content in enumerate(contents):
        if content["role"] != "model":
            continue
        calls = [p for p in content["parts"] if "functionCall" in p]
        if not calls:
            continue
        if position == 0 or contents[position - 1]["role"] != "user":
            raise InvalidGeminiRequest(
                "Please ensure that function call turn comes immediately after a user turn or "
                f"after a function response turn (contents[{position}])"
            )
        if position >= current_turn and "thoughtSignature" not in calls[0]:
            raise InvalidGeminiRequest(
                f"Function call is missing a thought_signature in functionCall parts "
                f"(contents[{position}])"
            )
        following = contents[position + 1] if position + 1 < len(contents) else None
        if following is None:
            raise InvalidGeminiRequest(f"contents[{position}]: function calls without responses")
        answers = [p["functionResponse"] for p in following["parts"] if "functionResponse" in p]
        if following["role"] != "user" or len(answers) != len(calls):
            raise InvalidGeminiRequest(
                "Please ensure that the number of function response parts is equal to the "
                f"number of function call parts of the function call turn (contents[{position}])"
            )
        called = [p["functionCall"]["name"] for p in calls]
        if [a.get("name") for a in answers] != called:
            raise InvalidGeminiRequest(
                f"contents[{position + 1}]: function responses {[a.get('name') for a in answers]}"
                f" do not answer the calls {called} in order"
            )
