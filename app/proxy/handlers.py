"""HTTP handlers. The only place errors become Anthropic error envelopes (DESIGN.md)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import orjson
from aiohttp import web

from app import __version__
from app.config.schema import Profile
from app.errors import (
    InvalidRequest,
    NotFound,
    RequestTooLarge,
    SwitchboardError,
    error_type_for_status,
)
from app.proxy import auto_route, failover
from app.proxy.guard import check_browser, check_token
from app.proxy.observer import RequestRecord
from app.proxy.routing import plan
from app.proxy.state import STATE, ProxyState
from app.system import redact
from app.system.discovery import CHALLENGE_HEADER, MAX_NONCE, PROOF_HEADER, proof
from app.translate.tokens import estimate_tokens

log = logging.getLogger(__name__)

_ROLES = frozenset({"user", "assistant", "system"})
_JSON = "application/json"


def error_body(status: int, message: str, error_type: str | None = None) -> bytes:
    return orjson.dumps(
        {
            "type": "error",
            "error": {"type": error_type or error_type_for_status(status), "message": message},
        }
    )


def error_response(status: int, message: str, error_type: str | None = None) -> web.Response:
    return web.Response(
        status=status,
        body=error_body(status, message, error_type),
        content_type="application/json",
    )


@web.middleware
async def errors_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every failure leaves as an Anthropic-shaped error; never a traceback or an HTML page."""
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except SwitchboardError as exc:
        # upstream error texts may echo the key they were sent
        response = error_response(exc.status, redact.scrub(exc.message), exc.error_type)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(int(retry_after + 0.999))
        return response
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error_response(exc.status, exc.reason)
    except Exception:
        if request.writer.output_size:
            # The answer had begun: no error status can follow. aiohttp logs the error and
            # closes the connection, so the client sees the answer cut, never a hang.
            raise
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "internal error in the Switchboard proxy (see its log)")


async def messages(request: web.Request) -> web.StreamResponse:
    state: ProxyState = request.app[STATE]
    runtime = state.runtime
    check_browser(request, state.hosts)
    check_token(request, runtime.token)
    profile = _profile(state, request)
    raw = await _read_body(request, runtime.max_body, state.client_idle)
    if runtime.log_bodies:  # opted in, at DEBUG: may hold the user's code; secrets are redacted
        log.debug("request body for profile %s: %s", profile.name, raw.decode(errors="replace"))
    body = _parse(raw)
    _check_message_fields(body)
    stream = body.get("stream") is True
    record = RequestRecord(
        time.time(), profile.name, body["model"], stream=stream, request_bytes=len(raw)
    )
    route = await plan(runtime, profile, body, body_bytes=len(raw))
    if profile.routing.auto is not None and route.rule == route.slot:  # no other rule took it
        route = await auto_route.decide(state, runtime, request, profile, body, route, record)
    record.slot, record.rule = route.slot, route.rule
    if not any(c.provider.kind == "anthropic" for c in route.candidates):
        raw = b""  # only the Anthropic pass-through sends the client's bytes: free them
    state.inflight += 1
    try:
        response = await failover.serve(state, runtime, request, body, raw, route, record)
        record.status = response.status
        return response
    except SwitchboardError as exc:
        record.status, record.error = exc.status, exc.message
        raise
    except Exception as exc:  # a bug of ours: errors_middleware logs it
        record.status = 200 if request.writer.output_size else 500
        record.error = f"internal error in the proxy ({type(exc).__name__}; see its log)"
        raise
    finally:
        state.inflight -= 1
        record.duration_ms = (time.time() - record.started) * 1000
        log.info(
            "%s %s -> %s/%s %s %.0fms%s%s",
            record.profile,
            record.requested_model,
            record.provider or "-",
            record.model or "-",
            record.status or "ERR",
            record.duration_ms,
            f" [rule {record.rule}]" if record.rule != record.slot else "",
            f" ({record.error})" if record.error else "",
        )
        state.observers.request(record)


async def count_tokens(request: web.Request) -> web.StreamResponse:
    state: ProxyState = request.app[STATE]
    runtime = state.runtime
    check_browser(request, state.hosts)
    check_token(request, runtime.token)
    profile = _profile(state, request)
    body = _parse(await _read_body(request, runtime.max_body, state.client_idle))
    if not isinstance(body.get("messages"), list):
        raise InvalidRequest("messages: a list of messages is required")
    # An Anthropic upstream counts exactly; any failure there falls back to the local count.
    count = await failover.count_upstream(state, runtime, request, profile, body)
    if count is None:
        # off the event loop: a long conversation takes milliseconds to tokenize
        count = await asyncio.to_thread(estimate_tokens, body)
    return web.Response(body=orjson.dumps({"input_tokens": count}), content_type="application/json")


