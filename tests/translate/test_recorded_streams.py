"""Recorded upstream SSE streams (tests/data/chat_streams) through SSEDecoder and
ChatStreamTranslator: the answer is the expected one, and re-splitting the bytes anywhere, or
changing the line endings, gives the identical events."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.translate.chat_response import message_from_events
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder, SSEEvent

STREAMS = Path(__file__).parents[1] / "data" / "chat_streams"
QUIRKS = {
    "deepseek_reasoning_tool_call.sse": ChatQuirks(),
    "openai_parallel_tools_usage_trailer.sse": ChatQuirks(),
    "qwen_think_tags.sse": ChatQuirks(think_tags=True),
}
RECORDED = {name: (STREAMS / name).read_bytes() for name in QUIRKS}


def translate(name: str, pieces: Iterable[bytes]) -> list[dict[str, Any]]:
    decoder = SSEDecoder()
    translator = ChatStreamTranslator(
        model="claude-test",
        quirks=QUIRKS[name],
        message_id=lambda: "msg_test",
        tool_id=lambda: "toolu_unused",
    )
    events: list[dict[str, Any]] = []
    done = False

    def handle(frames: list[SSEEvent]) -> None:
        nonlocal done
        for frame in frames:
            if done or frame.data == "[DONE]":
                done = True
                return
            events.extend(translator.feed(parse_chunk(frame.data)))

    for piece in pieces:
        handle(decoder.feed(piece))
    handle(decoder.flush())
    assert done, "the recorded stream ends with [DONE]"
    return events + translator.finish()


REFERENCE = {name: translate(name, [data]) for name, data in RECORDED.items()}


def whole(name: str) -> dict[str, Any]:
    """The recorded stream fed in one piece, assembled into a message."""
    return message_from_events(translate(name, [RECORDED[name]]))


def test_deepseek_reasoning_and_tool_call() -> None:
    message = whole("deepseek_reasoning_tool_call.sse")
    assert message["content"] == [
        {
            "type": "thinking",
            "thinking": "The user wants the files listed. I'll run `ls -la` — quick check ✓.",
            "signature": "",
        },
        {"type": "text", "text": "I'll list the files for you."},
        {
            "type": "tool_use",
            "id": "call_00_Xk2b9Qe7",
            "name": "Bash",
            "input": {"command": "ls -la", "description": "List files (détaillé)"},
        },
    ]
    assert message["stop_reason"] == "tool_use"
    assert message["usage"] == {
        "input_tokens": 160,
        "cache_read_input_tokens": 8960,
        "output_tokens": 87,
    }


def test_openai_parallel_calls_and_usage_trailer() -> None:
    message = whole("openai_parallel_tools_usage_trailer.sse")
    assert message["content"] == [
        {"type": "text", "text": "Reading both files now."},
        {
            "type": "tool_use",
            "id": "call_Qm1aZ8",
            "name": "Read",
            "input": {"file_path": "/tmp/a.txt"},
        },
        {
            "type": "tool_use",
            "id": "call_Rn2bY9",
            "name": "Read",
            "input": {"file_path": "/tmp/b.txt"},
        },
    ]
    assert message["stop_reason"] == "tool_use"
    assert message["usage"] == {
        "input_tokens": 496,
        "cache_read_input_tokens": 1024,
        "output_tokens": 64,
    }


def test_qwen_think_tags() -> None:
    message = whole("qwen_think_tags.sse")
    assert message["content"] == [
        {"type": "thinking", "thinking": "\nTwo plus two is four.\n", "signature": ""},
        {"type": "text", "text": "2 + 2 = 4."},
    ]
    assert message["stop_reason"] == "end_turn"


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    bounds = [0, *sorted(set(cuts)), len(data)]
    return [data[start:end] for start, end in itertools.pairwise(bounds)]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(sorted(RECORDED)),
    newline=st.sampled_from([b"\n", b"\r\n", b"\r"]),
    bom=st.booleans(),
    data=st.data(),
)
def test_any_split_and_line_ending_gives_identical_events(
    name: str, newline: bytes, bom: bool, data: st.DataObject
) -> None:
    stream = (b"\xef\xbb\xbf" if bom else b"") + RECORDED[name].replace(b"\n", newline)
    cuts = data.draw(st.lists(st.integers(min_value=1, max_value=len(stream) - 1), max_size=40))
    assert translate(name, split(stream, cuts)) == REFERENCE[name]


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_one_byte_at_a_time(name: str) -> None:
    stream = RECORDED[name].replace(b"\n", b"\r\n")
    assert translate(name, [stream[i : i + 1] for i in range(len(stream))]) == REFERENCE[name]
