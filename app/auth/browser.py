"""Authorization code + PKCE (S256) + `state`, answered on a loopback callback server.

The browser is opened on the authorize URL; the vendor redirects it to our loopback server
(the vendor's fixed port when its client registration mandates one). On a machine without a
browser the user opens the URL elsewhere and pastes back what they get: the code (`code#state`
from a vendor's code page) or the whole URL their browser ended on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import aiohttp
from aiohttp import web
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from app.auth.endpoint import OAuthError, post
from app.config.logins import LoginSpec
from app.errors import LoginFailed

log = logging.getLogger(__name__)

_DEFAULT_PATH = "/callback"
_PAGE = (
    "<!doctype html><meta charset=utf-8><title>Switchboard</title>"
    "<body style='font:16px system-ui;margin:3em'><h1>{title}</h1><p>{text}</p>"
)


@dataclass(slots=True)
class Pkce:
    """A fresh verifier (RFC 7636: 43-128 unreserved characters) and its S256 challenge."""

    verifier: str = field(default_factory=lambda: generate_token(64))

    @property
    def challenge(self) -> str:
        return str(create_s256_code_challenge(self.verifier))


@dataclass(slots=True)
class AuthorizationRequest:
    url: str
    redirect_uri: str
    state: str
    pkce: Pkce


def authorization_request(spec: LoginSpec, redirect_uri: str) -> AuthorizationRequest:
    pkce = Pkce()
    state = pkce.verifier if spec.state_is_verifier else secrets.token_urlsafe(32)
    params: dict[str, Any] = dict(spec.authorize_params)
    if spec.pkce:
        params.update(code_challenge=pkce.challenge, code_challenge_method="S256")
    assert spec.authorize_url is not None  # LoginSpec checks it for browser logins
    url = prepare_grant_uri(
        spec.authorize_url,
        spec.client_id,
        "code",
        redirect_uri=redirect_uri,
        scope=" ".join(spec.scopes) or None,
        state=state,
        **params,
    )
    return AuthorizationRequest(str(url), redirect_uri, state, pkce)


def parse_pasted(text: str, state: str) -> str:
    """The code from what the user pasted: a redirect URL, `code#state`, or the bare code.
    A URL or `code#state` whose state is not ours is refused (another login's answer)."""
    text = text.strip()
    if not text:
        raise LoginFailed("nothing was pasted")
    if "://" in text or text.startswith("?"):
        query = dict(parse_qsl(urlsplit(text).query or text.lstrip("?")))
        if "error" in query:
            raise LoginFailed(f"the provider refused: {query['error']}")
        code, got_state = query.get("code"), query.get("state")
    else:
        code, _, got_state = text.partition("#")
    if not code:
        raise LoginFailed("no authorization code in what was pasted")
    if got_state and not secrets.compare_digest(got_state, state):
        raise LoginFailed("the pasted answer belongs to another login attempt (state mismatch)")
    return code


class CallbackServer:
    """The loopback server the browser is redirected to; `code` resolves with the code."""

    def __init__(self, redirect_uri: str | None) -> None:
        parts = urlsplit(redirect_uri or "")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 0
        self.path = parts.path or _DEFAULT_PATH
        self._fixed = redirect_uri if parts.port else None  # no port: any free one
        self._state = ""
        self.code: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._runner: web.AppRunner | None = None

    @property
    def redirect_uri(self) -> str:
        return self._fixed or f"http://{self.host}:{self.port}{self.path}"

    def expect(self, state: str) -> None:
        self._state = state

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(self.path, self._callback)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        # "localhost" binds every loopback address it resolves to (browsers may pick ::1)
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as exc:
            await runner.cleanup()
            raise LoginFailed(
                f"cannot listen on {self.host}:{self.port} for the login callback ({exc}); "
                "is another login running? (this provider only accepts that port)"
            ) from exc
        self._runner = runner
        if not self.port:
            self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _callback(self, request: web.Request) -> web.Response:
        query = request.query
        if "error" in query:
            message = query.get("error_description") or query["error"]
            if not self.code.done():
                self.code.set_exception(LoginFailed(f"the provider refused: {message}"))
            return _page(400, "Login refused", message)
        state = query.get("state", "")
        if not self._state or not secrets.compare_digest(state, self._state):
            # not the answer to our request (a stale tab, a forged link): keep waiting
            return _page(400, "Wrong login attempt", "This page belongs to another login.")
        code = query.get("code")
        if not code:
            return _page(400, "No code", "The provider sent no authorization code.")
        if not self.code.done():
            self.code.set_result(code)
        return _page(200, "You are logged in", "You can close this tab and go back.")


def _page(status: int, title: str, text: str) -> web.Response:
    return web.Response(
        status=status,
        text=_PAGE.format(title=title, text=text.replace("<", "&lt;")),
        content_type="text/html",
    )


async def browser_login(
    spec: LoginSpec,
    session: aiohttp.ClientSession,
    *,
    open_url: Callable[[str], object],
    pasted: Callable[[], Awaitable[str]] | None = None,
    headless: bool = False,
    give_up_after: float = 600.0,
) -> dict[str, Any]:
    """Run the flow; the token endpoint's answer. `open_url` shows the authorize URL (the
    system browser, or a printed link when headless); `pasted`, when given, is awaited for a
    pasted answer alongside the callback."""
    paste_page = spec.paste_redirect_uri if headless else None
    server = None if paste_page else CallbackServer(spec.redirect_uri)
    try:
        if server is not None:
            await server.start()
            paste_page = server.redirect_uri
        assert paste_page is not None
        request = authorization_request(spec, paste_page)
        if server is not None:
            server.expect(request.state)
        open_url(request.url)
        code = await _first_code(server, pasted, request.state, give_up_after)
    finally:
        if server is not None:
            await server.stop()
    return await exchange_code(spec, session, code, request)


async def _first_code(
    server: CallbackServer | None,
    pasted: Callable[[], Awaitable[str]] | None,
    state: str,
    give_up_after: float,
) -> str:
    waits: list[asyncio.Future[str]] = []
    if server is not None:
        waits.append(server.code)
    if pasted is not None:
        paste = pasted

        async def from_paste() -> str:
            return parse_pasted(await paste(), state)

        waits.append(asyncio.ensure_future(from_paste()))
    if not waits:
        raise LoginFailed("no way to receive the login's answer")
    try:
        done, _ = await asyncio.wait(
            waits, timeout=give_up_after, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        for wait in waits:
            if not wait.done():
                wait.cancel()
                with contextlib.suppress(asyncio.CancelledError, LoginFailed):
                    await wait
    if not done:
        raise LoginFailed(f"no answer from the browser within {give_up_after:g} s")
    return done.pop().result()


async def exchange_code(
    spec: LoginSpec, session: aiohttp.ClientSession, code: str, request: AuthorizationRequest
) -> dict[str, Any]:
    fields = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": request.redirect_uri,
        "client_id": spec.client_id,
    }
    if spec.pkce:
        fields["code_verifier"] = request.pkce.verifier
    if spec.client_secret:
        fields["client_secret"] = spec.client_secret
    if spec.send_state_on_exchange:
        fields["state"] = request.state
    try:
        return await post(
            session,
            spec.token_endpoint,
            fields,
            body_format=spec.token_format,
            headers=spec.headers,
        )
    except OAuthError as exc:
        raise LoginFailed(f"the provider did not accept the login ({exc})") from exc
