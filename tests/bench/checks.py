"""Checks the load generator runs on every response: well-formed, and the content it was sent.

Written independently of `app/` (no translator code checks its own output). Each check raises
BadResponse naming the first thing wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

from tests.bench import answers

_TOOL_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_STOP_REASONS = frozenset({"end_turn", "max_tokens", "stop_sequence", "tool_use", "refusal"})
_DELTA_FOR_BLOCK = {
    "text": {"text_delta"},
    "thinking": {"thinking_delta", "signature_delta"},
    "tool_use": {"input_json_delta"},
}


class BadResponse(Exception):
    pass


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise BadResponse(what)


def _check_usage(usage: Any) -> None:
    _require(isinstance(usage, dict), "usage missing")
    for key in ("input_tokens", "output_tokens"):
        _require(type(usage.get(key)) is int, f"usage.{key} is not an integer")


def _check_answer(text: str, tool_name: Any, tool_input: Any, tool_id: Any) -> None:
    _require(text == answers.TEXT, f"text differs: {text[:60]!r}…")
    _require(tool_name == answers.TOOL_NAME, f"tool name {tool_name!r}")
    _require(tool_input == answers.TOOL_INPUT, f"tool input {tool_input!r}")
    _require(isinstance(tool_id, str) and bool(_TOOL_ID.match(tool_id)), f"tool id {tool_id!r}")


def anthropic_message(body: bytes) -> None:
    message = orjson.loads(body)
    _require(isinstance(message, dict), "not a JSON object")
    _require(message.get("type") == "message", f"type {message.get('type')!r}")
    _require(message.get("role") == "assistant", "role is not assistant")
    _require(isinstance(message.get("id"), str) and isinstance(message.get("model"), str), "id")
    content = message.get("content")
    _require(isinstance(content, list), "content is not a list")
    text = "".join(block["text"] for block in content if block.get("type") == "text")
    tools = [block for block in content if block.get("type") == "tool_use"]
    _require(len(tools) == 1, f"{len(tools)} tool_use blocks")
    _check_answer(text, tools[0].get("name"), tools[0].get("input"), tools[0].get("id"))
    _require(message.get("stop_reason") == "tool_use", f"stop_reason {message.get('stop_reason')}")
    _check_usage(message.get("usage"))


class _EventStream:
    """Walks Anthropic stream events, enforcing the order a client relies on."""

    def __init__(self) -> None:
        self.started = False
        self.stopped = False
        self.stop_reason: Any = None
        self.next_index = 0
        self.open: dict[str, Any] | None = None
        self.text: list[str] = []
        self.tool: dict[str, Any] | None = None
        self.tool_json: list[str] = []

    def event(self, name: str, data: dict[str, Any]) -> None:
        kind = data.get("type")
        _require(kind == name, f"event {name!r} carries type {kind!r}")
        _require(not self.stopped, f"{kind} after message_stop")
        _require(self.started or kind == "message_start", f"{kind} before message_start")
        if kind == "message_start":
            _require(not self.started, "a second message_start")
            message = data["message"]
            _require(message.get("role") == "assistant" and message.get("content") == [], "start")
            _check_usage(message.get("usage"))
            self.started = True
        elif kind == "content_block_start":
            _require(self.open is None, "a block started while another is open")
            _require(data.get("index") == self.next_index, f"block index {data.get('index')}")
            self.open = data["content_block"]
            self.next_index += 1
            if self.open["type"] == "tool_use":
                _require(self.tool is None, "a second tool_use block")
                self.tool = self.open
        elif kind == "content_block_delta":
            _require(self.open is not None, "a delta outside a block")
            assert self.open is not None
            _require(data.get("index") == self.next_index - 1, "a delta for another block")
            delta = data["delta"]
            allowed = _DELTA_FOR_BLOCK.get(self.open["type"], set())
            _require(delta.get("type") in allowed, f"{delta.get('type')} in a {self.open['type']}")
            if delta["type"] == "text_delta":
                self.text.append(delta["text"])
            elif delta["type"] == "input_json_delta":
                self.tool_json.append(delta["partial_json"])
        elif kind == "content_block_stop":
            _require(self.open is not None and data.get("index") == self.next_index - 1, "stop")
            self.open = None
        elif kind == "message_delta":
            _require(self.open is None, "message_delta with a block open")
            self.stop_reason = data["delta"].get("stop_reason")
            _require(self.stop_reason in _STOP_REASONS, f"stop_reason {self.stop_reason!r}")
            _require(type(data.get("usage", {}).get("output_tokens")) is int, "delta usage")
        elif kind == "message_stop":
            _require(self.stop_reason is not None, "message_stop without message_delta")
            self.stopped = True
        elif kind == "error":
            raise BadResponse(f"error event: {data.get('error')}")
        else:
            _require(kind == "ping", f"unknown event {kind!r}")

    def finish(self) -> None:
        _require(self.stopped, "the stream ended without message_stop")
        _require(self.tool is not None, "no tool_use block")
        assert self.tool is not None
        tool_input = orjson.loads("".join(self.tool_json)) if self.tool_json else {}
        _check_answer("".join(self.text), self.tool.get("name"), tool_input, self.tool.get("id"))
        _require(self.stop_reason == "tool_use", f"stop_reason {self.stop_reason!r}")


def anthropic_stream(body: bytes) -> None:
    _require(body.endswith(b"\n\n"), "the stream does not end with a blank line")
    stream = _EventStream()
    for frame in body[:-2].split(b"\n\n"):
        name = data = None
        for line in frame.split(b"\n"):
            if line.startswith(b"event: "):
                name = line[7:].decode()
            elif line.startswith(b"data: "):
                data = orjson.loads(line[6:])
        _require(name is not None and isinstance(data, dict), f"bad frame {frame[:80]!r}")
        assert name is not None and isinstance(data, dict)
        stream.event(name, data)
    stream.finish()


def chat_completion(body: bytes) -> None:
    data = orjson.loads(body)
    _require(data.get("object") == "chat.completion", "not a chat.completion")
    message = data["choices"][0]["message"]
    call = message["tool_calls"][0]
    arguments = orjson.loads(call["function"]["arguments"])
    _check_answer(message["content"], call["function"]["name"], arguments, call["id"])
    _require(type(data["usage"]["prompt_tokens"]) is int, "usage")


def chat_stream(body: bytes) -> None:
    _require(body.endswith(b"data: [DONE]\n\n"), "the stream does not end with [DONE]")
    text: list[str] = []
    arguments: list[str] = []
    name = call_id = None
    usage = False
    for frame in body[: -len(b"data: [DONE]\n\n")].split(b"\n\n"):
        if not frame:
            continue
        _require(frame.startswith(b"data: "), f"bad frame {frame[:80]!r}")
        chunk = orjson.loads(frame[6:])
        _require(chunk.get("object") == "chat.completion.chunk", "not a chunk")
        usage = usage or chunk.get("usage") is not None
        for choice in chunk["choices"]:
            delta = choice["delta"]
            text.append(delta.get("content") or "")
            for call in delta.get("tool_calls") or ():
                name = call.get("function", {}).get("name") or name
                call_id = call.get("id") or call_id
                arguments.append(call.get("function", {}).get("arguments") or "")
    _check_answer("".join(text), name, orjson.loads("".join(arguments)), call_id)
    _require(usage, "no usage chunk")


CHECKS: dict[str, Callable[[bytes], None]] = {
    "anthropic": anthropic_message,
    "anthropic-stream": anthropic_stream,
    "chat": chat_completion,
    "chat-stream": chat_stream,
}
