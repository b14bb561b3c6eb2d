"""Whether the tray app can show anything at all; decided without importing Qt."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def display_problem(
    env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> str | None:
    """Why no window can open here (a Linux box with no display), or None when one can.

    QT_QPA_PLATFORM counts as a display: it names a platform plugin (offscreen, vnc, ...)
    that needs none.
    """
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    if any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return "no display (DISPLAY and WAYLAND_DISPLAY are unset)"
