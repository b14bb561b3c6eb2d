"""Fetch models against a real loopback server speaking the OpenAI and Anthropic shapes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

from app.config.schema import Provider
from app.ui.fetch_models import FetchModelsError, fetch_models, model_names, models_url
from tests.support.recorder import LoopbackServer

KEY = "sk-models-key"


class ModelServer:
    def __init__(self) -> None:
        self.url = ""
        self.seen: list[web.Request] = []
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/slow/models", self._slow)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    async def _models(self, request: web.Request) -> web.Response:
        self.seen.append(request)
        if request.headers.get("x-api-key") == KEY:  # Anthropic: paged
            if request.query.get("after_id") == "claude-b":
                return web.json_response({"data": [{"id": "claude-c"}], "has_more": False})
            page = {
                "data": [{"id": "claude-a"}, {"id": "claude-b"}],
                "has_more": True,
                "last_id": "claude-b",
            }
            return web.json_response(page)
        if request.headers.get("x-goog-api-key") == KEY:  # Gemini: paged by token
            if request.query.get("pageToken") == "p2":
                return web.json_response({"models": [{"name": "models/gemini-c"}]})
            first = [
                {"name": "models/gemini-a", "supportedGenerationMethods": ["generateContent"]},
                {"name": "models/embed-1", "supportedGenerationMethods": ["embedContent"]},
            ]
            return web.json_response({"models": first, "nextPageToken": "p2"})
        if request.headers.get("Authorization") == f"Bearer {KEY}":
            return web.json_response({"object": "list", "data": [{"id": "gpt-x"}, {"id": "o9"}]})
        return web.json_response({"error": {"message": "Incorrect API key"}}, status=401)

    async def _slow(self, request: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.json_response({"data": []})


@pytest_asyncio.fixture
async def server() -> AsyncIterator[ModelServer]:
    model_server = ModelServer()
    await model_server.start()
    yield model_server
    await model_server.stop()


def provider(kind: str, base_url: str, **extra: Any) -> Provider:
    return Provider(name="p", kind=kind, base_url=base_url, **extra)  # type: ignore[arg-type]


def test_models_url_follows_each_dialects_base_url_convention() -> None:
    assert models_url(provider("anthropic", "https://api.anthropic.com")) == (
        "https://api.anthropic.com/v1/models"
    )
    assert (
        models_url(provider("openai-chat", "https://api.x.ai/v1")) == "https://api.x.ai/v1/models"
    )


def test_model_names_reads_the_known_shapes() -> None:
    assert model_names({"data": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}) == ["a", "b"]
    assert model_names({"models": [{"name": "models/gemini-x"}]}) == ["gemini-x"]
    assert model_names(["a", "b"]) == ["a", "b"]
    with pytest.raises(FetchModelsError, match="not a model list"):
        model_names({"detail": "nope"})


@pytest.mark.asyncio
async def test_openai_and_anthropic_lists_with_the_key(server: ModelServer) -> None:
    openai = provider("openai-chat", f"{server.url}/v1", headers={"X-Org": "team"})
    assert await fetch_models(openai, KEY) == ["gpt-x", "o9"]
    assert server.seen[-1].headers["X-Org"] == "team"
    anthropic = provider("anthropic", server.url)
    assert await fetch_models(anthropic, KEY) == ["claude-a", "claude-b", "claude-c"]
    assert server.seen[-1].headers["anthropic-version"] == "2023-06-01"


@pytest.mark.asyncio
async def test_a_gemini_list_is_paged_and_keeps_only_generating_models(server: ModelServer) -> None:
    gemini = provider("gemini", f"{server.url}/v1")
    assert await fetch_models(gemini, KEY) == ["gemini-a", "gemini-c"]
    assert "Authorization" not in server.seen[-1].headers


@pytest.mark.asyncio
async def test_failures_say_what_to_do(server: ModelServer) -> None:
    with pytest.raises(FetchModelsError, match=r"refused the API key \(HTTP 401: Incorrect API"):
        await fetch_models(provider("openai-chat", f"{server.url}/v1"), "wrong")
    with pytest.raises(FetchModelsError, match=r"has no model list \(HTTP 404\): check the base"):
        await fetch_models(provider("openai-chat", f"{server.url}/nothing"), KEY)
    with pytest.raises(FetchModelsError, match=r"no answer from .* within 0\.3 s"):
        await fetch_models(provider("openai-chat", f"{server.url}/slow"), KEY, limit_s=0.3)
    with pytest.raises(FetchModelsError, match="cannot reach"):
        await fetch_models(provider("openai-chat", "http://127.0.0.1:9/v1"), KEY)


@pytest.mark.asyncio
@pytest.mark.parametrize("redirect_status", [301, 302, 307, 308])
async def test_a_redirect_is_reported_and_never_followed_with_the_key(redirect_status: int) -> None:
    thief = LoopbackServer()
    await thief.start()
    redirector = LoopbackServer(redirect_to=thief.url, redirect_status=redirect_status)
    await redirector.start()
    try:
        provider = Provider(
            name="p",
            kind="openai-chat",
            base_url=redirector.url + "/v1",
            api_key="keyring:p",
            headers={"X-Custom-Secret": "custom-header-secret"},
        )
        with pytest.raises(FetchModelsError, match=f"redirects \\(HTTP {redirect_status}\\) to"):
            await fetch_models(provider, KEY)
        assert len(redirector.requests) == 1
        assert thief.requests == []
    finally:
        await redirector.stop()
        await thief.stop()


@pytest.mark.asyncio
async def test_a_key_echoed_in_a_refusal_is_not_shown() -> None:
    key = "plain-shaped-models-key-4242"

    async def refuse(request: web.Request) -> web.Response:
        echoed = request.headers.get("Authorization", "").removeprefix("Bearer ")
        body = {"error": {"message": f"Invalid API key provided: {echoed}"}}
        return web.json_response(body, status=401)

    app = web.Application()
    app.router.add_get("/v1/models", refuse)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/v1"
        provider = Provider(name="p", kind="openai-chat", base_url=url, api_key="keyring:p")
        with pytest.raises(FetchModelsError) as caught:
            await fetch_models(provider, key)
        assert "Invalid API key provided: [redacted]" in str(caught.value)
        assert key not in str(caught.value)
    finally:
        await runner.cleanup()
