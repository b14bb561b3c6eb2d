"""A strict OpenAI Chat Completions request validator, for tests.

Shapes come from the official `openai` SDK's request TypedDicts, validated by pydantic with
unknown keys forbidden at every level; on top, the rules the types cannot express and the real
API enforces (tool-call/tool-message pairing, tool names, JSON arguments, no empty `tools`…).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

import orjson
from openai.types.chat import (
    ChatCompletionAssistantMessageParam,
    ChatCompletionDeveloperMessageParam,
    ChatCompletionFunctionToolParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionToolMessageParam,
    ChatCompletionUserMessageParam,
)
from openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)
from pydantic import ConfigDict, TypeAdapter, ValidationError

_STRICT = ConfigDict(extra="forbid")
# Wrapped in list[...]: pydantic takes a config for a list, not for a TypedDict itself, and
# nested TypedDicts without their own config inherit it.
_REQUEST: dict[bool, TypeAdapter[Any]] = {
    True: TypeAdapter(list[CompletionCreateParamsStreaming], config=_STRICT),
    False: TypeAdapter(list[CompletionCreateParamsNonStreaming], config=_STRICT),
}
_MESSAGE: dict[str, TypeAdapter[Any]] = {
    "developer": TypeAdapter(list[ChatCompletionDeveloperMessageParam], config=_STRICT),
    "system": TypeAdapter(list[ChatCompletionSystemMessageParam], config=_STRICT),
    "user": TypeAdapter(list[ChatCompletionUserMessageParam], config=_STRICT),
    "assistant": TypeAdapter(list[ChatCompletionAssistantMessageParam], config=_STRICT),
    "tool": TypeAdapter(list[ChatCompletionToolMessageParam], config=_STRICT),
}
_TOOL = TypeAdapter(list[ChatCompletionFunctionToolParam], config=_STRICT)
_PART_TYPES = {
    "developer": {"text"},
    "system": {"text"},
    "user": {"text", "image_url", "input_audio", "file"},
    "assistant": {"text", "refusal"},
    "tool": {"text"},
}
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
_MAX_STOP = 4


class InvalidChatRequest(ValueError):
    pass


def validate_chat_request(body: Any, *, extra_fields: Collection[str] = ()) -> None:
    """Raise InvalidChatRequest (a ValueError) naming the first rule `body` breaks.

    `extra_fields` allows provider extensions the official types do not know, at the top
    level (`enable_thinking`) or on messages (DeepSeek's `reasoning_content`)."""
    if not isinstance(body, dict):
        raise InvalidChatRequest("the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise InvalidChatRequest("`messages` must be a non-empty list")
    tools = body.get("tools")
    if tools is not None and (not isinstance(tools, list) or not tools):
        raise InvalidChatRequest("`tools` must be a non-empty list when present")
    top = {
        key: value
        for key, value in body.items()
        if key not in ("messages", "tools") and key not in extra_fields
    }
    _check_types(_REQUEST[body.get("stream") is True], {**top, "messages": []}, "request")
    for position, tool in enumerate(tools or ()):
        _check_types(_TOOL, tool, f"tools[{position}]")
        _check_tool_name(tool["function"]["name"], f"tools[{position}].function.name")
    for position, message in enumerate(messages):
        _check_message(message, position, extra_fields)
    _check_pairing(messages)
    _check_options(body, {tool["function"]["name"] for tool in tools or ()})


def _check_types(adapter: TypeAdapter[Any], value: Any, where: str) -> None:
    try:
        _drain(adapter.validate_python([value]))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'][1:]) or '(top)'}: {error['msg']}"
            for error in exc.errors()
        )
        raise InvalidChatRequest(f"{where}: {problems}") from None


def _drain(value: Any) -> None:
    """Consume the lazy iterators pydantic returns for `Iterable[...]` fields, which is when
    their items are validated."""
    if isinstance(value, dict):
        for item in value.values():
            _drain(item)
    elif isinstance(value, list | Iterator):
        for item in value:
            _drain(item)


def _check_message(message: Any, position: int, extra_fields: Collection[str]) -> None:
    where = f"messages[{position}]"
    if not isinstance(message, dict):
        raise InvalidChatRequest(f"{where} must be an object")
    role = message.get("role")
    if role not in _MESSAGE:
        raise InvalidChatRequest(f"{where}: invalid role {role!r}")
    plain = {key: value for key, value in message.items() if key not in extra_fields}
    _check_types(_MESSAGE[role], plain, f"{where} ({role})")
    content = message.get("content")
    if isinstance(content, list):
        for index, part in enumerate(content):
            if part.get("type") not in _PART_TYPES[role]:
                raise InvalidChatRequest(
                    f"{where}.content[{index}]: part type {part.get('type')!r} "
                    f"is not allowed in a {role} message"
                )
    if role == "assistant":
        calls = message.get("tool_calls")
        if calls is not None and not calls:
            raise InvalidChatRequest(f"{where}: `tool_calls` must not be empty when present")
        if content is None and not calls:
            raise InvalidChatRequest(f"{where}: an assistant message needs content or tool_calls")
        ids = [call["id"] for call in calls or ()]
        if len(set(ids)) != len(ids):
            raise InvalidChatRequest(f"{where}: duplicate tool call ids {ids}")
        for index, call in enumerate(calls or ()):
            _check_tool_name(call["function"]["name"], f"{where}.tool_calls[{index}]")
            _check_arguments(call["function"]["arguments"], f"{where}.tool_calls[{index}]")


def _check_tool_name(name: str, where: str) -> None:
    if not _TOOL_NAME.match(name):
        raise InvalidChatRequest(f"{where}: tool name {name!r} does not match {_TOOL_NAME.pattern}")


def _check_arguments(arguments: str, where: str) -> None:
    try:
        parsed = orjson.loads(arguments)
    except orjson.JSONDecodeError:
        raise InvalidChatRequest(f"{where}: arguments are not JSON: {arguments[:80]!r}") from None
    if not isinstance(parsed, dict):
        raise InvalidChatRequest(f"{where}: arguments must be a JSON object, got {arguments!r}")


def _check_pairing(messages: list[dict[str, Any]]) -> None:
    """Each assistant message with tool_calls is followed at once by exactly one tool message
    per call, and a tool message answers a call of the assistant message just before."""
    awaiting: set[str] = set()
    answerable: set[str] = set()
    for position, message in enumerate(messages):
        role = message["role"]
        if role == "tool":
            call_id = message["tool_call_id"]
            if call_id not in answerable:
                raise InvalidChatRequest(
                    f"messages[{position}]: tool message for {call_id!r} does not answer a "
                    "tool call of the preceding assistant message"
                )
            if call_id not in awaiting:
                raise InvalidChatRequest(f"messages[{position}]: second answer to {call_id!r}")
            awaiting.discard(call_id)
            continue
        if awaiting:
            raise InvalidChatRequest(
                f"messages[{position}]: a {role} message comes before the tool messages for "
                f"{sorted(awaiting)}"
            )
        answerable = {call["id"] for call in message.get("tool_calls") or ()}
        awaiting = set(answerable)
    if awaiting:
        raise InvalidChatRequest(f"the request ends without tool messages for {sorted(awaiting)}")


def _check_options(body: dict[str, Any], tool_names: set[str]) -> None:
    if not tool_names and ("tool_choice" in body or "parallel_tool_calls" in body):
        raise InvalidChatRequest("`tool_choice`/`parallel_tool_calls` need `tools`")
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice["function"]["name"] not in tool_names:
        raise InvalidChatRequest(f"tool_choice names an unknown tool: {choice}")
    if "stream_options" in body and body.get("stream") is not True:
        raise InvalidChatRequest("`stream_options` is only allowed with `stream: true`")
    if "max_tokens" in body and "max_completion_tokens" in body:
        raise InvalidChatRequest("send `max_tokens` or `max_completion_tokens`, not both")
    stop = body.get("stop")
    if isinstance(stop, list) and not 0 < len(stop) <= _MAX_STOP:
        raise InvalidChatRequest(f"`stop` takes 1 to {_MAX_STOP} sequences, got {len(stop)}")
