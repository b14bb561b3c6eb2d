"""The event-order checker used on every translator's output must itself catch violations."""

from __future__ import annotations

from typing import Any

import pytest

from app.translate import events as ev
from tests.translate.event_rules import assert_event_order

START = ev.message_start("msg_1", "m", 0)
END = [ev.message_delta("end_turn", None, {"output_tokens": 1}), ev.message_stop()]
TEXT = [ev.text_block_start(0), ev.text_delta(0, "x"), ev.block_stop(0)]


def test_a_valid_stream_and_its_prefixes_pass() -> None:
    events = [START, {"type": "ping"}, *TEXT, *END]
    for end in range(len(events) + 1):
        assert_event_order(events[:end])
    assert_event_order([START, ev.text_block_start(0), ev.error_event("api_error", "cut")])


BROKEN: dict[str, list[dict[str, Any]]] = {
    "no message_start first": [*TEXT, *END],
    "two message_starts": [START, START],
    "a block started while one is open": [START, ev.text_block_start(0), ev.text_block_start(1)],
    "indices not consecutive": [START, ev.text_block_start(1)],
    "delta for a closed block": [START, *TEXT, ev.text_delta(0, "late")],
    "delta of the wrong kind": [START, ev.text_block_start(0), ev.thinking_delta(0, "x")],
    "message_delta with a block open": [START, ev.text_block_start(0), *END],
    "message_stop without message_delta": [START, *TEXT, ev.message_stop()],
    "events after message_stop": [START, *TEXT, *END, {"type": "ping"}],
    "events after an error": [START, ev.error_event("api_error", "x"), ev.text_block_start(0)],
    "no stop reason": [
        START,
        {"type": "message_delta", "delta": {"stop_reason": None}, "usage": {"output_tokens": 0}},
        ev.message_stop(),
    ],
    "forged signature": [
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "thinking", "thinking": "", "signature": "x"},
        },
    ],
    "forged signature delta": [
        START,
        ev.thinking_block_start(0),
        ev.signature_delta(0, "EqQBCkgIARABGAIiQForged=="),
    ],
    "repeated tool id": [
        START,
        ev.tool_use_block_start(0, "toolu_a", "A"),
        ev.input_json_delta(0, "{}"),
        ev.block_stop(0),
        ev.tool_use_block_start(1, "toolu_a", "B"),
    ],
    "tool input not an object": [
        START,
        ev.tool_use_block_start(0, "toolu_a", "A"),
        ev.input_json_delta(0, "[]"),
        ev.block_stop(0),
    ],
    "bad tool id": [START, ev.tool_use_block_start(0, "call:1", "A")],
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_violations_are_caught(name: str) -> None:
    with pytest.raises(AssertionError):
        assert_event_order(BROKEN[name])
