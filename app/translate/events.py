"""Anthropic stream events (shapes in app/wire/anthropic.py): builders shared by the Chat
Completions and Responses translators, and the two conversions between a stream of events and
a whole message. Plain dicts: they go straight to orjson."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

import orjson

from app.errors import UpstreamProtocolError

Event = dict[str, Any]


def new_message_id() -> str:
    return "msg_" + secrets.token_hex(12)


def new_tool_id() -> str:
    return "toolu_" + secrets.token_hex(12)


def message_start(message_id: str, model: str, input_tokens: int) -> Event:
    return {
        "type": "message_start",
        "message": {
            "id": message_id,
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": 0},
        },
    }


def text_block_start(index: int) -> Event:
    return {
        "type": "content_block_start",
        "index": index,
        "content_block": {"type": "text", "text": ""},
    }


def thinking_block_start(index: int) -> Event:
    # The signature starts empty: only Anthropic can sign thinking. A dialect that carries an
    # upstream's reasoning state sends it later as a signature_delta (carrier.py), a mark the
    # Anthropic pass-through recognizes and drops.
    return {
        "type": "content_block_start",
        "index": index,
        "content_block": {"type": "thinking", "thinking": "", "signature": ""},
    }


def tool_use_block_start(index: int, tool_id: str, name: str) -> Event:
    return {
        "type": "content_block_start",
        "index": index,
        "content_block": {"type": "tool_use", "id": tool_id, "name": name, "input": {}},
    }


def text_delta(index: int, text: str) -> Event:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": "text_delta", "text": text},
    }


def thinking_delta(index: int, thinking: str) -> Event:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": "thinking_delta", "thinking": thinking},
    }


def input_json_delta(index: int, partial_json: str) -> Event:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": "input_json_delta", "partial_json": partial_json},
    }


def signature_delta(index: int, signature: str) -> Event:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": "signature_delta", "signature": signature},
    }


def block_stop(index: int) -> Event:
    return {"type": "content_block_stop", "index": index}


def message_delta(stop_reason: str, stop_sequence: str | None, usage: dict[str, int]) -> Event:
    return {
        "type": "message_delta",
        "delta": {"stop_reason": stop_reason, "stop_sequence": stop_sequence},
        "usage": usage,
    }


def message_stop() -> Event:
    return {"type": "message_stop"}


def error_event(error_type: str, message: str) -> Event:
    return {"type": "error", "error": {"type": error_type, "message": message}}


def message_from_events(events: Iterable[Event]) -> dict[str, Any]:
    """Assemble the complete Anthropic message a stream of events describes (the non-stream
    answer). Tool inputs are parsed from their `input_json_delta`s, as a client would."""
    message: dict[str, Any] | None = None
    blocks: dict[int, dict[str, Any]] = {}
    pieces: dict[int, dict[str, list[str]]] = {}
    for event in events:
        kind = event["type"]
        if kind == "error":
            raise UpstreamProtocolError(event["error"]["message"])
        if kind == "message_start":
            message = {**event["message"], "content": [], "usage": dict(event["message"]["usage"])}
        elif message is None:
            raise UpstreamProtocolError(f"a {kind} event came before message_start")
        elif kind == "content_block_start":
            block = dict(event["content_block"])
            blocks[event["index"]] = block
            pieces[event["index"]] = {}
            message["content"].append(block)
        elif kind == "content_block_delta":
            delta = event["delta"]
            field = _DELTA_FIELD[delta["type"]]
            pieces[event["index"]].setdefault(field, []).append(delta[field])
        elif kind == "content_block_stop":
            _complete_block(blocks[event["index"]], pieces.pop(event["index"]))
        elif kind == "message_delta":
            message.update(event["delta"])
            message["usage"].update(event["usage"])
    if message is None:
        raise UpstreamProtocolError("no message in the event stream")
    return message


# The field of each delta type that carries its text.
_DELTA_FIELD = {
    "text_delta": "text",
    "thinking_delta": "thinking",
    "signature_delta": "signature",
    "input_json_delta": "partial_json",
}


def _complete_block(block: dict[str, Any], pieces: dict[str, list[str]]) -> None:
    for field, parts in pieces.items():
        if field == "partial_json":
            joined = "".join(parts)
            block["input"] = orjson.loads(joined) if joined else {}
        elif field == "signature":
            block["signature"] = parts[-1]  # a signature comes whole, and replaces
        else:
            block[field] = block.get(field, "") + "".join(parts)


def message_events(message: dict[str, Any]) -> list[Event]:
    """Replay a complete message as stream events (for a client that asked for a stream when
    the upstream answered whole): each block in one delta."""
    usage = message["usage"]
    events = [message_start(message["id"], message["model"], usage.get("input_tokens", 0))]
    for index, block in enumerate(message["content"]):
        kind = block["type"]
        if kind == "text":
            events += [text_block_start(index), text_delta(index, block["text"])]
        elif kind == "thinking":
            events += [thinking_block_start(index), thinking_delta(index, block["thinking"])]
            if block.get("signature"):
                events.append(signature_delta(index, block["signature"]))
        elif kind == "tool_use":
            events.append(tool_use_block_start(index, block["id"], block["name"]))
            events.append(input_json_delta(index, orjson.dumps(block["input"]).decode()))
        else:
            events.append({"type": "content_block_start", "index": index, "content_block": block})
        events.append(block_stop(index))
    events.append(message_delta(message["stop_reason"], message["stop_sequence"], usage))
    events.append(message_stop())
    return events
