"""What a login's tokens say about the account: JWT claims (read, not verified: the token came
straight from the vendor over TLS and is only shown, never trusted for access decisions), and
the API base URL a vendor names in its answer."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import orjson

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def jwt_claims(token: object) -> dict[str, Any]:
    """The claims of a compact JWT; {} for anything else."""
    if not isinstance(token, str) or token.count(".") != 2:
        return {}
    # imported here: joserfc brings cryptography's key classes (~10 MB), which a proxy that
    # never reads a login's claims should not carry
    from joserfc.errors import JoseError
    from joserfc.jws import extract_compact

    try:
        claims = orjson.loads(extract_compact(token.encode()).payload)
    except (JoseError, ValueError, orjson.JSONDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


def api_base(value: object) -> str | None:
    """A vendor-named API base URL we may send the token to: https, or http on loopback.
    Qwen names a bare host (`portal.qwen.ai`): https and `/v1` are added."""
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip().rstrip("/")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url
