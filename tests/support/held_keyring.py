"""A real keyring backend (secrets in memory) whose calls a test can hold, as an open Secret
Service prompt holds them until the user answers. Installed with `keyring.set_keyring`, so the
app's own keyring calls (`app.config.secrets`) go through it unchanged."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator

import keyring
import keyring.errors
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend

HOLD_S = 5.0  # a held call gives up after this (so a broken build fails, not hangs)


class HeldKeyring(KeyringBackend):
    installed = False  # only then is it viable: keyring must never pick it by itself

    @properties.classproperty
    def priority(cls) -> float:
        if not cls.installed:
            raise RuntimeError("only for the tests that install it")
        return 1.0

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.calls: list[tuple[str, str]] = []
        self._free = threading.Event()
        self._free.set()
        self.waiting = threading.Event()  # set while a call is held

    @classmethod
    def install(cls) -> HeldKeyring:
        cls.installed = True
        backend = cls()
        keyring.set_keyring(backend)
        return backend

    def hold(self) -> None:
        self._free.clear()

    def release(self) -> None:
        self._free.set()

    def _pass(self, call: str, username: str) -> None:
        self.calls.append((call, username))
        if not self._free.is_set():
            self.waiting.set()
            self._free.wait(HOLD_S)
            self.waiting.clear()

    def get_password(self, service: str, username: str) -> str | None:
        self._pass("get", username)
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._pass("set", username)
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._pass("delete", username)
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def held_keyring() -> Iterator[HeldKeyring]:
    before = keyring.get_keyring()
    backend = HeldKeyring.install()
    try:
        yield backend
    finally:
        backend.release()
        keyring.set_keyring(before)
        HeldKeyring.installed = False


async def until(condition: Callable[[], bool], within_s: float = HOLD_S) -> None:
    """Poll `condition` while the event loop keeps running."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not condition():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)
