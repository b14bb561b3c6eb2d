"""Responses stream events → Anthropic events (tables), whole responses through the same code
path, the streams in tests/data/responses_streams re-split at any byte boundary, and junk
input that must end in UpstreamProtocolError, never another exception. The event-order
invariants of every translator run here are checked by conftest.py."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UpstreamProtocolError
from app.translate.carrier import carried_payload
from app.translate.events import message_from_events
from app.translate.responses_response import to_anthropic_message
from app.translate.responses_stream import ResponsesStreamTranslator, parse_event
from app.translate.sse import SSEDecoder
from tests.support.responses_upstream import Turn, function_call, message, reasoning

Event = dict[str, Any]
STREAMS = Path(__file__).parents[1] / "data" / "responses_streams"


def translator(**kw: Any) -> ResponsesStreamTranslator:
    ids = (f"toolu_{n}" for n in itertools.count())
    return ResponsesStreamTranslator(
        model="claude-test",
        source="oa",
        message_id=lambda: "msg_1",
        tool_id=lambda: next(ids),
        **kw,
    )


def run(events: Iterable[Event], **kw: Any) -> list[Event]:
    t = translator(**kw)
    out: list[Event] = []
    for event in events:
        out += t.feed(event)  # type: ignore[arg-type]
    return out + t.finish()


def compact(events: list[Event]) -> list[tuple[Any, ...]]:
    """Events as short tuples, for readable tables."""
    rows: list[tuple[Any, ...]] = []
    for e in events:
        kind = e["type"]
        if kind == "content_block_start":
            block = e["content_block"]
            rows.append(("start", e["index"], block["type"], block.get("id"), block.get("name")))
        elif kind == "content_block_delta":
            delta = e["delta"]
            value = next(v for k, v in delta.items() if k != "type")
            rows.append(("delta", e["index"], delta["type"], value))
        elif kind == "content_block_stop":
            rows.append(("stop", e["index"]))
        elif kind == "message_delta":
            rows.append(("message_delta", e["delta"]["stop_reason"], e["usage"]))
        else:
            rows.append((kind,))
    return rows


USAGE_OUT = {"input_tokens": 20, "cache_read_input_tokens": 100, "output_tokens": 30}


def test_text_in_deltas_with_usage() -> None:
    events = run(Turn([message("Hello!")], piece=4).events("m"))
    assert compact(events) == [
        ("message_start",),
        ("start", 0, "text", None, None),
        ("delta", 0, "text_delta", "Hell"),
        ("delta", 0, "text_delta", "o!"),
        ("stop", 0),
        ("message_delta", "end_turn", USAGE_OUT),
        ("message_stop",),
    ]


def test_reasoning_summary_parts_then_tools_with_the_encrypted_item_in_the_signature() -> None:
    thought = reasoning("Plan.", "Act.", encrypted="gAAAA:x/y+z==")
    turn = Turn(
        [
            thought,
            function_call("Bash", '{"a":1}', "call_1"),
            function_call("Read", "{}", "call_2"),
        ],
        piece=3,
    )
    events = run(turn.events("m"))
    rows = compact(events)
    assert rows[:6] == [
        ("message_start",),
        ("start", 0, "thinking", None, None),
        ("delta", 0, "thinking_delta", "Pla"),
        ("delta", 0, "thinking_delta", "n."),
        ("delta", 0, "thinking_delta", "\n\nAct"),
        ("delta", 0, "thinking_delta", "."),
    ]
    signature = rows[6][3]
    assert rows[6][:3] == ("delta", 0, "signature_delta")
    assert carried_payload(signature, "openai-responses", "oa") == f"{thought['id']}:gAAAA:x/y+z=="
    assert rows[7:] == [
        ("stop", 0),
        ("start", 1, "tool_use", "call_1", "Bash"),
        ("delta", 1, "input_json_delta", '{"a'),
        ("delta", 1, "input_json_delta", '":1'),
        ("delta", 1, "input_json_delta", "}"),
        ("stop", 1),
        ("start", 2, "tool_use", "call_2", "Read"),
        ("delta", 2, "input_json_delta", "{}"),
        ("stop", 2),
        ("message_delta", "tool_use", USAGE_OUT),
        ("message_stop",),
    ]


def test_reasoning_without_summary_is_an_empty_thinking_block_that_carries_it() -> None:
    message_out = message_from_events(run(Turn([reasoning(), message("Hi")]).events("m")))
    thinking, text = message_out["content"]
    assert thinking["thinking"] == "" and thinking["signature"].startswith("switchboard:")
    assert text == {"type": "text", "text": "Hi"}


def test_reasoning_without_encrypted_content_shows_its_summary_unsigned() -> None:
    item = {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "S"}]}
    message_out = to_anthropic_message(
        {"status": "completed", "output": [item]}, model="m", source="oa"
    )
    assert message_out["content"] == [{"type": "thinking", "thinking": "S", "signature": ""}]


@pytest.mark.parametrize(
    ("reason", "stop"), [("max_output_tokens", "max_tokens"), ("content_filter", "refusal")]
)
def test_incomplete_maps_its_reason(reason: str, stop: str) -> None:
    turn = Turn([message("Cut")], status="incomplete", incomplete_reason=reason)
    assert compact(run(turn.events("m")))[-2][1] == stop


def test_refusal_text_is_shown_and_stops_as_refusal() -> None:
    refusal = {
        "type": "message",
        "id": "msg_r",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "I can't help with that."}],
    }
    message_out = to_anthropic_message(
        {"status": "completed", "output": [refusal]}, model="m", source="oa"
    )
    assert message_out["content"] == [{"type": "text", "text": "I can't help with that."}]
    assert message_out["stop_reason"] == "refusal"


@pytest.mark.parametrize(
    ("event", "status", "text"),
    [
        (
            {"type": "error", "code": "rate_limit_exceeded", "message": "Slow down"},
            429,
            "Slow down",
        ),
        ({"type": "error", "code": "server_is_overloaded", "message": "Busy"}, 529, "Busy"),
        (
            {
                "type": "response.failed",
                "response": {"error": {"code": "server_error", "message": "Oops"}},
            },
            500,
            "Oops",
        ),
        ({"type": "response.failed", "response": {}}, 502, "failed"),
    ],
)
def test_failures_raise_with_the_upstreams_message_and_status(
    event: Event, status: int, text: str
) -> None:
    t = translator()
    events = t.feed({"type": "response.created", "response": {}})
    with pytest.raises(UpstreamProtocolError, match=text) as caught:
        t.feed(event)  # type: ignore[arg-type]
    assert caught.value.status == status
    events += t.error(caught.value.error_type, caught.value.message)
    assert [e["type"] for e in events] == ["message_start", "error"]


def test_an_error_inside_a_text_block_ends_with_an_error_event_never_a_message_stop() -> None:
    t = translator()
    events: list[Event] = []
    for event in Turn([message("Partial answer")]).events("m")[:6]:
        events += t.feed(event)  # type: ignore[arg-type]
    assert not t.finished  # the proxy checks this before finish(): a cut is not an answer
    events += t.error("api_error", "stream interrupted")
    assert events[-1]["type"] == "error" and all(e["type"] != "message_stop" for e in events)


def test_arguments_that_are_not_an_object_are_a_protocol_error() -> None:
    with pytest.raises(UpstreamProtocolError, match="not a JSON object"):
        run(Turn([function_call("Bash", "[1, 2]", "c")]).events("m"))


def test_arguments_only_in_done_events_are_still_sent_as_deltas() -> None:
    """Some compatible servers send no argument deltas, only the final arguments."""
    call = function_call("Bash", '{"x": 1}', "c")
    events = [
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**call, "arguments": ""},
        },
        {
            "type": "response.function_call_arguments.done",
            "output_index": 0,
            "arguments": '{"x": 1}',
        },
        {"type": "response.output_item.done", "output_index": 0, "item": call},
        {"type": "response.completed", "response": {"usage": None}},
    ]
    assert message_from_events(run(events))["content"][0]["input"] == {"x": 1}


def test_call_ids_are_made_safe_and_never_repeat() -> None:
    output = [function_call("Bash", "{}", "call:1"), function_call("Bash", "{}", "call_1")]
    message_out = to_anthropic_message(
        {"status": "completed", "output": output}, model="m", source="oa"
    )
    ids = [block["id"] for block in message_out["content"]]
    assert ids[0] == "call_1" and ids[1] != "call_1" and len(set(ids)) == 2


def test_long_tool_names_map_back_to_claude_codes_names() -> None:
    output = [function_call("mcp__srv__a_b_12345678", "{}", "c")]
    message_out = to_anthropic_message(
        {"status": "completed", "output": output},
        model="m",
        source="oa",
        tool_names={"mcp__srv__a_b_12345678": "mcp__srv__a.b"},
    )
    assert message_out["content"][0]["name"] == "mcp__srv__a.b"


def test_whole_response_equals_the_streamed_one() -> None:
    turn = Turn(
        [reasoning("Plan."), message("Text."), function_call("Bash", '{"c":"ls"}', "call_9")]
    )
    streamed = message_from_events(run(turn.events("m")))
    whole = to_anthropic_message(
        turn.response("m"), model="claude-test", source="oa", message_id=lambda: "msg_1"
    )
    assert whole == streamed
    assert whole["usage"] == USAGE_OUT


def test_a_failed_whole_response_raises() -> None:
    with pytest.raises(UpstreamProtocolError, match="bad"):
        to_anthropic_message(
            {"status": "failed", "error": {"code": None, "message": "bad"}}, model="m", source="oa"
        )


def test_a_stream_without_events_is_not_an_answer() -> None:
    with pytest.raises(UpstreamProtocolError):
        translator().finish()


def test_parse_event_refuses_what_is_not_an_event() -> None:
    for data in ("{", "[]", '{"no": "type"}'):
        with pytest.raises(UpstreamProtocolError):
            parse_event(data)


# Recorded streams, re-split -----------------------------------------------------------------

RECORDED = {path.name: path.read_bytes() for path in sorted(STREAMS.glob("*.sse"))}


def translate_bytes(pieces: Iterable[bytes]) -> list[Event]:
    decoder = SSEDecoder()
    t = translator()
    out: list[Event] = []
    for piece in pieces:
        for frame in decoder.feed(piece):
            out += t.feed(parse_event(frame.data))
    for frame in decoder.flush():
        out += t.feed(parse_event(frame.data))
    assert t.finished
    return out + t.finish()


REFERENCE = {name: translate_bytes([data]) for name, data in RECORDED.items()}


def test_recorded_streams_give_the_expected_answers() -> None:
    tools = message_from_events(REFERENCE["reasoning_text_two_tools.sse"])
    assert [b["type"] for b in tools["content"]] == ["thinking", "text", "tool_use", "tool_use"]
    assert tools["content"][0]["thinking"].startswith("**Listing files**")
    assert tools["content"][1]["text"] == "I'll look — ünïcode ✓ and an emoji 🚀."
    assert [(b["id"], b["input"]) for b in tools["content"][2:]] == [
        ("call_Xk1", {"command": "ls -la", "description": "List files"}),
        ("call_Yz2", {"file_path": "/repo/README.md"}),
    ]
    assert tools["stop_reason"] == "tool_use"
    cut = message_from_events(REFERENCE["incomplete_max_output_tokens.sse"])
    assert cut["stop_reason"] == "max_tokens"


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in itertools.pairwise([0, *points, len(data)])]


@given(
    name=st.sampled_from(sorted(RECORDED)),
    cuts=st.lists(st.integers(min_value=0), max_size=40),
    crlf=st.booleans(),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_split_and_line_ending_gives_identical_events(
    name: str, cuts: list[int], crlf: bool
) -> None:
    data = RECORDED[name].replace(b"\n", b"\r\n") if crlf else RECORDED[name]
    assert translate_bytes(split(data, cuts)) == REFERENCE[name]


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_one_byte_at_a_time(name: str) -> None:
    data = RECORDED[name]
    assert translate_bytes(data[i : i + 1] for i in range(len(data))) == REFERENCE[name]


# Junk ----------------------------------------------------------------------------------------

_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-1, 3)
    | st.sampled_from(["", "{", "}", '{"a": 1}', "[1]", "Bash", "call_1", "rs_1", "gAAAA"])
    | st.text(max_size=5)
)
junk = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "text", "id", "name", "summary"]), inner, max_size=3
        )
    ),
    max_leaves=10,
)
item = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["message", "function_call", "reasoning", "web_search_call"])
        | junk,
        "id": st.sampled_from(["rs_1", "fc_1", ""]) | junk,
        "call_id": st.sampled_from(["call_1", "c:2"]) | junk,
        "name": st.sampled_from(["Bash", ""]) | junk,
        "arguments": st.sampled_from(["", "{}", '{"a":', "1}"]) | junk,
        "encrypted_content": st.sampled_from(["gAAAA", ""]) | junk,
        "summary": junk,
        "content": junk,
    },
)
event = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "response.created",
                "response.output_item.added",
                "response.output_item.done",
                "response.output_text.delta",
                "response.refusal.delta",
                "response.reasoning_summary_text.delta",
                "response.reasoning_text.delta",
                "response.function_call_arguments.delta",
                "response.function_call_arguments.done",
                "response.completed",
                "response.incomplete",
                "response.failed",
                "error",
                "response.unknown",
            ]
        )
    },
    optional={
        "output_index": st.integers(0, 2) | junk,
        "item_id": st.sampled_from(["a", "b"]) | junk,
        "summary_index": st.integers(0, 1) | junk,
        "item": item | junk,
        "delta": st.sampled_from(["Hi", "{", "}", '"a":1', ""]) | junk,
        "arguments": junk,
        "response": junk,
        "code": junk,
        "message": junk,
    },
)


@given(st.lists(event, max_size=12))
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_junk_events_end_in_events_or_a_protocol_error(events: list[Event]) -> None:
    t = translator(stop_sequences=["Hi", "}{"])
    try:
        for e in events:
            t.feed(e)  # type: ignore[arg-type]
        t.finish()
    except UpstreamProtocolError as exc:
        t.error("api_error", exc.message)


@given(st.lists(item | junk, max_size=4), junk)
@settings(max_examples=200, deadline=None)
def test_junk_whole_responses_end_in_a_message_or_a_protocol_error(
    output: Any, status: Any
) -> None:
    with contextlib.suppress(UpstreamProtocolError):
        to_anthropic_message({"status": status, "output": output}, model="m", source="oa")


# Stop sequences (the Responses API has none: the translator cuts the text) -----------------


def _text_events(*pieces: str) -> list[Event]:
    item = message("".join(pieces))
    events: list[Event] = [
        {"type": "response.output_item.added", "output_index": 0, "item": {**item, "content": []}}
    ]
    events += [
        {"type": "response.output_text.delta", "output_index": 0, "delta": p} for p in pieces
    ]
    events.append({"type": "response.output_item.done", "output_index": 0, "item": item})
    events.append({"type": "response.completed", "response": {"usage": None}})
    return events


@pytest.mark.parametrize(
    ("pieces", "text"),
    [
        (["<block>yes</block> and more"], "<block>yes"),
        (["<block>yes</bl", "ock> and more"], "<block>yes"),  # split across deltas
        (["<block>yes<", "/", "b", "lock>"], "<block>yes"),
        (["no stop </b here"], "no stop </b here"),
        (["ends in a prefix </blo"], "ends in a prefix </blo"),  # held, then sent at the end
    ],
)
def test_text_is_cut_at_a_stop_sequence(pieces: list[str], text: str) -> None:
    events = run(_text_events(*pieces), stop_sequences=["</block>", "STOP"])
    message_out = message_from_events(events)
    assert message_out["content"] == [{"type": "text", "text": text}]
    stopped = text != "".join(pieces)
    assert message_out["stop_reason"] == ("stop_sequence" if stopped else "end_turn")
    assert message_out["stop_sequence"] == ("</block>" if stopped else None)


def test_nothing_after_a_stop_sequence_reaches_the_client() -> None:
    events = Turn(
        [message("answer STOP extra"), function_call("Bash", "{}", "c"), reasoning("late")]
    ).events("m")
    message_out = message_from_events(run(events, stop_sequences=["STOP"]))
    assert message_out["content"] == [{"type": "text", "text": "answer "}]
    assert message_out["stop_reason"] == "stop_sequence"
