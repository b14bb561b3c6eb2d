"""The browser login (authorization code + PKCE + state) against a real authorization server
on loopback, with the Claude Pro/Max preset's own login data: client id, fixed loopback port,
scopes, JSON token requests, the state-is-verifier convention and the paste-the-code page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from app.auth.browser import parse_pasted
from app.auth.login import log_in
from app.config.logins import LoginSpec
from app.config.presets import load_catalogue
from app.errors import LoginFailed
from tests.support.logins import approve
from tests.support.oauth_server import OAuthServer
from tests.support.workers import FIXED_PORTS

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port

T = TypeVar("T")
CLAUDE = load_catalogue()["claude-max"].login
assert CLAUDE is not None


def register_claude(server: OAuthServer) -> None:
    assert CLAUDE is not None and CLAUDE.redirect_uri and CLAUDE.paste_redirect_uri
    server.client(CLAUDE.client_id, [CLAUDE.redirect_uri, CLAUDE.paste_redirect_uri])


async def within(work: Awaitable[T], seconds: float = 20) -> T:
    """A login that fails in its browser task would otherwise wait for the user forever."""
    return await asyncio.wait_for(work, seconds)


def no_device_code(_: object) -> None:
    raise AssertionError("a browser login shows no device code")


@pytest.mark.asyncio
async def test_loopback_callback_on_the_fixed_port_gives_tokens(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    register_claude(auth_server)
    opened: list[str] = []
    follows: list[asyncio.Task[None]] = []

    async def browser(url: str) -> None:
        redirect = await approve(session, url)
        assert redirect.startswith("http://localhost:53692/callback?")
        async with session.get(redirect) as page:  # the browser lands on our callback
            assert page.status == 200
            assert "logged in" in await page.text()

    def open_url(url: str) -> None:
        opened.append(url)
        follows.append(asyncio.create_task(browser(url)))

    credential = await within(
        log_in(
            "claude",
            "claude-max",
            CLAUDE,
            session,
            open_url=open_url,
            show_code=no_device_code,
            endpoints=auth_server.endpoints(),
        )
    )
    await asyncio.gather(*follows)
    assert auth_server.is_valid(credential.access_token)
    assert credential.refresh_token and credential.expires_at
    assert credential.endpoints["token_url"] == auth_server.url + "/token"  # refresh goes there
    query = parse_qs(urlsplit(opened[0]).query)
    assert query["client_id"] == ["9d1c250a-e61b-44d9-88ed-5944d1962f5e"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code"] == ["true"]
    assert "user:inference" in query["scope"][0].split(" ")
    content_type, fields = auth_server.token_bodies[-1]
    assert content_type == "application/json"  # Claude's token endpoint takes JSON
    assert fields["state"] == query["state"][0] == fields["code_verifier"]


@pytest.mark.asyncio
async def test_a_callback_with_another_state_is_refused_and_the_login_goes_on(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    register_claude(auth_server)
    follows: list[asyncio.Task[None]] = []

    async def forged_then_real(url: str) -> None:
        async with session.get(
            "http://localhost:53692/callback?code=stolen&state=not-yours"
        ) as forged:
            assert forged.status == 400
        redirect = await approve(session, url)
        async with session.get(redirect) as page:
            assert page.status == 200

    credential = await within(
        log_in(
            "claude",
            "claude-max",
            CLAUDE,
            session,
            open_url=lambda url: follows.append(asyncio.create_task(forged_then_real(url))),
            show_code=no_device_code,
            endpoints=auth_server.endpoints(),
        )
    )
    await asyncio.gather(*follows)
    assert auth_server.is_valid(credential.access_token)


@pytest.mark.asyncio
async def test_headless_paste_of_the_code_page_answer(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    """No browser here: the URL is shown, the user approves elsewhere, and the vendor's code
    page shows `code#state`, which is pasted back."""
    register_claude(auth_server)
    shown: list[str] = []
    pasted: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def user_elsewhere(url: str) -> None:
        redirect = await approve(session, url)
        assert redirect.startswith("https://console.anthropic.com/oauth/code/callback?")
        query = parse_qs(urlsplit(redirect).query)
        pasted.set_result(f"{query['code'][0]}#{query['state'][0]}")

    tasks: list[asyncio.Task[None]] = []

    def show(url: str) -> None:
        shown.append(url)
        tasks.append(asyncio.create_task(user_elsewhere(url)))

    async def paste() -> str:
        return await pasted

    credential = await within(
        log_in(
            "claude",
            "claude-max",
            CLAUDE,
            session,
            open_url=show,
            show_code=no_device_code,
            pasted=paste,
            headless=True,
            endpoints=auth_server.endpoints(),
        )
    )
    assert auth_server.is_valid(credential.access_token)
    assert parse_qs(urlsplit(shown[0]).query)["redirect_uri"] == [CLAUDE.paste_redirect_uri]


@pytest.mark.asyncio
async def test_any_loopback_port_when_the_provider_fixes_none(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    spec = LoginSpec(
        flow="browser",
        client_id="any-port-app",
        scopes=("profile",),
        authorize_url="https://vendor.example/authorize",
        token_url="https://vendor.example/token",
    )
    auth_server.client("any-port-app", ["http://127.0.0.1/callback"], loopback_any_port=True)
    tasks: list[asyncio.Task[None]] = []

    async def browser(url: str) -> None:
        redirect = await approve(session, url)
        async with session.get(redirect) as page:
            assert page.status == 200

    credential = await within(
        log_in(
            "mine",
            "none",
            spec,
            session,
            open_url=lambda url: tasks.append(asyncio.create_task(browser(url))),
            show_code=no_device_code,
            endpoints=auth_server.endpoints(),
        )
    )
    assert auth_server.is_valid(credential.access_token)
    content_type, fields = auth_server.token_bodies[-1]
    assert content_type == "application/x-www-form-urlencoded"
    assert fields["redirect_uri"].startswith("http://127.0.0.1:")


@pytest.mark.asyncio
async def test_the_server_refuses_requests_without_pkce_or_state(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    """The test server is strict, so the passing logins above prove PKCE and state are sent."""
    register_claude(auth_server)
    base = (
        f"{auth_server.url}/authorize?response_type=code&client_id={CLAUDE.client_id}"
        "&redirect_uri=http%3A%2F%2Flocalhost%3A53692%2Fcallback"
    )
    for url in (base + "&state=s", base + "&code_challenge=x&code_challenge_method=S256"):
        async with session.get(url) as page:
            assert page.status == 400
    wrong_redirect = base.replace("53692", "9") + "&state=s&code_challenge=" + "a" * 43
    async with session.get(wrong_redirect + "&code_challenge_method=S256") as page:
        assert page.status == 400
        assert "redirect" in (await page.text()).lower()


def test_pasted_answers() -> None:
    assert parse_pasted(" abc#st ", "st") == "abc"
    assert parse_pasted("http://localhost:1/cb?code=abc&state=st", "st") == "abc"
    assert parse_pasted("abc", "st") == "abc"
    with pytest.raises(LoginFailed, match="another login"):
        parse_pasted("http://localhost:1/cb?code=abc&state=other", "st")
    with pytest.raises(LoginFailed, match="refused"):
        parse_pasted("http://localhost:1/cb?error=access_denied&state=st", "st")


@pytest.mark.asyncio
async def test_account_id_and_plan_from_the_id_token_become_a_login_header(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    """ChatGPT's shape: the id token's claims name the account (sent as ChatGPT-Account-ID on
    every API call) and the plan; the redirect is the fixed port 1455."""
    from app.auth.manager import Logins
    from app.auth.store import TokenStore
    from app.config.schema import Provider
    from app.proxy.credentials import ProviderAuth

    auth = "https://api.openai.com/auth"
    spec = LoginSpec(
        flow="browser",
        client_id="app_test",
        scopes=("openid", "profile", "email", "offline_access"),
        authorize_url="https://auth.vendor.example/oauth/authorize",
        token_url="https://auth.vendor.example/oauth/token",
        redirect_uri="http://localhost:1455/auth/callback",
        account_claim=(auth, "chatgpt_account_id"),
        plan_claim=(auth, "chatgpt_plan_type"),
        account_header="ChatGPT-Account-ID",
    )
    auth_server.client("app_test", ["http://localhost:1455/auth/callback"])
    auth_server.id_token_claims = {
        "email": "ada@example.com",
        auth: {"chatgpt_account_id": "acct-123", "chatgpt_plan_type": "plus"},
    }
    tasks: list[asyncio.Task[None]] = []

    async def browser(url: str) -> None:
        async with session.get(await approve(session, url)) as page:
            assert page.status == 200

    credential = await within(
        log_in(
            "chatgpt",
            "none",
            spec,
            session,
            open_url=lambda url: tasks.append(asyncio.create_task(browser(url))),
            show_code=no_device_code,
            endpoints=auth_server.endpoints(),
        )
    )
    assert (credential.account, credential.plan) == ("ada@example.com", "plus")
    provider = Provider(
        name="chatgpt",
        kind="openai-chat",
        base_url="https://chatgpt.example/backend-api",
        api_key="login:chatgpt",
        headers={"originator": "codex_cli_rs"},
    )
    logins = Logins(TokenStore(Path("/nonexistent")), lambda: session, specs=lambda _: spec)
    based = ProviderAuth(logins)._based(provider, credential)
    assert based.headers == {"originator": "codex_cli_rs", "ChatGPT-Account-ID": "acct-123"}
    assert ProviderAuth(logins)._based(provider, credential) is not provider
