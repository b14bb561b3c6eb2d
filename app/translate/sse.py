"""Server-sent events: an incremental decoder (WHATWG rules) and the Anthropic event encoder.

The decoder follows httpx's `decode(chunk)` / `flush()` codec shape: bytes in, complete events
out, frames split anywhere (even inside a UTF-8 sequence or between `\\r` and `\\n`). It holds at
most `max_event` characters of an unfinished line and of one event's data: an upstream that
never ends its line cannot fill the memory.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from app.errors import UpstreamProtocolError

# The most the proxy holds in memory of one upstream answer: a whole (non-stream) body, or one
# event of a stream. Far above any real answer; far below what would hurt the machine.
MAX_UPSTREAM_BYTES = 32 * 1024 * 1024

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class SSEEvent:
    event: str | None  # None when the frame had no `event:` field (the WHATWG "message")
    data: str
    id: str | None = None


class SSEDecoder:
    """Turns a byte stream into events, one `feed()` per network chunk."""

    def __init__(self, *, max_event: int = MAX_UPSTREAM_BYTES) -> None:
        self._max_event = max_event
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._at_stream_start = True
        self._tail: list[str] = []  # pieces of an unfinished line
        self._tail_size = 0
        self._data: list[str] = []
        self._data_size = 0
        self._event: str | None = None
        self._last_id: str | None = None  # persists across events, per WHATWG

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        text = self._utf8.decode(chunk)
        if self._at_stream_start and text:
            self._at_stream_start = False
            if text[0] == "\ufeff":
                text = text[1:]
        if "\n" not in text and "\r" not in text:
            # Still inside one (maybe huge) line: no rescanning of what came before.
            self._tail.append(text)
            self._tail_size += len(text)
            if self._tail_size > self._max_event:
                raise self._too_long("line")
            return []
        if self._tail:
            text = "".join(self._tail) + text
        held = ""
        if "\r" in text:
            # A trailing "\r" may be the first half of "\r\n": keep it until the next chunk.
            if text[-1] == "\r":
                text, held = text[:-1], "\r"
            # CRLF (Gemini's framing) becomes LF: the plain split below, not the regex.
            text = text.replace("\r\n", "\n")
            if "\r" in text:  # lone CRs: the general splitter
                lines = _LINE_BREAK.split(text)
                self._tail = [lines.pop() + held]
                self._tail_size = len(self._tail[0])
                return self._process(lines)
        # the usual case: a plain split is twice as fast as the regex
        lines = text.split("\n")
        last = lines.pop() + held
        self._tail = [last] if last else []
        self._tail_size = len(last)
        return self._process(lines)

    def flush(self) -> list[SSEEvent]:
        """End of stream. Unlike WHATWG (which discards an event without its closing blank
        line), dispatch it: upstreams that omit the last blank line would otherwise lose their
        final chunk, and a truncated one surfaces as invalid JSON instead of vanishing."""
        lines = _LINE_BREAK.split("".join(self._tail) + self._utf8.decode(b"", final=True))
        self._tail = []
        self._tail_size = 0
        lines.append("")
        return self._process(lines)

    def _process(self, lines: list[str]) -> list[SSEEvent]:
        events: list[SSEEvent] = []
        for line in lines:
            if not line:
                if self._data:
                    events.append(SSEEvent(self._event, "\n".join(self._data), self._last_id))
                    self._data = []
                    self._data_size = 0
                self._event = None
                continue
            if line[0] == ":":  # a comment (keep-alive)
                continue
            name, _, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            if name == "data":
                self._data.append(value)
                self._data_size += len(value)
                if self._data_size > self._max_event:
                    raise self._too_long("event")
            elif name == "event":
                self._event = value
            elif name == "id" and "\0" not in value:
                self._last_id = value
            # `retry` and unknown fields are ignored.
        return events

    def _too_long(self, what: str) -> UpstreamProtocolError:
        self._tail, self._data = [], []  # free the memory now, not when the stream is dropped
        return UpstreamProtocolError(
            f"the upstream sent an event stream {what} over the {size_text(self._max_event)} limit"
        )


def size_text(size: int) -> str:
    """A size limit as people read it: "32 MiB", "4096 bytes"."""
    mib = 1024 * 1024
    return f"{size // mib} MiB" if size % mib == 0 else f"{size} bytes"


def encode_event(event: Mapping[str, Any]) -> bytes:
    """One Anthropic stream event as an SSE frame named after its type."""
    return b"event: %s\ndata: %s\n\n" % (event["type"].encode(), orjson.dumps(event))
