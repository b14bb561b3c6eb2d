"""The auto rule's memory: which named route each conversation got."""

from __future__ import annotations

from collections import OrderedDict

_MAX_CONVERSATIONS = 4096  # remembered choices; the least recently used is forgotten first


class Choices:
    """Which named route each conversation got: a bounded, least-recently-used memory."""

    def __init__(self, size: int = _MAX_CONVERSATIONS) -> None:
        self._size = size
        self._chosen: OrderedDict[bytes, str] = OrderedDict()

    def get(self, key: bytes) -> str | None:
        name = self._chosen.get(key)
        if name is not None:
            self._chosen.move_to_end(key)
        return name

    def put(self, key: bytes, name: str) -> None:
        self._chosen[key] = name
        self._chosen.move_to_end(key)
        while len(self._chosen) > self._size:
            self._chosen.popitem(last=False)
