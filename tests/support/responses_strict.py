"""A strict OpenAI Responses request validator, for tests.

Shapes come from the official `openai` SDK's request TypedDicts, validated by pydantic with
unknown keys forbidden at every level (so Chat-shaped tools, `messages`, `stop` or
`max_tokens` are refused); on top, rules the types cannot express and the real API enforces:
each function_call answered by one function_call_output after it, a reasoning item followed by
another item, tool names and JSON arguments, `input_text` never in an assistant turn. The
ChatGPT/Codex flavour adds its own: streaming only, `store: false`, `instructions`, and none of
the sampling/limit parameters it rejects.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from openai.types.responses import (
    EasyInputMessageParam,
    FunctionToolParam,
    ResponseFunctionToolCallParam,
    ResponseReasoningItemParam,
)
from openai.types.responses.input_token_count_params import InputTokenCountParams
from openai.types.responses.response_create_params import (
    ResponseCreateParamsNonStreaming,
    ResponseCreateParamsStreaming,
)
from openai.types.responses.response_input_item_param import FunctionCallOutput
from pydantic import ConfigDict, TypeAdapter

from tests.support.openai_strict import InvalidChatRequest, _check_types

_STRICT = ConfigDict(extra="forbid")
_REQUEST: dict[bool, TypeAdapter[Any]] = {
    True: TypeAdapter(list[ResponseCreateParamsStreaming], config=_STRICT),
    False: TypeAdapter(list[ResponseCreateParamsNonStreaming], config=_STRICT),
}
_COUNT = TypeAdapter(list[InputTokenCountParams], config=_STRICT)
_ITEM: dict[str, TypeAdapter[Any]] = {
    "message": TypeAdapter(list[EasyInputMessageParam], config=_STRICT),
    "function_call": TypeAdapter(list[ResponseFunctionToolCallParam], config=_STRICT),
    "function_call_output": TypeAdapter(list[FunctionCallOutput], config=_STRICT),
    "reasoning": TypeAdapter(list[ResponseReasoningItemParam], config=_STRICT),
}
_TOOL = TypeAdapter(list[FunctionToolParam], config=_STRICT)
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# What the ChatGPT/Codex backend refuses (OAUTH.md §1, "Backend requirements").
CODEX_REJECTS = ("temperature", "top_p", "max_output_tokens", "metadata", "max_tokens", "stop")


class InvalidResponsesRequest(InvalidChatRequest):
    pass


def validate_responses_request(body: Any, *, codex: bool = False, count: bool = False) -> None:
    """Raise InvalidResponsesRequest (a ValueError) naming the first rule `body` breaks.
    `count` validates a `POST /responses/input_tokens` body instead of `POST /responses`."""
    if not isinstance(body, dict):
        raise InvalidResponsesRequest("the request body must be a JSON object")
    items = body.get("input")
    if not isinstance(items, list) or not items:
        raise InvalidResponsesRequest("`input` must be a non-empty list of items")
    tools = body.get("tools")
    if tools is not None and (not isinstance(tools, list) or not tools):
        raise InvalidResponsesRequest("`tools` must be a non-empty list when present")
    top = {k: v for k, v in body.items() if k not in ("input", "tools")}
    adapter = _COUNT if count else _REQUEST[body.get("stream") is True]
    _check(adapter, {**top, "input": []}, "request")
    names: set[str] = set()
    for position, tool in enumerate(tools or ()):
        _check(_TOOL, tool, f"tools[{position}]")
        if tool.get("strict") is not False:
            raise InvalidResponsesRequest(f"tools[{position}]: strict mode would reject the schema")
        _check_name(tool["name"], f"tools[{position}].name")
        names.add(tool["name"])
    _check_items(items)
    choice = body.get("tool_choice")
    if choice is not None and not names:
        raise InvalidResponsesRequest("`tool_choice` needs `tools`")
    if isinstance(choice, dict) and choice.get("name") not in names:
        raise InvalidResponsesRequest(f"tool_choice names an unknown tool: {choice}")
    if (
        "reasoning.encrypted_content" in (body.get("include") or ())
        and body.get("store") is not False
    ):
        raise InvalidResponsesRequest("encrypted reasoning is only returned with `store: false`")
    if codex and not count:
        rejected = [key for key in CODEX_REJECTS if key in body]
        if rejected:
            raise InvalidResponsesRequest(f"Unsupported parameter(s): {', '.join(rejected)}")
        if body.get("stream") is not True:
            raise InvalidResponsesRequest("Stream must be set to true")
        if body.get("store") is not False:
            raise InvalidResponsesRequest("Store must be set to false")
        if not body.get("instructions"):
            raise InvalidResponsesRequest("Instructions are required")


def _check(adapter: TypeAdapter[Any], value: Any, where: str) -> None:
    try:
        _check_types(adapter, value, where)
    except InvalidChatRequest as exc:
        raise InvalidResponsesRequest(str(exc)) from None


def _check_name(name: str, where: str) -> None:
    if not _TOOL_NAME.match(name):
        raise InvalidResponsesRequest(f"{where}: {name!r} does not match {_TOOL_NAME.pattern}")


def _is_output(following: list[Any]) -> bool:
    """Is the item after a reasoning item one a model produces (its answer or another step)?"""
    if not following or not isinstance(following[0], dict):
        return False
    item = following[0]
    kind = item.get("type", "message")
    return kind in ("function_call", "reasoning") or (
        kind == "message" and item.get("role") == "assistant"
    )


def _check_items(items: list[Any]) -> None:
    calls: dict[str, int] = {}
    answered: set[str] = set()
    for position, item in enumerate(items):
        where = f"input[{position}]"
        if not isinstance(item, dict):
            raise InvalidResponsesRequest(f"{where} must be an object")
        kind = item.get("type", "message")
        if kind not in _ITEM:
            raise InvalidResponsesRequest(f"{where}: unexpected item type {kind!r}")
        _check(_ITEM[kind], item, f"{where} ({kind})")
        if kind == "message" and item["role"] == "assistant" and isinstance(item["content"], list):
            for part in item["content"]:
                if part.get("type") not in ("output_text", "refusal"):
                    raise InvalidResponsesRequest(
                        f"{where}: Invalid value {part.get('type')!r} in an assistant message; "
                        "supported values are 'output_text' and 'refusal'"
                    )
        elif kind == "function_call":
            _check_name(item["name"], f"{where}.name")
            if item["call_id"] in calls:
                raise InvalidResponsesRequest(f"{where}: duplicate call_id {item['call_id']!r}")
            calls[item["call_id"]] = position
            try:
                arguments = orjson.loads(item["arguments"])
            except orjson.JSONDecodeError:
                raise InvalidResponsesRequest(f"{where}: arguments are not JSON") from None
            if not isinstance(arguments, dict):
                raise InvalidResponsesRequest(f"{where}: arguments must be a JSON object")
        elif kind == "function_call_output":
            call_id = item.get("call_id")
            if call_id not in calls:
                raise InvalidResponsesRequest(
                    f"{where}: No tool call found for function call output with call_id {call_id}"
                )
            if call_id in answered:
                raise InvalidResponsesRequest(f"{where}: a second output for {call_id!r}")
            answered.add(call_id)
        elif kind == "reasoning" and not _is_output(items[position + 1 : position + 2]):
            raise InvalidResponsesRequest(
                f"{where}: Item of type 'reasoning' was provided without its required "
                "following item"
            )
    missing = sorted(set(calls) - answered)
    if missing:
        raise InvalidResponsesRequest(f"No tool output found for function call(s) {missing}")
