"""macOS: a menu-bar app keeps out of the Dock.

The bundle says so in its Info.plist (LSUIElement, written by build.spec). Run from source
there is no Info.plist, so the running process asks AppKit for the same thing: the
"accessory" activation policy (no Dock icon, no app menu; windows still open and take focus).
"""

from __future__ import annotations

import logging
import sys

from app.system.resources import is_frozen

log = logging.getLogger(__name__)


def keep_out_of_dock(platform: str = sys.platform) -> bool:
    """True when this process was made an accessory app (only on macOS, from source)."""
    if platform != "darwin" or is_frozen():
        return False
    try:
        from AppKit import (  # type: ignore[import-not-found]  # pyobjc, macOS only
            NSApplication,
            NSApplicationActivationPolicyAccessory,
        )
    except ImportError:
        log.info("pyobjc's AppKit is missing: the Dock shows an icon while Switchboard runs")
        return False
    return bool(
        NSApplication.sharedApplication().setActivationPolicy_(
            NSApplicationActivationPolicyAccessory
        )
    )
