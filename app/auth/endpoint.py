"""Requests to a vendor's OAuth endpoints and their answers (RFC 6749 §5)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
import orjson
from authlib.oauth2.rfc6749 import OAuth2Token

from app.config.logins import BodyFormat

_TIMEOUT = aiohttp.ClientTimeout(total=30)


class OAuthError(Exception):
    """An OAuth error answer: `error` is the RFC 6749 code (`invalid_grant`, `slow_down`…).
    The text never holds a token: only the error code, its description and the status."""

    def __init__(self, error: str, description: str = "", status: int = 400) -> None:
        self.error = error
        self.description = description[:300]
        self.status = status
        super().__init__(f"{error}: {self.description}" if self.description else error)


async def post(
    session: aiohttp.ClientSession,
    url: str,
    fields: Mapping[str, str],
    *,
    body_format: BodyFormat = "form",
    headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """POST to an OAuth endpoint; the JSON answer, or OAuthError (also for a 200 that carries
    `error`, as GitHub's device polling does)."""
    sent = {"Accept": "application/json", **(headers or {})}
    kwargs: dict[str, Any] = (
        {"json": dict(fields)} if body_format == "json" else {"data": dict(fields)}
    )
    try:
        async with session.post(url, headers=sent, timeout=_TIMEOUT, **kwargs) as response:
            return _answer(response.status, await response.read())
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise OAuthError("connection_failed", f"{url}: {type(exc).__name__}", 0) from exc


async def post_json(
    session: aiohttp.ClientSession,
    url: str,
    body: Mapping[str, Any],
    *,
    headers: Mapping[str, str],
) -> dict[str, Any]:
    try:
        async with session.post(url, json=dict(body), headers=headers, timeout=_TIMEOUT) as answer:
            return _answer(answer.status, await answer.read())
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise OAuthError("connection_failed", f"{url}: {type(exc).__name__}", 0) from exc


async def get(
    session: aiohttp.ClientSession, url: str, *, headers: Mapping[str, str]
) -> dict[str, Any]:
    try:
        async with session.get(url, headers=headers, timeout=_TIMEOUT) as response:
            return _answer(response.status, await response.read())
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise OAuthError("connection_failed", f"{url}: {type(exc).__name__}", 0) from exc


def _answer(status: int, raw: bytes) -> dict[str, Any]:
    try:
        data = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise OAuthError("invalid_response", f"HTTP {status}, not a JSON object", status)
    error = data.get("error")
    if error or status >= 400:
        if isinstance(error, dict):  # some vendors nest {"error": {"message": …}}
            error = error.get("code") or error.get("type") or "error"
        description = data.get("error_description") or data.get("message") or ""
        raise OAuthError(str(error or f"http_{status}"), str(description), status)
    return data


def token_answer(data: Mapping[str, Any]) -> OAuth2Token:
    """A token endpoint's answer with `expires_at` filled in from `expires_in` (authlib)."""
    if not isinstance(data.get("access_token"), str) or not data["access_token"]:
        raise OAuthError("invalid_response", "the token answer holds no access_token")
    return OAuth2Token.from_dict(dict(data))
