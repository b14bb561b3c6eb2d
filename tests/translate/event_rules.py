"""The Anthropic stream grammar (DESIGN.md invariants) as a checker for translator output.

`assert_event_order(events)` accepts any prefix of a valid stream (a translator that was
stopped mid-way), and checks a finished one completely.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from app.translate.carrier import is_carried

_DELTA_FOR_BLOCK = {
    "text_delta": "text",
    "thinking_delta": "thinking",
    "signature_delta": "thinking",
    "input_json_delta": "tool_use",
}
_STOP_REASONS = {"end_turn", "max_tokens", "stop_sequence", "tool_use", "refusal", "pause_turn"}
_TOOL_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def assert_event_order(events: list[dict[str, Any]]) -> None:
    assert all("type" in event for event in events), events
    if not events:
        return
    assert events[0]["type"] == "message_start", f"first event is {events[0]['type']}"
    open_index: int | None = None
    open_type = ""
    next_index = 0
    tool_ids: set[str] = set()
    json_pieces: list[str] = []
    saw_message_delta = False
    for position, event in enumerate(events):
        kind = event["type"]
        where = f"event {position} ({kind})"
        if position and kind == "message_start":
            raise AssertionError(f"{where}: a second message_start")
        if kind in ("message_stop", "error"):
            assert position == len(events) - 1, f"{where}: events after the terminal event"
        if kind == "content_block_start":
            assert not saw_message_delta, f"{where}: a block after message_delta"
            assert open_index is None, f"{where}: block {open_index} is still open"
            assert event["index"] == next_index, (
                f"{where}: index {event['index']}, expected {next_index}"
            )
            block = event["content_block"]
            open_index, open_type = next_index, block["type"]
            next_index += 1
            if open_type == "tool_use":
                assert block["input"] == {}, f"{where}: tool_use input must start empty"
                assert block["name"], f"{where}: tool_use without a name"
                assert _TOOL_ID.match(block["id"]), f"{where}: bad tool id {block['id']!r}"
                assert block["id"] not in tool_ids, f"{where}: tool id {block['id']} repeated"
                tool_ids.add(block["id"])
                json_pieces = []
            elif open_type == "thinking":
                assert block["signature"] == "", f"{where}: a forged thinking signature"
            else:
                assert block == {"type": "text", "text": ""}, where
        elif kind == "content_block_delta":
            assert event["index"] == open_index, f"{where}: delta for a block that is not open"
            delta_type = event["delta"]["type"]
            assert _DELTA_FOR_BLOCK[delta_type] == open_type, (
                f"{where}: {delta_type} in {open_type}"
            )
            if delta_type == "input_json_delta":
                json_pieces.append(event["delta"]["partial_json"])
            elif delta_type == "signature_delta":
                # only state Switchboard carries (carrier.py), never a forged Anthropic one
                assert is_carried(event["delta"]["signature"]), f"{where}: a forged signature"
        elif kind == "content_block_stop":
            assert event["index"] == open_index, f"{where}: stop for a block that is not open"
            if open_type == "tool_use":
                tool_input = orjson.loads("".join(json_pieces))
                assert isinstance(tool_input, dict), f"{where}: tool input is not an object"
            open_index = None
        elif kind == "message_delta":
            assert open_index is None, f"{where}: block {open_index} still open"
            assert not saw_message_delta, f"{where}: a second message_delta"
            assert event["delta"]["stop_reason"] in _STOP_REASONS, where
            assert isinstance(event["usage"]["output_tokens"], int), where
            saw_message_delta = True
        elif kind == "message_stop":
            assert saw_message_delta, f"{where}: message_stop without message_delta"
        elif kind == "error":
            assert set(event["error"]) == {"type", "message"}, where
        else:
            assert kind in ("message_start", "ping"), f"{where}: unknown event type"
