"""The config as the proxy uses it: looked up by name, secrets resolved once.

A reload builds a new Runtime and swaps it in; requests already running keep the one they
started with, so a reload never cuts a stream in flight.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field

from app.config.schema import Config, Profile, Provider
from app.config.secrets import SecretUnavailable, resolve_secret
from app.errors import AuthenticationFailed
from app.system import redact

_debug_log = logging.getLogger("app.proxy.handlers")
# Extra provider headers that carry credentials: their values are secrets like the key.
_CREDENTIAL_HEADER = re.compile(r"(?i)auth|key|token|secret")


@dataclass
class Runtime:
    config: Config
    token: str | None  # None: the local token is not required
    profiles: dict[str, Profile] = field(init=False)
    providers: dict[str, Provider] = field(init=False)
    default_profile: str | None = field(init=False)
    max_body: int = field(init=False)
    log_bodies: bool = field(init=False)  # settings.log_bodies, and the log is at DEBUG
    _keys: dict[str, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.profiles = {p.name: p for p in self.config.profiles}
        self.providers = {p.name: p for p in self.config.providers}
        default = self.config.default_profile
        self.default_profile = default.name if default else None
        self.max_body = self.config.settings.max_body_mb * 1024 * 1024
        self.log_bodies = self.config.settings.log_bodies and _debug_log.isEnabledFor(logging.DEBUG)
        redact.remember(self.token)
        for provider in self.config.providers:
            for name, value in provider.headers.items():
                if _CREDENTIAL_HEADER.search(name):
                    redact.remember(value)

    async def api_key(self, provider: Provider) -> str | None:
        """The provider's key, read from the keyring or environment once and then cached."""
        if provider.name in self._keys:
            return self._keys[provider.name]
        if provider.auth_style == "none" or not provider.api_key:
            key = None
        else:
            try:
                # keyring may block on D-Bus: keep it off the event loop
                key = await asyncio.to_thread(resolve_secret, provider.api_key)
            except SecretUnavailable as exc:
                raise AuthenticationFailed(
                    f"provider {provider.name!r}: no API key available ({exc})"
                ) from exc
        redact.remember(key)  # from now on no error text or log line carries it
        self._keys[provider.name] = key
        return key
