"""Every stream translator (Chat Completions, Responses, Gemini) a translate test creates
(directly, or inside to_anthropic_message) has its whole output checked against the event-order
invariants."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.translate.chat_stream import ChatStreamTranslator
from app.translate.gemini_stream import GeminiStreamTranslator
from app.translate.responses_stream import ResponsesStreamTranslator
from tests.translate.event_rules import assert_event_order

Events = list[dict[str, Any]]


@pytest.fixture(autouse=True)
def check_event_order(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    outputs: dict[int, Events] = {}
    keep_alive: list[object] = []  # so ids stay unique during the test

    def recording(method: Callable[..., Events]) -> Callable[..., Events]:
        def record(self: object, *args: Any, **kwargs: Any) -> Events:
            if id(self) not in outputs:
                keep_alive.append(self)
                outputs[id(self)] = []
            events = method(self, *args, **kwargs)
            outputs[id(self)].extend(events)
            return events

        return record

    for translator in (ChatStreamTranslator, ResponsesStreamTranslator, GeminiStreamTranslator):
        for name in ("feed", "finish", "error"):
            monkeypatch.setattr(translator, name, recording(getattr(translator, name)))
    yield
    for events in outputs.values():
        assert_event_order(events)
