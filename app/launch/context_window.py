"""The context window Claude Code should budget for when a profile's models are not Claude's.

Claude Code assumes a Claude-sized window for any model name it does not know, so a 64k or 128k
model overflows long before Claude Code compacts on its own. CLAUDE_CODE_AUTO_COMPACT_WINDOW
tells it the real size (PROTOCOL.md, Context windows and compaction).
"""

from __future__ import annotations

from app.config.presets import model_spec
from app.config.schema import Config, ModelRef, Profile, Slot

# The slots a conversation runs on; haiku serves titles and background calls only.
MAIN_SLOTS: tuple[Slot, ...] = ("default", "sonnet", "opus")


def auto_compact_window(config: Config, profile: Profile) -> int | None:
    """The smallest known window among the candidates that may serve the profile's main
    slots (failover may land on any of them); None when none is known."""
    windows = []
    for slot in MAIN_SLOTS:
        for ref in profile.models.route(slot):
            parsed = ModelRef.parse(ref)
            provider = config.provider(parsed.provider)
            if provider is None or not provider.enabled:
                continue
            spec = model_spec(provider, parsed.model)
            if spec is not None and spec.context_window is not None:
                windows.append(spec.context_window)
    return min(windows, default=None)
