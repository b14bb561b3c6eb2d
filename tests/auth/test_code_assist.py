"""Project discovery for Gemini Code Assist against a loopback stand-in of its API that keeps
the rules the official CLI follows: a known tier answers with its project; a new account is
onboarded to the default tier (the free tier without a project, others with one) through an
operation that finishes after a poll."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from app.auth.code_assist import discover_project
from app.errors import LoginFailed

TOKEN = "ya29.test"


class CodeAssist:
    def __init__(self, *, tier: str | None, default: str = "free-tier") -> None:
        self.tier = tier
        self.default = default
        self.calls: list[tuple[str, Any]] = []
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1internal:loadCodeAssist", self._load)
        app.router.add_post("/v1internal:onboardUser", self._onboard)
        app.router.add_get("/v1internal/operations/op1", self._operation)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1internal"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {TOKEN}"

    async def _load(self, request: web.Request) -> web.Response:
        assert self._authorized(request)
        body = await request.json()
        self.calls.append(("load", body))
        if self.tier:
            return web.json_response(
                {"currentTier": {"id": self.tier}, "cloudaicompanionProject": "proj-known"}
            )
        tiers = [{"id": "legacy-tier"}, {"id": self.default, "isDefault": True}]
        return web.json_response({"allowedTiers": tiers})

    async def _onboard(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append(("onboard", body))
        if body["tierId"] == "free-tier" and "cloudaicompanionProject" in body:
            return web.json_response({"error": {"code": 412}}, status=412)
        return web.json_response({"name": "operations/op1", "done": False})

    async def _operation(self, request: web.Request) -> web.Response:
        self.calls.append(("poll", None))
        project = {"id": "proj-free"}
        return web.json_response({"done": True, "response": {"cloudaicompanionProject": project}})


@pytest_asyncio.fixture
async def servers() -> AsyncIterator[list[CodeAssist]]:
    made: list[CodeAssist] = []
    yield made
    for server in made:
        await server.stop()


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def no_wait(_: float) -> None:
    return None


@pytest.mark.asyncio
async def test_a_known_account_keeps_its_project(
    session: aiohttp.ClientSession, servers: list[CodeAssist]
) -> None:
    api = CodeAssist(tier="standard-tier")
    await api.start()
    servers.append(api)
    found = await discover_project(session, api.url, TOKEN, sleep=no_wait)
    assert found == {"project": "proj-known", "tier": "standard-tier"}
    assert [c[0] for c in api.calls] == ["load"]


@pytest.mark.asyncio
async def test_a_new_account_is_onboarded_to_the_free_tier_without_a_project(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch, servers: list[CodeAssist]
) -> None:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "my-proj")
    api = CodeAssist(tier=None)
    await api.start()
    servers.append(api)
    found = await discover_project(session, api.url, TOKEN, sleep=no_wait)
    assert found == {"project": "proj-free", "tier": "free-tier"}
    assert [c[0] for c in api.calls] == ["load", "onboard", "poll"]
    assert "cloudaicompanionProject" not in api.calls[1][1]


@pytest.mark.asyncio
async def test_a_paid_tier_needs_a_named_project(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch, servers: list[CodeAssist]
) -> None:
    monkeypatch.delenv("GOOGLE_CLOUD_PROJECT", raising=False)
    api = CodeAssist(tier=None, default="standard-tier")
    await api.start()
    servers.append(api)
    with pytest.raises(LoginFailed, match="GOOGLE_CLOUD_PROJECT"):
        await discover_project(session, api.url, TOKEN, sleep=no_wait)
    found = await discover_project(session, api.url, TOKEN, project="mine", sleep=no_wait)
    assert found["project"] == "proj-free"
    assert api.calls[-2][1]["cloudaicompanionProject"] == "mine"
