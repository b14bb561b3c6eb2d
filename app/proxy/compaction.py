"""Compaction in the proxy (`compact_on_failover`): the case Claude Code cannot see.

When failover lands on a candidate whose window is smaller than the conversation, the oldest
turns are summarized by the profile's background route (the background rule's, else the haiku
slot's) and the candidate gets the summary plus the recent turns verbatim. A summary is kept by
a hash of the prefix it replaces, so a conversation pays for it once: the next call of the same
conversation, a few turns longer, usually replaces the same prefix.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any

import orjson
from aiohttp import web

from app.config.presets import model_spec
from app.config.schema import Profile
from app.proxy.asking import NoAnswer, Serve, ask_model
from app.proxy.observer import RequestRecord
from app.proxy.routing import Candidate, candidates
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState
from app.translate.compaction import SUMMARY_INSTRUCTIONS, choose_split, transcript, with_summary
from app.translate.tokens import estimate_tokens

log = logging.getLogger(__name__)

COMPACTION_RULE = "compaction"
_FILL = 0.75  # of the window: the rest is left for the answer
_SUMMARY_TOKENS = 2048
_TRANSCRIPT_CHARS = 200_000  # for a summarizer whose window is unknown
_CHARS_PER_TOKEN = 3


def summarizer_route(profile: Profile) -> list[str]:
    background = profile.routing.background
    if background is not None and background.enabled:
        return background.route
    return profile.models.route("haiku")


async def compact(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    body: dict[str, Any],
    candidate: Candidate,
    window: int,
    record: RequestRecord,
    serve: Serve,
) -> dict[str, Any] | None:
    """`body` cut to fit `window`, the oldest turns summarized; None when it cannot be done
    (even the newest turn alone is too big, or the summarizer failed)."""
    profile = runtime.profiles.get(record.profile)
    messages = body.get("messages")
    if profile is None or not isinstance(messages, list):
        return None
    tokens = await asyncio.to_thread(estimate_tokens, body)
    bytes_per_token = max(len(orjson.dumps(body)) / max(tokens, 1), 1.0)
    fixed = len(orjson.dumps([body.get("system"), body.get("tools")]))
    fixed += int(_SUMMARY_TOKENS * bytes_per_token)
    cut = choose_split(messages, fixed, int(window * _FILL * bytes_per_token))
    if cut is None:
        record.attempts.append(f"{candidate}: cannot compact (the newest turn alone is too big)")
        return None
    route = summarizer_route(profile)
    key = hashlib.blake2b(
        orjson.dumps([route, messages[:cut]]), digest_size=16, key=profile.name.encode()[:64]
    ).digest()
    summary = state.summaries.get(key)
    cached = summary is not None
    if summary is None:
        summary = await _summarize(state, runtime, request, profile, route, messages[:cut], serve)
        if summary is None:
            record.attempts.append(f"{candidate}: cannot compact (the summarizer failed)")
            return None
        state.summaries.put(key, summary)
    how = "a remembered summary" if cached else "a new summary"
    record.attempts.append(f"{candidate}: compacted {cut} messages into {how}")
    log.info(
        "%s: compacted %d of %d messages for %s (window %d, ~%d tokens) with %s",
        record.profile,
        cut,
        len(messages),
        candidate,
        window,
        tokens,
        how,
    )
    return with_summary(body, cut, summary)


async def _summarize(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    profile: Profile,
    route: list[str],
    prefix: list[Any],
    serve: Serve,
) -> str | None:
    chosen = candidates(runtime, route, "")
    spec = model_spec(chosen[0].provider, chosen[0].model) if chosen else None
    window = spec.context_window if spec is not None else None
    limit = int(window * _FILL * _CHARS_PER_TOKEN) if window else _TRANSCRIPT_CHARS
    try:
        return await ask_model(
            state,
            runtime,
            request,
            serve,
            profile=profile.name,
            rule=COMPACTION_RULE,
            route=route,
            system=SUMMARY_INSTRUCTIONS,
            text=transcript(prefix, limit),
            max_tokens=_SUMMARY_TOKENS,
        )
    except NoAnswer as exc:
        log.warning("compaction summary failed: %s", exc.message)
        return None
