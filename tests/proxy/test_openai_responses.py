"""Through the running proxy to a strict loopback Responses upstream (anthropic SDK as client):
text, several tools in one turn, reasoning carried across turns, usage, every way a response
ends, the ChatGPT/Codex flavour, and count_tokens from the provider's own endpoint."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import anthropic
import pytest
import pytest_asyncio

from app.proxy.server import ProxyServer
from app.translate.sse import MAX_UPSTREAM_BYTES
from tests.support.chat_upstream import RawAnswer
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.responses_upstream import (
    Cut,
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
        "description": "Run a shell command",
        "input_schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"command": {"type": "string"}},
            "required": ["command"],
            "additionalProperties": False,
        },
    },
    {
        "name": "Read",
        "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}},
    },
]
MESSAGES: list[Any] = [{"role": "user", "content": "list /tmp"}]


@pytest_asyncio.fixture
async def upstream() -> AsyncIterator[ResponsesUpstream]:
    server = ResponsesUpstream()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.invalid == [], f"the proxy sent invalid requests: {server.invalid}"


def responses_config(url: str, *, reasoning_model: bool = True, **provider: Any) -> dict[str, Any]:
    models = {"gpt-up": {"reasoning": reasoning_model, "vision": True, "max_output_tokens": 16000}}
    return {
        "providers": [
            {
                "name": "oa",
                "kind": "openai-responses",
                "base_url": url,
                "api_key": "up-key",
                "models": models,
            }
            | provider
        ],
        "profiles": [{"name": "resp", "models": {"default": "oa/gpt-up"}}],
    }


_OPEN: list[anthropic.AsyncAnthropic] = []


@pytest_asyncio.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while _OPEN:
        await _OPEN.pop().close()


def _client(proxy: ProxyServer) -> anthropic.AsyncAnthropic:
    client = anthropic.AsyncAnthropic(
        base_url=f"{proxy.url}/proxy/resp", auth_token=TOKEN, max_retries=0
    )
    _OPEN.append(client)
    return client


async def _proxy(start_proxy: ProxyFactory, upstream: ResponsesUpstream, **kw: Any) -> ProxyServer:
    return await start_proxy(responses_config(upstream.url, **kw))


async def test_create_text_with_instructions_and_usage(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    upstream.script.append(Turn([message("Hello there!")]))
    proxy = await _proxy(start_proxy, upstream)
    answer = await _client(proxy).messages.create(
        model="claude-sonnet-5-5",
        max_tokens=20_000,
        messages=MESSAGES,
        system=[
            {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1; cch=1;"},
            {"type": "text", "text": "Be brief."},
        ],
    )
    assert [b.type for b in answer.content] == ["text"]
    assert answer.content[0].text == "Hello there!"  # type: ignore[union-attr]
    assert answer.stop_reason == "end_turn"
    assert answer.model == "claude-sonnet-5-5"
    assert (answer.usage.input_tokens, answer.usage.cache_read_input_tokens) == (20, 100)
    assert answer.usage.output_tokens == 30
    sent = upstream.requests[-1]
    assert sent["model"] == "gpt-up"
    assert sent["instructions"] == "Be brief."  # the volatile billing line is left out
    assert sent["input"] == [
        {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "list /tmp"}],
        }
    ]
    assert sent["store"] is False and sent["include"] == ["reasoning.encrypted_content"]
    assert sent["max_output_tokens"] == 16000  # clamped to the model's limit
    assert "stream" not in sent
    assert upstream.headers[-1]["Authorization"] == "Bearer up-key"


async def test_stream_several_tools_in_one_turn(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    first, second = '{"command": "ls -la /tmp"}', '{"file_path": "/etc/hosts"}'
    upstream.script.append(
        Turn(
            [
                message("Looking."),
                function_call("Bash", first, "call_a"),
                function_call("Read", second, "call_b"),
            ],
            piece=2,
        )
    )
    proxy = await _proxy(start_proxy, upstream)
    async with _client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=1000, messages=MESSAGES, tools=TOOLS
    ) as stream:
        final = await stream.get_final_message()
    assert [b.type for b in final.content] == ["text", "tool_use", "tool_use"]
    calls = [(b.id, b.name, b.input) for b in final.content if b.type == "tool_use"]
    assert calls == [
        ("call_a", "Bash", {"command": "ls -la /tmp"}),
        ("call_b", "Read", {"file_path": "/etc/hosts"}),
    ]
    assert final.stop_reason == "tool_use"
    sent = upstream.requests[-1]
    assert sent["stream"] is True
    assert [t["name"] for t in sent["tools"]] == ["Bash", "Read"]
    assert sent["tools"][0]["strict"] is False
    assert "$schema" not in sent["tools"][0]["parameters"]


async def test_reasoning_streams_as_thinking_and_its_encrypted_item_goes_back_unchanged(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    thought = reasoning("The user wants a listing.", "Bash can do it.")
    upstream.script.append(
        Turn([thought, function_call("Bash", '{"command": "ls /tmp"}', "call_ls")])
    )
    upstream.script.append(Turn([message("Two files.")]))
    proxy = await _proxy(start_proxy, upstream)
    client = _client(proxy)
    ask: dict[str, Any] = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 8000,
        "tools": TOOLS,
        "thinking": {"type": "adaptive"},
        "extra_body": {"output_config": {"effort": "medium"}},
    }
    async with client.messages.stream(messages=MESSAGES, **ask) as stream:
        first = await stream.get_final_message()
    thinking = first.content[0]
    assert thinking.type == "thinking"
    assert thinking.thinking == "The user wants a listing.\n\nBash can do it."
    assert thinking.signature.startswith("switchboard:openai-responses:oa:")
    assert first.stop_reason == "tool_use"
    assert upstream.requests[0]["reasoning"] == {"summary": "auto", "effort": "medium"}

    history = [
        *MESSAGES,
        {"role": "assistant", "content": [b.model_dump() for b in first.content]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "call_ls", "content": "a b"}],
        },
    ]
    second = await client.messages.create(messages=history, **ask)
    assert second.content[0].text == "Two files."  # type: ignore[union-attr]
    sent = upstream.requests[1]["input"]
    assert sent[1] == {
        "type": "reasoning",
        "id": thought["id"],
        "summary": [{"type": "summary_text", "text": thinking.thinking}],
        "encrypted_content": thought["encrypted_content"],  # byte for byte
    }
    assert sent[2]["type"] == "function_call" and sent[2]["call_id"] == "call_ls"
    assert sent[3] == {"type": "function_call_output", "call_id": "call_ls", "output": "a b"}


async def test_reasoning_of_another_provider_or_dialect_is_not_sent(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await _proxy(start_proxy, upstream)
    history = [
        *MESSAGES,
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "a", "signature": "EqQBCkYIBxgCKkAnthropicSig"},
                {"type": "thinking", "thinking": "b", "signature": "switchboard:gemini:g:xyz"},
                {
                    "type": "thinking",
                    "thinking": "c",
                    "signature": "switchboard:openai-responses:other:rs_1:e",
                },
                {"type": "thinking", "thinking": "d", "signature": ""},
                {"type": "text", "text": "Done before."},
            ],
        },
        {"role": "user", "content": "again"},
    ]
    await _client(proxy).messages.create(model="m", max_tokens=100, messages=history)
    sent = upstream.requests[-1]["input"]
    assert [item.get("type") for item in sent] == ["message", "message", "message"]
    assert sent[1] == {"type": "message", "role": "assistant", "content": "Done before."}


async def test_images_reach_the_upstream_as_input_images(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await _proxy(start_proxy, upstream)
    image = {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}
    content: Any = [
        {"type": "text", "text": "What is this?"},
        {"type": "image", "source": image},
    ]
    await _client(proxy).messages.create(
        model="m", max_tokens=100, messages=[{"role": "user", "content": content}]
    )
    parts = upstream.requests[-1]["input"][0]["content"]
    assert parts[1] == {
        "type": "input_image",
        "image_url": "data:image/png;base64,iVBORw0KGgo=",
        "detail": "auto",
    }


@pytest.mark.parametrize(
    ("reason", "stop"), [("max_output_tokens", "max_tokens"), ("content_filter", "refusal")]
)
async def test_incomplete_response_maps_its_reason(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory, reason: str, stop: str
) -> None:
    upstream.script.append(
        Turn([message("Partial")], status="incomplete", incomplete_reason=reason)
    )
    proxy = await _proxy(start_proxy, upstream)
    async with _client(proxy).messages.stream(model="m", max_tokens=10, messages=MESSAGES) as s:
        final = await s.get_final_message()
    assert final.stop_reason == stop
    assert final.content[0].text == "Partial"  # type: ignore[union-attr]


async def test_failed_response_before_output_is_an_http_error_with_its_message(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    error = {"code": "server_error", "message": "The model had a problem."}
    upstream.script.append(Turn([], status="failed", error=error))
    proxy = await _proxy(start_proxy, upstream)
    with pytest.raises(anthropic.InternalServerError) as caught:
        await _client(proxy).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert "The model had a problem." in str(caught.value)


async def test_error_event_mid_stream_ends_with_an_error_event(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    events: list[Any] = Turn([message("Half an answer")]).events("gpt-up")[:-3]
    events.append({"type": "error", "code": "server_is_overloaded", "message": "Try later"})
    upstream.script.append(events)
    upstream.delay = 0.01
    proxy = await _proxy(start_proxy, upstream)
    body = await _raw_stream(proxy)
    assert '"text":"Hal"' in body  # the text before the failure reached the client
    assert body.count("event: error") == 1 and "message_stop" not in body
    assert "overloaded_error" in body and "Try later" in body


async def test_stream_cut_before_completed_is_not_a_complete_answer(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    upstream.script.append(Turn([message("Cut short here")]).events("gpt-up")[:-2])
    upstream.delay = 0.01
    proxy = await _proxy(start_proxy, upstream)
    body = await _raw_stream(proxy)
    assert "event: error" in body and "message_stop" not in body
    assert "before the answer was complete" in body


async def test_an_html_page_is_a_clear_error(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    upstream.script.append(RawAnswer(200, "text/html", b"<html><body>Just a moment</body></html>"))
    proxy = await _proxy(start_proxy, upstream)
    with pytest.raises(anthropic.APIStatusError) as caught:
        await _client(proxy).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert "HTML page" in str(caught.value)


async def _raw_stream(proxy: ProxyServer) -> str:
    payload = {"model": "m", "max_tokens": 10, "messages": MESSAGES, "stream": True}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/resp/v1/messages",
            json=payload,
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as response,
    ):
        assert response.status == 200
        return (await response.read()).decode()


async def test_count_tokens_asks_the_providers_input_tokens_endpoint(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await _proxy(start_proxy, upstream)
    count = await _client(proxy).messages.count_tokens(
        model="m", messages=MESSAGES, tools=TOOLS, system="Be brief."
    )
    assert count.input_tokens == upstream.input_tokens
    sent = upstream.counts[-1]
    assert sent["model"] == "gpt-up" and sent["instructions"] == "Be brief."
    assert [t["name"] for t in sent["tools"]] == ["Bash", "Read"]


# ChatGPT/Codex flavour ------------------------------------------------------------------------


@pytest_asyncio.fixture
async def codex() -> AsyncIterator[ResponsesUpstream]:
    server = ResponsesUpstream(codex=True, prefix="/backend-api/codex")
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.invalid == [], f"the proxy sent invalid requests: {server.invalid}"


def codex_config(url: str) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "chatgpt",
                "kind": "openai-responses",
                "preset": "chatgpt-codex",
                "base_url": url,
                "api_key": "access-token",
                "headers": {"ChatGPT-Account-ID": "acct-123"},
            }
        ],
        "profiles": [{"name": "resp", "models": {"default": "chatgpt/gpt-5.5"}}],
    }


async def test_codex_non_stream_request_is_served_from_the_stream(
    codex: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    codex.script.append(Turn([reasoning("Thinking."), message("From the stream.")]))
    proxy = await start_proxy(codex_config(codex.url))
    answer = await _client(proxy).messages.create(
        model="m",
        max_tokens=1000,
        metadata={"user_id": json.dumps({"device_id": "d"})},
        extra_body={"temperature": 0.5},
        messages=MESSAGES,
        system="Be brief.",
    )
    assert [b.type for b in answer.content] == ["thinking", "text"]
    assert answer.content[1].text == "From the stream."  # type: ignore[union-attr]
    assert answer.usage.output_tokens == 30
    sent = codex.requests[-1]
    assert sent["stream"] is True and sent["store"] is False
    assert not {"temperature", "max_output_tokens", "metadata"} & set(sent)
    headers = codex.headers[-1]
    assert headers["ChatGPT-Account-ID"] == "acct-123"
    assert headers["Authorization"] == "Bearer access-token"


async def test_codex_count_tokens_is_local(
    codex: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(codex_config(codex.url))
    count = await _client(proxy).messages.count_tokens(model="m", messages=MESSAGES)
    assert count.input_tokens > 0 and codex.counts == []


async def test_stop_sequences_cut_the_answer_as_anthropic_would(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    """Claude Code's auto-mode classifier sends stop_sequences, which the Responses API lacks."""
    upstream.script.append(Turn([message("<block>no</block>\nThe reasoning was…")]))
    proxy = await _proxy(start_proxy, upstream)
    answer = await _client(proxy).messages.create(
        model="m", max_tokens=100, messages=MESSAGES, stop_sequences=["</block>"]
    )
    assert answer.content[0].text == "<block>no"  # type: ignore[union-attr]
    assert (answer.stop_reason, answer.stop_sequence) == ("stop_sequence", "</block>")
    assert "stop" not in upstream.requests[-1]


