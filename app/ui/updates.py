"""The tray's update check: at start when a release feed is configured, and from the menu.
It only tells the user (a notice, a menu entry that opens the release page); nothing is ever
downloaded or installed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

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
            return QCoreApplication.translate(
                "UpdateCheck", "No release feed is configured (settings.update_feed_url)."
            )
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
            failed = QCoreApplication.translate("UpdateCheck", "The update check failed: {error}")
            return failed.format(error=exc)
        if not is_newer(release.version, __version__):
            newest = QCoreApplication.translate(
                "UpdateCheck", "Switchboard {version} is the newest version."
            )
            return newest.format(version=__version__)
        if self.available is None or self.available.version != release.version:
            self.available = release
            title = QCoreApplication.translate("UpdateCheck", "Switchboard {version} is out")
            body = QCoreApplication.translate(
                "UpdateCheck", "You have {version}. The tray menu opens the release page."
            )
            self._notify(
                Notice(
                    "update",
                    title.format(version=release.version),
                    body.format(version=__version__),
                )
            )
        out = QCoreApplication.translate(
            "UpdateCheck", "Switchboard {version} is out (you have {current}): {url}"
        )
        return out.format(version=release.version, current=__version__, url=release.url)
