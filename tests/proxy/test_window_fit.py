"""A route skips candidates whose known context window cannot hold the request."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest

from tests.support.proxy import ProxyFactory
from tests.support.scripted_upstream import Scripted, answer_text, two_provider_config, upstreams

__all__ = ["upstreams"]  # a fixture

WORDS = "word " * 500  # ~500 tokens, ~2.6 KB of JSON


def _config(primary: Scripted, backup: Scripted, **windows: int) -> dict[str, Any]:
    config = two_provider_config(primary, backup)
    for provider, name in zip(config["providers"], ("a", "b"), strict=True):
        if name in windows:
            provider["models"] = {f"model-{name}": {"context_window": windows[name]}}
    return config


async def _ask(proxy: Any, text: str) -> str:
    return await answer_text(proxy, [{"role": "user", "content": text}])


@pytest.mark.asyncio
async def test_a_candidate_too_small_by_the_byte_bound_is_skipped_unasked(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    proxy = await start_proxy(_config(primary, backup, a=50))
    assert await _ask(proxy, WORDS) == "answer from backup"
    assert primary.seen == []
    record = proxy.state.metrics.recent(1)[0]
    assert record.attempts[0].startswith("a/model-a: skipped (window 50 < ~")
    assert record.attempts[1:] == ["b/model-b: 200"]


@pytest.mark.asyncio
@pytest.mark.parametrize(("window", "served_by"), [(600, "primary"), (480, "backup")])
async def test_near_the_window_the_tokenizer_decides(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory, window: int, served_by: str
) -> None:
    # 2.6 KB is between 2.5 and 6 bytes per token of both windows: only a count can tell
    primary, backup = upstreams
    proxy = await start_proxy(_config(primary, backup, a=window))
    assert await _ask(proxy, WORDS) == f"answer from {served_by}"


@pytest.mark.asyncio
async def test_when_no_candidate_can_hold_it_claude_code_is_told_to_compact(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    proxy = await start_proxy(_config(primary, backup, a=50, b=100))
    with pytest.raises(anthropic.BadRequestError) as caught:
        await _ask(proxy, WORDS)
    message = caught.value.body["error"]["message"]  # type: ignore[index]
    tokens = int(message.split()[4])
    assert message == f"prompt is too long: {tokens} tokens > 100 maximum" and tokens > 100
    assert primary.seen == [] and backup.seen == []


@pytest.mark.asyncio
async def test_a_short_request_never_counts_tokens(
    upstreams: tuple[Scripted, Scripted],
    start_proxy: ProxyFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.proxy import window_fit

    def forbidden(body: dict[str, Any]) -> int:
        raise AssertionError("tokenized a request the byte bound decides")

    monkeypatch.setattr(window_fit, "estimate_tokens", forbidden)
    primary, backup = upstreams
    proxy = await start_proxy(_config(primary, backup, a=65536))
    assert await _ask(proxy, WORDS) == "answer from primary"
