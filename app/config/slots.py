"""Which model slot a requested model name means, and the names the launcher hands out.

The launcher sets ANTHROPIC_MODEL / ANTHROPIC_DEFAULT_<SLOT>_MODEL to `<model>@<slot>` (e.g.
`deepseek-chat@haiku`): Claude Code shows the real model in its UI, and the proxy reads the slot
back from the suffix without guessing. Names without a suffix (Claude Code's own defaults such as
`claude-opus-5-5`, or a user's `--model`) are matched with the profile's slot patterns.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.config.schema import SLOTS, ModelRef, Profile, Slot

_SUFFIX = re.compile(r"@(default|haiku|sonnet|opus)$")
_BY_NAME: dict[str, Slot] = {slot: slot for slot in SLOTS}
_MATCHED: tuple[Slot, ...] = ("haiku", "sonnet", "opus")


def launch_model_name(profile: Profile, slot: Slot) -> str:
    """The model name Claude Code is given for `slot` of `profile`."""
    first = ModelRef.parse(profile.models.route(slot)[0])
    shown = first.model if first.model != "*" else slot
    return f"{shown}@{slot}"


def slot_for_model(profile: Profile, requested: str) -> Slot:
    """The slot a requested model name selects (default when nothing matches)."""
    if match := _SUFFIX.search(requested):
        return _BY_NAME[match.group(1)]
    patterns = profile.slot_patterns
    for slot in _MATCHED:
        if _compiled(getattr(patterns, slot)).search(requested):
            return slot
    return "default"


def strip_slot_suffix(requested: str) -> str:
    return _SUFFIX.sub("", requested)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


__all__ = ["SLOTS", "launch_model_name", "slot_for_model", "strip_slot_suffix"]
