"""What a dialect needs to make one upstream attempt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from app.config.schema import Provider, Timeouts
from app.proxy.observer import RequestRecord
from app.proxy.upstream import Upstream

# Request headers never forwarded: hop-by-hop, our own auth, and what aiohttp sets itself.
_DROP = frozenset(
    {
        "host",
        "content-length",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "upgrade",
        "proxy-authorization",
        "authorization",
        "x-api-key",
        "x-goog-api-key",
        "accept-encoding",
        "origin",
        "cookie",
    }
)


@dataclass(slots=True)
class Call:
    request: web.Request
    body: dict[str, Any]
    raw: bytes
    requested_model: str  # the name Claude Code asked for; reported back unchanged
    stream: bool
    provider: Provider
    model: str  # the upstream model
    api_key: str | None
    timeouts: Timeouts
    upstream: Upstream
    record: RequestRecord


def auth_headers(provider: Provider, key: str | None) -> dict[str, str]:
    if not key:
        return {}
    style = provider.auth_style
    if style == "x-api-key":
        return {"x-api-key": key}
    if style == "api-key":
        return {"api-key": key}
    if style == "x-goog-api-key":
        return {"x-goog-api-key": key}
    if style == "bearer":
        return {"Authorization": f"Bearer {key}"}
    return {}


def forwarded_headers(request: web.Request) -> dict[str, str]:
    """The client's headers minus hop-by-hop and auth ones (Anthropic pass-through)."""
    return {k: v for k, v in request.headers.items() if k.lower() not in _DROP}


def join_url(base: str, path: str) -> str:
    return base + path if not base.endswith("/") else base[:-1] + path
