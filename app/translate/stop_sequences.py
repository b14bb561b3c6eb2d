"""Which of the client's stop sequences ended an answer, when the upstream does not say.

OpenAI-style upstreams and Gemini strip the matched sequence and report only "stop". Two
tells remain: an upstream that keeps the sequence leaves it at the end of the text, and a
closing-tag sequence (the auto-mode classifier's "</block>") leaves its tag open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CLOSING_TAG = re.compile(r"</([A-Za-z][\w.-]*)>")


class StopSequences:
    """Fed the answer's text as it streams; `matched(stopped)` names the sequence that ended it.
    Costs nothing when the client sent no stop sequences."""

    def __init__(self, sequences: Sequence[str]) -> None:
        self._sequences = tuple(s for s in sequences if s)
        self._tail_size = max((len(s) for s in self._sequences), default=0)
        self._tail = ""
        self._tag_stops = tuple(
            (s, re.compile(rf"<{re.escape(m.group(1))}[\s>]"))
            for s in self._sequences
            if (m := _CLOSING_TAG.fullmatch(s))
        )
        self._text: list[str] | None = [] if self._tag_stops else None

    def feed(self, text: str) -> None:
        if self._tail_size:
            self._tail = (self._tail + text)[-self._tail_size :]
            if self._text is not None:
                self._text.append(text)

    def matched(self, *, stopped: bool, reported: str | None = None) -> str | None:
        """The sequence that ended the answer: the one the upstream `reported`, one the text
        ends with, or (when the upstream said it `stopped` normally) a closing tag left open."""
        if reported in self._sequences:
            return reported
        for sequence in self._sequences:
            if self._tail.endswith(sequence):
                return sequence
        if stopped and self._text is not None:
            text = "".join(self._text)
            for sequence, opener in self._tag_stops:
                if len(opener.findall(text)) > text.count(sequence):
                    return sequence  # stripped by the upstream: put it back
        return None
