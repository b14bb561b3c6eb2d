"""One login from start to a Credential, whatever the flow: what the CLI and Settings call."""

from __future__ import annotations

import asyncio
import os
import webbrowser
from collections.abc import Awaitable, Callable

import aiohttp

from app.auth import exchange
from app.auth.adc import adc_token, vertex_base_url
from app.auth.browser import browser_login
from app.auth.code_assist import discover_project
from app.auth.credential import Credential
from app.auth.device import DeviceCode, device_login
from app.auth.endpoint import OAuthError
from app.auth.tokens import QUIRK_PREFIX, credential_from_answer, exchanged_credential
from app.config.logins import LoginSpec
from app.errors import LoginFailed, LoginRequired


def open_in_browser(url: str) -> bool:
    """The system browser; False when there is none (a headless machine)."""
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


async def log_in(
    name: str,
    preset: str,
    spec: LoginSpec,
    session: aiohttp.ClientSession,
    *,
    open_url: Callable[[str], object] = open_in_browser,
    show_code: Callable[[DeviceCode], object],
    pasted: Callable[[], Awaitable[str]] | None = None,
    headless: bool = False,
    enterprise: str | None = None,
    endpoints: dict[str, str] | None = None,
) -> Credential:
    """Run the login `spec` describes; the new credential (not yet stored).

    `endpoints` replaces URLs of the spec (tests, self-hosted servers); `enterprise` is a
    GitHub Enterprise domain for Copilot. Both are kept in the credential, so refreshes go
    to the same place.
    """
    try:
        return await _log_in(
            name,
            preset,
            spec,
            session,
            open_url,
            show_code,
            pasted,
            headless,
            enterprise,
            endpoints,
        )
    except OAuthError as exc:  # an answer that is not what the flow expects
        raise LoginFailed(f"the provider's answer was not usable ({exc})") from exc
    except LoginRequired as exc:  # the token just given was refused
        raise LoginFailed(exc.reason) from exc


async def _log_in(
    name: str,
    preset: str,
    spec: LoginSpec,
    session: aiohttp.ClientSession,
    open_url: Callable[[str], object],
    show_code: Callable[[DeviceCode], object],
    pasted: Callable[[], Awaitable[str]] | None,
    headless: bool,
    enterprise: str | None,
    endpoints: dict[str, str] | None,
) -> Credential:
    urls = dict(endpoints or {})
    if enterprise:
        urls = {**exchange.enterprise_urls(spec, enterprise), **urls}
    known = {k: v for k, v in urls.items() if k in LoginSpec.model_fields}
    spec = spec.model_copy(update=known)
    if spec.flow == "adc":
        fresh = await asyncio.to_thread(adc_token, name, spec.scopes)
        project = fresh.project
        if not project:
            raise LoginFailed("name the Google Cloud project: set GOOGLE_CLOUD_PROJECT")
        location = os.environ.get("GOOGLE_CLOUD_LOCATION") or spec.adc_location
        assert spec.adc_base_url is not None  # LoginSpec checks it for adc logins
        return Credential(
            name,
            preset,
            access_token=fresh.token,
            expires_at=fresh.expires_at,
            account=fresh.account or "Application Default Credentials",
            plan=f"{project} · {location}",
            base_url=vertex_base_url(spec.adc_base_url, project, location),
            endpoints=urls,
        )
    if spec.flow == "token":
        # the user gives a long-lived token (a personal access token); it buys the short one
        if pasted is None:
            raise LoginFailed("this login needs a token from you")
        given = (await pasted()).strip()
        if not given:
            raise LoginFailed("no token given")
        long_lived = Credential(name, preset, access_token="", refresh_token=given, endpoints=urls)
        return await exchanged_credential(session, spec, long_lived)
    if spec.flow == "browser":
        answer = await browser_login(
            spec, session, open_url=open_url, pasted=pasted, headless=headless
        )
        credential = credential_from_answer(name, preset, spec, answer, endpoints=urls)
        if spec.code_assist_url:
            found = await discover_project(
                session, urls.get("code_assist_url", spec.code_assist_url), credential.access_token
            )
            credential.extra[QUIRK_PREFIX + "code_assist_project"] = found["project"]
            credential.plan = found["tier"] or credential.plan
        return credential
    answer = await device_login(spec, session, show_code=show_code)
    if spec.flow == "device":
        return credential_from_answer(name, preset, spec, answer, endpoints=urls)
    github = credential_from_answer(name, preset, spec, answer, endpoints=urls)
    # the GitHub token is long-lived: it is the "refresh token" of the Copilot token
    github.refresh_token = github.access_token
    github.expires_at = None
    return await exchanged_credential(session, spec, github)
