"""Fixtures for the login tests: a real authorization server on loopback, catalogue logins
pointed at it, and a memory-free token store in the test's own config dir."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from app.auth.store import TokenStore
from tests.support.logins import auth_server  # noqa: F401  (fixture)


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


@pytest.fixture
def store(tmp_path: Path) -> TokenStore:
    return TokenStore(tmp_path / "config")
