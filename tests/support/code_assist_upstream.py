"""A loopback Gemini Code Assist API (cloudcode-pa `v1internal`) for login tests: it answers
project discovery and onboarding, and generateContent in Code Assist's envelope, refusing any
request without a token the loopback authorization server issued, an envelope without the
account's project, or an inner request the strict Gemini validator refuses."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from tests.support.gemini_strict import InvalidGeminiRequest, validate_gemini_request
from tests.support.gemini_upstream import Chunk, merge, text_chunks


@dataclass
class CodeAssistUpstream:
    is_valid: Callable[[str], bool]
    project: str = "proj-free-77"
    script: deque[list[Chunk] | Callable[[dict[str, Any]], list[Chunk]]] = field(
        default_factory=deque
    )
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    onboarded: bool = False
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post("/v1internal:loadCodeAssist", self._load)
        app.router.add_post("/v1internal:onboardUser", self._onboard)
        app.router.add_get("/v1internal/operations/{name}", self._operation)
        app.router.add_post("/v1internal:streamGenerateContent", self._generate)
        app.router.add_post("/v1internal:generateContent", self._generate)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1internal"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _refusal(self, request: web.Request) -> web.Response | None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not self.is_valid(token):
            error = {"code": 401, "message": "invalid credentials", "status": "UNAUTHENTICATED"}
            return web.json_response({"error": error}, status=401)
        return None

    async def _load(self, request: web.Request) -> web.Response:
        if (refusal := self._refusal(request)) is not None:
            return refusal
        if self.onboarded:
            answer = {"currentTier": {"id": "free-tier"}, "cloudaicompanionProject": self.project}
            return web.json_response(answer)
        return web.json_response({"allowedTiers": [{"id": "free-tier", "isDefault": True}]})

    async def _onboard(self, request: web.Request) -> web.Response:
        if (refusal := self._refusal(request)) is not None:
            return refusal
        body = await request.json()
        if body.get("tierId") != "free-tier" or "cloudaicompanionProject" in body:
            return web.json_response({"error": {"code": 412}}, status=412)
        self.onboarded = True
        return web.json_response({"name": "operations/onboard-1", "done": False})

    async def _operation(self, request: web.Request) -> web.Response:
        if (refusal := self._refusal(request)) is not None:
            return refusal
        done = {"cloudaicompanionProject": {"id": self.project}}
        return web.json_response({"name": "operations/onboard-1", "done": True, "response": done})

    async def _generate(self, request: web.Request) -> web.StreamResponse:
        if (refusal := self._refusal(request)) is not None:
            return refusal
        envelope = orjson.loads(await request.read())
        self.envelopes.append(envelope)
        try:
            if envelope.get("project") != self.project:
                raise InvalidGeminiRequest(f"project {envelope.get('project')!r} is not yours")
            if not envelope.get("model") or not envelope.get("user_prompt_id"):
                raise InvalidGeminiRequest("the envelope needs model and user_prompt_id")
            validate_gemini_request(envelope["request"])
        except (InvalidGeminiRequest, KeyError, TypeError) as exc:
            self.invalid.append(str(exc))
            return web.json_response({"error": {"code": 400, "message": str(exc)}}, status=400)
        answer = self.script.popleft() if self.script else text_chunks("Hello!")
        chunks = answer(envelope["request"]) if callable(answer) else answer
        if not request.path.endswith(":streamGenerateContent"):
            return web.json_response({"response": merge(chunks), "traceId": "t1"})
        if request.query.get("alt") != "sse":
            return web.json_response({"error": {"code": 400, "message": "alt=sse"}}, status=400)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for chunk in chunks:
            wrapped = {"response": chunk, "traceId": "t1"}
            await response.write(b"data: " + orjson.dumps(wrapped) + b"\r\n\r\n")
        await response.write_eof()
        return response
