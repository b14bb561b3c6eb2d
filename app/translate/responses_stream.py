"""OpenAI Responses stream events → Anthropic stream events: a sans-IO state machine.

`feed(event)` takes one parsed upstream event and returns the Anthropic events it completes;
`finish()` closes the message; `error()` ends it on an upstream failure. The invariants are
those of ChatStreamTranslator: one `message_start` first; one block open at a time, indices
0, 1, 2…; `message_delta` (stop_reason, usage) right before the one `message_stop`; nothing
after `message_stop` or an `error` event.

The Responses API streams its output items one after the other (`response.output_item.added`,
their deltas, `response.output_item.done`), so each item maps to at most one block:
- a message → a text block (`output_text` and `refusal` deltas);
- a function call → a tool_use block, its arguments only as `input_json_delta`s;
- a reasoning item → a thinking block of its summary (or raw reasoning) text, whose signature
  carries the encrypted item (app/translate/carrier.py) so it goes back next turn.
An item that arrives whole in `output_item.done`, without deltas, is emitted from there: the
non-stream path (responses_response.py) relies on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import orjson

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.responses_request import reasoning_signature
from app.translate.stream_writer import CHARS_PER_TOKEN, StreamWriter
from app.wire.responses import OutputItem, StreamEvent, Usage

# response.failed / error codes that mean "try again later", with the status they map to.
_RETRY_CODES = {"rate_limit_exceeded": 429, "server_error": 500, "server_is_overloaded": 529}
_TEXT_DELTAS = frozenset({"response.output_text.delta", "response.refusal.delta"})
_THINKING_DELTAS = frozenset(
    {"response.reasoning_summary_text.delta", "response.reasoning_text.delta"}
)
_CONTENT_EVENTS = (
    _TEXT_DELTAS
    | _THINKING_DELTAS
    | {
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done",
        "response.output_item.added",
        "response.output_item.done",
    }
)


def parse_event(data: str) -> StreamEvent:
    """One SSE `data` payload; anything but a JSON object with a `type` is a protocol error."""
    try:
        event = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise UpstreamProtocolError(
            f"the upstream sent invalid JSON in its stream: {exc}"
        ) from None
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        raise UpstreamProtocolError(f"the upstream sent a malformed stream event: {data[:80]!r}")
    return cast(StreamEvent, event)  # an object with a type: the rest is checked as read


@dataclass(slots=True)
class _Item:
    """One output item and what has been emitted for it."""

    kind: str  # "message" | "function_call" | "reasoning" | anything else (ignored)
    emitted: bool = False  # deltas reached the client
    block: int = -1  # the block that holds it, once opened
    arguments: str = ""  # function_call: what was sent as input_json_delta
    summary_index: int = 0  # reasoning: the summary part being streamed


class ResponsesStreamTranslator(StreamWriter[StreamEvent]):
    def __init__(
        self,
        *,
        model: str,
        source: str,
        message_id: Callable[[], str] = ev.new_message_id,
        tool_id: Callable[[], str] = ev.new_tool_id,
        tool_names: Mapping[str, str] | None = None,
        stop_sequences: Sequence[str] = (),
    ) -> None:
        super().__init__(
            model=model,
            input_tokens_hint=0,  # usage arrives with the last event only
            message_id=message_id,
            tool_id=tool_id,
            tool_names=tool_names,
        )
        # The Responses API has no stop parameter: the text is cut here at the first stop
        # sequence (left out, as Anthropic does), and whatever the model adds is dropped.
        self._stop_sequences = tuple(s for s in stop_sequences if s)
        self._held = ""  # text that may be the start of a stop sequence, not sent yet
        self._matched_stop: str | None = None
        self._source = source  # the provider's name, in carried reasoning signatures
        self._items: dict[int | str, _Item] = {}
        self._open: _Item | None = None  # the item whose block is open
        self._refused = False
        self._incomplete_reason: str | None = None
        self._terminal = False  # response.completed or response.incomplete seen
        self._usage: Usage | None = None

    @property
    def finished(self) -> bool:
        """True once the upstream said the response is over (completed or incomplete)."""
        return self._terminal

    @property
    def usage(self) -> dict[str, int]:
        """Anthropic usage: input excludes cached prompt tokens, which are counted apart;
        output includes the reasoning tokens, as Anthropic counts thinking in output_tokens."""
        usage = self._usage
        if usage is None:
            return {"input_tokens": 0, "output_tokens": -(-self._output_chars // CHARS_PER_TOKEN)}
        cached = _int(_obj(usage.get("input_tokens_details")).get("cached_tokens"))
        return {
            "input_tokens": max(_int(usage.get("input_tokens")) - cached, 0),
            "cache_read_input_tokens": cached,
            "output_tokens": _int(usage.get("output_tokens")),
        }

    def _final_usage(self) -> dict[str, int]:
        usage = self.usage
        if self._usage is None:
            usage = {"output_tokens": usage["output_tokens"]}  # input went in message_start
        return usage

    # Event handling --------------------------------------------------------------------------

    def _feed(self, event: StreamEvent, events: list[ev.Event]) -> None:
        kind = event["type"]
        if kind == "error":
            raise _failure(event.get("code"), event.get("message"))
        if not self._started:
            self._start(events)
        if self._matched_stop is not None and kind in _CONTENT_EVENTS:
            return  # past a stop sequence: only the end of the response matters now
        if kind in _TEXT_DELTAS:
            item = self._item(event)
            self._refused = self._refused or kind == "response.refusal.delta"
            self._add_text(item, "text", _delta(event), events)
        elif kind in _THINKING_DELTAS:
            item = self._item(event)
            text = _delta(event)
            part = event.get("summary_index")
            if isinstance(part, int) and part != item.summary_index:
                item.summary_index = part
                if item.emitted:
                    text = "\n\n" + text
            self._add_text(item, "thinking", text, events)
        elif kind == "response.function_call_arguments.delta":
            self._add_arguments(self._item(event), _delta(event), events)
        elif kind == "response.function_call_arguments.done":
            arguments = event.get("arguments")
            if isinstance(arguments, str):
                self._complete_arguments(self._item(event), arguments, events)
        elif kind == "response.output_item.added":
            self._item_added(event, events)
        elif kind == "response.output_item.done":
            self._item_done(event, events)
        elif kind in ("response.completed", "response.incomplete"):
            self._end(event, events)
        elif kind == "response.failed":
            error = _obj(_obj(event.get("response")).get("error"))
            raise _failure(error.get("code"), error.get("message"))
        # response.created/in_progress, content_part.*, *.done of text parts, annotations…:
        # nothing new for the client.

    def _item(self, event: StreamEvent) -> _Item:
        key: int | str | None = event.get("output_index")
        if not isinstance(key, int):
            key = event.get("item_id")
        if not isinstance(key, int | str):
            raise UpstreamProtocolError(f"the upstream sent an event without an item: {event}")
        item = self._items.get(key)
        if item is None:  # deltas without output_item.added: a loose compatible server
            item = self._items[key] = _Item("")
        return item

    def _item_added(self, event: StreamEvent, events: list[ev.Event]) -> None:
        data = cast(OutputItem, _obj(event.get("item")))
        item = self._item(event)
        item.kind = str(data.get("type") or item.kind)
        if item.kind == "function_call":
            self._start_tool(item, data, events)
            arguments = data.get("arguments")
            if isinstance(arguments, str) and arguments:
                self._add_arguments(item, arguments, events)

    def _item_done(self, event: StreamEvent, events: list[ev.Event]) -> None:
        data = cast(OutputItem, _obj(event.get("item")))
        item = self._item(event)
        item.kind = str(data.get("type") or item.kind)
        if item.kind == "message" and not item.emitted:
            for part in _objects(data.get("content")):
                text = part.get("text") or part.get("refusal")
                if isinstance(text, str) and text:
                    self._refused = self._refused or part.get("type") == "refusal"
                    self._add_text(item, "text", text, events)
        elif item.kind == "function_call":
            if item.block < 0:
                self._start_tool(item, data, events)
            arguments = data.get("arguments")
            if isinstance(arguments, str):
                self._complete_arguments(item, arguments, events)
        elif item.kind == "reasoning":
            if not item.emitted:
                parts = [s.get("text") for s in _objects(data.get("summary"))]
                text = "\n\n".join(p for p in parts if isinstance(p, str) and p)
                if not text:  # raw reasoning text (open-weight models behind this API)
                    raw = [c.get("text") for c in _objects(data.get("content"))]
                    text = "".join(r for r in raw if isinstance(r, str))
                if text:
                    self._add_text(item, "thinking", text, events)
            encrypted = data.get("encrypted_content")
            item_id = data.get("id")
            if isinstance(encrypted, str) and encrypted and isinstance(item_id, str) and item_id:
                if self._open is not item or self._open_kind != "thinking":
                    self._add_text(item, "thinking", "", events)  # an empty thinking block
                signature = reasoning_signature(self._source, item_id, encrypted)
                events.append(ev.signature_delta(item.block, signature))
        if self._open is item:
            self._close_blocks(events)

    def _end(self, event: StreamEvent, events: list[ev.Event]) -> None:
        response = _obj(event.get("response"))
        usage = response.get("usage")
        if isinstance(usage, dict):
            self._usage = cast(Usage, usage)
        if event["type"] == "response.incomplete":
            details = _obj(response.get("incomplete_details"))
            self._incomplete_reason = str(details.get("reason") or "max_output_tokens")
        self._terminal = True
        self._close_blocks(events)

    # Blocks ----------------------------------------------------------------------------------

    def _add_text(self, item: _Item, kind: str, text: str, events: list[ev.Event]) -> None:
        if self._open is not item or self._open_kind != kind:
            self._close_blocks(events)
            self._open, item.block = item, self._open_block(kind)
            start = ev.text_block_start if kind == "text" else ev.thinking_block_start
            events.append(start(item.block))
        if not text:
            return
        item.emitted = True
        if kind == "text" and self._stop_sequences:
            text = self._before_stop(text)
            if not text:
                return
        self._output_chars += len(text)
        delta = ev.text_delta if kind == "text" else ev.thinking_delta
        events.append(delta(item.block, text))

    def _before_stop(self, text: str) -> str:
        """The text that may go out now: up to a stop sequence, else all but a tail that
        could be the start of one (held until the next delta or the end of the block)."""
        pending = self._held + text
        found = [(pending.find(s), s) for s in self._stop_sequences if s in pending]
        if found:
            at, self._matched_stop = min(found)
            self._held = ""
            return pending[:at]
        keep = max(
            (k for s in self._stop_sequences for k in range(1, len(s)) if pending.endswith(s[:k])),
            default=0,
        )
        self._held = pending[len(pending) - keep :]
        return pending[: len(pending) - keep]

    def _start_tool(self, item: _Item, data: OutputItem, events: list[ev.Event]) -> None:
        if item.block >= 0:
            return
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise UpstreamProtocolError("the upstream sent a function call without a name")
        self._close_blocks(events)
        self._open, item.block = item, self._open_block("tool_use")
        self._emitted_tool_use = True
        call_id = data.get("call_id") or data.get("id")
        events.append(
            ev.tool_use_block_start(item.block, self._block_id(call_id), self._tool_name(name))
        )

    def _add_arguments(self, item: _Item, piece: str, events: list[ev.Event]) -> None:
        if not piece:
            return
        if self._open is not item or self._open_kind != "tool_use":
            raise UpstreamProtocolError(
                "the upstream sent function call arguments outside of their call's item"
            )
        item.arguments += piece
        self._output_chars += len(piece)
        events.append(ev.input_json_delta(item.block, piece))

    def _complete_arguments(self, item: _Item, arguments: str, events: list[ev.Event]) -> None:
        """The whole arguments (`….done`): send what the deltas have not sent yet."""
        if arguments.startswith(item.arguments):
            self._add_arguments(item, arguments[len(item.arguments) :], events)
        elif item.arguments.strip():
            raise UpstreamProtocolError(
                "the upstream's final function call arguments differ from its deltas"
            )

    def _close_blocks(self, events: list[ev.Event]) -> None:
        item = self._open
        if item is None:
            return
        if self._held and self._open_kind == "text":  # no stop sequence after all
            events.append(ev.text_delta(item.block, self._held))
            self._output_chars += len(self._held)
            self._held = ""
        if self._open_kind == "tool_use":
            arguments = item.arguments
            try:
                parsed = orjson.loads(arguments) if arguments.strip() else {}
            except orjson.JSONDecodeError:
                parsed = None
            if not isinstance(parsed, dict):
                raise UpstreamProtocolError(
                    f"the upstream's function call arguments are not a JSON object: "
                    f"{arguments[:200]!r}"
                )
            if not arguments.strip():
                # Claude Code builds the input from the deltas alone: say "{}" explicitly.
                events.append(ev.input_json_delta(item.block, "{}"))
        events.append(ev.block_stop(item.block))
        self._open, self._open_kind = None, ""

    def _stop_reason(self) -> tuple[str, str | None]:
        if self._matched_stop is not None and not self._emitted_tool_use:
            # what came after it (and any limit hit there) was dropped
            return "stop_sequence", self._matched_stop
        reason = self._incomplete_reason
        if reason is not None:
            return ("refusal" if reason == "content_filter" else "max_tokens"), None
        if self._emitted_tool_use:
            return "tool_use", None
        return ("refusal" if self._refused else "end_turn"), None


def _delta(event: StreamEvent) -> str:
    delta = event.get("delta")
    return delta if isinstance(delta, str) else ""


def _int(value: Any) -> int:
    return value if type(value) is int else 0


def _obj(value: Any) -> dict[str, Any]:
    """`value` when it is an object, else an empty one: upstream fields are checked as read."""
    return value if isinstance(value, dict) else {}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _failure(code: object, message: object) -> UpstreamProtocolError:
    """A response.failed or error event; codes that mean "later" keep their status."""
    text = message if isinstance(message, str) and message else "the upstream's response failed"
    if isinstance(code, str) and code:
        text = f"{text} ({code})"
    status = _RETRY_CODES.get(code) if isinstance(code, str) else None
    return UpstreamProtocolError(text, status=status)
