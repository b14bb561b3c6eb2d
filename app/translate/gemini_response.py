"""A whole Gemini `generateContent` answer → an Anthropic message.

A whole answer has the shape of one stream chunk: it is fed to the stream translator and the
events are assembled back into a message (one code path for streamed and whole answers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.events import message_from_events
from app.translate.gemini_stream import GeminiStreamTranslator
from app.wire.gemini import GenerateContentResponse


def to_anthropic_message(
    response: GenerateContentResponse,
    *,
    model: str,
    source: str,
    message_id: Callable[[], str] = ev.new_message_id,
    tool_id: Callable[[], str] = ev.new_tool_id,
    stop_sequences: Sequence[str] = (),
    tool_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    translator = GeminiStreamTranslator(
        model=model,
        source=source,
        message_id=message_id,
        tool_id=tool_id,
        stop_sequences=stop_sequences,
        tool_names=tool_names,
    )
    events = translator.feed(response)
    if not translator.finished:
        raise UpstreamProtocolError(
            "the upstream's answer has no finish reason: it is incomplete"
            if translator.started
            else "the upstream's answer holds no candidate"
        )
    return message_from_events(events + translator.finish())
