"""One upstream tool call's arguments as they stream in: pieces, or cumulative snapshots."""

from __future__ import annotations

from typing import Any

import orjson


class ToolCallBuffer:
    """One upstream tool call, from its first delta to its block's stop."""

    __slots__ = ("closed", "ends_with_brace", "length", "name", "pieces", "upstream_id")

    def __init__(self, upstream_id: str | None) -> None:
        self.upstream_id = upstream_id
        self.name: str | None = None
        self.pieces: list[str] = []
        self.length = 0
        self.ends_with_brace = False
        self.closed = False

    def add_arguments(self, piece: str) -> str:
        """Record a piece of the arguments; returns the text it adds (a snapshot that repeats
        what came before adds only its new end)."""
        if self.length and len(piece) >= self.length and piece.startswith(self.arguments()):
            added = piece[self.length :]  # a snapshot: all that came before, and more
            self.pieces = [piece]
            self.length = len(piece)
        else:
            added = piece
            self.pieces.append(piece)
            self.length += len(piece)
        self._note_end(piece)
        return added

    def _note_end(self, piece: str) -> None:
        tail = piece.rstrip()
        if tail:
            self.ends_with_brace = tail[-1] == "}"

    def arguments(self) -> str:
        if len(self.pieces) > 1:
            self.pieces = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""

    def is_complete(self) -> bool:
        """Whether the arguments so far are a whole JSON object (cheap test first: a call
        switch, the only caller, is rare, but interleaved streams ask on every piece)."""
        return self.ends_with_brace and self.parsed_arguments() is not None

    def parsed_arguments(self) -> dict[str, Any] | None:
        """The arguments as a JSON object, or None while they are not one (yet)."""
        try:
            value = orjson.loads(self.arguments() or "{}")
        except orjson.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None
