"""Skip candidates whose known context window cannot hold the request, before calling them.

A byte bound decides almost every request; the tokenizer runs (off the event loop, once) only
for a request near a candidate's window. When no candidate can hold the request, Claude Code
gets Anthropic's "prompt is too long" at once and compacts, instead of waiting for providers to
refuse it one by one.
"""

from __future__ import annotations

import asyncio
from typing import Any

from app.config.presets import model_spec
from app.errors import PromptTooLong
from app.proxy.observer import RequestRecord
from app.proxy.routing import MAX_BYTES_PER_TOKEN, MIN_BYTES_PER_TOKEN, Candidate, has_image
from app.translate.context_errors import ContextOverflow
from app.translate.tokens import estimate_tokens


class _Estimate:
    """The request's token count, computed at most once and only when a bound cannot decide."""

    def __init__(self, body: dict[str, Any]) -> None:
        self._body = body
        self._tokens: int | None = None

    async def tokens(self) -> int:
        if self._tokens is None:
            self._tokens = await asyncio.to_thread(estimate_tokens, self._body)
        return self._tokens


async def fitting(
    candidates: tuple[Candidate, ...],
    body: dict[str, Any],
    body_bytes: int,
    record: RequestRecord,
    *,
    keep_small: bool = False,
) -> tuple[tuple[Candidate, ...], dict[int, int]]:
    """The candidates that can hold the request, and those that cannot by index → window.

    Small ones are dropped (said in `record.attempts`), or with `keep_small` put after all the
    others, for compaction. Raises PromptTooLong when no candidate can hold the request: then
    Claude Code compacts its own conversation, which is better than any proxy-side cut."""
    estimate = _Estimate(body)
    kept: list[Candidate] = []
    small: list[tuple[Candidate, int]] = []
    for candidate in candidates:
        spec = model_spec(candidate.provider, candidate.model)
        window = spec.context_window if spec is not None else None
        if window is None or await _fits(window, body, body_bytes, estimate):
            kept.append(candidate)
        else:
            small.append((candidate, window))
    if not small:
        return candidates, {}
    tokens = await estimate.tokens()
    if not kept:
        largest = max(window for _, window in small)
        message = ContextOverflow(tokens, largest, "").message
        raise PromptTooLong(
            message, provider=small[0][0].provider.name, tokens=tokens, maximum=largest
        )
    if keep_small:
        windows = {len(kept) + i: window for i, (_, window) in enumerate(small)}
        return (*kept, *(candidate for candidate, _ in small)), windows
    record.attempts.extend(
        f"{candidate}: skipped (window {window} < ~{tokens} tokens)" for candidate, window in small
    )
    return tuple(kept), {}


async def _fits(window: int, body: dict[str, Any], body_bytes: int, estimate: _Estimate) -> bool:
    # the long-context rule's bounds: under the low one a request surely fits, over the high
    # one it surely does not (unless images make it big in bytes but cheap in tokens)
    if body_bytes <= window * MIN_BYTES_PER_TOKEN:
        return True
    if body_bytes > window * MAX_BYTES_PER_TOKEN and not has_image(body):
        return False
    return await estimate.tokens() <= window
