"""Anthropic pass-through, driven by the official anthropic SDK against a real loopback upstream."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import anthropic
import pytest

from app.translate.responses_request import reasoning_signature
from tests.support.anthropic_upstream import SIGNATURE, AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config

TOOLS = [
    {
        "name": "Bash",
        "description": "Run a shell command",
        "input_schema": {
            "type": "object",
            "properties": {"command": {"type": "string"}},
            "required": ["command"],
        },
    }
]


def _client(base_url: str, **auth: str) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(base_url=base_url, max_retries=0, **auth)  # type: ignore[arg-type]


async def _create(client: anthropic.AsyncAnthropic, model: str) -> anthropic.types.Message:
    return await client.messages.create(
        model=model,
        max_tokens=1024,
        messages=[{"role": "user", "content": "list files"}],
        tools=TOOLS,  # type: ignore[arg-type]
    )


@pytest.mark.asyncio
async def test_message_through_proxy_equals_direct(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    async with _client(anthropic_upstream.url, api_key="x") as client:
        direct = await _create(client, "claude-default-upstream")
    async with _client(f"{proxy.url}/proxy/main", api_key=TOKEN) as client:
        via = await _create(client, "claude-sonnet-5-5-20261001")
    assert via.model_dump() == direct.model_dump()
    thinking, _text, tool = via.content
    assert thinking.type == "thinking" and thinking.signature == SIGNATURE
    assert tool.type == "tool_use" and tool.input == {
        "command": "ls -la",
        "description": "List files",
    }
    seen = anthropic_upstream.requests[-1]
    # renamed by the profile's default slot; the upstream's own key, never the local token
    assert seen.body["model"] == "claude-default-upstream"
    assert seen.headers["x-api-key"] == "upstream-secret-key"
    assert TOKEN not in str(seen.headers)


@pytest.mark.asyncio
async def test_stream_events_through_proxy_equal_direct(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))

    async def run(client: anthropic.AsyncAnthropic, model: str) -> tuple[list[object], object]:
        async with (
            client,
            client.messages.stream(
                model=model,
                max_tokens=1024,
                messages=[{"role": "user", "content": "list files"}],
                tools=TOOLS,  # type: ignore[arg-type]
            ) as stream,
        ):
            events = [event.model_dump() async for event in stream]
            final = await stream.get_final_message()
        return events, final.model_dump()

    direct = await run(_client(anthropic_upstream.url, api_key="x"), "claude-haiku-upstream")
    via = await run(_client(f"{proxy.url}/proxy/main", auth_token=TOKEN), "claude-haiku-5-5")
    assert via == direct
    final = via[1]
    assert isinstance(final, dict)
    assert final["content"][0]["signature"] == SIGNATURE
    assert anthropic_upstream.requests[-1].body["model"] == "claude-haiku-upstream"


@pytest.mark.asyncio
async def test_headers_query_and_raw_body_are_kept(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    """`opus = up/*` keeps the requested model: the body goes upstream byte for byte."""
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    body = b'{"model":"claude-opus-5-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}'
    headers = {
        "x-api-key": TOKEN,
        "anthropic-version": "2023-06-01",
        "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
        "Content-Type": "application/json",
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages?beta=true", data=body, headers=headers
        ) as response,
    ):
        assert response.status == 200
        assert response.headers["request-id"] == "req_upstream_1"
    seen = anthropic_upstream.requests[-1]
    assert seen.query == "beta=true"
    assert seen.headers["anthropic-version"] == "2023-06-01"
    assert seen.headers["anthropic-beta"] == headers["anthropic-beta"]
    assert seen.body["model"] == "claude-opus-5-5"


@pytest.mark.asyncio
async def test_default_profile_serves_plain_v1_messages(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    async with _client(proxy.url, api_key=TOKEN) as client:
        message = await _create(client, "claude-sonnet-5-5")
    assert message.stop_reason == "tool_use"


@pytest.mark.asyncio
async def test_thinking_another_provider_produced_is_dropped(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    """Unsigned (Chat Completions reasoning) and carried (Responses/Gemini state) thinking:
    Anthropic would reject either signature."""
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    carried = reasoning_signature("openai", "rs_1", "gAAAAenc")
    history = [
        {"role": "user", "content": "hi"},
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "from deepseek", "signature": ""},
                {"type": "thinking", "thinking": "from gpt", "signature": carried},
                {"type": "thinking", "thinking": "from claude", "signature": SIGNATURE},
                {"type": "text", "text": "hello"},
            ],
        },
        {"role": "user", "content": "again"},
    ]
    async with _client(f"{proxy.url}/proxy/main", api_key=TOKEN) as client:
        await client.messages.create(
            model="claude-sonnet-5-5",
            max_tokens=10,
            messages=history,  # type: ignore[arg-type]
        )
    sent = anthropic_upstream.requests[-1].body["messages"][1]["content"]
    assert [b.get("thinking") for b in sent] == ["from claude", None]
    assert sent[0]["signature"] == SIGNATURE


@pytest.mark.asyncio
async def test_client_disconnect_cancels_upstream_within_a_second(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    anthropic_upstream.mode = "hang"
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 5,
        "stream": True,
        "messages": [{"role": "user", "content": "hi"}],
    }
    session = aiohttp.ClientSession()
    response = await session.post(
        f"{proxy.url}/proxy/main/v1/messages", json=body, headers={"x-api-key": TOKEN}
    )
    assert b"message_start" in await response.content.readuntil(b"message_start")
    response.close()  # drop the connection mid-stream
    dropped = time.monotonic()
    await session.close()
    for _ in range(100):
        if anthropic_upstream.cancelled_at is not None:
            break
        await asyncio.sleep(0.02)
    assert anthropic_upstream.cancelled_at is not None, "upstream request was not cancelled"
    assert anthropic_upstream.cancelled_at - dropped < 1.0


@pytest.mark.asyncio
async def test_a_profile_named_v1_reaches_the_upstream_endpoints(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    config = anthropic_config(anthropic_upstream.url)
    config["profiles"][0]["name"] = "v1"
    proxy = await start_proxy(config)
    async with _client(f"{proxy.url}/proxy/v1", api_key=TOKEN) as client:
        message = await _create(client, "claude-sonnet-5-5")
        count = await client.messages.count_tokens(
            model="claude-sonnet-5-5", messages=[{"role": "user", "content": "hi"}]
        )
    assert message.stop_reason == "tool_use"
    assert anthropic_upstream.requests[-1].path == "/v1/messages"
    assert count.input_tokens == 4242  # the upstream's own count: its endpoint was reached
