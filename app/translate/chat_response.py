"""A whole Chat Completions answer → an Anthropic message.

The answer is fed to the streaming translator as one chunk and the events are assembled back
into a message: one code path for streamed and whole answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.chat_stream import ChatStreamTranslator, content_text
from app.translate.events import message_events, message_from_events
from app.translate.quirks import ChatQuirks
from app.translate.upstream_errors import error_text
from app.wire.chat import (
    ChatChunk,
    ChatCompletion,
    ChunkDelta,
    FunctionCallDelta,
    ResponseMessage,
)

__all__ = ["message_events", "message_from_events", "to_anthropic_message"]


def to_anthropic_message(
    response: ChatCompletion,
    *,
    model: str,
    quirks: ChatQuirks,
    message_id: Callable[[], str] = ev.new_message_id,
    tool_id: Callable[[], str] = ev.new_tool_id,
    stop_sequences: Sequence[str] = (),
    tool_names: Mapping[str, str] | None = None,
    input_tokens_hint: int = 0,
) -> dict[str, Any]:
    choices = response.get("choices")
    if not choices or not isinstance(choices, list) or not isinstance(choices[0], dict):
        text = error_text(dict(response)) or "the upstream's answer has no choices"
        raise UpstreamProtocolError(text)
    choice = choices[0]
    message = choice.get("message") or {}
    if not isinstance(message, dict):
        raise UpstreamProtocolError(f"the upstream's answer has a malformed message: {message}")
    translator = ChatStreamTranslator(
        model=model,
        quirks=quirks,
        message_id=message_id,
        tool_id=tool_id,
        stop_sequences=stop_sequences,
        tool_names=tool_names,
        input_tokens_hint=input_tokens_hint,
    )
    chunk: ChatChunk = {
        "choices": [
            {
                "index": 0,
                "delta": _as_delta(message),
                "finish_reason": choice.get("finish_reason"),
                "stop_reason": choice.get("stop_reason"),
                "matched_stop": choice.get("matched_stop"),
            }
        ],
        "usage": response.get("usage"),
    }
    return message_from_events(translator.feed(chunk) + translator.finish())


def _as_delta(message: ResponseMessage) -> ChunkDelta:
    """A whole assistant message in the shape of one stream delta."""
    tool_calls: Any = message.get("tool_calls") or []
    if isinstance(tool_calls, list):  # else the translator reports the malformed value
        tool_calls = [
            {**call, "index": i} if isinstance(call, dict) else call
            for i, call in enumerate(tool_calls)
        ]
    return {
        "content": content_text(message.get("content")),
        "reasoning_content": message.get("reasoning_content"),
        "reasoning": message.get("reasoning"),
        "tool_calls": tool_calls,
        "function_call": cast(FunctionCallDelta | None, message.get("function_call")),
    }