async def health(request: web.Request) -> web.StreamResponse:
    """Without the token: only that this is a Switchboard proxy, its version, and (asked with a
    nonce) the proof that it holds the local token. With the token: the whole picture."""
    state: ProxyState = request.app[STATE]
    check_browser(request, state.hosts)
    runtime = state.runtime
    headers: dict[str, str] = {}
    nonce = request.headers.get(CHALLENGE_HEADER)
    if nonce and len(nonce) <= MAX_NONCE and state.proof_token:
        headers[PROOF_HEADER] = proof(state.proof_token, nonce)
    has_credentials = "x-api-key" in request.headers or "Authorization" in request.headers
    if runtime.token is not None and not has_credentials:
        short = {"service": "switchboard", "version": __version__}
        return web.Response(body=orjson.dumps(short), headers=headers, content_type=_JSON)
    check_token(request, runtime.token)  # a wrong token is a 401, not the short answer
    config = runtime.config
    profiles = []
    for profile in config.profiles:
        providers = sorted({ref.split("/", 1)[0] for route in _routes(profile) for ref in route})
        profiles.append(
            {
                "name": profile.name,
                "default": profile.name == runtime.default_profile,
                "providers": providers,
            }
        )
    payload = {
        "service": "switchboard",
        "version": __version__,
        "uptime_s": round(time.monotonic() - state.started, 1),
        "config": str(state.config_path) if state.config_path else None,
        "profiles": profiles,
        "providers": [
            {"name": p.name, "kind": p.kind, "base_url": p.base_url, "enabled": p.enabled}
            for p in config.providers
        ],
        "inflight": state.inflight,
        "health": state.breakers.health_report(),
    }
    return web.Response(body=orjson.dumps(payload), headers=headers, content_type=_JSON)


async def telemetry(request: web.Request) -> web.StreamResponse:
    """Claude Code's telemetry and warm-up calls: acknowledged, never forwarded."""
    check_browser(request, request.app[STATE].hosts)
    if request.can_read_body:
        await request.release()
    return web.Response(body=b"{}", content_type="application/json")


def _routes(profile: Profile) -> list[list[str]]:
    models = profile.models
    return [r for r in (models.default, models.haiku, models.sonnet, models.opus) if r]


def _profile(state: ProxyState, request: web.Request) -> Profile:
    runtime = state.runtime
    name = request.match_info.get("profile") or runtime.default_profile
    if name is None:
        where = state.config_path or "Switchboard's config file (`switchboard config path`)"
        raise NotFound(
            f"no profile is configured; add a provider and a profile to {where}, "
            "or in the tray app's settings"
        )
    profile = runtime.profiles.get(name)
    if profile is None:
        known = ", ".join(sorted(runtime.profiles)) or "none"
        raise NotFound(f"no profile named {name!r} (configured: {known})")
    return profile


async def _read_body(request: web.Request, limit: int, idle: float) -> bytes:
    """The whole body, bounded in size, from a client that does not stall for `idle` seconds
    (a stalled upload would hold its connection, one of a capped number, for ever)."""
    length = request.content_length
    if length is not None and length > limit:
        raise RequestTooLarge(f"request body of {length} bytes is over the {limit} byte limit")
    data = bytearray()
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + idle) as deadline:
            async for chunk in request.content.iter_any():
                data += chunk
                if len(data) > limit:
                    raise RequestTooLarge(f"request body is over the {limit} byte limit")
                deadline.reschedule(loop.time() + idle)
    except TimeoutError:
        raise SwitchboardError(
            f"the request body stopped arriving (nothing for {idle:g} s)", status=408
        ) from None
    return bytes(data)


def _parse(raw: bytes) -> dict[str, Any]:
    if not raw:
        raise InvalidRequest("the request body is empty; a JSON object is required")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest(f"the request body is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object")
    return body


def _check_message_fields(body: dict[str, Any]) -> None:
    """The shallow shape checks that keep translators out of type errors. Cheap: one pass over
    the message list, not its contents."""
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise InvalidRequest("model: a non-empty string is required")
    max_tokens = body.get("max_tokens")
    if type(max_tokens) is not int or max_tokens < 1:
        raise InvalidRequest("max_tokens: a positive integer is required")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise InvalidRequest("messages: a non-empty list is required")
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if not isinstance(role, str) or role not in _ROLES:
            raise InvalidRequest(f"messages.{index}: an object with role user or assistant")
        content = message.get("content")
        if not isinstance(content, str | list):
            raise InvalidRequest(f"messages.{index}.content: a string or a list of blocks")
        if isinstance(content, list) and not all(isinstance(b, dict) for b in content):
            raise InvalidRequest(f"messages.{index}.content: every block must be an object")
    for key in ("system", "tools", "stop_sequences"):
        value = body.get(key)
        if value is not None and not isinstance(value, str | list):
            raise InvalidRequest(f"{key}: wrong type")
    if "stream" in body and not isinstance(body["stream"], bool):
        raise InvalidRequest("stream: true or false")
