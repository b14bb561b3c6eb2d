"""ChatStreamTranslator: tables of upstream chunks → the exact Anthropic events.

Every translator's output is also checked against the event-order invariants (conftest.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.errors import UpstreamProtocolError
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.quirks import ChatQuirks

Events = list[dict[str, Any]]


# Upstream chunks -----------------------------------------------------------------------------


def chunk(
    content: str | None = None,
    *,
    reasoning: str | None = None,
    reasoning_field: str = "reasoning_content",
    tools: list[dict[str, Any]] | None = None,
    finish: str | None = None,
    usage: dict[str, Any] | None = None,
    **choice_extra: Any,
) -> dict[str, Any]:
    delta: dict[str, Any] = {}
    if content is not None:
        delta["content"] = content
    if reasoning is not None:
        delta[reasoning_field] = reasoning
    if tools is not None:
        delta["tool_calls"] = tools
    out: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, **choice_extra}],
    }
    if usage is not None:
        out["usage"] = usage
    return out


def call(
    index: int | None, *, id: str | None = None, name: str | None = None, args: str | None = None
) -> dict[str, Any]:
    function: dict[str, Any] = {}
    if name is not None:
        function["name"] = name
    if args is not None:
        function["arguments"] = args
    delta: dict[str, Any] = {"function": function}
    if index is not None:
        delta["index"] = index
    if id is not None:
        delta.update(id=id, type="function")
    return delta


def usage_chunk(prompt: int = 10, completion: int = 5, **extra: Any) -> dict[str, Any]:
    usage = {"prompt_tokens": prompt, "completion_tokens": completion, **extra}
    return {"id": "chatcmpl-1", "choices": [], "usage": usage}


ROLE = {
    "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
}
USAGE = usage_chunk()


# Expected Anthropic events -------------------------------------------------------------------


def start(input_tokens: int = 0) -> dict[str, Any]:
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
            "usage": {"input_tokens": input_tokens, "output_tokens": 0},
        },
    }


def text_start(i: int) -> dict[str, Any]:
    return {
        "type": "content_block_start",
        "index": i,
        "content_block": {"type": "text", "text": ""},
    }


def thinking_start(i: int) -> dict[str, Any]:
    block = {"type": "thinking", "thinking": "", "signature": ""}
    return {"type": "content_block_start", "index": i, "content_block": block}


def tool_start(i: int, tool_id: str, name: str) -> dict[str, Any]:
    block = {"type": "tool_use", "id": tool_id, "name": name, "input": {}}
    return {"type": "content_block_start", "index": i, "content_block": block}


def text(i: int, value: str) -> dict[str, Any]:
    return {
        "type": "content_block_delta",
        "index": i,
        "delta": {"type": "text_delta", "text": value},
    }


def thinking(i: int, value: str) -> dict[str, Any]:
    delta = {"type": "thinking_delta", "thinking": value}
    return {"type": "content_block_delta", "index": i, "delta": delta}


def args(i: int, value: str) -> dict[str, Any]:
    delta = {"type": "input_json_delta", "partial_json": value}
    return {"type": "content_block_delta", "index": i, "delta": delta}


def stop(i: int) -> dict[str, Any]:
    return {"type": "content_block_stop", "index": i}


def end(reason: str, usage: dict[str, int] | None = None, sequence: str | None = None) -> Events:
    if usage is None:
        usage = {"input_tokens": 10, "cache_read_input_tokens": 0, "output_tokens": 5}
    return [
        {
            "type": "message_delta",
            "delta": {"stop_reason": reason, "stop_sequence": sequence},
            "usage": usage,
        },
        {"type": "message_stop"},
    ]


def translator(quirks: ChatQuirks | None = None, **kwargs: Any) -> ChatStreamTranslator:
    tool_ids = (f"toolu_{n}" for n in itertools.count(1))
    return ChatStreamTranslator(
        model="claude-test",
        quirks=quirks or ChatQuirks(),
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


BASH = '{"command": "ls"}'

CASES = [
    Case(
        "text",
        [ROLE, chunk("Hel"), chunk("lo"), chunk(finish="stop"), USAGE],
        [start(), text_start(0), text(0, "Hel"), text(0, "lo"), stop(0), *end("end_turn")],
    ),
    Case(
        "thinking then text",
        [
            ROLE,
            chunk(reasoning="Let me"),
            chunk(reasoning=" think"),
            chunk("Yes."),
            chunk(finish="stop"),
            USAGE,
        ],
        [
            start(),
            thinking_start(0),
            thinking(0, "Let me"),
            thinking(0, " think"),
            stop(0),
            text_start(1),
            text(1, "Yes."),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "reasoning field (OpenRouter, Ollama) is thinking too",
        [chunk(reasoning="hmm", reasoning_field="reasoning"), chunk("ok", finish="stop"), USAGE],
        [
            start(),
            thinking_start(0),
            thinking(0, "hmm"),
            stop(0),
            text_start(1),
            text(1, "ok"),
            stop(1),
            *end("end_turn"),
        ],
    ),
    Case(
        "one tool call, OpenAI style",
        [
            ROLE,
            chunk("Running."),
            chunk(tools=[call(0, id="call_a", name="Bash", args="")]),
            chunk(tools=[call(0, args='{"command"')]),
            chunk(tools=[call(0, args=': "ls"}')]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            text_start(0),
            text(0, "Running."),
            stop(0),
            tool_start(1, "call_a", "Bash"),
            args(1, '{"command"'),
            args(1, ': "ls"}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "sequential calls: the next call closes the complete one",
        [
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"command": ')]),
            chunk(tools=[call(0, args='"ls"}')]),
            chunk(tools=[call(1, id="call_b", name="Read", args='{"path": "/x"}')]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "call_a", "Bash"),
            args(0, '{"command": '),
            args(0, '"ls"}'),
            stop(0),
            tool_start(1, "call_b", "Read"),
            args(1, '{"path": "/x"}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "calls interleaved by index: the later one waits, buffered",
        [
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"command"')]),
            chunk(tools=[call(1, id="call_b", name="Read", args='{"path"')]),
            chunk(tools=[call(0, args=': "ls"')]),
            chunk(tools=[call(1, args=': "/x"}')]),
            chunk(tools=[call(0, args="}")]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "call_a", "Bash"),
            args(0, '{"command"'),
            args(0, ': "ls"'),
            args(0, "}"),
            stop(0),
            tool_start(1, "call_b", "Read"),
            args(1, '{"path": "/x"}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "several whole calls in one chunk",
        [
            chunk(
                tools=[
                    call(0, id="call_a", name="Bash", args=BASH),
                    call(1, id="call_b", name="Read", args='{"path": "/x"}'),
                    call(2, id="call_c", name="Glob", args='{"pattern": "*"}'),
                ],
                finish="tool_calls",
            ),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "call_a", "Bash"),
            args(0, BASH),
            stop(0),
            tool_start(1, "call_b", "Read"),
            args(1, '{"path": "/x"}'),
            stop(1),
            tool_start(2, "call_c", "Glob"),
            args(2, '{"pattern": "*"}'),
            stop(2),
            *end("tool_use"),
        ],
    ),
    Case(
        "whole arguments in one chunk still arrive as input_json_delta",
        [
            chunk(tools=[call(0, id="call_a", name="Bash", args=BASH)]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [start(), tool_start(0, "call_a", "Bash"), args(0, BASH), stop(0), *end("tool_use")],
    ),
    Case(
        "argument snapshots (cumulative) become deltas",
        [
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"com')]),
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"command": "l')]),
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"command": "ls"}')]),
            chunk(tools=[call(0, id="call_a", name="Bash", args='{"command": "ls"}')]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "call_a", "Bash"),
            args(0, '{"com'),
            args(0, 'mand": "l'),
            args(0, 's"}'),
            stop(0),
            *end("tool_use"),
        ],
    ),
    Case(
        "arguments before the name are held until the name comes",
        [
            chunk(tools=[call(0, args='{"command": ')]),
            chunk(tools=[call(0, id="call_a", args='"ls"}')]),
            chunk(tools=[call(0, name="Bash")]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [start(), tool_start(0, "call_a", "Bash"), args(0, BASH), stop(0), *end("tool_use")],
    ),
    Case(
        "empty arguments become {}",
        [
            chunk(tools=[call(0, id="call_a", name="ListAgents", args="")]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [start(), tool_start(0, "call_a", "ListAgents"), args(0, "{}"), stop(0), *end("tool_use")],
    ),
    Case(
        "missing, repeated and unsafe ids are replaced or cleaned",
        [
            chunk(
                tools=[
                    call(0, name="A", args="{}"),
                    call(1, id="call_x", name="B", args="{}"),
                    call(2, id="call_x", name="C", args="{}"),
                    call(3, id="functions.Bash:3", name="D", args="{}"),
                ],
                finish="tool_calls",
            ),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "toolu_1", "A"),
            args(0, "{}"),
            stop(0),
            tool_start(1, "call_x", "B"),
            args(1, "{}"),
            stop(1),
            tool_start(2, "toolu_2", "C"),
            args(2, "{}"),
            stop(2),
            tool_start(3, "functions_Bash_3", "D"),
            args(3, "{}"),
            stop(3),
            *end("tool_use"),
        ],
    ),
    Case(
        "an index reused with a new id is a new call (upstreams numbering every call 0)",
        [
            chunk(tools=[call(0, id="c1", name="A", args='{"n": 1}')]),
            chunk(tools=[call(0, id="c2", name="B", args='{"n": 2}')]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "c1", "A"),
            args(0, '{"n": 1}'),
            stop(0),
            tool_start(1, "c2", "B"),
            args(1, '{"n": 2}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "calls without index follow their id, id-less pieces continue the latest call",
        [
            chunk(tools=[call(None, id="c1", name="A", args='{"n"')]),
            chunk(tools=[call(None, args=": 1}")]),
            chunk(tools=[call(None, id="c2", name="B", args='{"n": 2}')]),
            chunk(finish="tool_calls"),
            USAGE,
        ],
        [
            start(),
            tool_start(0, "c1", "A"),
            args(0, '{"n"'),
            args(0, ": 1}"),
            stop(0),
            tool_start(1, "c2", "B"),
            args(1, '{"n": 2}'),
            stop(1),
            *end("tool_use"),
        ],
    ),
    Case(
        "usage in a trailing chunk with cached tokens",
        [
            chunk("Hi"),
            chunk(finish="stop"),
            usage_chunk(1000, 7, prompt_tokens_details={"cached_tokens": 800}),
        ],
        [
            start(),
            text_start(0),
            text(0, "Hi"),
            stop(0),
            *end(
                "end_turn",
                {"input_tokens": 200, "cache_read_input_tokens": 800, "output_tokens": 7},
            ),
        ],
    ),
    Case(
        "DeepSeek's prompt_cache_hit_tokens count as cached",
        [
            chunk(
                "Hi",
                finish="stop",
                usage={"prompt_tokens": 50, "completion_tokens": 2, "prompt_cache_hit_tokens": 30},
            )
        ],
        [
            start(),
            text_start(0),
            text(0, "Hi"),
            stop(0),
            *end(
                "end_turn", {"input_tokens": 20, "cache_read_input_tokens": 30, "output_tokens": 2}
            ),
        ],
    ),
    Case(
        "no usage at all: input from the hint, output estimated",
        [chunk("12345678"), chunk(finish="stop")],
        [
            start(42),
            text_start(0),
            text(0, "12345678"),
            stop(0),
            *end("end_turn", {"input_tokens": 42, "output_tokens": 2}),
        ],
        {"input_tokens_hint": 42},
    ),
    Case(
        "length → max_tokens",
        [chunk("Hi"), chunk(finish="length"), USAGE],
        [start(), text_start(0), text(0, "Hi"), stop(0), *end("max_tokens")],
    ),
    Case(
        "content_filter → refusal",
        [chunk("Hi"), chunk(finish="content_filter"), USAGE],
        [start(), text_start(0), text(0, "Hi"), stop(0), *end("refusal")],
    ),
    Case(
        "stop with a tool call → tool_use",
        [chunk(tools=[call(0, id="call_a", name="Bash", args=BASH)]), chunk(finish="stop"), USAGE],
        [start(), tool_start(0, "call_a", "Bash"), args(0, BASH), stop(0), *end("tool_use")],
    ),
    Case(
        "tool_calls without any call → end_turn",
        [chunk("Hi"), chunk(finish="tool_calls"), USAGE],
        [start(), text_start(0), text(0, "Hi"), stop(0), *end("end_turn")],
    ),
    Case(
        "legacy function_call → tool_use",
        [
            {
                "choices": [
                    {"index": 0, "delta": {"function_call": {"name": "Bash", "arguments": BASH}}}
                ]
            },
            chunk(finish="function_call"),
            USAGE,
        ],
        [start(), tool_start(0, "toolu_1", "Bash"), args(0, BASH), stop(0), *end("tool_use")],
    ),
    Case(
        "no finish_reason, text → end_turn",
        [chunk("Hi"), USAGE],
        [start(), text_start(0), text(0, "Hi"), stop(0), *end("end_turn")],
    ),
    Case(
        "no finish_reason, a tool call → tool_use",
        [chunk(tools=[call(0, id="call_a", name="Bash", args=BASH)])],
        [
            start(),
            tool_start(0, "call_a", "Bash"),
            args(0, BASH),
            stop(0),
            *end("tool_use", {"output_tokens": 5}),
        ],
    ),
    Case(
        "stop sequence reported by the upstream (vLLM stop_reason)",
        [chunk("<block>no"), chunk(finish="stop", stop_reason="</block>"), USAGE],
        [
            start(),
            text_start(0),
            text(0, "<block>no"),
            stop(0),
            *end("stop_sequence", sequence="</block>"),
        ],
        {"stop_sequences": ["</block>"]},
    ),
    Case(
        "stop sequence at the end of the text (SGLang-style servers that keep it)",
        [chunk("<block>no</bl"), chunk("ock>"), chunk(finish="stop"), USAGE],
        [
            start(),
            text_start(0),
            text(0, "<block>no</bl"),
            text(0, "ock>"),
            stop(0),
            *end("stop_sequence", sequence="</block>"),
        ],
        {"stop_sequences": ["END", "</block>"]},
    ),
    Case(
        "a closing-tag stop sequence OpenAI stripped is put back (auto-mode classifier)",
        [chunk("<block>n"), chunk("o"), chunk(finish="stop"), USAGE],
        [
            start(),
            text_start(0),
            text(0, "<block>n"),
            text(0, "o"),
            stop(0),
            *end("stop_sequence", sequence="</block>"),
        ],
        {"stop_sequences": ["</block>"]},
    ),
    Case(
        "every tag closed: the model stopped by itself → end_turn",
        [chunk("<block>no</block><blocked>x", finish="stop"), USAGE],
        [
            start(),
            text_start(0),
            text(0, "<block>no</block><blocked>x"),
            stop(0),
            *end("end_turn"),
        ],
        {"stop_sequences": ["</block>"]},
    ),
    Case(
        "an open tag at max_tokens stays max_tokens",
        [chunk("<block>n", finish="length"), USAGE],
        [start(), text_start(0), text(0, "<block>n"), stop(0), *end("max_tokens")],
        {"stop_sequences": ["</block>"]},
    ),
    Case(
        "a stop sequence that did not end the text → end_turn",
        [chunk("</block> and more"), chunk(finish="stop"), USAGE],
        [start(), text_start(0), text(0, "</block> and more"), stop(0), *end("end_turn")],
        {"stop_sequences": ["</block>"]},
    ),
    Case(
        "<think> tags split across chunks become a thinking block",
        [
            chunk("\n<th"),
            chunk("ink>\nweigh"),
            chunk("ing</th"),
            chunk("ink>\n\nAnswer"),
            chunk(" <think> stays", finish="stop"),
            USAGE,
        ],
        [
            start(),
            thinking_start(0),
            thinking(0, "\nweigh"),
            thinking(0, "ing"),
            stop(0),
            text_start(1),
            text(1, "Answer"),
            text(1, " <think> stays"),
            stop(1),
            *end("end_turn"),
        ],
        {"quirks": ChatQuirks(think_tags=True)},
    ),
    Case(
        "<think> tags without the quirk are plain text",
        [chunk("<think>x</think>y", finish="stop"), USAGE],
        [start(), text_start(0), text(0, "<think>x</think>y"), stop(0), *end("end_turn")],
    ),
    Case(
        "a stream cut inside <think> keeps the held text as thinking",
        [chunk("<think>abc</thi")],
        [
            start(),
            thinking_start(0),
            thinking(0, "abc"),
            thinking(0, "</thi"),
            stop(0),
            *end("end_turn", {"output_tokens": 2}),
        ],
        {"quirks": ChatQuirks(think_tags=True)},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_chunks_become_exact_events(case: Case) -> None:
    assert run(case.chunks, **case.options) == case.expected


def test_message_start_comes_with_the_first_chunk_and_started_follows() -> None:
    t = translator(input_tokens_hint=7)
    assert not t.started
    assert t.feed({"choices": [], "usage": None}) == []
    assert not t.started
    assert t.feed(ROLE) == [start(7)]
    assert t.started


def test_error_mid_block_ends_without_message_stop() -> None:
    t = translator()
    t.feed(chunk("partial"))
    events = t.error("api_error", "upstream reset")
    assert events == [
        {"type": "error", "error": {"type": "api_error", "message": "upstream reset"}}
    ]
    assert t.finish() == []
    assert t.feed(chunk("more")) == []


def test_error_before_anything_still_starts_the_message() -> None:
    t = translator()
    assert t.error("overloaded_error", "busy") == [
        start(),
        {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}},
    ]
    assert t.started


def test_nothing_follows_message_stop() -> None:
    t = translator()
    t.feed(chunk("Hi", finish="stop"))
    assert t.finish()[-1] == {"type": "message_stop"}
    assert t.feed(chunk("late")) == []
    assert t.error("api_error", "late") == []


def test_a_stream_without_any_answer_is_a_protocol_error() -> None:
    t = translator()
    t.feed(usage_chunk())
    with pytest.raises(UpstreamProtocolError, match="without sending an answer"):
        t.finish()
    assert t.error("api_error", "no answer")[0] == start()


@pytest.mark.parametrize(
    ("data", "message"),
    [('{"choices": [', "invalid JSON"), ("[1, 2]", "not an object"), ('"text"', "not an object")],
)
def test_invalid_json_chunk_is_a_protocol_error(data: str, message: str) -> None:
    t = translator()
    t.feed(chunk("Hi"))
    with pytest.raises(UpstreamProtocolError, match=message):
        t.feed(parse_chunk(data))
    assert t.error("api_error", "bad chunk") == [
        {"type": "error", "error": {"type": "api_error", "message": "bad chunk"}}
    ]


def test_invalid_final_arguments_raise_and_error_keeps_earlier_events() -> None:
    t = translator()
    events = t.feed(chunk(tools=[call(0, id="call_a", name="Bash", args='{"command": "l')]))
    assert events == [start(), tool_start(0, "call_a", "Bash"), args(0, '{"command": "l')]
    with pytest.raises(UpstreamProtocolError, match="not a JSON object"):
        t.feed(chunk(finish="tool_calls"))
    # The block stays open: an error inside a block makes Claude Code retry the request.
    assert t.error("api_error", "bad arguments") == [
        {"type": "error", "error": {"type": "api_error", "message": "bad arguments"}}
    ]


def test_events_produced_before_a_failure_are_delivered_by_error() -> None:
    t = translator()
    failing = chunk(
        "Hi", tools=[call(0, id="call_a", name="Bash", args="[1]")], finish="tool_calls"
    )
    with pytest.raises(UpstreamProtocolError):
        t.feed(failing)
    assert t.error("api_error", "x") == [
        start(),
        text_start(0),
        text(0, "Hi"),
        stop(0),
        tool_start(1, "call_a", "Bash"),
        args(1, "[1]"),
        {"type": "error", "error": {"type": "api_error", "message": "x"}},
    ]


def test_arguments_after_a_call_ended_are_a_protocol_error() -> None:
    t = translator()
    t.feed(
        chunk(tools=[call(0, id="a", name="A", args="{}"), call(1, id="b", name="B", args="{}")])
    )
    with pytest.raises(UpstreamProtocolError, match="after it ended"):
        t.feed(chunk(tools=[call(0, args='{"x": 1}')]))


def test_a_call_that_never_gets_a_name_is_a_protocol_error() -> None:
    t = translator()
    t.feed(chunk("Hi"))
    t.feed(chunk(tools=[call(0, id="a", args="{}")]))
    with pytest.raises(UpstreamProtocolError, match="without a name"):
        t.finish()


def test_a_failure_before_anything_was_handed_out_leaves_failover_open() -> None:
    t = translator()
    with pytest.raises(UpstreamProtocolError):
        t.feed(chunk(tools=[call(0, id="a", name="A", args="[")], finish="tool_calls"))
    assert not t.started  # the proxy may still try another provider
    assert t.error("api_error", "x")[:2] == [start(), tool_start(0, "a", "A")]
    assert t.started


def test_missing_prompt_tokens_fall_back_to_the_hint() -> None:
    t = translator(input_tokens_hint=50)
    t.feed(chunk("Hi", finish="stop", usage={"completion_tokens": 3}))
    assert t.usage == {"input_tokens": 50, "cache_read_input_tokens": 0, "output_tokens": 3}


@pytest.mark.parametrize(
    ("error", "error_type"),
    [
        ({"message": "The model is overloaded.", "code": 503}, "overloaded_error"),
        ({"message": "Internal error", "type": "server_error"}, "api_error"),
    ],
)
def test_error_object_in_the_stream(error: dict[str, Any], error_type: str) -> None:
    t = translator()
    with pytest.raises(UpstreamProtocolError) as caught:
        t.feed({"error": error})
    assert caught.value.message == error["message"]
    assert caught.value.error_type == error_type
    assert not t.started


def test_usage_property_for_the_proxy() -> None:
    t = translator()
    t.feed(chunk("Hi", finish="stop"))
    t.feed(usage_chunk(100, 9, prompt_tokens_details={"cached_tokens": 60}))
    assert t.usage == {"input_tokens": 40, "cache_read_input_tokens": 60, "output_tokens": 9}
