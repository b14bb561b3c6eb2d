"""Server-sent events: an incremental decoder (WHATWG rules) and the Anthropic event encoder.

The decoder follows httpx's `decode(chunk)` / `flush()` codec shape: bytes in, complete events
out, frames split anywhere (even inside a UTF-8 sequence or between `\\r` and `\\n`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class SSEEvent:
    event: str | None  # None when the frame had no `event:` field (the WHATWG "message")
    data: str
    id: str | None = None


class SSEDecoder:
    """Turns a byte stream into events, one `feed()` per network chunk."""

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._at_stream_start = True
        self._tail: list[str] = []  # pieces of an unfinished line
        self._data: list[str] = []
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
                return self._process(lines)
        # the usual case: a plain split is twice as fast as the regex
        lines = text.split("\n")
        last = lines.pop() + held
        self._tail = [last] if last else []
        return self._process(lines)

    def flush(self) -> list[SSEEvent]:
        """End of stream. Unlike WHATWG (which discards an event without its closing blank
        line), dispatch it: upstreams that omit the last blank line would otherwise lose their
        final chunk, and a truncated one surfaces as invalid JSON instead of vanishing."""
        lines = _LINE_BREAK.split("".join(self._tail) + self._utf8.decode(b"", final=True))
        self._tail = []
        lines.append("")
        return self._process(lines)

    def _process(self, lines: list[str]) -> list[SSEEvent]:
        events: list[SSEEvent] = []
        for line in lines:
            if not line:
                if self._data:
                    events.append(SSEEvent(self._event, "\n".join(self._data), self._last_id))
                    self._data = []
                self._event = None
                continue
            if line[0] == ":":  # a comment (keep-alive)
                continue
            name, _, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            if name == "data":
                self._data.append(value)
            elif name == "event":
                self._event = value
            elif name == "id" and "\0" not in value:
                self._last_id = value
            # `retry` and unknown fields are ignored.
        return events


def encode_event(event: Mapping[str, Any]) -> bytes:
    """One Anthropic stream event as an SSE frame named after its type."""
    return b"event: %s\ndata: %s\n\n" % (event["type"].encode(), orjson.dumps(event))
