"""A long-lived token bought a short-lived one: GitHub's token buys a Copilot token (about 30
minutes), GitLab's personal access token a Duo direct-access token (with headers of its own).
A "refresh" is a new exchange with the same long-lived token.

Enterprise and self-managed hosts: every URL of the login comes from the preset's
`enterprise_hosts` templates with the user's domain.
"""

from __future__ import annotations

import time
from typing import Any

import aiohttp
import orjson

from app.auth.claims import api_base
from app.auth.endpoint import OAuthError, get, post_json
from app.config.logins import LoginSpec
from app.errors import LoginFailed

_URLS = ("device_url", "token_url", "exchange_url", "base_url")


def enterprise_urls(spec: LoginSpec, domain: str) -> dict[str, str]:
    """The login's URLs for an enterprise domain (e.g. `company.ghe.com`)."""
    domain = domain.strip().removeprefix("https://").removeprefix("http://").strip("/")
    if not domain or "/" in domain:
        raise LoginFailed(f"{domain!r} is not a domain name (e.g. company.ghe.com)")
    if not spec.enterprise_hosts:
        raise LoginFailed("this login has no enterprise or self-managed variant")
    return {
        key: template.format(domain=domain)
        for key, template in spec.enterprise_hosts.items()
        if key in _URLS
    }


async def exchange(
    session: aiohttp.ClientSession, spec: LoginSpec, long_token: str, url: str
) -> dict[str, Any]:
    """A short-lived token: `{token, expires_at, base_url?, plan?, headers}`. A refused
    long-lived token (revoked, no seat) raises OAuthError with status 401/403/404."""
    scheme = "token" if spec.exchange_auth == "token" else "Bearer"
    headers = {"Authorization": f"{scheme} {long_token}", **spec.headers}
    if spec.exchange_method == "POST":
        body = orjson.loads(spec.exchange_body) if spec.exchange_body else {}
        answer = await post_json(session, url, body, headers=headers)
    else:
        answer = await get(session, url, headers=headers)
    token = answer.get("token")
    if not isinstance(token, str) or not token:
        raise OAuthError("invalid_response", "the token exchange answer holds no token")
    expires_at = answer.get("expires_at")
    refresh_in = answer.get("refresh_in")
    if not isinstance(expires_at, int | float):
        lifetime = refresh_in if isinstance(refresh_in, int | float) else spec.exchange_lifetime
        expires_at = time.time() + lifetime
    endpoints = answer.get("endpoints")
    sku = answer.get("sku")
    extra_headers = answer.get("headers")
    return {
        "token": token,
        "expires_at": float(expires_at),
        "base_url": api_base(endpoints.get("api") if isinstance(endpoints, dict) else None),
        "plan": sku if isinstance(sku, str) else None,
        "headers": {str(k): str(v) for k, v in extra_headers.items() if isinstance(v, str | int)}
        if isinstance(extra_headers, dict)
        else {},
    }
