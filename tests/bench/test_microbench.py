"""The micro-benchmark compares like with like: the Chat Completions and Gemini streams it
times carry the same answer, and each translator turns its stream into that same message."""

from __future__ import annotations

from typing import Any

from app.translate.chat_stream import ChatStreamTranslator
from app.translate.chat_stream import parse_chunk as parse_chat_chunk
from app.translate.events import message_from_events
from app.translate.gemini_stream import GeminiStreamTranslator
from app.translate.gemini_stream import parse_chunk as parse_gemini_chunk
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder
from tests.bench import answers
from tests.bench.microbench import measure


def _blocks(translator: Any, parse: Any, frames: list[bytes]) -> list[dict[str, Any]]:
    decoder = SSEDecoder()
    events: list[dict[str, Any]] = []
    for frame in frames:
        for event in decoder.feed(frame):
            if event.data != "[DONE]":
                events += translator.feed(parse(event.data))
    message = message_from_events(events + translator.finish())
    # the ids differ by design (Gemini's calls have none); the carrier block is Gemini's own
    return [
        {k: v for k, v in block.items() if k != "id"}
        for block in message["content"]
        if block["type"] != "thinking"
    ]


def test_both_streams_carry_the_same_answer() -> None:
    for tool in (False, True):
        chat = _blocks(
            ChatStreamTranslator(model="m", quirks=ChatQuirks()),
            parse_chat_chunk,
            answers.chat_stream_frames(tool=tool),
        )
        gemini = _blocks(
            GeminiStreamTranslator(model="m", source="g"),
            parse_gemini_chunk,
            answers.gemini_stream_frames(tool=tool),
        )
        assert chat == gemini
        assert chat[0] == {"type": "text", "text": answers.TEXT}
        assert len(chat) == (2 if tool else 1)


def test_the_micro_benchmark_reports_both_dialects() -> None:
    figures = measure(0.08)
    for key in (
        "stream_text_us_per_event",
        "stream_tool_us_per_event",
        "gemini_stream_text_us_per_event",
        "gemini_stream_tool_us_per_event",
        "gemini_request_translation_us",
        "gemini_response_translation_us",
    ):
        assert figures[key] > 0, key
