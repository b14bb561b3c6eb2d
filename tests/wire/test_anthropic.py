"""app/wire/anthropic.py describes what really flows: every captured Claude Code request fits
MessagesRequest with no unknown key, and what the translators produce fits the event and
message shapes (ours, and the official anthropic SDK's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anthropic.types
import orjson
import pytest
from pydantic import ConfigDict, TypeAdapter

from app.translate.chat_response import message_events, to_anthropic_message
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder
from app.wire.anthropic import MessagesRequest, ResponseMessage, StreamEvent

DATA = Path(__file__).parents[1] / "data"
FIXTURES = sorted(
    path
    for path in (DATA / "claude_code").glob("*.json")
    if not path.stem.endswith("count_tokens")  # a count body is not a Messages request
)
STREAMS = sorted((DATA / "chat_streams").glob("*.sse"))

# Wrapped in list[...]: pydantic takes a config for a list, which nested TypedDicts inherit.
STRICT = ConfigDict(extra="forbid")
REQUEST = TypeAdapter(list[MessagesRequest], config=STRICT)
EVENTS = TypeAdapter(list[StreamEvent], config=STRICT)
MESSAGE = TypeAdapter(list[ResponseMessage], config=STRICT)
SDK_EVENTS = TypeAdapter(list[anthropic.types.RawMessageStreamEvent])


def events_of(stream: Path) -> list[dict[str, Any]]:
    translator = ChatStreamTranslator(model="claude-test", quirks=ChatQuirks(think_tags=True))
    events: list[dict[str, Any]] = []
    for frame in SSEDecoder().feed(stream.read_bytes()):
        if frame.data != "[DONE]":
            events += translator.feed(parse_chunk(frame.data))
    return events + translator.finish()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_captured_requests_fit_messages_request(path: Path) -> None:
    REQUEST.validate_python([orjson.loads(path.read_bytes())["body"]])


def test_an_unknown_field_would_be_noticed() -> None:
    body = {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": "x", "foo": 1}]}
    with pytest.raises(ValueError, match="foo"):
        REQUEST.validate_python([body])


@pytest.mark.parametrize("stream", STREAMS, ids=[p.stem for p in STREAMS])
def test_translated_events_fit_the_event_shapes(stream: Path) -> None:
    events = events_of(stream)
    EVENTS.validate_python(events)
    SDK_EVENTS.validate_python(events)


def test_error_event_fits() -> None:
    translator = ChatStreamTranslator(model="claude-test", quirks=ChatQuirks())
    events = translator.error("overloaded_error", "busy")
    EVENTS.validate_python(events)
    SDK_EVENTS.validate_python(events[:1])  # the SDK types the error event apart


def test_translated_message_fits_the_message_shapes() -> None:
    response = {
        "choices": [
            {
                "message": {
                    "content": "Done.",
                    "reasoning_content": "ok",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "Bash", "arguments": "{}"},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 4},
    }
    message = to_anthropic_message(response, model="claude-test", quirks=ChatQuirks())
    MESSAGE.validate_python([message])
    anthropic.types.Message.model_validate(message)
    EVENTS.validate_python(message_events(message))
