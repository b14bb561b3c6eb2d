"""A small least-recently-used memory: the auto rule's route per conversation, summaries."""

from __future__ import annotations

from collections import OrderedDict


class Remembered:
    """Text remembered by a key, at most `size` entries; the least recently used goes first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[bytes, str] = OrderedDict()

    def get(self, key: bytes) -> str | None:
        text = self._entries.get(key)
        if text is not None:
            self._entries.move_to_end(key)
        return text

    def put(self, key: bytes, text: str) -> None:
        self._entries[key] = text
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
