"""What every upstream stream translator shares: the life of one Anthropic message.

A subclass turns its upstream's chunks into content blocks (`_feed`, `_close_blocks`) and says
why the answer stopped (`_stop_reason`) and what it cost (`usage`); this class keeps the
invariants Claude Code relies on: one `message_start` first, `message_delta` right before the
one `message_stop`, nothing after `message_stop` or an `error` event, block indices 0, 1, 2…,
tool ids never repeated in a message. Events made before a protocol failure are kept, and only
`error()` hands them out (they must be followed by the error event, never by a normal stop).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from app.errors import UpstreamProtocolError
from app.translate import events as ev

Chunk = TypeVar("Chunk")
_TOOL_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
CHARS_PER_TOKEN = 4  # output estimate when an upstream reports no usage


class StreamWriter(Generic[Chunk]):
    def __init__(
        self,
        *,
        model: str,
        input_tokens_hint: int,
        message_id: Callable[[], str],
        tool_id: Callable[[], str],
        tool_names: Mapping[str, str] | None,
    ) -> None:
        self._model = model
        self._input_tokens_hint = input_tokens_hint
        self._new_message_id = message_id
        self._new_tool_id = tool_id
        self._tool_names = tool_names or {}  # upstream name → Claude Code's (tool_names.py)
        self._started = False  # message_start produced
        self._delivered = False  # events returned to the caller
        self._ended = False
        self._undelivered: list[ev.Event] = []  # produced before a failure; error() sends them
        self._next_index = 0
        self._open_index = -1
        self._open_kind = ""  # "text" | "thinking" | "tool_use" | "" (none open)
        self._block_ids: set[str] = set()
        self._emitted_tool_use = False
        self._output_chars = 0

    # What a subclass supplies -----------------------------------------------------------------

    def _feed(self, chunk: Chunk, events: list[ev.Event]) -> None:
        raise NotImplementedError

    def _close_blocks(self, events: list[ev.Event]) -> None:
        """The answer is complete: close whatever block is open (and flush what is held)."""
        raise NotImplementedError

    def _stop_reason(self) -> tuple[str, str | None]:
        raise NotImplementedError

    def _final_usage(self) -> dict[str, int]:
        """The usage message_delta carries."""
        raise NotImplementedError

    # Public steps -----------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """True once events have been handed out: from then on, no failover. (Events made
        before a failure are handed out only by error().)"""
        return self._delivered

    def feed(self, chunk: Chunk) -> list[ev.Event]:
        if self._ended:
            return []
        events: list[ev.Event] = []
        try:
            self._feed(chunk, events)
        except UpstreamProtocolError:
            self._undelivered = events
            raise
        self._delivered = self._delivered or bool(events)
        return events

    def finish(self) -> list[ev.Event]:
        """The upstream stream ended: close the message."""
        if self._ended:
            return []
        if not self._started:
            raise UpstreamProtocolError("the upstream ended its stream without sending an answer")
        events: list[ev.Event] = []
        try:
            self._close_blocks(events)
        except UpstreamProtocolError:
            self._undelivered = events
            raise
        stop_reason, stop_sequence = self._stop_reason()
        events.append(ev.message_delta(stop_reason, stop_sequence, self._final_usage()))
        events.append(ev.message_stop())
        self._ended = self._delivered = True
        return events

    def error(self, error_type: str, message: str) -> list[ev.Event]:
        """End the stream on an upstream failure. Never a normal message_stop: Claude Code
        would take the truncated answer as complete; an error event makes it retry."""
        if self._ended:
            return []
        events, self._undelivered = self._undelivered, []
        if not self._started:
            self._start(events)
        events.append(ev.error_event(error_type, message))
        self._ended = self._delivered = True
        return events

    # Helpers ----------------------------------------------------------------------------------

    def _start(self, events: list[ev.Event]) -> None:
        self._started = True
        events.append(
            ev.message_start(self._new_message_id(), self._model, self._input_tokens_hint)
        )

    def _open_block(self, kind: str) -> int:
        """The index of the next block, now the open one."""
        index = self._open_index = self._next_index
        self._next_index += 1
        self._open_kind = kind
        return index

    def _block_id(self, upstream_id: object) -> str:
        """The upstream's id when usable (Anthropic ids allow only [A-Za-z0-9_-]), else ours;
        never the same id twice in one message (Claude Code merges blocks sharing an id)."""
        block_id = _TOOL_ID_UNSAFE.sub("_", upstream_id) if isinstance(upstream_id, str) else ""
        while not block_id or block_id in self._block_ids:
            block_id = self._new_tool_id()
        self._block_ids.add(block_id)
        return block_id

    def _tool_name(self, upstream_name: str) -> str:
        return self._tool_names.get(upstream_name, upstream_name)
