"""Compaction in the proxy: failover to a model whose window is too small for the conversation
summarizes the oldest turns with the background route, once per conversation prefix."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest

from app.translate.compaction import SUMMARY_TAG
from tests.support.chat_upstream import ChatUpstream, completion
from tests.support.claude_cli import Started, started
from tests.support.proxy import ProxyFactory
from tests.support.scripted_upstream import Scripted, answer_text, two_provider_config, upstreams

__all__ = ["started", "upstreams"]  # fixtures

TURN = "Please look at module {n}: " + "lorem ipsum dolor sit amet " * 60  # ~400 tokens


def _conversation(turns: int) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for n in range(turns):
        messages.append({"role": "user", "content": TURN.format(n=n)})
        messages.append({"role": "assistant", "content": f"Module {n} looks fine."})
    messages.append({"role": "user", "content": "Now summarize what you found."})
    return messages


def _config(primary: Scripted, backup: Scripted, summarizer_url: str) -> dict[str, Any]:
    config = two_provider_config(primary, backup)
    config["providers"][1]["models"] = {"model-b": {"context_window": 4000}}
    config["providers"].append(
        {"name": "sum", "kind": "openai-chat", "base_url": summarizer_url, "api_key": "k"}
    )
    profile = config["profiles"][0]
    profile["compact_on_failover"] = True
    profile["routing"] = {"background": {"route": "sum/small"}}
    return config


@pytest.mark.asyncio
async def test_failover_to_a_smaller_window_gets_a_summary_and_the_recent_turns(
    upstreams: tuple[Scripted, Scripted], started: Started, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    summarizer = await started(ChatUpstream())
    summarizer.script.append(completion("SUMMARY-1: modules 0-9 look fine."))
    primary.script.extend([("status", 503, b"{}", {})] * 2)
    proxy = await start_proxy(_config(primary, backup, summarizer.url))
    messages = _conversation(20)  # ~7000 tokens: over the backup's 4000-token window
    assert await answer_text(proxy, messages) == "answer from backup"

    sent = backup.seen[0]["messages"]
    head = sent[0]["content"][0]["text"]
    assert head.startswith(f"<{SUMMARY_TAG}>\nSUMMARY-1: modules 0-9 look fine.")
    kept = len(sent)
    assert sent[1:] == messages[len(messages) - kept + 1 :]  # the recent turns, verbatim
    assert sent[0]["content"][1:] == [
        {"type": "text", "text": messages[len(messages) - kept]["content"]}
    ]
    assert sent[-1] == messages[-1]
    # the summarizer read the cut-off turns as a transcript
    transcript = summarizer.requests[0]["messages"][-1]["content"]
    assert transcript.startswith("[user] Please look at module 0:")
    record, summary = proxy.state.metrics.recent(2)
    assert summary.rule == "compaction" and summary.provider == "sum"
    assert any("compacted" in a and "a new summary" in a for a in record.attempts)

    # the next turn of the same conversation reuses the summary
    longer = [
        *messages,
        {"role": "assistant", "content": "Done."},
        {"role": "user", "content": "Thanks"},
    ]
    assert await answer_text(proxy, longer) == "answer from backup"
    assert len(summarizer.requests) == 1
    assert backup.seen[1]["messages"][0]["content"][0]["text"].startswith(f"<{SUMMARY_TAG}>")


@pytest.mark.asyncio
async def test_without_the_opt_in_the_small_candidate_is_skipped(
    upstreams: tuple[Scripted, Scripted], started: Started, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    summarizer = await started(ChatUpstream())
    primary.script.append(("status", 503, b"{}", {}))
    config = _config(primary, backup, summarizer.url)
    config["profiles"][0]["compact_on_failover"] = False
    proxy = await start_proxy(config)
    with pytest.raises(anthropic.InternalServerError):
        await answer_text(proxy, _conversation(20))
    assert backup.seen == [] and summarizer.requests == []


@pytest.mark.asyncio
async def test_a_failing_summarizer_leaves_the_candidate_out(
    upstreams: tuple[Scripted, Scripted], started: Started, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    summarizer = await started(ChatUpstream())
    summarizer.script.append({"error": {"message": "down"}})
    primary.script.append(("status", 503, b"{}", {}))
    proxy = await start_proxy(_config(primary, backup, summarizer.url))
    with pytest.raises(anthropic.InternalServerError):
        await answer_text(proxy, _conversation(20))
    assert backup.seen == []
    record = proxy.state.metrics.recent(2)[0]
    assert any("cannot compact (the summarizer failed)" in a for a in record.attempts)
