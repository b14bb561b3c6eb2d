"""Gemini SSE streams (tests/data/gemini_streams: written in the API's documented wire format,
`data:` frames separated by CRLF CRLF, with multi-byte UTF-8, thought parts, a signed parallel
call, a signed empty closing part) through SSEDecoder and GeminiStreamTranslator: the answer is
the expected one, and re-splitting the bytes anywhere gives the identical events. Then junk:
whatever a Gemini upstream sends, the translator answers with events or UpstreamProtocolError,
never another exception, and keeps the event-order invariants (conftest.py)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UpstreamProtocolError
from app.translate.carrier import carry
from app.translate.events import message_from_events
from app.translate.gemini_response import to_anthropic_message
from app.translate.gemini_stream import GeminiStreamTranslator, parse_chunk
from app.translate.sse import SSEDecoder
from tests.support.gemini_upstream import merge

STREAMS = Path(__file__).parents[1] / "data" / "gemini_streams"
RECORDED = {path.name: path.read_bytes() for path in sorted(STREAMS.glob("*.sse"))}


def translate(data: Iterable[bytes]) -> list[dict[str, Any]]:
    decoder = SSEDecoder()
    ids = (f"toolu_{n}" for n in itertools.count(1))
    translator = GeminiStreamTranslator(
        model="claude-test", source="gem", message_id=lambda: "msg_test", tool_id=lambda: next(ids)
    )
    events: list[dict[str, Any]] = []
    for piece in data:
        for frame in decoder.feed(piece):
            events += translator.feed(parse_chunk(frame.data))
    for frame in decoder.flush():
        events += translator.feed(parse_chunk(frame.data))
    assert translator.finished
    return events + translator.finish()


REFERENCE = {name: translate([data]) for name, data in RECORDED.items()}


def test_thoughts_text_and_a_signed_parallel_call() -> None:
    message = message_from_events(REFERENCE["gemini3_thoughts_text_parallel_calls.sse"])
    assert message["content"] == [
        {
            "type": "thinking",
            "thinking": "**Listing the files**\n\nThe user wants the files — I'll run `ls` ✓.",
            "signature": "",
        },
        {"type": "text", "text": "I'll list them and read the README in parallel (détaillé)."},
        {
            "type": "thinking",
            "thinking": "",
            "signature": carry("gemini", "gem", '{"toolu_1":"CiQBcsjafE1/uXQw+LrsvLx1Jq9oX0k="}'),
        },
        {
            "type": "tool_use",
            "id": "toolu_1",
            "name": "Bash",
            "input": {"command": "ls -la", "description": "List files (détaillé)"},
        },
        {
            "type": "tool_use",
            "id": "toolu_2",
            "name": "Read",
            "input": {"file_path": "/tmp/README.md"},
        },
    ]
    assert message["stop_reason"] == "tool_use"
    assert message["usage"] == {
        "input_tokens": 5210 - 4096,
        "cache_read_input_tokens": 4096,
        "output_tokens": 61 + 208,
    }


def test_text_with_a_signed_end_keeps_the_text_last() -> None:
    message = message_from_events(REFERENCE["gemini25_text_signed_end.sse"])
    assert message["content"] == [{"type": "text", "text": "Gemini's answer: 42 — «done» 🎉"}]
    assert message["stop_reason"] == "end_turn"


def _whole_answer(data: bytes) -> dict[str, Any]:
    """The same stream as the single JSON answer `generateContent` gives for it."""
    frames = SSEDecoder().feed(data) + SSEDecoder().flush()
    return merge([parse_chunk(frame.data) for frame in frames])


def test_the_whole_answer_gives_the_same_blocks_as_the_stream() -> None:
    for name, data in RECORDED.items():
        ids = iter(f"toolu_{n}" for n in itertools.count(1))
        message = to_anthropic_message(
            _whole_answer(data),  # type: ignore[arg-type]
            model="claude-test",
            source="gem",
            message_id=lambda: "msg_test",
            tool_id=ids.__next__,
        )
        streamed = message_from_events(REFERENCE[name])
        assert _answer_blocks(message) == _answer_blocks(streamed), name
        assert message["stop_reason"] == streamed["stop_reason"]
        whole_signatures = [b["signature"] for b in message["content"] if b["type"] == "thinking"]
        assert [b["signature"] for b in streamed["content"] if b["type"] == "thinking"] == [
            s for s in whole_signatures if s != _TEXT_CARRIER
        ]
    # Whole, the closing signature sits on the one text part: it is carried, before the text.
    whole = to_anthropic_message(
        _whole_answer(RECORDED["gemini25_text_signed_end.sse"]),  # type: ignore[arg-type]
        model="claude-test",
        source="gem",
    )
    assert [b["type"] for b in whole["content"]] == ["thinking", "text"]
    assert whole["content"][0]["signature"] == _TEXT_CARRIER


_TEXT_CARRIER = carry("gemini", "gem", '{"":"Eu8BCuwBAdHtim9="}')


def _answer_blocks(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks without the signature-only carrier blocks."""
    return [b for b in message["content"] if b["type"] != "thinking" or b["thinking"]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_byte_split_gives_the_same_events(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(RECORDED)))
    raw = RECORDED[name]
    cuts = sorted(data.draw(st.sets(st.integers(1, len(raw) - 1), max_size=40)))
    pieces = [raw[a:b] for a, b in itertools.pairwise([0, *cuts, len(raw)])]
    assert translate(pieces) == REFERENCE[name]


