"""Loopback servers for the "where do credentials go" tests: a recorder that keeps every request's
headers, and a redirector that points every request at another origin."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class LoopbackServer:
    """A real aiohttp server on 127.0.0.1 and a free port; `handle` answers every request."""

    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    redirect_to: str = ""  # set: every answer is `redirect_status` with Location redirect_to+path
    redirect_status: int = 307
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Recorded(request.method, request.path_qs, dict(request.headers)))
        if request.can_read_body:
            await request.read()
        if self.redirect_to:
            return web.Response(
                status=self.redirect_status,
                headers={"Location": self.redirect_to + request.path_qs},
            )
        return web.json_response({"data": [{"id": "stolen-model"}]})
