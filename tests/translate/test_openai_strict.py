"""The strict Chat Completions validator (tests/support/openai_strict.py) rejects what the real
API rejects: otherwise request tests that lean on it prove nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.support.openai_strict import validate_chat_request


def good() -> dict[str, Any]:
    return {
        "model": "gpt-test",
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": 100,
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "a",
                        "type": "function",
                        "function": {"name": "Bash", "arguments": "{}"},
                    },
                    {
                        "id": "b",
                        "type": "function",
                        "function": {"name": "Read", "arguments": "{}"},
                    },
                ],
            },
            {"role": "tool", "tool_call_id": "a", "content": "ok"},
            {"role": "tool", "tool_call_id": "b", "content": "ok"},
            {
                "role": "user",
                "content": [
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}
                ],
            },
        ],
        "tools": [
            {"type": "function", "function": {"name": "Bash", "parameters": {"type": "object"}}},
            {"type": "function", "function": {"name": "Read", "parameters": {"type": "object"}}},
        ],
        "tool_choice": {"type": "function", "function": {"name": "Bash"}},
        "parallel_tool_calls": False,
        "stop": ["</block>"],
    }


def test_a_good_request_passes() -> None:
    validate_chat_request(good())


def test_provider_fields_can_be_allowed() -> None:
    body = good()
    body["messages"][2]["reasoning_content"] = "thought"
    body["enable_thinking"] = False
    with pytest.raises(ValueError, match="reasoning_content"):
        validate_chat_request(body, extra_fields={"enable_thinking"})
    with pytest.raises(ValueError, match="enable_thinking"):
        validate_chat_request(body, extra_fields={"reasoning_content"})
    validate_chat_request(body, extra_fields={"reasoning_content", "enable_thinking"})


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = body
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = body
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        del target[int(last) if last.isdigit() else last]

    return change


def _swap_tool_and_user(body: dict[str, Any]) -> None:
    messages = body["messages"]
    messages[4], messages[5] = messages[5], messages[4]


BAD = {
    "unknown top-level field": (_set("thinking", {"type": "adaptive"}), "thinking"),
    "unknown message field": (_set("messages.1.cache_control", {}), "cache_control"),
    "unknown content part field": (_set("messages.1.content.0.cache_control", {}), "cache_control"),
    "invalid role": (_set("messages.0.role", "human"), "invalid role"),
    "empty messages": (_set("messages", []), "non-empty"),
    "empty tools": (_set("tools", []), "tools"),
    "tool_choice without tools": (_delete("tools"), "need `tools`"),
    "tool_choice naming an unknown tool": (
        _set("tool_choice.function.name", "Nope"),
        "unknown tool",
    ),
    "bad tool name": (_set("tools.0.function.name", "my tool"), "does not match"),
    "bad tool name in a call": (
        _set("messages.2.tool_calls.0.function.name", "a.b"),
        "does not match",
    ),
    "arguments as an object": (_set("messages.2.tool_calls.0.function.arguments", {}), "arguments"),
    "arguments not JSON": (_set("messages.2.tool_calls.0.function.arguments", "{x"), "not JSON"),
    "arguments not an object": (_set("messages.2.tool_calls.0.function.arguments", "[]"), "object"),
    "image part in a system message": (
        _set("messages.0.content", [{"type": "image_url", "image_url": {"url": "x"}}]),
        "system",
    ),
    "anthropic image block": (
        _set("messages.1.content.0", {"type": "image", "source": {"type": "base64"}}),
        "messages\\[1\\]",
    ),
    "missing tool message": (_delete("messages.4"), "ends without tool messages|before the tool"),
    "user message between calls and results": (_swap_tool_and_user, "before the tool messages"),
    "tool message without a call": (
        _set("messages.1", {"role": "tool", "tool_call_id": "z", "content": "x"}),
        "does not answer",
    ),
    "two answers to one call": (_set("messages.4.tool_call_id", "a"), "second answer"),
    "duplicate call ids": (_set("messages.2.tool_calls.1.id", "a"), "duplicate"),
    "assistant with neither content nor calls": (
        _delete("messages.2.tool_calls"),
        "content or tool_calls",
    ),
    "stream_options without stream": (_set("stream", False), "stream_options"),
    "both token limits": (_set("max_completion_tokens", 5), "not both"),
    "too many stop sequences": (_set("stop", ["a", "b", "c", "d", "e"]), "stop"),
    "wrong type": (_set("max_tokens", "many"), "max_tokens"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_requests_are_rejected(name: str) -> None:
    change, message = BAD[name]
    body = copy.deepcopy(good())
    change(body)
    with pytest.raises(ValueError, match=message):
        validate_chat_request(body)
