"""Names for new providers and profiles."""

from __future__ import annotations

from collections.abc import Collection


def unique_name(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is free."""
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    return name
