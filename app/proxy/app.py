"""The aiohttp application factory: the same app serves headless and inside the tray."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from app.proxy import handlers, mcp, observability
from app.proxy.state import STATE, ProxyState

# Claude Code posts telemetry and warm-ups to these; they are answered locally.
_TELEMETRY = ("/api/{tail:.*}",)


def create_app(state: ProxyState) -> web.Application:
    # Body size is checked by the handlers against the (reloadable) configured limit.
    app = web.Application(
        middlewares=[_request_started, handlers.errors_middleware], client_max_size=2**40
    )
    app[STATE] = state
    for prefix in ("", "/proxy/{profile}"):
        app.router.add_post(prefix + "/v1/messages", handlers.messages)
        app.router.add_post(prefix + "/v1/messages/count_tokens", handlers.count_tokens)
        for path in _TELEMETRY:
            app.router.add_route("*", prefix + path, handlers.telemetry)
    app.router.add_route("*", "/mcp/{profile}", mcp.endpoint)
    app.router.add_get("/health", handlers.health)
    app.router.add_get("/metrics", observability.metrics_json)
    app.router.add_get("/metrics/prometheus", observability.metrics_prometheus)
    app.router.add_get("/requests", observability.recent_requests)
    app.on_cleanup.append(_close_upstream)
    return app


@web.middleware
async def _request_started(request: web.Request, handler: Any) -> web.StreamResponse:
    """The connection is no longer stalled: its header deadline no longer applies."""
    connections = request.app[STATE].connections
    if connections is not None:
        connections.started(request.protocol)
    response: web.StreamResponse = await handler(request)
    return response


async def _close_upstream(app: web.Application) -> None:
    await app[STATE].upstream.close()
