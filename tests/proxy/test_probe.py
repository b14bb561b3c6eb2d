"""The capability probe, against loopback upstreams that answer like a model would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from app.config.schema import Config
from app.proxy.probe import load_results, probe_candidate, probe_profile, save_results
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.chat_upstream import ChatUpstream
from tests.support.gemini_upstream import GeminiUpstream
from tests.support.gemini_upstream import model_like as gemini_model_like
from tests.support.responses_upstream import ResponsesUpstream
from tests.support.responses_upstream import model_like as responses_model_like
from tests.support.scripted_upstream import model_like


@pytest_asyncio.fixture
async def smart_upstream() -> AsyncIterator[ChatUpstream]:
    upstream = ChatUpstream()
    upstream.script.extend([model_like] * 50)
    await upstream.start()
    yield upstream
    await upstream.stop()


def probe_config(chat_url: str, anthropic_url: str) -> Config:
    return Config.model_validate(
        {
            "providers": [
                {
                    "name": "smart",
                    "kind": "openai-chat",
                    "base_url": chat_url,
                    "api_key": "sk-upstream",
                    "models": {"all-rounder": {"vision": True, "reasoning": True}},
                },
                {"name": "dead", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"},
                {"name": "claude", "kind": "anthropic", "base_url": anthropic_url},
            ],
            "profiles": [
                {
                    "name": "main",
                    "models": {
                        "default": ["smart/all-rounder", "dead/gone"],
                        "haiku": "claude/fixed",
                    },
                    "routing": {"thinking": {"route": "smart/all-rounder"}},
                }
            ],
        }
    )


@pytest.mark.asyncio
async def test_every_check_passes_on_a_capable_model(
    smart_upstream: ChatUpstream, anthropic_upstream: AnthropicUpstream
) -> None:
    config = probe_config(smart_upstream.url, anthropic_upstream.url)
    result = await probe_candidate(config, "smart/all-rounder", profile="main")
    outcomes = {c.name: c.outcome for c in result.checks}
    assert outcomes == dict.fromkeys(("text", "stream", "tools", "image", "thinking"), "pass")
    assert result.ok and all(c.latency_ms is not None for c in result.checks)
    assert smart_upstream.invalid == []  # every request the probe made was valid Chat
    sent = smart_upstream.requests
    assert any(m.get("role") == "tool" for m in sent[3]["messages"])  # the round trip's 2nd leg
    assert "image_url" in str(sent[4]["messages"])
    assert smart_upstream.headers[0]["Authorization"] == "Bearer sk-upstream"


@pytest.mark.asyncio
async def test_a_profile_probe_reports_each_candidate(
    smart_upstream: ChatUpstream, anthropic_upstream: AnthropicUpstream, tmp_path: Path
) -> None:
    config = probe_config(smart_upstream.url, anthropic_upstream.url)
    results = await probe_profile(config, "main")
    assert [r.candidate for r in results] == ["smart/all-rounder", "dead/gone", "claude/fixed"]
    smart, dead, claude = results
    assert smart.ok and not dead.ok
    dead_checks = {c.name: (c.outcome, c.detail) for c in dead.checks}
    assert dead_checks["text"][0] == "fail" and "cannot connect" in dead_checks["text"][1]
    assert dead_checks["image"] == ("skip", "not known to accept images")
    # the canned Anthropic upstream always calls Bash: plain text passes, the tool check fails
    claude_checks = {c.name: c for c in claude.checks}
    assert claude_checks["text"].outcome == "pass" and claude_checks["stream"].outcome == "pass"
    assert claude_checks["tools"].outcome == "fail" and "add tool" in claude_checks["tools"].detail

    path = save_results(results, tmp_path / "probe.json")
    saved = load_results(path)
    assert set(saved["main"]) == {"smart/all-rounder", "dead/gone", "claude/fixed"}
    assert saved["main"]["dead/gone"]["checks"][0]["outcome"] == "fail"
    save_results(results[:1], path)  # a later run merges, keeping the other candidates
    assert set(load_results(path)["main"]) == {"smart/all-rounder", "dead/gone", "claude/fixed"}


@pytest.mark.asyncio
async def test_unknown_profile_is_an_error(
    smart_upstream: ChatUpstream, anthropic_upstream: AnthropicUpstream
) -> None:
    with pytest.raises(KeyError):
        await probe_profile(probe_config(smart_upstream.url, anthropic_upstream.url), "nope")


@pytest.mark.asyncio
async def test_every_check_passes_on_a_capable_gemini_model() -> None:
    upstream = GeminiUpstream()
    upstream.script.extend([gemini_model_like] * 10)
    await upstream.start()
    try:
        config = Config.model_validate(
            {
                "providers": [
                    {
                        "name": "gem",
                        "kind": "gemini",
                        "base_url": upstream.url,
                        "api_key": "goog",
                        "models": {"gemini-x": {"vision": True, "reasoning": True}},
                    }
                ],
                "profiles": [{"name": "main", "models": {"default": "gem/gemini-x"}}],
            }
        )
        result = await probe_candidate(config, "gem/gemini-x", profile="main")
    finally:
        await upstream.stop()
    outcomes = {c.name: c.outcome for c in result.checks}
    assert outcomes == dict.fromkeys(("text", "stream", "tools", "image", "thinking"), "pass")
    assert upstream.invalid == []  # every request was valid Gemini, the signature came back
    thinking = next(c for c in result.checks if c.name == "thinking")
    assert thinking.detail == "reasoning shown"
    tool_round_trip = upstream.requests[3]["contents"]
    assert "thoughtSignature" in tool_round_trip[1]["parts"][0]
    assert "inlineData" in str(upstream.requests[4]["contents"])
    assert upstream.headers[0]["x-goog-api-key"] == "goog"


@pytest.mark.asyncio
async def test_every_check_passes_on_a_responses_model() -> None:
    upstream = ResponsesUpstream()
    upstream.script.extend([responses_model_like] * 10)
    await upstream.start()
    try:
        config = Config.model_validate(
            {
                "providers": [
                    {
                        "name": "oa",
                        "kind": "openai-responses",
                        "base_url": upstream.url,
                        "api_key": "sk-upstream",
                        "models": {"gpt-up": {"vision": True, "reasoning": True}},
                    }
                ],
                "profiles": [{"name": "main", "models": {"default": "oa/gpt-up"}}],
            }
        )
        result = await probe_candidate(config, "oa/gpt-up", profile="main")
    finally:
        await upstream.stop()
    outcomes = {c.name: c.outcome for c in result.checks}
    assert outcomes == dict.fromkeys(("text", "stream", "tools", "image", "thinking"), "pass")
    assert upstream.invalid == []  # every request the probe made was a valid Responses request
    thinking = next(c for c in result.checks if c.name == "thinking")
    assert thinking.detail == "reasoning shown"
    assert upstream.requests[-1]["reasoning"] == {"summary": "auto", "effort": "low"}
