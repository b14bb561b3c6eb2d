"""GitHub Copilot: the GitHub token from the device login is exchanged for a Copilot token
that lives about 30 minutes; a "refresh" is a new exchange with the same GitHub token.

GitHub Enterprise: every URL of the login comes from the preset's `enterprise_hosts`
templates with the user's domain.
"""

from __future__ import annotations

import time
from typing import Any

import aiohttp

from app.auth.claims import api_base
from app.auth.endpoint import OAuthError, get
from app.config.logins import LoginSpec
from app.errors import LoginFailed

_URLS = ("device_url", "token_url", "exchange_url", "base_url")


def enterprise_urls(spec: LoginSpec, domain: str) -> dict[str, str]:
    """The login's URLs for a GitHub Enterprise domain (e.g. `company.ghe.com`)."""
    domain = domain.strip().removeprefix("https://").removeprefix("http://").strip("/")
    if not domain or "/" in domain:
        raise LoginFailed(f"{domain!r} is not a GitHub Enterprise domain (e.g. company.ghe.com)")
    return {
        key: template.format(domain=domain)
        for key, template in spec.enterprise_hosts.items()
        if key in _URLS
    }


async def exchange(
    session: aiohttp.ClientSession, spec: LoginSpec, github_token: str, url: str
) -> dict[str, Any]:
    """A Copilot token: `{token, expires_at, base_url?, plan?}`. A refused GitHub token
    (revoked, no Copilot seat) raises OAuthError with status 401/403/404."""
    answer = await get(
        session, url, headers={"Authorization": f"token {github_token}", **spec.headers}
    )
    token = answer.get("token")
    if not isinstance(token, str) or not token:
        raise OAuthError("invalid_response", "the Copilot token answer holds no token")
    expires_at = answer.get("expires_at")
    refresh_in = answer.get("refresh_in")
    if not isinstance(expires_at, int | float):
        expires_at = time.time() + (refresh_in if isinstance(refresh_in, int | float) else 1500)
    endpoints = answer.get("endpoints")
    base = endpoints.get("api") if isinstance(endpoints, dict) else None
    sku = answer.get("sku")
    return {
        "token": token,
        "expires_at": float(expires_at),
        "base_url": api_base(base),
        "plan": sku if isinstance(sku, str) else None,
    }
