"""Asking a model from inside the proxy (the auto rule's classifier, compaction summaries).

The question goes through the same failover and dialects as any request, non-streamed, and is
recorded as a request of its own, so its tokens and cost are counted.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from aiohttp import web

from app.errors import SwitchboardError
from app.proxy.observer import RequestRecord
from app.proxy.routing import Plan, candidates
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState

Serve = Callable[
    [ProxyState, Runtime, web.Request, dict[str, Any], bytes, Plan, RequestRecord],
    Awaitable[web.StreamResponse],
]


class NoAnswer(SwitchboardError):
    """The model could not be asked, or said nothing."""


async def ask_model(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    serve: Serve,
    *,
    profile: str,
    rule: str,
    route: list[str],
    system: str,
    text: str,
    max_tokens: int,
) -> str:
    """The text of the model's answer. Raises NoAnswer (or TimeoutError from a caller's
    deadline); the call is recorded either way."""
    chosen = candidates(runtime, route, "")
    if not chosen:
        raise NoAnswer(f"every provider of the {rule} route is disabled")
    question = {
        "model": chosen[0].model,
        "max_tokens": max_tokens,
        "system": system,
        "messages": [{"role": "user", "content": text}],
    }
    record = RequestRecord(time.time(), profile, rule, rule=rule)
    try:
        response = await serve(
            state,
            runtime,
            request,
            question,
            orjson.dumps(question),
            Plan(rule, rule, chosen),
            record,
        )
        record.status = response.status
        answer = message_text(response)
        if not answer:
            raise NoAnswer(f"the {rule} model gave no text")
        return answer
    except TimeoutError:
        record.error = "no answer in time"
        raise
    except SwitchboardError as exc:
        record.status, record.error = record.status or exc.status, exc.message
        raise NoAnswer(exc.message) from exc
    finally:
        record.duration_ms = (time.time() - record.started) * 1000
        state.observers.request(record)


def message_text(response: web.StreamResponse) -> str:
    """The text blocks of a whole (non-stream) Anthropic message a dialect produced."""
    raw = response.body if isinstance(response, web.Response) else None
    if not isinstance(raw, bytes | bytearray):
        return ""
    try:
        message = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return ""
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, list):
        return ""
    return "".join(
        b["text"]
        for b in content
        if isinstance(b, dict) and b.get("type") == "text" and isinstance(b.get("text"), str)
    )
