"""An MCP server (streamable HTTP, JSON answers) at /mcp/<profile> with one tool,
`search_project`: passages of the profile's knowledge folders, with file:line.

Stateless: every POST holds one JSON-RPC message (or a batch) and gets its answer as JSON; no
server-initiated stream is offered (GET answers 405, as the transport allows). The local token
guards it like every other route.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web

from app import __version__
from app.config.schema import Knowledge, ModelRef, Profile
from app.errors import AuthenticationFailed, NotFound, SwitchboardError
from app.knowledge.index import Hit, ProjectIndex, Refresh
from app.proxy.dialects.call import auth_headers, join_url
from app.proxy.guard import check_browser, check_token
from app.proxy.state import STATE, ProxyState
from app.proxy.upstream import read_answer

log = logging.getLogger(__name__)

PROTOCOL_VERSIONS = ("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05")
TOOL_NAME = "search_project"
_EMBED_BATCH = 64
_MAX_LIMIT = 20
_TOOL = {
    "name": TOOL_NAME,
    "title": "Search the project",
    "description": (
        "Find passages of this project's files (code and docs) relevant to a question or a "
        "name. Returns the best passages with their file:line ranges; read the files for more."
    ),
    "inputSchema": {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "What to look for, in words or names."},
            "limit": {
                "type": "integer",
                "minimum": 1,
                "maximum": _MAX_LIMIT,
                "description": "How many passages (default 5).",
            },
        },
        "required": ["query"],
    },
}


async def endpoint(request: web.Request) -> web.StreamResponse:
    state: ProxyState = request.app[STATE]
    check_browser(request, state.hosts)
    check_token(request, state.runtime.token)
    if request.method != "POST":
        return web.Response(status=405, headers={"Allow": "POST"})
    profile = _profile(state, request.match_info["profile"])
    try:
        message = orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        return _json(_error(None, -32700, "the body is not valid JSON"))
    if isinstance(message, list):
        answers = [a for m in message if (a := await _answer(state, profile, m)) is not None]
        return _json(answers) if answers else web.Response(status=202)
    answer = await _answer(state, profile, message)
    return _json(answer) if answer is not None else web.Response(status=202)


async def _answer(state: ProxyState, profile: Profile, message: Any) -> dict[str, Any] | None:
    """The JSON-RPC answer to one message; None for a notification."""
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        return _error(None, -32600, "not a JSON-RPC 2.0 message")
    ident = message.get("id")
    method = message.get("method")
    if "id" not in message:
        return None  # notifications (initialized, cancelled) need no answer
    raw_params = message.get("params")
    params: dict[str, Any] = raw_params if isinstance(raw_params, dict) else {}
    if method == "initialize":
        asked = params.get("protocolVersion")
        version = asked if asked in PROTOCOL_VERSIONS else PROTOCOL_VERSIONS[0]
        return _result(
            ident,
            {
                "protocolVersion": version,
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "switchboard", "version": __version__},
                "instructions": "search_project finds passages of this project's files.",
            },
        )
    if method == "ping":
        return _result(ident, {})
    if method == "tools/list":
        return _result(ident, {"tools": [_TOOL]})
    if method == "tools/call":
        if params.get("name") != TOOL_NAME:
            return _error(ident, -32602, f"unknown tool {params.get('name')!r}")
        raw_arguments = params.get("arguments")
        arguments: dict[str, Any] = raw_arguments if isinstance(raw_arguments, dict) else {}
        query = arguments.get("query")
        if not isinstance(query, str) or not query.strip():
            return _result(ident, _tool_text("query: a non-empty string is required", error=True))
        limit = arguments.get("limit", 5)
        limit = min(max(limit, 1), _MAX_LIMIT) if isinstance(limit, int) else 5
        return _result(ident, _tool_text(await search(state, profile, query, limit)))
    return _error(ident, -32601, f"method {method!r} is not offered")


async def search(state: ProxyState, profile: Profile, query: str, limit: int) -> str:
    """The tool's answer: what the index holds, then the best passages with file:line."""
    knowledge = profile.knowledge
    assert knowledge is not None
    index = _index(state, knowledge)
    refresh = await asyncio.to_thread(index.refresh)
    log.info(
        "knowledge index of %s: %d files, %d passages (%d changed) in %.0f ms",
        profile.name,
        refresh.files,
        refresh.passages,
        refresh.changed,
        refresh.seconds * 1000,
    )
    note = ""
    query_vector = None
    if knowledge.embeddings:
        try:
            query_vector = await _embed_missing(state, knowledge.embeddings, index, query)
        except SwitchboardError as exc:
            log.warning("knowledge embeddings failed, ranking by words: %s", exc.message)
            note = " (embeddings unavailable: ranked by words)"
    hits = await asyncio.to_thread(index.search, query, limit, query_vector)
    return _format(hits, refresh, note)


