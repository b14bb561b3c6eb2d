"""Logged-in providers for tests: a real login against the loopback authorization server (the
user's part played over HTTP), and upstream guards that demand what the vendors demand."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from app.auth.credential import Credential
from app.auth.device import DeviceCode
from app.auth.login import log_in
from app.config.presets import CATALOGUE_FILE, load_catalogue
from app.system.resources import resource
from tests.support.oauth_server import OAuthServer


async def approve(session: aiohttp.ClientSession, authorize_url: str) -> str:
    """The user at the consent page presses Approve; the redirect URL the browser would follow."""
    async with session.get(authorize_url) as page:
        text = await page.text()
        assert page.status == 200, text
    action = re.search(r"action='([^']+)'", text)
    assert action, text
    base = authorize_url.split("/authorize", 1)[0]
    async with session.post(
        base + action.group(1), data={"decision": "approve"}, allow_redirects=False
    ) as answer:
        assert answer.status == 302, await answer.text()
        return answer.headers["Location"]


@pytest_asyncio.fixture
async def auth_server() -> AsyncIterator[OAuthServer]:
    server = OAuthServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def logged_in(
    server: OAuthServer,
    preset: str,
    name: str | None = None,
    *,
    endpoints: Mapping[str, str] | None = None,
) -> Credential:
    """Log in with the catalogue preset's login data against `server`, approving as the user;
    `endpoints` moves more of the login's URLs (e.g. code_assist_url) to loopback."""
    spec = load_catalogue()[preset].login
    assert spec is not None
    redirects = [r for r in (spec.redirect_uri, spec.paste_redirect_uri) if r]
    server.client(
        spec.client_id,
        redirects or ["http://127.0.0.1/callback"],
        secret=spec.client_secret,
        loopback_any_port=True,
    )
    async with aiohttp.ClientSession() as session:
        tasks: list[asyncio.Task[None]] = []

        async def browser(url: str) -> None:
            async with session.get(await approve(session, url)) as page:
                assert page.status == 200

        async def device_user(code: DeviceCode) -> None:
            async with session.post(
                code.verification_uri, data={"user_code": code.user_code}
            ) as answer:
                assert answer.status == 200

        return await asyncio.wait_for(
            log_in(
                name or preset,
                preset,
                spec,
                session,
                open_url=lambda url: tasks.append(asyncio.create_task(browser(url))),
                show_code=lambda code: tasks.append(asyncio.create_task(device_user(code))),
                endpoints={**server.endpoints(), **(endpoints or {})},
            ),
            20,
        )


def bearer_guard(
    is_valid: Callable[[str], bool],
    required: Mapping[str, str] = {},
    *,
    contains: Mapping[str, str] = {},
) -> Callable[[web.Request], web.Response | None]:
    """A 401 unless the request carries a valid `Authorization: Bearer` token, and a 400 unless
    it has each `required` header with that exact value and each `contains` header holding
    that comma-separated item (as the real services refuse such requests)."""

    def guard(request: web.Request) -> web.Response | None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not is_valid(token):
            return web.json_response(
                {
                    "type": "error",
                    "error": {"type": "authentication_error", "message": "bad token"},
                },
                status=401,
            )
        for name, value in required.items():
            if request.headers.get(name) != value:
                return web.json_response({"error": {"message": f"{name} missing"}}, status=400)
        for name, item in contains.items():
            items = [i.strip() for i in request.headers.get(name, "").split(",")]
            if item not in items:
                return web.json_response({"error": {"message": f"{name} lacks {item}"}}, status=400)
        return None

    return guard


_LOGIN_URL = re.compile(r'^(authorize_url|token_url|device_url|exchange_url) = "([^"]*)"$', re.M)
_PATHS = {
    "authorize_url": "/authorize",
    "token_url": "/token",
    "device_url": "/device/code",
    "exchange_url": "/copilot_internal/v2/token",
}


def catalogue_pointing_at(
    server_url: str, folder: Path, *, code_assist_url: str | None = None
) -> Path:
    """The bundled catalogue with every login endpoint moved to the loopback server (the
    vendor's cloud is what cannot run here); client ids, scopes, redirects, formats and
    headers stay as shipped."""
    text = resource(CATALOGUE_FILE).read_text(encoding="utf-8")

    def move(match: re.Match[str]) -> str:
        key, url = match.group(1), match.group(2)
        # exchanges keep their path (the server tells GitHub's from GitLab's by it)
        path = urlsplit(url).path if key == "exchange_url" else _PATHS[key]
        return f'{key} = "{server_url}{path}"'

    moved = _LOGIN_URL.sub(move, text)
    if code_assist_url:
        moved = re.sub(
            r'^code_assist_url = "[^"]*"$',
            f'code_assist_url = "{code_assist_url}"',
            moved,
            flags=re.M,
        )
    path = folder / "providers.toml"
    path.write_text(moved, encoding="utf-8")
    return path


def use_catalogue(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    from app.config import presets

    monkeypatch.setattr(presets, "_bundled", lambda: presets._catalogue(path))
