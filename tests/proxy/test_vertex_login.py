"""Gemini on Vertex AI with Google Application Default Credentials: google-auth gets its tokens
from a loopback GCE metadata server (one real ADC source; google-auth pins the token endpoint
of ADC files to Google's own), the login names the project's Vertex root, and the proxy calls
a loopback Vertex that demands the bearer token; a revoked token is replaced and the request
retried."""

from __future__ import annotations

import inspect
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import anthropic
import pytest
import pytest_asyncio
from aiohttp import web

from app.auth.credential import Credential
from app.auth.login import log_in
from app.auth.store import TokenStore
from app.config.presets import load_catalogue
from tests.support.anthropic_upstream import MESSAGE, AnthropicUpstream, Seen, encode, stream_events
from tests.support.gemini_upstream import GeminiUpstream
from tests.support.proxy import TOKEN, ProxyFactory


class VertexGemini(GeminiUpstream):
    """Gemini's API at Vertex's address, authorised by a Google bearer token."""

    is_valid = staticmethod(lambda token: False)
    project = "proj-v"

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post(
            "/v1/projects/{project}/locations/{location}/publishers/google/models/{target}",
            self._vertex,
        )
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def _vertex(self, request: web.Request) -> web.StreamResponse:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not self.is_valid(token):
            return web.json_response(
                {"error": {"code": 401, "status": "UNAUTHENTICATED"}}, status=401
            )
        if request.match_info["project"] != self.project:
            return web.json_response(
                {"error": {"code": 403, "status": "PERMISSION_DENIED"}}, status=403
            )
        # the rest as Gemini's own API (its handler wants a key header: the token stands in)
        return await self._handle(request.clone(headers={**request.headers, "x-goog-api-key": "-"}))


class Metadata:
    """A Google Compute Engine metadata server on loopback: one of the places Application
    Default Credentials come from. It hands out short-lived tokens and remembers them (the
    loopback Vertex accepts only those); `revoke` makes one fail early."""

    def __init__(self) -> None:
        self.tokens: dict[str, float] = {}
        self.issued = 0
        self.host = ""
        self._runner: web.AppRunner | None = None

    def is_valid(self, token: str) -> bool:
        return self.tokens.get(token, 0) > time.time()

    def revoke(self, token: str) -> None:
        self.tokens[token] = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._ping)
        app.router.add_get("/computeMetadata/v1/project/project-id", self._project)
        app.router.add_get("/computeMetadata/v1/instance/service-accounts/default/", self._account)
        app.router.add_get(
            "/computeMetadata/v1/instance/service-accounts/default/token", self._token
        )
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.host = f"127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @staticmethod
    def _answer(body: object) -> web.Response:
        headers = {"Metadata-Flavor": "Google"}
        if isinstance(body, str):
            return web.Response(text=body, headers=headers)
        return web.json_response(body, headers=headers)

    def _refused(self, request: web.Request) -> bool:
        return request.headers.get("Metadata-Flavor") != "Google"

    async def _ping(self, request: web.Request) -> web.Response:
        return self._answer("ok")

    async def _project(self, request: web.Request) -> web.Response:
        return web.Response(status=403) if self._refused(request) else self._answer("proj-v")

    async def _account(self, request: web.Request) -> web.Response:
        if self._refused(request):
            return web.Response(status=403)
        email = "runner@proj-v.iam.gserviceaccount.com"
        scopes = ["https://www.googleapis.com/auth/cloud-platform"]
        return self._answer({"email": email, "scopes": scopes, "aliases": ["default"]})

    async def _token(self, request: web.Request) -> web.Response:
        if self._refused(request):
            return web.Response(status=403)
        token = "ya29." + secrets.token_urlsafe(16)
        self.tokens[token] = time.time() + 3600
        self.issued += 1
        return self._answer({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})


