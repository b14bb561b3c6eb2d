"""The MCP endpoint (/mcp/<profile>): JSON-RPC over HTTP, behind the local token, with
embeddings from a real loopback OpenAI-compatible /embeddings server."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from app.proxy.mcp import TOOL_NAME
from tests.support.proxy import TOKEN, ProxyFactory

VOCABULARY = ("money", "user", "file")


def _vector(text: str) -> list[float]:
    """A toy 'meaning': one axis per topic word family, plus a tiny hashed jitter."""
    lowered = text.lower()
    topics = {
        "money": ("price", "discount", "refund", "money", "cash"),
        "user": ("user", "login", "account"),
        "file": ("file", "path", "disk"),
    }
    jitter = hashlib.blake2b(text.encode(), digest_size=1).digest()[0] / 1e4
    return [float(sum(w in lowered for w in topics[v])) + jitter for v in VOCABULARY]


class Embeddings:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.keys: list[str] = []
        self.fail = False
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/embeddings", self._embed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"

    async def _embed(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append(body)
        self.keys.append(request.headers.get("Authorization", ""))
        if self.fail:
            return web.json_response({"error": {"message": "down"}}, status=503)
        data = [
            {"object": "embedding", "index": i, "embedding": _vector(t)}
            for i, t in reversed(list(enumerate(body["input"])))  # any order: sorted by index
        ]
        return web.json_response({"object": "list", "data": data, "model": body["model"]})


@pytest_asyncio.fixture
async def embeddings() -> AsyncIterator[Embeddings]:
    server = Embeddings()
    await server.start()
    yield server
    await server._runner.cleanup()


def _project(root: Path) -> Path:
    project = root / "shop"
    project.mkdir()
    (project / "billing.py").write_text(
        "def apply_discount(price, percent):\n    return price * (1 - percent / 100)\n"
    )
    (project / "accounts.py").write_text("def login(user):\n    return user.account\n")
    (project / "storage.py").write_text("def save(path):\n    open(path, 'w')\n")
    return project


def _config(project: Path, embeddings_url: str | None = None) -> dict[str, Any]:
    knowledge: dict[str, Any] = {"folders": [str(project)], "chunk_lines": 10}
    providers = []
    if embeddings_url:
        providers.append(
            {"name": "emb", "kind": "openai-chat", "base_url": embeddings_url, "api_key": "ek"}
        )
        knowledge["embeddings"] = "emb/text-embedding-small"
    return {
        "providers": providers
        or [{"name": "x", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"}],
        "profiles": [
            {"name": "p", "models": {"default": "x/m" if not embeddings_url else "emb/m"}}
            | {"knowledge": knowledge},
            {"name": "plain", "models": {"default": "x/m" if not embeddings_url else "emb/m"}},
        ],
    }


async def _rpc(url: str, message: Any, token: str | None = TOKEN) -> tuple[int, Any]:
    headers = {"Accept": "application/json, text/event-stream"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=message, headers=headers) as response,
    ):
        text = await response.text()
        return response.status, (await response.json() if text else None)


def _call(query: str, ident: int = 3, **extra: Any) -> dict[str, Any]:
    arguments = {"query": query, **extra}
    params = {"name": TOOL_NAME, "arguments": arguments}
    return {"jsonrpc": "2.0", "id": ident, "method": "tools/call", "params": params}


@pytest.mark.asyncio
async def test_the_handshake_and_a_search(start_proxy: ProxyFactory, tmp_path: Path) -> None:
    proxy = await start_proxy(_config(_project(tmp_path)))
    url = f"{proxy.url}/mcp/p"
    init = {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "t"},
        },
    }
    status, answer = await _rpc(url, init)
    assert status == 200 and answer["result"]["protocolVersion"] == "2025-06-18"
    assert answer["result"]["capabilities"] == {"tools": {"listChanged": False}}
    assert await _rpc(url, {"jsonrpc": "2.0", "method": "notifications/initialized"}) == (202, None)
    status, listed = await _rpc(url, {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert [t["name"] for t in listed["result"]["tools"]] == [TOOL_NAME]
    status, found = await _rpc(url, _call("apply discount", limit=1))
    text = found["result"]["content"][0]["text"]
    assert found["result"]["isError"] is False
    assert text.startswith("Index: 3 files, 3 passages")
    assert "## shop/billing.py:1-2\n```\ndef apply_discount" in text
    assert "accounts.py" not in text  # limit 1


@pytest.mark.asyncio
async def test_embeddings_rank_by_meaning(
    start_proxy: ProxyFactory, embeddings: Embeddings, tmp_path: Path
) -> None:
    proxy = await start_proxy(_config(_project(tmp_path), embeddings.url))
    # "refund cash" shares no word with any file; only the vectors can find billing.py
    _, found = await _rpc(f"{proxy.url}/mcp/p", _call("refund cash", limit=1))
    text = found["result"]["content"][0]["text"]
    assert "## shop/billing.py:1-2" in text, text
    assert embeddings.keys[0] == "Bearer ek"
    assert len(embeddings.calls[0]["input"]) == 3  # every passage once, then the query
    assert embeddings.calls[-1]["input"] == ["refund cash"]
    await _rpc(f"{proxy.url}/mcp/p", _call("user login"))
    assert [len(c["input"]) for c in embeddings.calls] == [3, 1, 1]  # no passage twice


@pytest.mark.asyncio
async def test_embeddings_down_falls_back_to_words(
    start_proxy: ProxyFactory, embeddings: Embeddings, tmp_path: Path
) -> None:
    embeddings.fail = True
    proxy = await start_proxy(_config(_project(tmp_path), embeddings.url))
    _, found = await _rpc(f"{proxy.url}/mcp/p", _call("apply_discount"))
    text = found["result"]["content"][0]["text"]
    assert "embeddings unavailable: ranked by words" in text
    assert "## shop/billing.py:1-2" in text


@pytest.mark.asyncio
async def test_guarded_and_clear_about_bad_input(start_proxy: ProxyFactory, tmp_path: Path) -> None:
    proxy = await start_proxy(_config(_project(tmp_path)))
    url = f"{proxy.url}/mcp/p"
    assert (await _rpc(url, _call("x"), token=None))[0] == 401
    assert (await _rpc(f"{proxy.url}/mcp/plain", _call("x")))[0] == 404
    _, empty = await _rpc(url, _call("  "))
    assert empty["result"]["isError"] is True
    _, unknown = await _rpc(url, {"jsonrpc": "2.0", "id": 9, "method": "resources/list"})
    assert unknown["error"]["code"] == -32601
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, headers={"Authorization": f"Bearer {TOKEN}"}) as response,
    ):
        assert response.status == 405
