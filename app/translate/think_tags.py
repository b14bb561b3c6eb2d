"""Reasoning that some open models leak into `content` as `<think>…</think>`.

Tags arrive split across chunks ("<thi", "nk>"), so this is a stateful scanner: it holds back
only the few characters that could still become a tag. A `<think>` counts only at the very
start of the answer (after whitespace): later in the text it is the model talking about tags
(code, docs), and is left alone.
"""

from __future__ import annotations

_OPEN = "<think>"
_CLOSE = "</think>"

Piece = tuple[bool, str]  # (is_thinking, text)


def _partial_tag_length(text: str, tag: str) -> int:
    """Length of the longest end of `text` that is a beginning of `tag`."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


class ThinkTagScanner:
    def __init__(self) -> None:
        # "start": only whitespace so far; "think": inside the tags; "after": just closed,
        # skipping the blank lines before the answer; "text": plain pass-through.
        self._state = "start"
        self._held = ""

    def feed(self, text: str) -> list[Piece]:
        if self._state == "text":
            return [(False, text)]
        pieces: list[Piece] = []
        buffer = self._held + text
        self._held = ""
        if self._state == "start":
            stripped = buffer.lstrip()
            if stripped.startswith(_OPEN):
                self._state = "think"
                buffer = stripped[len(_OPEN) :]
            elif _OPEN.startswith(stripped):
                self._held = buffer
                return pieces
            else:
                self._state = "text"
                return [(False, buffer)]
        if self._state == "think":
            end = buffer.find(_CLOSE)
            if end < 0:
                keep = _partial_tag_length(buffer, _CLOSE)
                if keep:
                    self._held = buffer[-keep:]
                    buffer = buffer[:-keep]
                if buffer:
                    pieces.append((True, buffer))
                return pieces
            if end:
                pieces.append((True, buffer[:end]))
            self._state = "after"
            buffer = buffer[end + len(_CLOSE) :]
        # state "after"
        buffer = buffer.lstrip()
        if buffer:
            self._state = "text"
            pieces.append((False, buffer))
        return pieces

    def flush(self) -> list[Piece]:
        """What was held back when the content ends."""
        held, self._held = self._held, ""
        if not held:
            return []
        return [(self._state == "think", held)]
