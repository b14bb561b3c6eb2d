"""Valid access tokens for the proxy: cached in memory, refreshed before they expire, one
refresh per login at a time however many requests wait for it.

The keyring is read on first use and again before each refresh (the CLI or another
Switchboard may have refreshed, and a rotated refresh token is good only once), always in a
worker thread. Listeners hear when a login needs the user again, and when it is fine again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import aiohttp

from app.auth.credential import Credential
from app.auth.store import TokenStore
from app.auth.tokens import refresh_credential
from app.config.logins import LoginSpec
from app.config.presets import load_catalogue
from app.errors import LoginFailed, LoginRequired

log = logging.getLogger(__name__)

Listener = Callable[[str, str | None], None]  # (login, problem or None when fine again)


def catalogue_spec(preset: str) -> LoginSpec | None:
    found = load_catalogue().get(preset)
    return found.login if found is not None else None


class Logins:
    def __init__(
        self,
        store: TokenStore,
        session: Callable[[], aiohttp.ClientSession],
        *,
        specs: Callable[[str], LoginSpec | None] = catalogue_spec,
    ) -> None:
        self._store = store
        self._session = session
        self._specs = specs
        self._cache: dict[str, Credential] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.problems: dict[str, str] = {}  # logins that need the user, and why
        self.listeners: list[Listener] = []
        self.refreshes = 0  # refresh calls made (metrics, tests)

    async def current(self, name: str) -> Credential:
        """A credential whose access token is not about to expire."""
        cached = self._cache.get(name)
        if cached is not None and not cached.expires_within(self._lead(cached)):
            return cached
        async with self._lock(name):
            cached = self._cache.get(name)
            if cached is None:
                cached = await self._load(name)
            if cached.expires_within(self._lead(cached)):
                cached = await self._refresh(cached)
            return cached

    async def after_rejection(self, name: str, rejected: str) -> Credential:
        """The upstream refused `rejected` (401): a new token, refreshed at most once however
        many requests were refused with the same token."""
        async with self._lock(name):
            cached = self._cache.get(name) or await self._load(name)
            if cached.access_token != rejected:
                return cached  # another request refreshed while this one waited
            return await self._refresh(cached, force=True)

    async def refresh(self, name: str) -> Credential:
        """Refresh now (`switchboard auth refresh`, the Settings button)."""
        async with self._lock(name):
            cached = self._cache.get(name) or await self._load(name)
            return await self._refresh(cached, force=True)

    def forget(self, name: str) -> None:
        """Drop the cached copy (after a new login or a logout)."""
        self._cache.pop(name, None)
        self._clear_problem(name)

    def _lock(self, name: str) -> asyncio.Lock:
        lock = self._locks.get(name)
        if lock is None:
            lock = self._locks[name] = asyncio.Lock()
        return lock

    def _lead(self, credential: Credential) -> float:
        spec = self._specs(credential.preset)
        return spec.refresh_lead if spec is not None else 60.0

    async def _load(self, name: str) -> Credential:
        stored = await asyncio.to_thread(self._store.load, name)
        if stored is None:
            raise self._problem(LoginRequired(name, "not logged in"))
        self._cache[name] = stored
        return stored

    async def _refresh(self, credential: Credential, *, force: bool = False) -> Credential:
        name = credential.name
        stored = await asyncio.to_thread(self._store.load, name)
        if stored is not None and stored.access_token != credential.access_token:
            self._cache[name] = stored  # refreshed elsewhere: its refresh token is the live one
            if force or not stored.expires_within(self._lead(stored)):
                return stored
            credential = stored
        spec = self._specs(credential.preset)
        if spec is None:
            raise self._problem(LoginRequired(name, f"unknown login kind {credential.preset!r}"))
        self.refreshes += 1
        try:
            fresh = await refresh_credential(self._session(), spec, credential)
        except LoginRequired as exc:
            raise self._problem(exc) from None
        except LoginFailed:
            log.warning("login %s: refresh failed for now", name)
            raise
        await asyncio.to_thread(self._store.save, fresh)
        self._cache[name] = fresh
        self._clear_problem(name)
        log.info("login %s refreshed", name)
        return fresh

    def _problem(self, exc: LoginRequired) -> LoginRequired:
        if self.problems.get(exc.login) != exc.reason:
            self.problems[exc.login] = exc.reason
            log.warning("login %s needs the user: %s", exc.login, exc.reason)
            self._tell(exc.login, exc.reason)
        return exc

    def _clear_problem(self, name: str) -> None:
        if self.problems.pop(name, None) is not None:
            self._tell(name, None)

    def _tell(self, name: str, problem: str | None) -> None:
        for listener in list(self.listeners):
            try:
                listener(name, problem)
            except Exception:
                log.exception("login listener failed")
