"""Google Gemini Code Assist: the Google Cloud project a login's requests are billed to.

After "Login with Google" the Code Assist API is asked which project (and tier) the account
has (`:loadCodeAssist`); an account without one is onboarded to the default tier
(`:onboardUser`, a long-running operation polled until done). The free tier picks its own
project; others use the one the user names (GOOGLE_CLOUD_PROJECT).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from app.auth.endpoint import OAuthError, get, post_json
from app.errors import LoginFailed

_METADATA = {
    "ideType": "IDE_UNSPECIFIED",
    "platform": "PLATFORM_UNSPECIFIED",
    "pluginType": "GEMINI",
}
_FREE_TIER = "free-tier"
_POLLS = 24


async def discover_project(
    session: aiohttp.ClientSession,
    base_url: str,
    access_token: str,
    *,
    project: str | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    poll_seconds: float = 5.0,
) -> dict[str, str]:
    """`{project, tier}` for the account; LoginFailed when it has none and none was named."""
    project = project or os.environ.get("GOOGLE_CLOUD_PROJECT") or None
    headers = {"Authorization": f"Bearer {access_token}"}
    metadata = {**_METADATA, **({"duetProject": project} if project else {})}
    load: dict[str, Any] = {"metadata": metadata}
    if project:
        load["cloudaicompanionProject"] = project
    try:
        answer = await post_json(session, f"{base_url}:loadCodeAssist", load, headers=headers)
        current = answer.get("currentTier")
        if isinstance(current, dict):
            found = _project_id(answer.get("cloudaicompanionProject")) or project
            if not found:
                raise LoginFailed(
                    "this Google account needs a Cloud project for Gemini Code Assist: "
                    "set GOOGLE_CLOUD_PROJECT and log in again"
                )
            return {"project": found, "tier": str(current.get("id", ""))}
        tier = _default_tier(answer.get("allowedTiers"))
        onboard: dict[str, Any] = {"tierId": tier, "metadata": metadata}
        if tier != _FREE_TIER:  # the free tier refuses a project ("Precondition Failed")
            if not project:
                raise LoginFailed(
                    f"the {tier} of Gemini Code Assist needs a Cloud project: set "
                    "GOOGLE_CLOUD_PROJECT and log in again"
                )
            onboard["cloudaicompanionProject"] = project
        operation = await post_json(session, f"{base_url}:onboardUser", onboard, headers=headers)
        for _ in range(_POLLS):
            if operation.get("done"):
                response = operation.get("response") or {}
                found = _project_id(response.get("cloudaicompanionProject")) or project
                if not found:
                    raise LoginFailed("Gemini Code Assist onboarding named no project")
                return {"project": found, "tier": tier}
            await sleep(poll_seconds)
            name = operation.get("name")
            if not isinstance(name, str):
                raise LoginFailed("Gemini Code Assist onboarding gave no operation to follow")
            operation = await get(session, f"{base_url}/{name}", headers=headers)
    except OAuthError as exc:
        raise LoginFailed(f"Gemini Code Assist setup failed ({exc})") from exc
    raise LoginFailed("Gemini Code Assist onboarding did not finish; try again later")


def _project_id(value: object) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return str(value["id"])
    return None


def _default_tier(tiers: object) -> str:
    if isinstance(tiers, list):
        for tier in tiers:
            if isinstance(tier, dict) and tier.get("isDefault") and isinstance(tier.get("id"), str):
                return str(tier["id"])
    return "legacy-tier"
