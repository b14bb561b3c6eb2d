"""Whatever an upstream sends, the translator answers with events or UpstreamProtocolError,
never another exception (which the proxy would turn into a 500 or a hung stream), and its
output keeps the event-order invariants (checked by conftest.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UpstreamProtocolError
from app.translate.chat_response import to_anthropic_message
from app.translate.chat_stream import ChatStreamTranslator
from app.translate.quirks import ChatQuirks

_KEYS = ["index", "id", "name", "arguments", "content", "type", "text", "message", "delta"]
_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-1, 3)
    | st.sampled_from(["", "{", "}", '{"a": 1}', "[]", "stop", "tool_calls", "call_1", "<think>"])
    | st.text(max_size=6)
)
junk = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3)
    ),
    max_leaves=12,
)
arguments = st.sampled_from(["", "{", '"a"', ": 1", "}", '{"a": 1}', "[1]"]) | junk
function = st.fixed_dictionaries(
    {}, optional={"name": st.sampled_from(["Bash", "Read"]) | junk, "arguments": arguments}
)
tool_call = st.fixed_dictionaries(
    {},
    optional={
        "index": st.integers(0, 2) | junk,
        "id": st.sampled_from(["call_1", "call_2", "a:b"]) | junk,
        "function": function | junk,
    },
)
delta = st.fixed_dictionaries(
    {},
    optional={
        "content": st.sampled_from(["Hi", "<thi", "nk>", "</think>", ""]) | junk,
        "reasoning_content": st.text(max_size=4) | junk,
        "tool_calls": st.lists(tool_call, max_size=3) | junk,
        "function_call": function | junk,
    },
)
choice = st.fixed_dictionaries(
    {},
    optional={
        "delta": delta | junk,
        "finish_reason": st.sampled_from(["stop", "length", "tool_calls", "content_filter"]) | junk,
        "stop_reason": junk,
    },
)
usage = st.fixed_dictionaries(
    {},
    optional={
        "prompt_tokens": junk,
        "completion_tokens": junk,
        "prompt_tokens_details": st.fixed_dictionaries({}, optional={"cached_tokens": junk}) | junk,
    },
)
chunk = st.fixed_dictionaries(
    {},
    optional={"choices": st.lists(choice, max_size=2) | junk, "usage": usage | junk, "error": junk},
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chunks=st.lists(chunk, max_size=6), think_tags=st.booleans())
def test_any_chunks_give_events_or_a_protocol_error(
    chunks: list[dict[str, Any]], think_tags: bool
) -> None:
    translator = ChatStreamTranslator(model="m", quirks=ChatQuirks(think_tags=think_tags))
    try:
        for item in chunks:
            translator.feed(item)
        translator.finish()
    except UpstreamProtocolError as exc:
        events = translator.error(exc.error_type, exc.message)
        assert events[-1]["type"] == "error"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    response=st.fixed_dictionaries(
        {},
        optional={
            "choices": st.lists(
                st.fixed_dictionaries(
                    {}, optional={"message": delta | junk, "finish_reason": junk}
                ),
                max_size=2,
            )
            | junk,
            "usage": usage | junk,
        },
    )
)
def test_any_whole_answer_gives_a_message_or_a_protocol_error(response: dict[str, Any]) -> None:
    try:
        message = to_anthropic_message(response, model="m", quirks=ChatQuirks())
    except UpstreamProtocolError:
        return
    assert message["stop_reason"] in {"end_turn", "tool_use", "max_tokens", "refusal"}
