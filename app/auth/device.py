"""The device authorization grant (RFC 8628): show a code, poll until the user approves.

Polling keeps the server's interval, adds 5 s on every `slow_down` (§3.5), and stops at the
code's expiry, on `access_denied` or `expired_token`. A dropped connection or a 5xx while
polling is waited out: the user may still be approving.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from app.auth.browser import Pkce
from app.auth.endpoint import OAuthError, post
from app.config.logins import LoginSpec
from app.errors import LoginFailed

GRANT = "urn:ietf:params:oauth:grant-type:device_code"
_DEFAULT_INTERVAL = 5.0
_DEFAULT_LIFETIME = 900.0


@dataclass(frozen=True, slots=True)
class DeviceCode:
    """What the user sees: the code and where to enter it."""

    user_code: str
    verification_uri: str
    verification_uri_complete: str | None
    expires_in: float


async def device_login(
    spec: LoginSpec,
    session: aiohttp.ClientSession,
    *,
    show_code: Callable[[DeviceCode], object],
    device_url: str | None = None,
    token_url: str | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, Any]:
    """The token endpoint's answer once the user approved."""
    pkce = Pkce() if spec.pkce and spec.flow == "device" else None
    fields = {"client_id": spec.client_id}
    if spec.scopes:
        fields["scope"] = " ".join(spec.scopes)
    if pkce is not None:
        fields.update(code_challenge=pkce.challenge, code_challenge_method="S256")
    url = device_url or spec.device_url
    assert url is not None  # LoginSpec checks it for device logins
    try:
        answer = await post(session, url, fields, body_format="form", headers=spec.headers)
    except OAuthError as exc:
        raise LoginFailed(f"the provider did not start a device login ({exc})") from exc
    device_code = answer.get("device_code")
    user_code = answer.get("user_code")
    verify = answer.get("verification_uri") or answer.get("verification_url")
    if not (isinstance(device_code, str) and isinstance(user_code, str) and verify):
        raise LoginFailed("the provider's device login answer is incomplete")
    lifetime = _number(answer.get("expires_in"), _DEFAULT_LIFETIME)
    interval = _number(answer.get("interval"), _DEFAULT_INTERVAL)
    complete = answer.get("verification_uri_complete")
    complete = complete if isinstance(complete, str) else None
    show_code(DeviceCode(user_code, str(verify), complete, lifetime))
    poll = {"grant_type": GRANT, "device_code": device_code, "client_id": spec.client_id}
    if pkce is not None:
        poll["code_verifier"] = pkce.verifier
    deadline = clock() + lifetime
    while True:
        await sleep(interval)
        if clock() >= deadline:
            raise LoginFailed("the code expired before it was approved; start the login again")
        try:
            return await post(
                session,
                token_url or spec.token_endpoint,
                poll,
                body_format=spec.token_format,
                headers=spec.headers,
            )
        except OAuthError as exc:
            if exc.error == "authorization_pending":
                continue
            if exc.error == "slow_down":
                interval += 5.0
                continue
            if exc.error == "access_denied":
                raise LoginFailed("the login was denied") from exc
            if exc.error == "expired_token":
                raise LoginFailed("the code expired; start the login again") from exc
            if exc.error == "connection_failed" or exc.status >= 500:
                continue
            raise LoginFailed(f"the provider refused the login ({exc})") from exc


def _number(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]  # vendors send numbers or strings
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default
