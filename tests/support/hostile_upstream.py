"""Loopback upstreams that misbehave on purpose, one behaviour per path prefix, for the abuse suite.

`/<behaviour>/v1/chat/completions` (Chat Completions) and `/<behaviour>/v1/messages` (Anthropic):

- `redirect`: a 307 to `/thief/…` on the same server; the thief records every request it gets
  (a proxy that follows the redirect hands it the key);
- `echo`: a 401 whose message quotes the key it was sent, as some providers do;
- `endless`: a 200 event stream whose first line never ends (up to `FLOOD` bytes, or until the
  proxy hangs up);
- `giant`: a 200 JSON answer of `FLOOD` bytes (or until the proxy hangs up);
- `usageless`: a normal answer without any usage;
- `noblank`: a stream without [DONE] whose last frame (the finish) lacks its blank line;
- `ok`: a normal answer.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from tests.support.chat_upstream import completion, text_chunks

FLOOD = 256 * 1024 * 1024  # what the flooding upstreams would send to a proxy that kept reading
_PIECE = b"x" * (1024 * 1024)
_ANTHROPIC_MESSAGE = {
    "id": "msg_abuse",
    "type": "message",
    "role": "assistant",
    "model": "m",
    "content": [{"type": "text", "text": "ok"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 1},
}


@dataclass
class HostileUpstream:
    url: str = ""
    thief_saw: list[dict[str, str]] = field(default_factory=list)
    flooded: list[int] = field(default_factory=list)  # bytes each flood got out before the hang-up
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post("/thief/{tail:.*}", self._thief)
        app.router.add_post("/{behaviour}/v1/chat/completions", self._chat)
        app.router.add_post("/{behaviour}/v1/messages", self._anthropic)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _thief(self, request: web.Request) -> web.Response:
        self.thief_saw.append(dict(request.headers))
        return web.json_response({"stolen": True})

    async def _common(self, request: web.Request, behaviour: str) -> web.StreamResponse | None:
        if behaviour == "redirect":
            tail = request.path.split("/", 2)[2]
            raise web.HTTPTemporaryRedirect(f"{self.url}/thief/{tail}")
        if behaviour == "echo":
            key = request.headers.get("x-api-key") or request.headers.get("Authorization", "")
            key = key.removeprefix("Bearer ")
            error = {"message": f"Invalid API key provided: {key}", "type": "invalid_api_key"}
            return web.json_response({"error": error}, status=401)
        if behaviour == "giant":
            return await self._flood(request, "application/json", b'{"choices": [], "pad": "')
        if behaviour == "endless":
            return await self._flood(request, "text/event-stream", b"data: ")
        return None

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        behaviour = request.match_info["behaviour"]
        body = orjson.loads(await request.read())
        answered = await self._common(request, behaviour)
        if answered is not None:
            return answered
        stream = body.get("stream") is True
        if not stream:
            whole = completion("All done.")
            if behaviour == "usageless":
                del whole["usage"]
            return web.json_response(whole)
        chunks: list[Any] = text_chunks("All done.")
        if behaviour in ("usageless", "noblank"):
            chunks = chunks[:-1]  # no usage chunk: the finish is the last frame
        frames = [b"data: " + orjson.dumps(chunk) for chunk in chunks]
        if behaviour == "noblank":
            payload = b"\n\n".join(frames)  # no blank line after the last frame, no [DONE]
        else:
            payload = b"".join(f + b"\n\n" for f in frames) + b"data: [DONE]\n\n"
        return web.Response(body=payload, headers={"Content-Type": "text/event-stream"})

    async def _anthropic(self, request: web.Request) -> web.StreamResponse:
        await request.read()
        answered = await self._common(request, request.match_info["behaviour"])
        return answered if answered is not None else web.json_response(_ANTHROPIC_MESSAGE)

    async def _flood(
        self, request: web.Request, content_type: str, head: bytes
    ) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": content_type})
        await response.prepare(request)
        sent = 0
        try:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await response.write(head)
                while sent < FLOOD:
                    await response.write(_PIECE)
                    sent += len(_PIECE)
        finally:  # also when the proxy's hang-up cancels this handler
            self.flooded.append(sent)
        return response
