"""Serve a request from its route: try candidates in order until one answers.

Failover happens only while nothing has reached the client (dialects raise UpstreamError until
their first byte is out). A candidate is left for the next one on connection errors, resets,
timeouts, 408/409/429/5xx and "overloaded" answers, and also on 401/403/404 (a key or model
that this candidate lacks; another may have it). A 400-class answer caused by the request
itself is returned as it is: it would fail everywhere.

Order: each candidate once, in route order, skipping those whose circuit breaker is open; then,
while the retry budget (`settings.failover`: attempts and seconds) lasts, candidates whose
connection dropped or was refused, the least-tried first, after an exponential backoff with
jitter. (Error answers are not retried on the same candidate: the client retries them itself.)
Moving to a candidate not yet tried does not wait: it does not share the failed one's trouble.
A `Retry-After` opens that candidate's breaker for as long, instead of being slept here.
When every candidate's breaker is open, the one whose cool-down ends soonest is tried anyway.

Breaker keys: 404 and 429 count against `provider/model` (a missing model, a per-model rate
limit); every other failure counts against the provider.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any

import aiohttp
import orjson
from aiohttp import web

from app.config.presets import model_spec
from app.config.schema import Failover, Profile, Timeouts
from app.errors import (
    AuthenticationFailed,
    InvalidRequest,
    PromptTooLong,
    UpstreamError,
    UpstreamProtocolError,
)
from app.proxy.circuit import Breakers
from app.proxy.compaction import COMPACTION_RULE
from app.proxy.compaction import compact as compact_for
from app.proxy.dialects import anthropic, gemini, openai_chat, openai_responses
from app.proxy.dialects.call import Call
from app.proxy.observer import RequestRecord
from app.proxy.routing import Candidate, Plan, slot_candidates
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState
from app.proxy.window_fit import fitting
from app.translate.context_errors import ContextOverflow, context_overflow
from app.translate.tokens import estimate_tokens

log = logging.getLogger(__name__)

_DIALECTS = {
    "anthropic": anthropic.forward,
    "openai-chat": openai_chat.forward,
    "openai-responses": openai_responses.forward,
    "gemini": gemini.forward,
}
# Kinds whose provider has its own count endpoint: kind → counter (None on any failure).
_COUNTERS = {
    "anthropic": anthropic.count_tokens,
    "openai-responses": openai_responses.count_tokens,
    "gemini": gemini.count_tokens,
}
# Failures that belong to one candidate (its key, its model list): the next may succeed, but
# retrying the same one would not.
_CANDIDATE_FAULTS = frozenset({401, 403, 404})
_MODEL_FAULTS = frozenset({404, 429})
_COUNT_TIMEOUT = 10.0  # seconds: a count is worth a short wait, never a long one


async def serve(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    body: dict[str, Any],
    raw: bytes,
    route: Plan,
    record: RequestRecord,
) -> web.StreamResponse:
    candidates = route.candidates
    if not candidates:
        raise InvalidRequest(
            f"profile {record.profile!r}: every provider of this route is disabled"
        )
    profile = runtime.profiles.get(record.profile)
    compact = profile is not None and profile.compact_on_failover and record.rule != COMPACTION_RULE
    candidates, small = await fitting(
        candidates, body, record.request_bytes, record, keep_small=compact
    )
    compacted: dict[int, tuple[dict[str, Any], bytes]] = {}
    if route.body_changed:
        raw = orjson.dumps(body)
    policy = runtime.config.settings.failover
    breakers = state.breakers
    deadline = time.monotonic() + policy.max_seconds
    tries = [0] * len(candidates)
    may_retry = [True] * len(candidates)
    failures: list[UpstreamError] = []
    retries = 0
    while len(failures) < policy.max_attempts:
        index = _pick(candidates, tries, may_retry, breakers)
        force = index is None and not failures
        if index is None:
            if failures:
                break
            index = _soonest(candidates, breakers)  # all open: try rather than fail untried
        if tries[index]:
            wait = _backoff(policy, retries)
            if time.monotonic() + wait >= deadline:
                break
            retries += 1
            await asyncio.sleep(wait)
        candidate = candidates[index]
        attempt_body, attempt_raw = body, raw
        if index in small:  # failover reached a smaller window: compact for it (opted in)
            if index not in compacted:
                fitted = await compact_for(
                    state, runtime, request, body, candidate, small[index], record, serve
                )
                if fitted is None:
                    tries[index] += 1
                    may_retry[index] = False
                    continue
                compacted[index] = fitted, orjson.dumps(fitted)
            attempt_body, attempt_raw = compacted[index]
        if not breakers.acquire(candidate.breaker_keys, force=force):
            continue  # opened by another request while this one waited
        tries[index] += 1
        record.provider, record.model = candidate.provider.name, candidate.model
        try:
            response = await _attempt(
                state, runtime, request, attempt_body, attempt_raw, candidate, record
            )
        except PromptTooLong as exc:
            # The prompt's size, not the provider's health: no breaker count; a candidate with
            # a larger window may still take it.
            record.attempts.append(f"{candidate}: {exc.status} prompt too long")
            breakers.release(candidate.breaker_keys)
            failures.append(await _filled(exc, candidate, body))
            may_retry[index] = False
            continue
        except UpstreamError as exc:
            record.attempts.append(f"{candidate}: {exc.status}")
            if not (exc.retryable or exc.status in _CANDIDATE_FAULTS):
                breakers.release(candidate.breaker_keys)
                raise  # the request's own fault: any candidate would refuse it
            failures.append(exc)
            _count_failure(breakers, candidate, exc)
            may_retry[index] = _worth_retrying(exc)
            log.info("attempt on %s failed: %s", candidate, exc.message)
            if time.monotonic() >= deadline:
                break
            continue
        except BaseException:
            breakers.release(candidate.breaker_keys)  # cancelled, or the request was at fault
            raise
        record.attempts.append(f"{candidate}: {response.status}")
        if record.error:  # the stream broke after its first byte: the provider's fault
            breakers.failure(candidate.provider.name, record.error)
            breakers.release(candidate.breaker_keys)
        else:
            breakers.success(candidate.breaker_keys)
        return response
    raise _all_failed(failures, _skipped(candidates, tries, breakers))


async def count_upstream(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    profile: Profile,
    body: dict[str, Any],
) -> int | None:
    """count_tokens from the route's first candidate when its kind has a count endpoint
    (_COUNTERS) and its breaker is closed; None (count locally) otherwise or on any failure."""
    candidates = slot_candidates(runtime, profile, str(body.get("model", "")))
    first = candidates[0] if candidates else None
    counter = _COUNTERS.get(first.provider.kind) if first is not None else None
    if first is None or counter is None or not state.breakers.is_available(first.breaker_keys):
        return None
    try:
        provider, api_key = await state.auth.resolve(runtime, first.provider)
    except (AuthenticationFailed, UpstreamError):
        return None
    timeouts = runtime.config.settings.timeouts
    quick = Timeouts(
        connect=min(timeouts.connect, _COUNT_TIMEOUT),
        first_byte=min(timeouts.first_byte, _COUNT_TIMEOUT),
        idle=min(timeouts.idle, _COUNT_TIMEOUT),
    )
    return await counter(request, body, provider, first.model, api_key, state.upstream, quick)


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
    try:
        provider, api_key = await state.auth.resolve(runtime, provider)
    except AuthenticationFailed as exc:
        raise UpstreamError(exc.message, provider=provider.name, status=401) from exc
    call = Call(
        request=request,
        body=body,
        raw=raw,
        requested_model=record.requested_model,
        stream=record.stream,
        provider=provider,
        model=candidate.model,
        api_key=api_key,
        timeouts=runtime.config.settings.timeouts,
        upstream=state.upstream,
        record=record,
    )
    try:
        try:
            return await forward(call)
        except UpstreamError as exc:
            if exc.status != 401:
                raise
            # A login's token may have been revoked or expired early: one refresh, one retry,
            # and the client never sees the first 401.
            fresh = await state.auth.after_rejection(provider, api_key)
            if fresh is None:
                raise
            call.provider, call.api_key = fresh
            record.attempts.append(f"{candidate}: 401, token refreshed")
            return await forward(call)
    except UpstreamProtocolError as exc:
        raise _as_overflow(
            UpstreamError(f"{provider.name}: {exc.message}", provider=provider.name, retryable=True)
        ) from exc
    except PromptTooLong:
        raise
    except UpstreamError as exc:
        raise _as_overflow(exc) from exc.__cause__


def _as_overflow(exc: UpstreamError) -> UpstreamError:
    """An overflow reported inside a stream (a Responses `response.failed` with
    `context_length_exceeded`, say) reads as one, like an HTTP error answer does."""
    overflow = context_overflow(400, exc.message.encode())
    if overflow is None:
        return exc
    return PromptTooLong(
        overflow.message, provider=exc.provider, tokens=overflow.tokens, maximum=overflow.maximum
    )


def _pick(
    candidates: tuple[Candidate, ...], tries: list[int], may_retry: list[bool], breakers: Breakers
) -> int | None:
    """The next candidate: the first untried one whose breaker lets it through, else the
    least-tried one that may be retried."""
    usable = [
        i
        for i, c in enumerate(candidates)
        if (not tries[i] or may_retry[i]) and breakers.is_available(c.breaker_keys)
    ]
    return min(usable, key=lambda i: (tries[i], i), default=None)


def _soonest(candidates: tuple[Candidate, ...], breakers: Breakers) -> int:
    return min(
        range(len(candidates)), key=lambda i: breakers.reopens_at(candidates[i].breaker_keys)
    )


def _backoff(policy: Failover, retry: int) -> float:
    """Exponential backoff with jitter: 50-100 % of initial * 2^retry, capped."""
    ceiling = min(policy.backoff_max, policy.backoff_initial * 2.0**retry)
    return ceiling * random.uniform(0.5, 1.0)


def _worth_retrying(exc: UpstreamError) -> bool:
    """May the same candidate be asked again? Only after a dropped or refused connection (a
    stale keep-alive connection, a restart): not after a timeout (it would wait as long again),
    and not after an error answer: Claude Code backs off and retries those itself, and a retry
    here too would multiply the load on a struggling provider."""
    cause = exc.__cause__
    return isinstance(cause, aiohttp.ClientError) and not isinstance(cause, TimeoutError)


def _count_failure(breakers: Breakers, candidate: Candidate, exc: UpstreamError) -> None:
    provider, model_key = candidate.breaker_keys
    key = model_key if exc.status in _MODEL_FAULTS else provider
    breakers.failure(key, exc.message, retry_after=exc.retry_after)
    breakers.release(candidate.breaker_keys)  # the other key's probe, if it held one


def _skipped(candidates: tuple[Candidate, ...], tries: list[int], breakers: Breakers) -> list[str]:
    return [
        f"{c} ({'circuit open' if not breakers.is_available(c.breaker_keys) else 'no budget left'})"
        for i, c in enumerate(candidates)
        if not tries[i]
    ]


async def _filled(exc: PromptTooLong, candidate: Candidate, body: dict[str, Any]) -> PromptTooLong:
    """The overflow with the numbers the provider left out: the window from the catalogue or
    config, the prompt's size estimated (off the loop). Claude Code compacts best on the exact
    "N tokens > M maximum" sentence."""
    if exc.tokens is not None and exc.maximum is not None:
        return exc
    spec = model_spec(candidate.provider, candidate.model)
    maximum = spec.context_window if spec is not None else None
    tokens = exc.tokens
    if tokens is None:  # the counter takes any body (odd fields count as text)
        tokens = await asyncio.to_thread(estimate_tokens, body)
    overflow = ContextOverflow(exc.tokens, exc.maximum, "").with_defaults(
        tokens=tokens, maximum=maximum
    )
    return PromptTooLong(
        overflow.message, provider=exc.provider, tokens=overflow.tokens, maximum=overflow.maximum
    )


def _all_failed(failures: list[UpstreamError], skipped: list[str]) -> UpstreamError:
    too_long = next((f for f in failures if isinstance(f, PromptTooLong)), None)
    if too_long is not None:
        # Whatever else went wrong, this one Claude Code can fix itself: it compacts.
        return too_long
    if len(failures) == 1 and not skipped:
        return failures[0]
    last = failures[-1]
    tried = "; ".join(f.message for f in failures)
    skipped_text = f"; skipped: {', '.join(skipped)}" if skipped else ""
    waits = [f.retry_after for f in failures if f.retry_after is not None]
    return UpstreamError(
        f"every candidate failed: {tried}{skipped_text}",
        provider=last.provider,
        status=last.status,
        retryable=False,
        retry_after=min(waits) if waits else None,
    )
