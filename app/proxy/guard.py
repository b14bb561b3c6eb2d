"""Local access control: the per-install token, and the browser (CSRF / DNS-rebinding) guard.

A web page can make the browser POST to 127.0.0.1; it cannot hide its Origin header, and a
DNS-rebinding page sends its own host name in Host. So a request with any Origin, or a Host that
is not a loopback name, is refused before anything else happens.
"""

from __future__ import annotations

import hmac

from aiohttp import web

from app.errors import AuthenticationFailed, PermissionDenied

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "localhost."})


def allowed_hosts(bound_host: str) -> frozenset[str]:
    """Host header names accepted: loopback names, plus the bound address if it is specific."""
    if bound_host in ("0.0.0.0", "::", ""):
        return _LOOPBACK_HOSTS
    return _LOOPBACK_HOSTS | {bound_host.lower(), f"[{bound_host.lower()}]"}


def check_browser(request: web.Request, hosts: frozenset[str]) -> None:
    if "Origin" in request.headers:
        raise PermissionDenied("requests from a web page (Origin header) are refused")
    host = request.headers.get("Host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if name.lower() not in hosts:
        raise PermissionDenied(f"Host {host!r} is not this machine; request refused")


def check_token(request: web.Request, token: str | None) -> None:
    if token is None:
        return
    headers = request.headers
    # Claude Code sends both headers when both variables are set: either may carry the token.
    presented = [headers.get("x-api-key", "")]
    auth = headers.get("Authorization", "")
    if auth[:7].lower() == "bearer ":
        presented.append(auth[7:].strip())
    if not any(presented):
        raise AuthenticationFailed(
            "missing the Switchboard local token (x-api-key or Authorization: Bearer); "
            "start Claude Code with `switchboard run PROFILE` (or the tray's Launch), which "
            "sends it; `switchboard token` prints it"
        )
    expected = token.encode()
    if not any(hmac.compare_digest(_as_bytes(p), expected) for p in presented if p):
        raise AuthenticationFailed(
            "wrong Switchboard local token: it was probably regenerated since this Claude Code "
            "started; start it again with `switchboard run PROFILE` (or the tray's Launch, or a "
            "new `switchboard env PROFILE`) to send the current one, which `switchboard token` "
            "prints"
        )


def _as_bytes(value: str) -> bytes:
    # aiohttp decodes header bytes that are not UTF-8 to lone surrogates: such a value is
    # simply a wrong token, never an encoding error (a 500).
    return value.encode("utf-8", "surrogateescape")
