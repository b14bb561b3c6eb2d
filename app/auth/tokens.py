"""From a token endpoint's answer to a stored Credential, and refreshing one.

Refresh tokens may rotate (each is good once): the new one replaces the old, and the caller
stores the result before anyone uses it. A refusal that no retry can fix (`invalid_grant`,
a revoked GitHub token) raises LoginRequired; anything else raises LoginFailed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

import aiohttp

from app.auth import exchange
from app.auth.adc import adc_token
from app.auth.claims import api_base, jwt_claims
from app.auth.credential import Credential
from app.auth.endpoint import OAuthError, post, token_answer
from app.config.logins import LoginSpec
from app.errors import LoginFailed, LoginRequired

HEADER_PREFIX = "header:"  # Credential.extra keys sent as headers on API calls
QUIRK_PREFIX = "quirk:"  # Credential.extra keys laid over the provider's quirks (a project)

# Errors after which only a new login helps (RFC 6749 §5.2 and vendors' own codes).
_PERMANENT = frozenset(
    {
        "invalid_grant",
        "invalid_client",
        "unauthorized_client",
        "refresh_token_expired",
        "refresh_token_reused",
        "refresh_token_invalidated",
    }
)


def credential_from_answer(
    name: str,
    preset: str,
    spec: LoginSpec,
    answer: Mapping[str, Any],
    *,
    endpoints: Mapping[str, str] | None = None,
    previous: Credential | None = None,
) -> Credential:
    token = token_answer(answer)
    claims = jwt_claims(token.get("id_token")) or jwt_claims(token.get("access_token"))
    account_info = token.get("account")
    account = (
        (account_info.get("email_address") if isinstance(account_info, dict) else None)
        or claims.get("email")
        or (previous.account if previous else None)
    )
    now = time.time()
    expires_at = token.get("expires_at") or claims.get("exp")
    credential = Credential(
        name=name,
        preset=preset,
        access_token=token["access_token"],
        # a refresh answer without a refresh_token keeps the old one (Google, Qwen)
        refresh_token=token.get("refresh_token") or (previous.refresh_token if previous else None),
        expires_at=float(expires_at) if isinstance(expires_at, int | float) else None,
        account=account if isinstance(account, str) else None,
        plan=previous.plan if previous else None,
        obtained_at=previous.obtained_at if previous else now,
        last_refresh=now if previous else None,
        base_url=previous.base_url if previous else None,
        endpoints=dict(endpoints or (previous.endpoints if previous else {})),
        extra=dict(previous.extra) if previous else {},
        storage=previous.storage if previous else "keyring",
    )
    id_claims = jwt_claims(token.get("id_token"))
    account_id = _dig(id_claims, spec.account_claim) or _dig(claims, spec.account_claim)
    if spec.account_header and isinstance(account_id, str) and account_id:
        credential.extra[HEADER_PREFIX + spec.account_header] = account_id
    plan = _dig(id_claims, spec.plan_claim) or _dig(claims, spec.plan_claim)
    if isinstance(plan, str) and plan:
        credential.plan = plan
    if spec.base_url_field:
        base = api_base(token.get(spec.base_url_field))
        if base is not None:
            suffix = spec.base_url_suffix
            credential.base_url = base if base.endswith(suffix) else base + suffix
    return credential


def _dig(claims: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = claims if path else None
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def login_headers(credential: Credential) -> dict[str, str]:
    """Headers a login adds to API calls (an account id the backend requires)."""
    return {
        key[len(HEADER_PREFIX) :]: value
        for key, value in credential.extra.items()
        if key.startswith(HEADER_PREFIX)
    }


def login_quirks(credential: Credential) -> dict[str, str]:
    """Quirks a login sets for its provider (Code Assist's project)."""
    return {
        key[len(QUIRK_PREFIX) :]: value
        for key, value in credential.extra.items()
        if key.startswith(QUIRK_PREFIX)
    }


async def exchanged_credential(
    session: aiohttp.ClientSession,
    spec: LoginSpec,
    credential: Credential,
) -> Credential:
    """Exchange the long-lived token (kept as the refresh token) for a fresh short-lived one:
    Copilot's from GitHub's, Duo's from GitLab's."""
    url = credential.endpoints.get("exchange_url") or spec.exchange_url
    assert url is not None  # LoginSpec checks it for exchange logins
    assert credential.refresh_token is not None
    try:
        answer = await exchange.exchange(session, spec, credential.refresh_token, url)
    except OAuthError as exc:
        if exc.status in (401, 403, 404):
            raise LoginRequired(
                credential.name, f"the token exchange was refused ({exc.status}: {exc.error})"
            ) from exc
        raise LoginFailed(f"the token exchange failed ({exc})") from exc
    credential.access_token = answer["token"]
    credential.expires_at = answer["expires_at"]
    credential.base_url = answer["base_url"] or credential.endpoints.get("base_url")
    credential.plan = answer["plan"] or credential.plan
    credential.extra = {
        k: v for k, v in credential.extra.items() if not k.startswith(HEADER_PREFIX)
    } | {HEADER_PREFIX + k: v for k, v in answer["headers"].items()}
    return credential


async def refresh_credential(
    session: aiohttp.ClientSession, spec: LoginSpec, credential: Credential
) -> Credential:
    """A refreshed copy of `credential` (not yet stored)."""
    if spec.flow == "adc":
        got = await asyncio.to_thread(adc_token, credential.name, spec.scopes)
        renewed = Credential.from_json(credential.to_json(), storage=credential.storage)
        renewed.access_token, renewed.expires_at = got.token, got.expires_at
        renewed.last_refresh = time.time()
        return renewed
    if not credential.refresh_token:
        raise LoginRequired(credential.name, "it expired and cannot be refreshed")
    if spec.flow in ("copilot", "token"):
        fresh = Credential.from_json(credential.to_json(), storage=credential.storage)
        fresh = await exchanged_credential(session, spec, fresh)
        fresh.last_refresh = time.time()
        return fresh
    fields = {
        "grant_type": "refresh_token",
        "refresh_token": credential.refresh_token,
        "client_id": spec.client_id,
    }
    if spec.client_secret:
        fields["client_secret"] = spec.client_secret
    url = credential.endpoints.get("token_url") or spec.token_endpoint
    try:
        answer = await post(
            session,
            url,
            fields,
            body_format=spec.refresh_format or spec.token_format,
            headers=spec.headers,
        )
        return credential_from_answer(
            credential.name, credential.preset, spec, answer, previous=credential
        )
    except OAuthError as exc:
        if exc.error in _PERMANENT or exc.status == 401:
            raise LoginRequired(credential.name, f"the refresh was refused: {exc.error}") from exc
        raise LoginFailed(f"login {credential.name!r}: refresh failed ({exc})") from exc
