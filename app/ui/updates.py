"""The tray's update check: at start when a release feed is configured, and from the menu.
It only tells the user (a notice, a menu entry that opens the release page); nothing is ever
downloaded or installed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from app import __version__
from app.config.schema import Settings
from app.system.network import tls_context
from app.system.updates import Release, UpdateCheckFailed, is_newer, latest_release
from app.ui.notices import Notice

log = logging.getLogger(__name__)


class UpdateCheck:
    def __init__(self, settings: Callable[[], Settings], notify: Callable[[Notice], None]) -> None:
        self._settings = settings
        self._notify = notify
        self.available: Release | None = None  # a newer release, once one was found

    @property
    def is_configured(self) -> bool:
        return bool(self._settings().update_feed_url)

    async def check(self) -> str:
        """Ask the feed (off the event loop); the answer as a sentence for the user. A newer
        release is remembered and announced once."""
        settings = self._settings()
        feed, network = settings.update_feed_url, settings.network
        if not feed:
            return "No release feed is configured (settings.update_feed_url)."
        try:
            release = await asyncio.to_thread(
                latest_release,
                feed,
                f"switchboard/{__version__}",
                tls=tls_context(network.system_trust_store),
                system_proxy=network.system_proxy,
            )
        except UpdateCheckFailed as exc:
            log.info("update check failed: %s", exc)
            return f"The update check failed: {exc}"
        if not is_newer(release.version, __version__):
            return f"Switchboard {__version__} is the newest version."
        if self.available is None or self.available.version != release.version:
            self.available = release
            self._notify(
                Notice(
                    "update",
                    f"Switchboard {release.version} is out",
                    f"You have {__version__}. The tray menu opens the release page.",
                )
            )
        return f"Switchboard {release.version} is out (you have {__version__}): {release.url}"
