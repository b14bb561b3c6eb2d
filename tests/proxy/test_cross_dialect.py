"""A conversation that moves between dialects (a failover, a routing rule) stays valid: history
made by one provider (tool ids, reasoning carried in thinking signatures, Anthropic signatures)
is accepted by the next one's strict upstream, and no provider receives another's state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anthropic
import pytest
import pytest_asyncio

from app.translate.carrier import carry
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.chat_upstream import ChatUpstream, RawAnswer, completion
from tests.support.gemini_upstream import GeminiUpstream, call_chunks
from tests.support.gemini_upstream import text_chunks as gemini_text_chunks
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.responses_upstream import (
    ResponsesUpstream,
    Turn,
    function_call,
    message,
    reasoning,
)

pytestmark = pytest.mark.asyncio

TOOLS: list[Any] = [
    {
        "name": "Bash",
        "input_schema": {"type": "object", "properties": {"command": {"type": "string"}}},
    }
]
ANTHROPIC_SIGNATURE = "EqQBCkYIBxgCKkBzaWduZWQgYnkgYW50aHJvcGlj"


@pytest_asyncio.fixture
async def upstreams() -> AsyncIterator[tuple[ResponsesUpstream, ChatUpstream]]:
    responses, chat = ResponsesUpstream(), ChatUpstream()
    await responses.start()
    await chat.start()
    try:
        yield responses, chat
    finally:
        await responses.stop()
        await chat.stop()
    assert responses.invalid == [] and chat.invalid == []


def config(
    responses_url: str, chat_url: str, anthropic_url: str = "http://127.0.0.1:9"
) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "oa",
                "kind": "openai-responses",
                "base_url": responses_url,
                "api_key": "k",
                "models": {"gpt-up": {"reasoning": True}},
            },
            {"name": "ds", "kind": "openai-chat", "base_url": chat_url, "api_key": "k"},
            {"name": "an", "kind": "anthropic", "base_url": anthropic_url, "api_key": "k"},
        ],
        "profiles": [
            {"name": "resp-then-chat", "models": {"default": ["oa/gpt-up", "ds/deepseek-chat"]}},
            {"name": "resp", "models": {"default": "oa/gpt-up"}},
            {"name": "claude", "models": {"default": "an/claude-up"}},
        ],
    }


def client(url: str, profile: str) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(
        base_url=f"{url}/proxy/{profile}", auth_token=TOKEN, max_retries=0
    )


async def first_turn(url: str, profile: str) -> list[dict[str, Any]]:
    """One tool turn through `profile`; the history Claude Code would send next."""
    async with client(url, profile) as c:
        answer = await c.messages.create(
            model="m", max_tokens=1000, tools=TOOLS, messages=[{"role": "user", "content": "ls"}]
        )
    tool_use = next(b for b in answer.content if b.type == "tool_use")
    return [
        {"role": "user", "content": "ls"},
        {"role": "assistant", "content": [b.model_dump() for b in answer.content]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": tool_use.id, "content": "a.txt"}],
        },
    ]


async def test_responses_history_fails_over_to_chat_completions(
    upstreams: tuple[ResponsesUpstream, ChatUpstream], start_proxy: ProxyFactory
) -> None:
    responses, chat = upstreams
    responses.script.append(
        Turn([reasoning("Plan."), function_call("Bash", '{"command":"ls"}', "call_r1")])
    )
    responses.script.append(RawAnswer(503, "application/json", b'{"error":{"message":"down"}}'))
    chat.script.append(completion("One file."))
    proxy = await start_proxy(config(responses.url, chat.url))
    history = await first_turn(proxy.url, "resp-then-chat")
    assert history[1]["content"][0]["signature"].startswith("switchboard:openai-responses:oa:")

    async with client(proxy.url, "resp-then-chat") as c:
        answer = await c.messages.create(model="m", max_tokens=1000, tools=TOOLS, messages=history)
    assert answer.content[0].text == "One file."  # type: ignore[union-attr]
    sent = chat.requests[-1]["messages"]  # valid for the strict Chat validator
    assert [m["role"] for m in sent] == ["user", "assistant", "tool"]
    assert sent[1]["tool_calls"][0]["id"] == "call_r1" and sent[2]["tool_call_id"] == "call_r1"
    assert "switchboard:" not in str(sent)  # the carried state goes nowhere else


async def test_chat_anthropic_and_gemini_history_is_valid_for_responses(
    upstreams: tuple[ResponsesUpstream, ChatUpstream], start_proxy: ProxyFactory
) -> None:
    responses, chat = upstreams
    history = [
        {"role": "user", "content": "go"},
        {  # from a Chat Completions provider: unsigned reasoning, its call id
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "deepseek thought", "signature": ""},
                {
                    "type": "tool_use",
                    "id": "call_00_abc",
                    "name": "Bash",
                    "input": {"command": "a"},
                },
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "call_00_abc", "content": "A"}],
        },
        {  # from Anthropic: signed thinking, toolu_ id
            "role": "assistant",
            "content": [
                {
                    "type": "thinking",
                    "thinking": "claude thought",
                    "signature": ANTHROPIC_SIGNATURE,
                },
                {
                    "type": "tool_use",
                    "id": "toolu_01XYZ",
                    "name": "Bash",
                    "input": {"command": "b"},
                },
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_01XYZ", "content": "B"}],
        },
        {  # from Gemini: its carried thought signature, an id the proxy made
            "role": "assistant",
            "content": [
                {
                    "type": "thinking",
                    "thinking": "",
                    "signature": carry("gemini", "gm", "c2lnbmF0dXJl"),
                },
                {
                    "type": "tool_use",
                    "id": "toolu_gem_0",
                    "name": "Bash",
                    "input": {"command": "c"},
                },
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_gem_0", "content": "C"}],
        },
    ]
    responses.script.append(Turn([message("Done.")]))
    proxy = await start_proxy(config(responses.url, chat.url))
    async with client(proxy.url, "resp") as c:
        answer = await c.messages.create(model="m", max_tokens=1000, tools=TOOLS, messages=history)
    assert answer.content[0].text == "Done."  # type: ignore[union-attr]
    items = responses.requests[-1]["input"]
    assert [i["type"] for i in items] == ["message"] + ["function_call", "function_call_output"] * 3
    assert [i["call_id"] for i in items[1::2]] == ["call_00_abc", "toolu_01XYZ", "toolu_gem_0"]
    assert "signature" not in str(items) and "thought" not in str(items)


async def test_responses_history_reaches_anthropic_without_carried_thinking(
    upstreams: tuple[ResponsesUpstream, ChatUpstream],
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
) -> None:
    responses, chat = upstreams
    responses.script.append(
        Turn([reasoning("Plan."), function_call("Bash", '{"command":"ls"}', "call_r2")])
    )
    proxy = await start_proxy(config(responses.url, chat.url, anthropic_upstream.url))
    history = await first_turn(proxy.url, "resp")
    async with client(proxy.url, "claude") as c:
        await c.messages.create(model="m", max_tokens=100, tools=TOOLS, messages=history)
    sent = anthropic_upstream.requests[-1].body["messages"]
    assert [b["type"] for b in sent[1]["content"]] == ["tool_use"]
    assert (
        sent[1]["content"][0]["id"] == "call_r2"
        and sent[2]["content"][0]["tool_use_id"] == "call_r2"
    )


# Responses ⇄ native Gemini, both strict loopback upstreams ------------------------------------


@pytest_asyncio.fixture
async def gemini() -> AsyncIterator[GeminiUpstream]:
    server = GeminiUpstream()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.invalid == []


def with_gemini(config_: dict[str, Any], url: str) -> dict[str, Any]:
    config_["providers"].append(
        {
            "name": "gm",
            "kind": "gemini",
            "base_url": url,
            "api_key": "g",
            "models": {"gemini-up": {"reasoning": True}},
        }
    )
    config_["profiles"] += [
        {"name": "gem", "models": {"default": "gm/gemini-up"}},
        {"name": "resp-then-gem", "models": {"default": ["oa/gpt-up", "gm/gemini-up"]}},
    ]
    return config_


async def test_responses_history_fails_over_to_gemini(
    upstreams: tuple[ResponsesUpstream, ChatUpstream],
    gemini: GeminiUpstream,
    start_proxy: ProxyFactory,
) -> None:
    responses, chat = upstreams
    responses.script.append(
        Turn([reasoning("Plan."), function_call("Bash", '{"command":"ls"}', "call_rg")])
    )
    responses.script.append(RawAnswer(503, "application/json", b'{"error":{"message":"down"}}'))
    gemini.script.append(gemini_text_chunks("One file."))
    proxy = await start_proxy(with_gemini(config(responses.url, chat.url), gemini.url))
    history = await first_turn(proxy.url, "resp-then-gem")
    async with client(proxy.url, "resp-then-gem") as c:
        answer = await c.messages.create(model="m", max_tokens=1000, tools=TOOLS, messages=history)
    assert answer.content[0].text == "One file."  # type: ignore[union-attr]
    sent = str(gemini.requests[-1])
    assert "switchboard:" not in sent and "gAAAA" not in sent  # no Responses state at Gemini
    assert "functionResponse" in sent and "'ls'" in sent


async def test_gemini_history_with_its_signatures_is_valid_for_responses(
    upstreams: tuple[ResponsesUpstream, ChatUpstream],
    gemini: GeminiUpstream,
    start_proxy: ProxyFactory,
) -> None:
    responses, chat = upstreams
    gemini.script.append(
        call_chunks([("Bash", {"command": "ls"})], thoughts=["Listing."], signature="c2lnLTE=")
    )
    responses.script.append(Turn([message("Done.")]))
    proxy = await start_proxy(with_gemini(config(responses.url, chat.url), gemini.url))
    history = await first_turn(proxy.url, "gem")
    assert "switchboard:gemini:gm:" in str(history[1]["content"])  # the carried signature
    async with client(proxy.url, "resp") as c:
        answer = await c.messages.create(model="m", max_tokens=1000, tools=TOOLS, messages=history)
    assert answer.content[0].text == "Done."  # type: ignore[union-attr]
    items = responses.requests[-1]["input"]
    assert [i["type"] for i in items] == ["message", "function_call", "function_call_output"]
    assert items[1]["call_id"] == items[2]["call_id"] == history[1]["content"][-1]["id"]
    assert "switchboard:" not in str(items) and "c2lnLTE=" not in str(items)
