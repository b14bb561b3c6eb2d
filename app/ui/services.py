"""What the settings pages ask of the running app, beyond the config draft."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.ui.preferences import Preferences


class AppServices(Protocol):
    @property
    def preferences(self) -> Preferences: ...

    @property
    def config_path(self) -> Path: ...

    def save_preferences(self) -> None: ...

    def local_token(self) -> str: ...

    async def regenerate_token(self) -> str:
        """Make a new local token, have the proxy require it, and return it."""

    def is_autostart_enabled(self) -> bool: ...

    def set_autostart(self, enabled: bool) -> None:
        """Raises OSError when the login entry cannot be written."""

    def log_folder(self) -> Path: ...

    def terminals(self) -> list[str]:
        """Installed terminal names, the default first."""

    def login_changed(self, name: str) -> None:
        """A login was made or removed in Settings: the proxy drops its cached tokens."""
