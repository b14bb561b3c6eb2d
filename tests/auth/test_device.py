"""Device logins (RFC 8628) against the authlib authorization server: Qwen's (with PKCE), Kimi's,
and Copilot's (GitHub device flow, then the Copilot token exchange, also on an Enterprise
domain), with the polling rules the server enforces."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from app.auth.device import DeviceCode, device_login
from app.auth.login import log_in
from app.config.logins import LoginSpec
from app.config.presets import load_catalogue
from app.errors import LoginFailed
from tests.support.oauth_server import OAuthServer


def login_of(preset: str) -> LoginSpec:
    spec = load_catalogue()[preset].login
    assert spec is not None
    return spec


class User:
    """Reads the code off the screen and approves it on the verification page, over HTTP."""

    def __init__(self, session: aiohttp.ClientSession, *, decision: str = "approve") -> None:
        self.session = session
        self.decision = decision
        self.codes: list[DeviceCode] = []
        self.tasks: list[asyncio.Task[None]] = []

    def __call__(self, code: DeviceCode) -> None:
        self.codes.append(code)
        self.tasks.append(asyncio.create_task(self._approve(code)))

    async def _approve(self, code: DeviceCode) -> None:
        await asyncio.sleep(0.5)  # the client polls a few times first
        async with self.session.post(
            code.verification_uri, data={"user_code": code.user_code, "decision": self.decision}
        ) as answer:
            assert answer.status == 200


@pytest.mark.asyncio
async def test_qwen_device_login_with_pkce_and_its_api_base(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    spec = login_of("qwen-code")
    auth_server.client(spec.client_id)
    auth_server.device_pkce_required = True
    user = User(session)
    credential = await asyncio.wait_for(
        log_in(
            "qwen",
            "qwen-code",
            spec,
            session,
            show_code=user,
            endpoints=auth_server.endpoints(),
        ),
        20,
    )
    assert auth_server.is_valid(credential.access_token)
    assert credential.refresh_token
    assert user.codes[0].verification_uri_complete.endswith(user.codes[0].user_code)  # type: ignore[union-attr]
    grants = [fields["grant_type"] for _, fields in auth_server.token_bodies]
    assert grants.count("urn:ietf:params:oauth:grant-type:device_code") >= 2  # it polled
    assert all("code_verifier" in fields for _, fields in auth_server.token_bodies)


@pytest.mark.asyncio
async def test_kimi_device_login_sends_its_platform_header(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    spec = login_of("kimi-code")
    auth_server.client(spec.client_id)
    user = User(session)
    credential = await asyncio.wait_for(
        log_in(
            "kimi", "kimi-code", spec, session, show_code=user, endpoints=auth_server.endpoints()
        ),
        20,
    )
    assert auth_server.is_valid(credential.access_token)
    assert not any("code_verifier" in fields for _, fields in auth_server.token_bodies)
    assert all(h.get("X-Msh-Platform") == "kimi_cli" for h in auth_server.token_headers)


class FastTime:
    """The clock of the polling client and of the server's polling rule, running 100x faster
    than the wall clock: the intervals are kept exactly without being waited for."""

    SPEED = 100.0

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(seconds / self.SPEED)
        self.now += seconds


@pytest.mark.asyncio
async def test_slow_down_adds_five_seconds_to_the_interval(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    """The server answers the first poll with slow_down and then refuses (again with
    slow_down) any poll sooner than interval + 5 s: the login succeeding after exactly one
    slow_down, every later poll 5 s further apart, shows the client kept the longer interval."""
    spec = login_of("kimi-code")
    auth_server.client(spec.client_id)
    auth_server.slow_down_first_poll = True
    fast = FastTime()
    auth_server.clock = fast
    urls = auth_server.endpoints()
    answer = await asyncio.wait_for(
        device_login(
            spec,
            session,
            show_code=User(session),
            device_url=urls["device_url"],
            token_url=urls["token_url"],
            sleep=fast.sleep,
            clock=fast,
        ),
        30,
    )
    assert auth_server.is_valid(answer["access_token"])
    assert auth_server.slow_downs == 1
    interval = 0.2  # the server's
    assert fast.sleeps[0] == pytest.approx(interval)
    assert len(fast.sleeps) > 1
    assert fast.sleeps[1:] == pytest.approx([interval + 5] * (len(fast.sleeps) - 1))


@pytest.mark.asyncio
async def test_a_denied_login_says_so(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    spec = login_of("kimi-code")
    auth_server.client(spec.client_id)
    with pytest.raises(LoginFailed, match="denied"):
        await asyncio.wait_for(
            log_in(
                "kimi",
                "kimi-code",
                spec,
                session,
                show_code=User(session, decision="deny"),
                endpoints=auth_server.endpoints(),
            ),
            20,
        )


@pytest.mark.asyncio
async def test_an_unapproved_code_expires(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    from tests.support import oauth_server

    spec = login_of("kimi-code")
    auth_server.client(spec.client_id)
    expires = oauth_server._DeviceEndpoint.EXPIRES_IN
    oauth_server._DeviceEndpoint.EXPIRES_IN = 1
    try:
        with pytest.raises(LoginFailed, match="expired"):
            await asyncio.wait_for(
                log_in(
                    "kimi",
                    "kimi-code",
                    spec,
                    session,
                    show_code=lambda code: None,  # nobody approves
                    endpoints=auth_server.endpoints(),
                ),
                20,
            )
    finally:
        oauth_server._DeviceEndpoint.EXPIRES_IN = expires


@pytest.mark.asyncio
async def test_copilot_login_exchanges_the_github_token(
    auth_server: OAuthServer, session: aiohttp.ClientSession
) -> None:
    spec = login_of("copilot")
    auth_server.client(spec.client_id)
    auth_server.copilot_api = "http://127.0.0.1:9/copilot-api"
    credential = await asyncio.wait_for(
        log_in(
            "copilot",
            "copilot",
            spec,
            session,
            show_code=User(session),
            endpoints=auth_server.endpoints(),
        ),
        20,
    )
    assert auth_server.copilot_token_valid(credential.access_token)
    assert credential.refresh_token is not None and auth_server.is_valid(credential.refresh_token)
    assert credential.base_url == "http://127.0.0.1:9/copilot-api"  # the account's endpoint
    assert credential.plan == "copilot_for_individuals"
    assert credential.expires_at is not None and credential.expires_at > time.time() + 600


def test_github_enterprise_urls_come_from_the_catalogue_templates() -> None:
    from app.auth.exchange import enterprise_urls

    urls = enterprise_urls(login_of("copilot"), "https://acme.ghe.com/")
    assert urls == {
        "device_url": "https://acme.ghe.com/login/device/code",
        "token_url": "https://acme.ghe.com/login/oauth/access_token",
        "exchange_url": "https://api.acme.ghe.com/copilot_internal/v2/token",
        "base_url": "https://copilot-api.acme.ghe.com",
    }
    with pytest.raises(LoginFailed):
        enterprise_urls(login_of("copilot"), "acme.ghe.com/evil")
