"""A whole Responses answer → an Anthropic message.

Each output item is fed to the streaming translator as `output_item.added` then
`output_item.done` (the translator emits an item that came without deltas from its `done`),
then the response's own terminal event: one code path for streamed and whole answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.events import message_from_events
from app.translate.responses_stream import ResponsesStreamTranslator
from app.translate.upstream_errors import error_text
from app.wire.responses import Response, StreamEvent

_TERMINAL = {"completed": "response.completed", "incomplete": "response.incomplete"}


def to_anthropic_message(
    response: Response,
    *,
    model: str,
    source: str,
    message_id: Callable[[], str] = ev.new_message_id,
    tool_id: Callable[[], str] = ev.new_tool_id,
    tool_names: Mapping[str, str] | None = None,
    stop_sequences: Sequence[str] = (),
) -> dict[str, Any]:
    translator = ResponsesStreamTranslator(
        model=model,
        source=source,
        message_id=message_id,
        tool_id=tool_id,
        tool_names=tool_names,
        stop_sequences=stop_sequences,
    )
    events: list[ev.Event] = []
    for event in response_events(response):
        events += translator.feed(event)
    return message_from_events(events + translator.finish())


def response_events(response: Response) -> Iterator[StreamEvent]:
    """The stream events a whole response stands for."""
    output = response.get("output")
    status = response.get("status")
    if status == "failed" or response.get("error"):
        yield {"type": "response.failed", "response": response}
        return
    if not isinstance(output, list):
        text = error_text(dict(response)) or "the upstream's answer has no output"
        raise UpstreamProtocolError(text)
    for index, item in enumerate(output):
        if not isinstance(item, dict):
            raise UpstreamProtocolError(f"the upstream's answer has a malformed item: {item}")
        yield {"type": "response.output_item.added", "output_index": index, "item": item}
        yield {"type": "response.output_item.done", "output_index": index, "item": item}
    terminal = _TERMINAL.get(str(status), "response.completed")
    yield {"type": terminal, "response": response}