async def test_count_tokens_falls_back_to_the_local_estimate_when_the_endpoint_fails(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    upstream.input_tokens = 0  # an answer without a usable count
    proxy = await _proxy(start_proxy, upstream)
    count = await _client(proxy).messages.count_tokens(model="m", messages=MESSAGES, tools=TOOLS)
    assert len(upstream.counts) == 1  # it asked
    assert count.input_tokens > 0  # and counted locally


async def test_codex_non_stream_request_never_answers_with_a_cut_stream(
    codex: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    """Collected from a stream, the answer goes out only once the stream completed: a cut one
    is another attempt (here the proxy's retry after the dropped connection), never a reply."""
    partial = Turn([message("Half of the fir")]).events("gpt-5.5")[:6]
    codex.script.extend([Cut(partial), Turn([message("Second try.")])])
    proxy = await start_proxy(codex_config(codex.url))
    answer = await _client(proxy).messages.create(model="m", max_tokens=100, messages=MESSAGES)
    assert answer.content[0].text == "Second try."  # type: ignore[union-attr]
    assert len(codex.requests) == 2


async def test_codex_without_its_account_id_says_what_to_fill_in(
    codex: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    config = codex_config(codex.url)
    config["providers"][0]["headers"] = {"ChatGPT-Account-ID": ""}  # as the preset leaves it
    proxy = await start_proxy(config)
    with pytest.raises(anthropic.AuthenticationError) as caught:
        await _client(proxy).messages.create(model="m", max_tokens=100, messages=MESSAGES)
    assert "ChatGPT-Account-ID has no value" in str(caught.value)
    assert codex.requests == []  # nothing was sent with an empty header


async def test_an_answer_over_the_size_cap_is_a_clear_upstream_error(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    giant = b'{"object": "response", "pad": "' + b"x" * MAX_UPSTREAM_BYTES + b'"}'
    upstream.script.append(RawAnswer(200, "application/json", giant))
    proxy = await _proxy(start_proxy, upstream)
    with pytest.raises(anthropic.APIStatusError) as caught:
        await _client(proxy).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert caught.value.status_code == 502
    assert "the answer is over the 32 MiB limit" in str(caught.value)


async def test_a_failed_response_for_a_too_long_input_reads_as_prompt_too_long(
    upstream: ResponsesUpstream, start_proxy: ProxyFactory
) -> None:
    # the ChatGPT/Codex backend reports an overflow inside the stream, not as an HTTP 400
    error = {
        "code": "context_length_exceeded",
        "message": "Your input exceeds the context window of this model. Please adjust your "
        "input and try again.",
    }
    upstream.script.append(Turn([], status="failed", error=error))
    proxy = await _proxy(start_proxy, upstream)
    with pytest.raises(anthropic.BadRequestError) as caught:
        await _client(proxy).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert caught.value.body["error"]["message"].startswith("prompt is too long")  # type: ignore[index]
