"""The key a provider is called with: a static key from the Runtime, or a login's current
access token (which changes as it is refreshed, so it is asked for on every request: a memory
lookup unless a refresh is due).

A login may name its own API base (Copilot's per-account endpoint, Qwen's `resource_url`) or
headers (ChatGPT's account id): the provider is then used through a copy with them, made once
per change so the per-provider caches (quirks) keep hitting.
"""

from __future__ import annotations

from app.auth.credential import Credential
from app.auth.manager import Logins
from app.auth.tokens import login_headers, login_quirks
from app.config.logins import login_name
from app.config.schema import Provider
from app.errors import LoginFailed, LoginRequired, UpstreamError
from app.proxy.runtime import Runtime


class ProviderAuth:
    def __init__(self, logins: Logins) -> None:
        self.logins = logins
        self._rebased: dict[tuple[object, ...], tuple[Provider, Provider]] = {}

    async def resolve(self, runtime: Runtime, provider: Provider) -> tuple[Provider, str | None]:
        """(the provider to call, its key); UpstreamError 401 when there is none."""
        login = login_name(provider.api_key)
        if login is None:
            return provider, await runtime.api_key(provider)
        try:
            credential = await self.logins.current(login)
        except (LoginRequired, LoginFailed) as exc:
            raise _upstream(provider, exc) from None
        return self._based(provider, credential), credential.access_token

    async def after_rejection(
        self, provider: Provider, rejected: str | None
    ) -> tuple[Provider, str] | None:
        """A new token after the upstream answered 401 to `rejected`; None when the provider
        is not a login (a static key does not get better by asking again)."""
        login = login_name(provider.api_key)
        if login is None or rejected is None:
            return None
        try:
            credential = await self.logins.after_rejection(login, rejected)
        except (LoginRequired, LoginFailed) as exc:
            raise _upstream(provider, exc) from None
        return self._based(provider, credential), credential.access_token

    def _based(self, provider: Provider, credential: Credential) -> Provider:
        base = credential.base_url or provider.base_url
        headers = login_headers(credential) if credential.extra else {}
        quirks = login_quirks(credential) if credential.extra else {}
        if base == provider.base_url and not headers and not quirks:
            return provider
        key = (id(provider), base, tuple(sorted(headers.items())), tuple(sorted(quirks.items())))
        entry = self._rebased.get(key)
        if entry is not None and entry[0] is provider:
            return entry[1]
        if len(self._rebased) > 256:
            self._rebased.clear()
        update: dict[str, object] = {"base_url": base}
        if headers:
            update["headers"] = {**provider.headers, **headers}
        if quirks:
            update["quirks"] = {**provider.quirks, **quirks}
        rebased = provider.model_copy(update=update)
        self._rebased[key] = (provider, rebased)
        return rebased


def _upstream(provider: Provider, exc: LoginRequired | LoginFailed) -> UpstreamError:
    if isinstance(exc, LoginRequired):
        return UpstreamError(exc.message, provider=provider.name, status=401)
    return UpstreamError(exc.message, provider=provider.name, status=502, retryable=True)