def test_every_single_byte_split_gives_the_same_events() -> None:
    for name, raw in RECORDED.items():
        assert translate([raw[i : i + 1] for i in range(len(raw))]) == REFERENCE[name]


# Junk -----------------------------------------------------------------------------------------

_KEYS = ["text", "thought", "thoughtSignature", "functionCall", "name", "args", "id", "parts"]
_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-1, 3)
    | st.sampled_from(["", "STOP", "MAX_TOKENS", "SAFETY", "Bash", "sig", "a:b"])
    | st.text(max_size=6)
)
junk = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3)
    ),
    max_leaves=12,
)
function_call = st.fixed_dictionaries(
    {},
    optional={
        "name": st.sampled_from(["Bash", "Read"]) | junk,
        "args": st.sampled_from([{}, {"a": 1}]) | junk,
        "id": st.sampled_from(["c1", "c1", "x:y"]) | junk,
    },
)
part = st.fixed_dictionaries(
    {},
    optional={
        "text": st.sampled_from(["Hi", "", "é"]) | junk,
        "thought": st.booleans() | junk,
        "thoughtSignature": st.sampled_from(["S1", "S2", ""]) | junk,
        "functionCall": function_call | junk,
    },
)
candidate = st.fixed_dictionaries(
    {},
    optional={
        "content": st.fixed_dictionaries({}, optional={"parts": st.lists(part, max_size=3) | junk})
        | junk,
        "finishReason": st.sampled_from(
            ["STOP", "MAX_TOKENS", "SAFETY", "MALFORMED_FUNCTION_CALL", "OTHER"]
        )
        | junk,
    },
)
gemini_chunk = st.fixed_dictionaries(
    {},
    optional={
        "candidates": st.lists(candidate, max_size=2) | junk,
        "usageMetadata": st.fixed_dictionaries(
            {}, optional={"promptTokenCount": st.integers(0, 9) | junk}
        )
        | junk,
        "promptFeedback": st.fixed_dictionaries({}, optional={"blockReason": junk}) | junk,
        "error": junk,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks=st.lists(gemini_chunk, max_size=6))
def test_any_chunks_give_events_or_a_protocol_error(chunks: list[dict[str, Any]]) -> None:
    translator = GeminiStreamTranslator(model="m", source="gem")
    try:
        for piece in chunks:
            translator.feed(piece)  # type: ignore[arg-type]
        translator.finish()
    except UpstreamProtocolError as exc:
        translator.error("api_error", exc.message)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(response=gemini_chunk)
def test_any_whole_answer_gives_a_message_or_a_protocol_error(response: dict[str, Any]) -> None:
    with contextlib.suppress(UpstreamProtocolError):
        to_anthropic_message(response, model="m", source="gem")  # type: ignore[arg-type]