def _index(state: ProxyState, knowledge: Knowledge) -> ProjectIndex:
    folders = tuple(Path(f).expanduser().resolve() for f in knowledge.folders)
    key = (folders, knowledge.chunk_lines, knowledge.max_file_kb)
    index = state.knowledge.get(key)
    if index is None:
        index = ProjectIndex(folders, knowledge.chunk_lines, knowledge.max_file_kb * 1024)
        state.knowledge[key] = index
    return index


async def _embed_missing(
    state: ProxyState, reference: str, index: ProjectIndex, query: str
) -> list[float]:
    """Vectors for passages that have none yet, then the query's own."""
    missing = index.without_vectors()
    for start in range(0, len(missing), _EMBED_BATCH):
        batch = missing[start : start + _EMBED_BATCH]
        vectors = await _embed(state, reference, [p.text for p in batch])
        index.set_vectors(dict(zip(batch, vectors, strict=True)))
    return (await _embed(state, reference, [query]))[0]


async def _embed(state: ProxyState, reference: str, texts: list[str]) -> list[list[float]]:
    """One call to an OpenAI-compatible /embeddings endpoint."""
    runtime = state.runtime
    ref = ModelRef.parse(reference)
    provider = runtime.providers[ref.provider]
    try:
        provider, key = await state.auth.resolve(runtime, provider)  # a key or a login
    except AuthenticationFailed as exc:
        raise SwitchboardError(exc.message) from exc
    headers = {"Content-Type": "application/json", **provider.headers}
    headers.update(auth_headers(provider, key))
    body = orjson.dumps({"model": ref.model, "input": texts})
    response = await state.upstream.open(
        provider,
        join_url(provider.base_url, "/embeddings"),
        body=body,
        headers=headers,
        timeouts=runtime.config.settings.timeouts,
    )
    async with response:
        data = orjson.loads(await read_answer(provider.name, response))
    rows = data.get("data") if isinstance(data, dict) else None
    if not isinstance(rows, list) or len(rows) != len(texts):
        raise SwitchboardError(f"{provider.name}: the embeddings answer has no vectors")
    rows = sorted(rows, key=lambda row: row.get("index", 0))
    return [[float(x) for x in row["embedding"]] for row in rows]


def _format(hits: list[Hit], refresh: Refresh, note: str) -> str:
    head = (
        f"Index: {refresh.files} files, {refresh.passages} passages "
        f"(refreshed in {refresh.seconds * 1000:.0f} ms){note}."
    )
    if not hits:
        return head + "\nNo passage matches; try other words or names."
    parts = [head]
    for hit in hits:
        parts.append(f"\n## {hit.passage.citation}\n```\n{hit.passage.text}\n```")
    return "\n".join(parts)


def _profile(state: ProxyState, name: str) -> Profile:
    profile = state.runtime.profiles.get(name)
    if profile is None or profile.knowledge is None or not profile.knowledge.enabled:
        raise NotFound(f"profile {name!r} has no project knowledge configured")
    return profile


def _tool_text(text: str, *, error: bool = False) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": text}], "isError": error}


def _result(ident: Any, result: dict[str, Any]) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "result": result}


def _error(ident: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}


def _json(payload: Any) -> web.Response:
    return web.Response(body=orjson.dumps(payload), content_type="application/json")
