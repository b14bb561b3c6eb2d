"""A real OAuth 2.0 authorization server on loopback, built on authlib's server components.

It enforces what the vendors' servers enforce and Switchboard must get right: registered
clients and exact redirect URIs (any port for loopback registrations, RFC 8252 §7.3), PKCE S256
on every code (RFC 7636, via authlib's CodeChallenge), `state` on every authorization request,
single-use codes, the device flow's polling rules (pending, slow_down with the interval raised
by 5 s, expiry; RFC 8628) and rotating, single-use refresh tokens. It also plays GitHub's
Copilot token exchange. Nothing here answers from a script: each answer comes from authlib's
grant logic over the server's state.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    ClientMixin,
    OAuth2Error,
    OAuth2Request,
    grants,
)
from authlib.oauth2.rfc6749.errors import InvalidGrantError, InvalidRequestError
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7636.challenge import compare_s256_code_challenge
from authlib.oauth2.rfc8628 import DeviceAuthorizationEndpoint, DeviceCodeGrant
from joserfc import jwt
from joserfc.jwk import OctKey

# authlib refuses plain-http endpoints unless told this is a test
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

USER = {"id": "u1", "email": "ada@example.com"}


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    redirect_uris: list[str] = field(default_factory=list)
    secret: str | None = None
    loopback_any_port: bool = False

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope: str | None) -> str:
        return scope or ""  # no scope asked: the client's default (RFC 6749 §3.3)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        if redirect_uri in self.redirect_uris:
            return True
        if not self.loopback_any_port:
            return False
        got = urlsplit(redirect_uri)
        return (
            got.scheme == "http"
            and got.hostname in ("127.0.0.1", "localhost")
            and any(urlsplit(r).path == got.path for r in self.redirect_uris)
        )

    def check_client_secret(self, client_secret: str) -> bool:
        return self.secret is not None and secrets.compare_digest(client_secret, self.secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == ("client_secret_post" if self.secret else "none")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return True


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    code_challenge: str | None
    code_challenge_method: str | None
    issued: float = field(default_factory=time.time)

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_auth_time(self) -> float:
        return self.issued

    def get_nonce(self) -> None:
        return None


@dataclass
class Issued:
    client_id: str
    access_token: str
    refresh_token: str | None
    scope: str
    expires_at: float
    revoked: bool = False  # the refresh token (used, or revoked)
    access_revoked: bool = False

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def is_expired(self) -> bool:
        return False  # refresh tokens here live until used once

    def is_revoked(self) -> bool:
        return self.revoked


class _Request(OAuth2Request):  # type: ignore[misc]
    def __init__(self, request: web.Request, body: dict[str, str]) -> None:
        super().__init__(request.method, str(request.url), headers=dict(request.headers))
        self._query = dict(request.query)
        self._form = body
        self.payload = BasicOAuth2Payload({**self._query, **body})

    @property
    def args(self) -> dict[str, str]:
        return self._query

    @property
    def form(self) -> dict[str, str]:
        return self._form


class _CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_post"]  # noqa: RUF012

    def save_authorization_code(self, code: str, request: _Request) -> None:
        data = request.payload.data
        self.server.codes[code] = Code(
            code,
            request.client.client_id,
            data["redirect_uri"],
            data.get("scope", ""),
            data.get("code_challenge"),
            data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found: Code | None = self.server.codes.get(code)
        if found is None or found.client_id != client.client_id:
            return None
        if time.time() - found.issued > 600:
            return None
        return found

    def delete_authorization_code(self, authorization_code: Code) -> None:
        self.server.codes.pop(authorization_code.code, None)  # single use

    def authenticate_user(self, authorization_code: Code) -> dict[str, str]:
        return USER


class _RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_post"]  # noqa: RUF012
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh token is good once

    def authenticate_refresh_token(self, refresh_token: str) -> Issued | None:
        found: Issued | None = self.server.by_refresh.get(refresh_token)
        if found is None or found.revoked:
            self.server.reused_refresh += found is not None
            return None
        return found

    def authenticate_user(self, credential: Issued) -> dict[str, str]:
        return USER

    def revoke_old_credential(self, credential: Issued) -> None:
        credential.revoked = True


class _DeviceGrant(DeviceCodeGrant):  # type: ignore[misc]
    def query_device_credential(self, device_code: str) -> Any:
        return self.server.devices.get(device_code)

    def query_user_grant(self, user_code: str) -> tuple[dict[str, str], bool] | None:
        decision = self.server.user_decisions.get(user_code)
        return None if decision is None else (USER, decision)

    def should_slow_down(self, credential: Any) -> bool:
        """Polling faster than the current interval is answered slow_down, and the interval
        the client must keep from then on grows by 5 s (RFC 8628 §3.5)."""
        now = self.server.clock()
        last = credential.get("last_poll")
        credential["last_poll"] = now
        too_fast = last is not None and now - last < credential["interval_now"] - 0.05
        if credential.pop("force_slow_down", False) or too_fast:
            credential["interval_now"] += 5
            self.server.slow_downs += 1
            return True
        return False

    def validate_token_request(self) -> None:
        super().validate_token_request()
        # PKCE on the device flow (Qwen): the verifier must match the device request's challenge
        challenge = self.request.credential.get("code_challenge")
        if challenge:
            verifier = self.request.form.get("code_verifier", "")
            if not verifier or not compare_s256_code_challenge(verifier, challenge):
                raise InvalidGrantError(description="code_verifier does not match")


class _DeviceEndpoint(DeviceAuthorizationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = ["none", "client_secret_post"]  # noqa: RUF012

    def get_verification_uri(self) -> str:
        return self.server.url + "/device"

    def create_endpoint_response(self, request: _Request) -> Any:
        self._pending_request = request
        return super().create_endpoint_response(request)

    def save_device_credential(self, client_id: str, scope: str, data: dict[str, Any]) -> None:
        from authlib.oauth2.rfc8628 import DeviceCredentialDict

        payload = self._pending_request.payload.data
        if self.server.device_pkce_required and payload.get("code_challenge_method") != "S256":
            raise InvalidRequestError(description="PKCE S256 is required")
        self.server.devices[data["device_code"]] = DeviceCredentialDict(
            client_id=client_id,
            scope=scope,
            expires_at=time.time() + data["expires_in"],
            interval_now=data["interval"],
            code_challenge=payload.get("code_challenge"),
            force_slow_down=self.server.slow_down_first_poll,
            **data,
        )


class OAuthServer(AuthorizationServer):  # type: ignore[misc]
    """Start with `await start()`; `url` is its root. Register clients with `client()`."""

    def __init__(self, *, access_lifetime: int = 3600, device_interval: float = 0.2) -> None:
        super().__init__(scopes_supported=None)
        self.url = ""
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, Code] = {}
        self.by_access: dict[str, Issued] = {}
        self.by_refresh: dict[str, Issued] = {}
        self.devices: dict[str, Any] = {}
        self.user_decisions: dict[str, bool] = {}
        self.access_lifetime = access_lifetime
        self.device_pkce_required = False
        self.slow_down_first_poll = False
        self.slow_downs = 0
        self.clock: Callable[[], float] = time.monotonic  # the polling rule's; tests may swap it
        self.reused_refresh = 0
        self.grant_counts: dict[str, int] = {}
        self.authorize_requests: list[dict[str, str]] = []
        self.token_bodies: list[tuple[str, dict[str, str]]] = []  # (content type, fields)
        self.token_headers: list[dict[str, str]] = []
        self.copilot_exchanges = 0
        self.gitlab_exchanges = 0
        self.personal_tokens: set[str] = set()
        self.copilot_lifetime = 1800
        self.copilot_api: str | None = None
        self.id_token_claims: dict[str, Any] | None = None  # set: OpenID id tokens are issued
        self._signing_key = OctKey.generate_key(256)
        bearer = BearerTokenGenerator(
            access_token_generator=lambda **_: "at-" + secrets.token_urlsafe(24),
            refresh_token_generator=lambda **_: "rt-" + secrets.token_urlsafe(24),
            expires_generator=lambda client, grant_type: self.access_lifetime,
        )

        def generate(**kwargs: Any) -> dict[str, Any]:
            token: dict[str, Any] = bearer(**kwargs)
            if self.id_token_claims is not None:
                claims = {"iat": int(time.time()), "exp": int(time.time()) + 3600}
                claims.update(self.id_token_claims)
                token["id_token"] = jwt.encode({"alg": "HS256"}, claims, self._signing_key)
            return token

        self.register_token_generator("default", generate)
        self.register_grant(_CodeGrant, [CodeChallenge(required=True)])
        self.register_grant(_RefreshGrant)
        self.register_grant(_DeviceGrant)
        self.register_endpoint(_DeviceEndpoint)
        _DeviceEndpoint.INTERVAL = device_interval  # type: ignore[assignment]
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- authlib's hooks
    def query_client(self, client_id: str) -> Client | None:
        return self.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: _Request) -> None:
        issued = Issued(
            request.client.client_id,
            token["access_token"],
            token.get("refresh_token"),
            token.get("scope", ""),
            time.time() + token.get("expires_in", self.access_lifetime),
        )
        self.by_access[issued.access_token] = issued
        if issued.refresh_token:
            self.by_refresh[issued.refresh_token] = issued

    def create_oauth2_request(self, request: Any) -> Any:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> web.Response:
        pairs = dict(headers.items() if isinstance(headers, dict) else headers)
        if isinstance(body, dict):
            pairs.pop("Content-Type", None)
            return web.json_response(body, status=status, headers=pairs)
        return web.Response(status=status, text=body or "", headers=pairs)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    # ---------------------------------------------------------------- test helpers
    def client(
        self,
        client_id: str,
        redirect_uris: list[str] | tuple[str, ...] = (),
        *,
        secret: str | None = None,
        loopback_any_port: bool = False,
    ) -> Client:
        registered = Client(client_id, list(redirect_uris), secret, loopback_any_port)
        self.clients[client_id] = registered
        return registered

    def is_valid(self, access_token: str) -> bool:
        """What a resource server asks: issued here, not revoked, not expired."""
        found = self.by_access.get(access_token)
        return found is not None and not found.access_revoked and found.expires_at > time.time()

    def revoke_access(self, access_token: str) -> None:
        self.by_access[access_token].access_revoked = True

    def approve(self, user_code: str, approved: bool = True) -> None:
        self.user_decisions[user_code] = approved

    def refreshes(self) -> int:
        return self.grant_counts.get("refresh_token", 0)

    def copilot_token_valid(self, token: str) -> bool:
        return token in self._copilot_tokens and self._copilot_tokens[token] > time.time()

    # ---------------------------------------------------------------- HTTP
    async def start(self) -> None:
        self._copilot_tokens: dict[str, float] = {}
        app = web.Application()
        app.router.add_get("/authorize", self._authorize_page)
        app.router.add_post("/authorize", self._authorize_decision)
        app.router.add_post("/token", self._token)
        app.router.add_post("/device/code", self._device_code)
        app.router.add_post("/device", self._device_decision)
        app.router.add_get("/copilot_internal/v2/token", self._copilot_exchange)
        app.router.add_post("/api/v4/ai/third_party_agents/direct_access", self._gitlab_exchange)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def personal_access_token(self) -> str:
        """A GitLab personal access token this server accepts."""
        token = "glpat-" + secrets.token_urlsafe(16)
        self.personal_tokens.add(token)
        return token

    async def _gitlab_exchange(self, request: web.Request) -> web.Response:
        """GitLab's Duo direct access: a PAT (Bearer) buys a token and gateway headers."""
        scheme, _, pat = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or pat not in self.personal_tokens:
            return web.json_response({"message": "401 Unauthorized"}, status=401)
        body = await request.json()
        if body != {"feature_flags": {"DuoAgentPlatformNext": True}}:
            return web.json_response({"message": "bad feature flags"}, status=400)
        self.gitlab_exchanges += 1
        token = "duo-" + secrets.token_hex(12)
        self._copilot_tokens[token] = time.time() + 1800
        headers = {"x-gitlab-instance-id": "inst-1", "x-gitlab-realm": "saas"}
        return web.json_response({"token": token, "headers": headers, "expires_at": None})

    def endpoints(self) -> dict[str, str]:
        return {
            "authorize_url": self.url + "/authorize",
            "token_url": self.url + "/token",
            "device_url": self.url + "/device/code",
            "exchange_url": self.url + "/copilot_internal/v2/token",
        }

    async def _authorize_page(self, request: web.Request) -> web.Response:
        oauth_request = _Request(request, {})
        self.authorize_requests.append(dict(request.query))
        refusal = _authorization_refusal(oauth_request)
        if refusal:
            return web.Response(status=400, text=refusal)
        try:
            self.get_consent_grant(oauth_request)
        except OAuth2Error as exc:
            # a bad client or redirect URI is shown, never redirected to (RFC 6749 §4.1.2.1)
            return web.Response(status=400, text=f"{exc.error}: {exc.description}")
        action = "/authorize?" + request.query_string
        page = (
            "<!doctype html><title>Test AS</title><h1>Allow access?</h1>"
            f"<form method=post action='{action}'>"
            "<button id=approve name=decision value=approve>Approve</button>"
            "<button id=deny name=decision value=deny>Deny</button></form>"
        )
        return web.Response(text=page, content_type="text/html")

    async def _authorize_decision(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        oauth_request = _Request(request, {})
        if _authorization_refusal(oauth_request):
            return web.Response(status=400, text="bad request")
        user = USER if form.get("decision") == "approve" else None
        grant = self.get_consent_grant(oauth_request)
        response: web.Response = self.create_authorization_response(
            oauth_request, grant_user=user, grant=grant
        )
        return response

    async def _token(self, request: web.Request) -> web.Response:
        body = await _fields(request)
        self.token_bodies.append((request.content_type, body))
        self.token_headers.append(dict(request.headers))
        grant_type = body.get("grant_type", "")
        self.grant_counts[grant_type] = self.grant_counts.get(grant_type, 0) + 1
        response: web.Response = self.create_token_response(_Request(request, body))
        return response

    async def _device_code(self, request: web.Request) -> web.Response:
        body = await _fields(request)
        response: web.Response = self.create_endpoint_response(
            "device_authorization", _Request(request, body)
        )
        return response

    async def _device_decision(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.approve(str(form["user_code"]), form.get("decision", "approve") == "approve")
        return web.Response(text="done")

    async def _copilot_exchange(self, request: web.Request) -> web.Response:
        """GitHub's Copilot token endpoint: `Authorization: token <GitHub token>`."""
        scheme, _, github = request.headers.get("Authorization", "").partition(" ")
        if scheme != "token" or not self.is_valid(github):
            return web.json_response({"message": "Bad credentials"}, status=401)
        if not request.headers.get("editor-version"):
            return web.json_response({"message": "missing editor-version"}, status=400)
        self.copilot_exchanges += 1
        token = "tid=" + secrets.token_hex(8) + ";exp=" + str(int(time.time()))
        expires_at = int(time.time() + self.copilot_lifetime)
        self._copilot_tokens[token] = expires_at
        answer: dict[str, Any] = {
            "token": token,
            "expires_at": expires_at,
            "refresh_in": max(1, self.copilot_lifetime - 300),
            "sku": "copilot_for_individuals",
        }
        if self.copilot_api:
            answer["endpoints"] = {"api": self.copilot_api}
        return web.json_response(answer)


def _authorization_refusal(request: _Request) -> str:
    """What this server demands beyond RFC 6749: a state, and PKCE with S256 only."""
    data = request.payload.data
    if not data.get("state"):
        return "invalid_request: state is required"
    if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
        return "invalid_request: PKCE with S256 is required"
    return ""


async def _fields(request: web.Request) -> dict[str, str]:
    if request.content_type == "application/json":
        data = await request.json()
        return {k: str(v) for k, v in data.items()}
    return {k: str(v) for k, v in (await request.post()).items()}
