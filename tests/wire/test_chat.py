"""app/wire/chat.py describes what flows to and from Chat Completions upstreams: translated
requests fit ChatRequest with no unknown key, and the recorded upstream chunks fit ChatChunk
(and the official openai SDK's chunk model, so the recordings are realistic)."""

from __future__ import annotations

from pathlib import Path

import openai.types.chat
import orjson
import pytest
from pydantic import ConfigDict, TypeAdapter

from app.translate.chat_request import to_chat_request
from app.translate.quirks import ChatQuirks
from app.translate.sse import SSEDecoder
from app.wire.chat import ChatChunk, ChatRequest

DATA = Path(__file__).parents[1] / "data"
FIXTURES = sorted((DATA / "claude_code").glob("*.json"))
STREAMS = sorted((DATA / "chat_streams").glob("*.sse"))

REQUEST = TypeAdapter(list[ChatRequest], config=ConfigDict(extra="forbid"))
CHUNK = TypeAdapter(ChatChunk)  # loose on purpose: upstreams add their own fields


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_translated_requests_fit_chat_request(path: Path) -> None:
    body = orjson.loads(path.read_bytes())["body"]
    quirks = ChatQuirks(reasoning_effort=True, reasoning_history_field="reasoning_content")
    REQUEST.validate_python([to_chat_request(body, model="m", quirks=quirks, stream=True)])


@pytest.mark.parametrize("stream", STREAMS, ids=[p.stem for p in STREAMS])
def test_recorded_chunks_fit_chat_chunk(stream: Path) -> None:
    frames = [f for f in SSEDecoder().feed(stream.read_bytes()) if f.data != "[DONE]"]
    assert frames
    for frame in frames:
        chunk = orjson.loads(frame.data)
        CHUNK.validate_python(chunk)
        openai.types.chat.ChatCompletionChunk.model_validate(chunk)
