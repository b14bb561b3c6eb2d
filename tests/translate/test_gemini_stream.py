"""GeminiStreamTranslator and the whole-answer path: tables of Gemini chunks → the exact
Anthropic events; every finish reason; thought signatures carried in thinking blocks; usage.

Every translator's output is also checked against the event-order invariants (conftest.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.errors import UpstreamProtocolError
from app.translate.carrier import carry
from app.translate.gemini_response import to_anthropic_message
from app.translate.gemini_stream import GeminiStreamTranslator, parse_chunk

Events = list[dict[str, Any]]
SOURCE = "gem"


# Gemini chunks -------------------------------------------------------------------------------


def chunk(
    *parts: dict[str, Any],
    finish: str | None = None,
    finish_message: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": list(parts)}, "index": 0}
    if finish is not None:
        candidate["finishReason"] = finish
    if finish_message is not None:
        candidate["finishMessage"] = finish_message
    return {"candidates": [candidate], "modelVersion": "gemini-x", **extra}


def text(value: str, **extra: Any) -> dict[str, Any]:
    return {"text": value, **extra}


def thought(value: str, **extra: Any) -> dict[str, Any]:
    return {"text": value, "thought": True, **extra}


def call(
    name: str, args: dict[str, Any] | None = None, *, call_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    function: dict[str, Any] = {"name": name}
    if args is not None:
        function["args"] = args
    if call_id is not None:
        function["id"] = call_id
    return {"functionCall": function, **extra}


USAGE = {
    "usageMetadata": {
        "promptTokenCount": 120,
        "cachedContentTokenCount": 100,
        "candidatesTokenCount": 25,
        "thoughtsTokenCount": 5,
        "totalTokenCount": 150,
    }
}
ANTHROPIC_USAGE = {"input_tokens": 20, "cache_read_input_tokens": 100, "output_tokens": 30}


# Expected events ------------------------------------------------------------------------------


def start() -> dict[str, Any]:
    return {
        "type": "message_start",
        "message": {
            "id": "msg_test",
            "type": "message",
            "role": "assistant",
            "model": "claude-test",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        },
    }


def block_start(index: int, block: dict[str, Any]) -> dict[str, Any]:
    return {"type": "content_block_start", "index": index, "content_block": block}


def text_start(index: int) -> dict[str, Any]:
    return block_start(index, {"type": "text", "text": ""})


def thinking_start(index: int) -> dict[str, Any]:
    return block_start(index, {"type": "thinking", "thinking": "", "signature": ""})


def tool_start(index: int, tool_id: str, name: str) -> dict[str, Any]:
    return block_start(index, {"type": "tool_use", "id": tool_id, "name": name, "input": {}})


def delta(index: int, kind: str, field_name: str, value: str) -> dict[str, Any]:
    return {
        "type": "content_block_delta",
        "index": index,
        "delta": {"type": kind, field_name: value},
    }


def text_delta(index: int, value: str) -> dict[str, Any]:
    return delta(index, "text_delta", "text", value)


def thinking_delta(index: int, value: str) -> dict[str, Any]:
    return delta(index, "thinking_delta", "thinking", value)


def json_delta(index: int, value: str) -> dict[str, Any]:
    return delta(index, "input_json_delta", "partial_json", value)


def signed(index: int, payload: str) -> dict[str, Any]:
    return delta(index, "signature_delta", "signature", carry("gemini", SOURCE, payload))


def stop(index: int) -> dict[str, Any]:
    return {"type": "content_block_stop", "index": index}


def end(reason: str, usage: dict[str, int] | None = None) -> Events:
    return [
        {
            "type": "message_delta",
            "delta": {"stop_reason": reason, "stop_sequence": None},
            "usage": usage or ANTHROPIC_USAGE,
        },
        {"type": "message_stop"},
    ]


def translator(**kwargs: Any) -> GeminiStreamTranslator:
    tool_ids = (f"toolu_{n}" for n in itertools.count(1))
    return GeminiStreamTranslator(
        model="claude-test",
        source=SOURCE,
        message_id=lambda: "msg_test",
        tool_id=lambda: next(tool_ids),
        **kwargs,
    )


def run(chunks: list[dict[str, Any]], **kwargs: Any) -> Events:
    t = translator(**kwargs)
    return [event for c in chunks for event in t.feed(c)] + t.finish()


@dataclass
class Case:
    id: str
    chunks: list[dict[str, Any]]
    expected: Events
    options: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "text in pieces",
        [chunk(text("Hel")), chunk(text("lo")), chunk(text(""), finish="STOP", **USAGE)],
        [
            start(),
            text_start(0),
            text_delta(0, "Hel"),
            text_delta(0, "lo"),
            stop(0),
            *end("end_turn"),
        ],
    ),
    Case(
        "thoughts stream as thinking, then text",
        [
            chunk(thought("Let me")),
            chunk(thought(" think")),
            chunk(text("Yes.")),
            chunk(finish="STOP", **USAGE),
        ],
        [
            start(),
            thinking_start(0),
            thinking_delta(0, "Let me"),
            thinking_delta(0, " think"),
            stop(0),
            text_start(1),
            text_delta(1, "Yes."),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "a signed function call after thoughts: the thinking block carries its signature",
        [
            chunk(thought("Run ls.")),
            chunk(call("Bash", {"command": "ls"}, thoughtSignature="SIG1")),
            chunk(finish="STOP", **USAGE),
        ],
        [
            start(),
            thinking_start(0),
            thinking_delta(0, "Run ls."),
            signed(0, '{"toolu_1":"SIG1"}'),
            stop(0),
            tool_start(1, "toolu_1", "Bash"),
            json_delta(1, '{"command":"ls"}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "parallel calls without thoughts: a carrier block before the first, signed, call",
        [
            chunk(
                text("Both."),
                call("Bash", {"command": "ls"}, thoughtSignature="SIG1"),
                call("Read", {"file_path": "/a"}),
            ),
            chunk(text(""), finish="STOP", **USAGE),
        ],
        [
            start(),
            text_start(0),
            text_delta(0, "Both."),
            stop(0),
            thinking_start(1),
            signed(1, '{"toolu_1":"SIG1"}'),
            stop(1),
            tool_start(2, "toolu_1", "Bash"),
            json_delta(2, '{"command":"ls"}'),
            stop(2),
            tool_start(3, "toolu_2", "Read"),
            json_delta(3, '{"file_path":"/a"}'),
            stop(3),
            *end("tool_use"),
        ],
    ),
    Case(
        "a signed closing part after the text: no block after the answer",
        [chunk(text("Done.")), chunk(text("", thoughtSignature="SIGT"), finish="STOP", **USAGE)],
        [start(), text_start(0), text_delta(0, "Done."), stop(0), *end("end_turn")],
    ),
    Case(
        "a signed closing part after tool calls: no block after them",
        [
            chunk(call("Bash", {"command": "ls"}, thoughtSignature="SIG1")),
            chunk(text("", thoughtSignature="SIGT"), finish="STOP", **USAGE),
        ],
        [
            start(),
            thinking_start(0),
            signed(0, '{"toolu_1":"SIG1"}'),
            stop(0),
            tool_start(1, "toolu_1", "Bash"),
            json_delta(1, '{"command":"ls"}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "a signed empty thought after the text: no block after the answer",
        [
            chunk(text("Done.")),
            chunk(thought("", thoughtSignature="SIGT"), finish="STOP", **USAGE),
        ],
        [start(), text_start(0), text_delta(0, "Done."), stop(0), *end("end_turn")],
    ),
    Case(
        "a signed thought part: its thinking block carries it",
        [chunk(thought("Hm.", thoughtSignature="SIGT")), chunk(text("A."), finish="STOP", **USAGE)],
        [
            start(),
            thinking_start(0),
            thinking_delta(0, "Hm."),
            signed(0, '{"":"SIGT"}'),
            stop(0),
            text_start(1),
            text_delta(1, "A."),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "a signed first text part: a carrier block before the text",
        [chunk(text("Answer.", thoughtSignature="SIGT")), chunk(finish="STOP", **USAGE)],
        [
            start(),
            thinking_start(0),
            signed(0, '{"":"SIGT"}'),
            stop(0),
            text_start(1),
            text_delta(1, "Answer."),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "a signed first text part after thoughts: the open thinking block carries it",
        [
            chunk(thought("Hmm.")),
            chunk(text("Answer.", thoughtSignature="SIGT")),
            chunk(finish="STOP", **USAGE),
        ],
        [
            start(),
            thinking_start(0),
            thinking_delta(0, "Hmm."),
            signed(0, '{"":"SIGT"}'),
            stop(0),
            text_start(1),
            text_delta(1, "Answer."),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "a call without args, and the upstream's own call id (made safe) is kept",
        [chunk(call("CronList", call_id="fc:1")), chunk(finish="STOP", **USAGE)],
        [
            start(),
            tool_start(0, "fc_1", "CronList"),
            json_delta(0, "{}"),
            stop(0),
            *end("tool_use"),
        ],
    ),
    Case(
        "MAX_TOKENS → max_tokens",
        [chunk(text("Trunc"), finish="MAX_TOKENS", **USAGE)],
        [start(), text_start(0), text_delta(0, "Trunc"), stop(0), *end("max_tokens")],
    ),
    Case(
        "a blocked prompt → refusal, no content",
        [{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, **USAGE}],
        [start(), *end("refusal")],
    ),
    Case(
        "no usage: the output is estimated from the characters",
        [chunk(text("12345678"), finish="STOP")],
        [
            start(),
            text_start(0),
            text_delta(0, "12345678"),
            stop(0),
            *end("end_turn", {"output_tokens": 2}),
        ],
    ),
    Case(
        "a renamed MCP tool gets Claude Code's name back",
        [chunk(call("mcp__srv__a_b_1234", {}), finish="STOP", **USAGE)],
        [
            start(),
            tool_start(0, "toolu_1", "mcp__srv__a.b"),
            json_delta(0, "{}"),
            stop(0),
            *end("tool_use"),
        ],
        {"tool_names": {"mcp__srv__a_b_1234": "mcp__srv__a.b"}},
    ),
    Case(
        "stop sequence at the end of the text",
        [chunk(text("a b END"), finish="STOP", **USAGE)],
        [
            start(),
            text_start(0),
            text_delta(0, "a b END"),
            stop(0),
            {
                "type": "message_delta",
                "delta": {"stop_reason": "stop_sequence", "stop_sequence": "END"},
                "usage": ANTHROPIC_USAGE,
            },
            {"type": "message_stop"},
        ],
        {"stop_sequences": ["END"]},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_chunks_become_exact_events(case: Case) -> None:
    assert run(case.chunks, **case.options) == case.expected


def test_the_classifier_s_closing_tag_stop_sequence_is_put_back() -> None:
    """Gemini strips the matched stop sequence and says STOP: the open tag tells."""
    events = run(
        [chunk(text("<block>n")), chunk(text("o"), finish="STOP", **USAGE)],
        stop_sequences=["</block>"],
    )
    assert events[-2]["delta"] == {"stop_reason": "stop_sequence", "stop_sequence": "</block>"}
    closed = run(
        [chunk(text("<block>no</block> done"), finish="STOP", **USAGE)],
        stop_sequences=["</block>"],
    )
    assert closed[-2]["delta"]["stop_reason"] == "end_turn"


@pytest.mark.parametrize(
    "reason",
    [
        "SAFETY",
        "RECITATION",
        "PROHIBITED_CONTENT",
        "BLOCKLIST",
        "SPII",
        "LANGUAGE",
        "IMAGE_SAFETY",
    ],
)
def test_safety_finish_reasons_are_refusals(reason: str) -> None:
    events = run([chunk(text("Partial"), finish=reason, **USAGE)])
    assert events[-2]["delta"]["stop_reason"] == "refusal"


@pytest.mark.parametrize("reason", ["STOP", "OTHER", "FINISH_REASON_UNSPECIFIED", "NEW_REASON"])
def test_ordinary_and_unknown_finish_reasons_end_the_turn(reason: str) -> None:
    events = run([chunk(text("x"), finish=reason, **USAGE)])
    assert events[-2]["delta"]["stop_reason"] == "end_turn"


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("MALFORMED_FUNCTION_CALL", "malformed function call"),
        ("UNEXPECTED_TOOL_CALL", "tool that was not offered"),
        ("TOO_MANY_TOOL_CALLS", "too many tool calls"),
        ("MISSING_THOUGHT_SIGNATURE", "thought signature"),
    ],
)
def test_broken_answers_are_clear_errors_never_a_normal_stop(reason: str, words: str) -> None:
    t = translator()
    first = t.feed(chunk(text("I'll call")))
    with pytest.raises(UpstreamProtocolError) as raised:
        t.feed(chunk(finish=reason, finish_message="Malformed function call: print(default_api.x"))
    assert reason in raised.value.message and words in raised.value.message
    assert "print(default_api.x" in raised.value.message
    closing = t.error("api_error", raised.value.message)
    assert [e["type"] for e in first + closing] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "error",
    ]


def test_a_stream_cut_before_its_finish_reason_is_not_finished() -> None:
    t = translator()
    t.feed(chunk(text("Half an ans")))
    assert t.started and not t.finished
    t.feed(chunk(text("wer"), finish="STOP"))
    assert t.finished


def test_a_stream_without_any_candidate_is_a_protocol_error() -> None:
    t = translator()
    assert t.feed({"usageMetadata": {"promptTokenCount": 3}}) == []
    with pytest.raises(UpstreamProtocolError, match="without sending an answer"):
        t.finish()


@pytest.mark.parametrize(
    ("error", "error_type"),
    [
        (
            {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"},
            "overloaded_error",
        ),
        ({"code": 500, "message": "Internal error", "status": "INTERNAL"}, "api_error"),
    ],
)
def test_an_error_object_in_the_stream(error: dict[str, Any], error_type: str) -> None:
    t = translator()
    with pytest.raises(UpstreamProtocolError) as raised:
        t.feed({"error": error})
    assert raised.value.message == error["message"]
    assert raised.value.error_type == error_type


@pytest.mark.parametrize(
    ("data", "message"),
    [("{", "invalid JSON"), ("[1]", "not an object")],
)
def test_invalid_chunks_are_protocol_errors(data: str, message: str) -> None:
    with pytest.raises(UpstreamProtocolError, match=message):
        parse_chunk(data)


@pytest.mark.parametrize(
    "bad",
    [
        {"candidates": ["x"]},
        chunk("not a part"),  # type: ignore[arg-type]
        chunk(call("Bash", ["ls"])),  # type: ignore[arg-type]
        chunk({"functionCall": {"args": {}}}),
        {"candidates": [{"content": {"parts": "text"}}]},
    ],
)
def test_malformed_chunks_are_protocol_errors(bad: dict[str, Any]) -> None:
    with pytest.raises(UpstreamProtocolError):
        translator().feed(bad)


def test_nothing_follows_the_end() -> None:
    t = translator()
    t.feed(chunk(text("a"), finish="STOP"))
    t.finish()
    assert t.feed(chunk(text("more"))) == [] and t.finish() == [] and t.error("x", "y") == []


def test_usage_counts_thoughts_as_output_and_cached_apart() -> None:
    t = translator(input_tokens_hint=7)
    assert t.usage == {"input_tokens": 7, "output_tokens": 0}
    t.feed(chunk(text("a"), **USAGE))
    assert t.usage == ANTHROPIC_USAGE


# Whole answers --------------------------------------------------------------------------------


def whole(*parts: dict[str, Any], finish: str = "STOP") -> dict[str, Any]:
    return chunk(*parts, finish=finish, **USAGE)


def convert(response: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    ids = (f"toolu_{n}" for n in itertools.count(1))
    return to_anthropic_message(
        response,
        model="claude-test",
        source=SOURCE,
        message_id=lambda: "msg_test",
        tool_id=lambda: next(ids),
        **kwargs,
    )


def test_a_whole_answer_with_thoughts_text_and_signed_calls() -> None:
    message = convert(
        whole(
            thought("Plan."),
            text("Running both."),
            call("Bash", {"command": "ls"}, thoughtSignature="S1"),
            call("Read", {"file_path": "/a"}),
        )
    )
    assert message["content"] == [
        {"type": "thinking", "thinking": "Plan.", "signature": ""},
        {"type": "text", "text": "Running both."},
        {
            "type": "thinking",
            "thinking": "",
            "signature": carry("gemini", SOURCE, '{"toolu_1":"S1"}'),
        },
        {"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "ls"}},
        {"type": "tool_use", "id": "toolu_2", "name": "Read", "input": {"file_path": "/a"}},
    ]
    assert message["stop_reason"] == "tool_use"
    assert message["usage"] == {**ANTHROPIC_USAGE}


def test_a_whole_answer_without_a_finish_reason_is_incomplete() -> None:
    with pytest.raises(UpstreamProtocolError, match="incomplete"):
        convert(chunk(text("cut")))


def test_a_whole_answer_without_candidates_is_an_error() -> None:
    with pytest.raises(UpstreamProtocolError, match="no candidate"):
        convert({"usageMetadata": {"promptTokenCount": 1}})


def test_a_whole_malformed_call_is_an_error() -> None:
    with pytest.raises(UpstreamProtocolError, match="MALFORMED_FUNCTION_CALL"):
        convert(whole(finish="MALFORMED_FUNCTION_CALL"))
