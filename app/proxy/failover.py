"""Try a plan's candidates in order until one answers; only before the first byte is sent."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from app.errors import InvalidRequest, UpstreamError, UpstreamProtocolError
from app.proxy.dialects import anthropic, openai_chat
from app.proxy.dialects.call import Call
from app.proxy.observer import RequestRecord
from app.proxy.routing import Candidate, Plan
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState

_DIALECTS = {"anthropic": anthropic.forward, "openai-chat": openai_chat.forward}


async def serve(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    body: dict[str, Any],
    raw: bytes,
    route: Plan,
    record: RequestRecord,
) -> web.StreamResponse:
    if not route.candidates:
        raise InvalidRequest(
            f"profile {record.profile!r}: every provider of this route is disabled"
        )
    failures: list[UpstreamError] = []
    for candidate in route.candidates:
        record.provider, record.model = candidate.provider.name, candidate.model
        try:
            response = await _attempt(state, runtime, request, body, raw, candidate, record)
        except UpstreamError as exc:
            record.attempts.append(f"{candidate}: {exc.status}")
            failures.append(exc)
            if not exc.retryable:
                raise
            continue
        record.attempts.append(f"{candidate}: {response.status}")
        return response
    raise _all_failed(failures)


async def _attempt(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    body: dict[str, Any],
    raw: bytes,
    candidate: Candidate,
    record: RequestRecord,
) -> web.StreamResponse:
    provider = candidate.provider
    forward = _DIALECTS.get(provider.kind)
    if forward is None:
        raise UpstreamError(
            f"{provider.name}: provider kind {provider.kind!r} is not supported by this version",
            provider=provider.name,
            status=501,
            retryable=True,
        )
    call = Call(
        request=request,
        body=body,
        raw=raw,
        requested_model=record.requested_model,
        stream=record.stream,
        provider=provider,
        model=candidate.model,
        api_key=await runtime.api_key(provider),
        timeouts=runtime.config.settings.timeouts,
        upstream=state.upstream,
        record=record,
    )
    try:
        return await forward(call)
    except UpstreamProtocolError as exc:
        raise UpstreamError(
            f"{provider.name}: {exc.message}", provider=provider.name, retryable=True
        ) from exc
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        # A request shape the translator cannot handle is the request's fault, not the provider's.
        raise InvalidRequest(f"malformed request: {type(exc).__name__}: {exc}") from exc


def _all_failed(failures: list[UpstreamError]) -> UpstreamError:
    if len(failures) == 1:
        return failures[0]
    last = failures[-1]
    tried = "; ".join(f.message for f in failures)
    return UpstreamError(
        f"every candidate failed: {tried}",
        provider=last.provider,
        status=last.status,
        retryable=False,
        retry_after=last.retry_after,
    )
