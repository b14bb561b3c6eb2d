"""The floor: a plain aiohttp byte pass-through, `python -m tests.bench.floor --upstream URL`.

What any aiohttp proxy pays at least: read the body, POST it upstream on a shared keep-alive
ClientSession, stream the answer back chunk by chunk as it arrives. No auth, no parsing, no
translation. Runs on uvloop, like `switchboard serve`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

_DROP = frozenset({"host", "content-length", "connection", "transfer-encoding", "accept-encoding"})
_SESSION = web.AppKey("session", aiohttp.ClientSession)


def create_app(upstream: str) -> web.Application:
    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _DROP}
        session = request.app[_SESSION]
        async with session.post(upstream + request.path_qs, data=body, headers=headers) as answer:
            out = web.StreamResponse(status=answer.status)
            out.content_type = answer.content_type
            await out.prepare(request)
            async for chunk in answer.content.iter_any():
                await out.write(chunk)
            await out.write_eof()
            return out

    async def session_context(app: web.Application) -> AsyncIterator[None]:
        connector = aiohttp.TCPConnector(limit=256, limit_per_host=64, keepalive_timeout=30)
        app[_SESSION] = aiohttp.ClientSession(connector=connector, auto_decompress=False)
        yield
        await app[_SESSION].close()

    app = web.Application(client_max_size=2**30)
    app.router.add_route("*", "/{tail:.*}", forward)
    app.cleanup_ctx.append(session_context)
    return app


async def serve(upstream: str, port: int) -> None:
    runner = web.AppRunner(create_app(upstream), access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"listening {runner.addresses[0][1]}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:8001")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    run = serve(args.upstream.rstrip("/"), args.port)
    with contextlib.suppress(KeyboardInterrupt):
        try:
            import uvloop
        except ImportError:
            asyncio.run(run)
        else:
            uvloop.run(run)


if __name__ == "__main__":
    main()