@pytest_asyncio.fixture
async def metadata(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Metadata]:
    """google-auth pointed at the loopback metadata server, and no other ADC source."""
    from google.auth.compute_engine import _metadata

    server = Metadata()
    await server.start()
    for variable in (
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GOOGLE_CLOUD_PROJECT",
        "GOOGLE_CLOUD_LOCATION",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GCE_METADATA_IP", server.host)  # read per call
    monkeypatch.setattr(_metadata, "_GCE_METADATA_HOST", server.host)  # read at import
    # google-auth gives the metadata server 3 s per call (default arguments): a loaded test
    # machine may need longer, and time is not what these tests check
    monkeypatch.setattr(_metadata.ping, "__defaults__", (30, 3))
    names = list(inspect.signature(_metadata.get).parameters)
    defaults = list(_metadata.get.__defaults__ or ())
    defaults[names.index("timeout") - (len(names) - len(defaults))] = 30
    monkeypatch.setattr(_metadata.get, "__defaults__", tuple(defaults))
    try:
        yield server
    finally:
        await server.stop()


async def vertex_login(preset: str, template: str, config_path: Path) -> Credential:
    spec = load_catalogue()[preset].login
    assert spec is not None
    async with aiohttp.ClientSession() as session:
        credential = await log_in(
            "vertex",
            preset,
            spec,
            session,
            show_code=lambda _: None,
            endpoints={"adc_base_url": template},
        )
    TokenStore(config_path.parent).save(credential, allow_file=True)
    return credential


@pytest.mark.asyncio
async def test_vertex_gemini_through_application_default_credentials(
    start_proxy: ProxyFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from google.auth.compute_engine import _metadata

    metadata = Metadata()
    await metadata.start()
    for variable in (
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GOOGLE_CLOUD_PROJECT",
        "GOOGLE_CLOUD_LOCATION",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GCE_METADATA_IP", metadata.host)  # read per call
    monkeypatch.setattr(_metadata, "_GCE_METADATA_HOST", metadata.host)  # read at import
    vertex = VertexGemini()
    vertex.is_valid = metadata.is_valid  # type: ignore[method-assign]
    await vertex.start()
    try:
        spec = load_catalogue()["vertex-gemini"].login
        assert spec is not None
        template = vertex.url + "/v1/projects/{project}/locations/{location}/publishers/google"
        async with aiohttp.ClientSession() as session:
            credential = await log_in(
                "vertex",
                "vertex-gemini",
                spec,
                session,
                show_code=lambda _: None,
                endpoints={"adc_base_url": template},
            )
        assert credential.base_url == (
            vertex.url + "/v1/projects/proj-v/locations/global/publishers/google"
        )
        assert credential.account == "runner@proj-v.iam.gserviceaccount.com"
        assert metadata.is_valid(credential.access_token)
        config_path = tmp_path / "config" / "config.toml"
        TokenStore(config_path.parent).save(credential, allow_file=True)
        config = {
            "providers": [
                {
                    "name": "vertex",
                    "kind": "gemini",
                    "base_url": "https://aiplatform.googleapis.com/v1",
                    "api_key": "login:vertex",
                    "auth": "bearer",
                    "preset": "vertex-gemini",
                }
            ],
            "profiles": [{"name": "main", "models": {"default": "vertex/gemini-2.5-pro"}}],
        }
        proxy = await start_proxy(config, config_path=config_path)
        for _ in range(2):
            async with anthropic.AsyncAnthropic(
                base_url=f"{proxy.url}/proxy/main", api_key=TOKEN, max_retries=0
            ) as sdk:
                message = await sdk.messages.create(
                    model="m", max_tokens=50, messages=[{"role": "user", "content": "hi"}]
                )
            assert message.content[0].text == "Hello!"  # type: ignore[union-attr]
            for token in list(metadata.tokens):
                metadata.revoke(token)  # the next call: 401, a new token, the retry
        assert metadata.issued == 2  # the login's, then one after the 401
        assert vertex.paths[0].startswith("/v1/projects/proj-v/locations/global/")
    finally:
        await vertex.stop()
        await metadata.stop()  # its listening socket, left to the GC, warned in a later test


class VertexClaude(AnthropicUpstream):
    """Claude's Messages API at Vertex's address: the model in the URL, anthropic_version in
    the body, a Google bearer token."""

    is_valid = staticmethod(lambda token: False)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(
            "/v1/projects/{project}/locations/{location}/publishers/anthropic/models/{target}",
            self._vertex,
        )
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def _vertex(self, request: web.Request) -> web.StreamResponse:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not self.is_valid(token):
            return web.json_response({"error": {"code": 401}}, status=401)
        model, _, method = request.match_info["target"].partition(":")
        body = await request.json()
        self.requests.append(Seen(request.path, request.query_string, dict(request.headers), body))
        if "model" in body or body.get("anthropic_version") != "vertex-2023-10-16":
            return web.json_response({"error": {"message": "not Vertex's shape"}}, status=400)
        message = {**MESSAGE, "model": model}
        if method == "rawPredict":
            return web.json_response(message)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(encode(stream_events(message)))
        await response.write_eof()
        return response


@pytest.mark.asyncio
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
async def test_vertex_claude_through_application_default_credentials(
    start_proxy: ProxyFactory, tmp_path: Path, metadata: Metadata, stream: bool
) -> None:
    vertex = VertexClaude()
    vertex.is_valid = metadata.is_valid  # type: ignore[method-assign]
    await vertex.start()
    try:
        template = (
            vertex.url + "/v1/projects/{project}/locations/{location}/publishers/anthropic/models"
        )
        metadata_project = "proj-v"
        config_path = tmp_path / "config" / "config.toml"
        credential = await vertex_login("vertex-claude", template, config_path)
        assert credential.base_url is not None and metadata_project in credential.base_url
        config = {
            "providers": [
                {
                    "name": "vertex",
                    "kind": "anthropic",
                    "base_url": "https://aiplatform.googleapis.com/v1",
                    "api_key": "login:vertex",
                    "auth": "bearer",
                    "preset": "vertex-claude",
                }
            ],
            "profiles": [{"name": "main", "models": {"default": "vertex/claude-sonnet-4-5"}}],
        }
        proxy = await start_proxy(config, config_path=config_path)
        async with anthropic.AsyncAnthropic(
            base_url=f"{proxy.url}/proxy/main", api_key=TOKEN, max_retries=0
        ) as sdk:
            request = {
                "model": "claude-sonnet-4-5",
                "max_tokens": 50,
                "messages": [{"role": "user", "content": "hi"}],
            }
            if stream:
                async with sdk.messages.stream(**request) as events:  # type: ignore[arg-type]
                    message = await events.get_final_message()
            else:
                message = await sdk.messages.create(**request)  # type: ignore[call-overload]
        assert message.content[1].text == "I'll run ls."  # type: ignore[union-attr]
        method = "streamRawPredict" if stream else "rawPredict"
        assert vertex.requests[0].path.endswith(f"/models/claude-sonnet-4-5:{method}")
    finally:
        await vertex.stop()
