"""The conversions between a stream of Anthropic events and a whole message, checked against
the anthropic SDK's own stream accumulator (what `client.messages.stream()` builds)."""

from __future__ import annotations

from typing import Any

import pytest
from anthropic.lib.streaming._messages import accumulate_event

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.carrier import carry
from app.translate.chat_response import message_events, message_from_events
from tests.translate.event_rules import assert_event_order

CARRIED = carry("gemini", "gem", '{"toolu_a":"c2ln"}')
EVENTS = [
    ev.message_start("msg_1", "claude-test", 12),
    ev.thinking_block_start(0),
    ev.thinking_delta(0, "Let me "),
    ev.thinking_delta(0, "see."),
    ev.signature_delta(0, CARRIED),
    ev.block_stop(0),
    ev.text_block_start(1),
    ev.text_delta(1, "Run"),
    ev.text_delta(1, "ning."),
    ev.block_stop(1),
    ev.tool_use_block_start(2, "toolu_a", "Bash"),
    ev.input_json_delta(2, '{"comm'),
    ev.input_json_delta(2, 'and": "ls"}'),
    ev.block_stop(2),
    ev.tool_use_block_start(3, "toolu_b", "ListAgents"),
    ev.input_json_delta(3, "{}"),
    ev.block_stop(3),
    {"type": "ping"},
    ev.message_delta(
        "tool_use", None, {"input_tokens": 10, "cache_read_input_tokens": 2, "output_tokens": 30}
    ),
    ev.message_stop(),
]

MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "claude-test",
    "content": [
        {"type": "thinking", "thinking": "Let me see.", "signature": CARRIED},
        {"type": "text", "text": "Running."},
        {"type": "tool_use", "id": "toolu_a", "name": "Bash", "input": {"command": "ls"}},
        {"type": "tool_use", "id": "toolu_b", "name": "ListAgents", "input": {}},
    ],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {"input_tokens": 10, "cache_read_input_tokens": 2, "output_tokens": 30},
}


def sdk_message(events: list[dict[str, Any]]) -> dict[str, Any]:
    snapshot = None
    json_bufs: dict[int, bytes] = {}
    for event in events:
        snapshot = accumulate_event(event=event, current_snapshot=snapshot, json_bufs=json_bufs)  # type: ignore[arg-type]
    assert snapshot is not None
    return snapshot.to_dict(exclude_none=True)


def test_events_assemble_into_the_message() -> None:
    assert_event_order(EVENTS)
    assert message_from_events(EVENTS) == MESSAGE


def test_the_anthropic_sdk_builds_the_same_message() -> None:
    built = sdk_message(EVENTS)
    assert built["content"] == MESSAGE["content"]
    assert (built["stop_reason"], built["usage"]) == (MESSAGE["stop_reason"], MESSAGE["usage"])


def test_message_events_replay_a_message() -> None:
    replayed = message_events(MESSAGE)
    assert_event_order(replayed)
    assert message_from_events(replayed) == MESSAGE
    assert sdk_message(replayed)["content"] == MESSAGE["content"]


def test_a_tool_block_without_deltas_has_empty_input() -> None:
    events = [EVENTS[0], ev.tool_use_block_start(0, "toolu_a", "Tool"), ev.block_stop(0)]
    assert message_from_events(events)["content"][0]["input"] == {}


def test_an_error_event_raises() -> None:
    events = [EVENTS[0], ev.error_event("overloaded_error", "busy")]
    with pytest.raises(UpstreamProtocolError, match="busy"):
        message_from_events(events)


def test_events_without_message_start_raise() -> None:
    with pytest.raises(UpstreamProtocolError, match="before message_start"):
        message_from_events([ev.text_block_start(0)])
    with pytest.raises(UpstreamProtocolError, match="no message"):
        message_from_events([])


def test_ids_are_anthropic_shaped_and_unique() -> None:
    ids = {ev.new_message_id() for _ in range(100)} | {ev.new_tool_id() for _ in range(100)}
    assert len(ids) == 200
    assert all(i.startswith(("msg_", "toolu_")) for i in ids)
