"""Through the running proxy to a strict loopback Chat Completions upstream (anthropic SDK)."""

from __future__ import annotations

import asyncio
import gc
import json
import threading
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import anthropic
import orjson
import pytest
import pytest_asyncio

from app.proxy.dialects import translated
from app.proxy.server import ProxyServer
from app.translate.chat_stream import ChatStreamTranslator
from app.translate.sse import MAX_UPSTREAM_BYTES
from app.translate.tokens import estimate_tokens
from tests.support.chat_upstream import (
    ChatUpstream,
    RawAnswer,
    completion,
    text_chunks,
    tool_call_chunks,
)
from tests.support.hostile_upstream import HostileUpstream
from tests.support.proxy import TOKEN, ProxyFactory

TOOLS: list[Any] = [
    {
        "name": "Bash",
        "description": "Run a shell command",
        "input_schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"command": {"type": "string"}, "timeout": {"type": "number"}},
            "required": ["command"],
            "additionalProperties": False,
        },
    }
]
ARGS = '{"command": "echo hi && ls -la /tmp", "timeout": 5}'


@pytest_asyncio.fixture
async def chat_upstream() -> AsyncIterator[ChatUpstream]:
    upstream = ChatUpstream()
    await upstream.start()
    try:
        yield upstream
    finally:
        await upstream.stop()
    assert upstream.invalid == [], f"the proxy sent invalid requests: {upstream.invalid}"


def chat_config(url: str, **quirks: Any) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "ds",
                "kind": "openai-chat",
                "base_url": url,
                "api_key": "up-key",
                "quirks": quirks,
            }
        ],
        "profiles": [{"name": "chat", "models": {"default": "ds/deepseek-chat"}}],
    }


async def _proxy(start_proxy: ProxyFactory, upstream: ChatUpstream, **quirks: Any) -> ProxyServer:
    return await start_proxy(chat_config(upstream.url, **quirks))


_OPEN: list[anthropic.AsyncAnthropic] = []


@pytest_asyncio.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while _OPEN:
        await _OPEN.pop().close()


def _client(proxy: ProxyServer) -> anthropic.AsyncAnthropic:
    client = anthropic.AsyncAnthropic(
        base_url=f"{proxy.url}/proxy/chat", auth_token=TOKEN, max_retries=0
    )
    _OPEN.append(client)
    return client


MESSAGES: list[Any] = [{"role": "user", "content": "list /tmp"}]


@pytest.mark.asyncio
async def test_create_text(chat_upstream: ChatUpstream, start_proxy: ProxyFactory) -> None:
    proxy = await _proxy(start_proxy, chat_upstream)
    message = await _client(proxy).messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, system="Be brief."
    )
    assert [b.type for b in message.content] == ["text"]
    assert message.content[0].text == "Hello!"  # type: ignore[union-attr]
    assert message.stop_reason == "end_turn"
    assert message.model == "claude-sonnet-5-5"
    assert message.usage.output_tokens == 7
    sent = chat_upstream.requests[-1]
    assert sent["model"] == "deepseek-chat"
    assert sent["messages"][0] == {"role": "system", "content": "Be brief."}
    assert chat_upstream.headers[-1]["Authorization"] == "Bearer up-key"


@pytest.mark.asyncio
async def test_stream_text_with_usage(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.script.append(text_chunks("The files are here.", size=2))
    proxy = await _proxy(start_proxy, chat_upstream)
    async with _client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
    ) as stream:
        final = await stream.get_final_message()
    assert final.content[0].text == "The files are here."  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    assert final.usage.input_tokens == 20  # prompt 120 - cached 100
    assert final.usage.cache_read_input_tokens == 100
    assert final.usage.output_tokens == 30
    sent = chat_upstream.requests[-1]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}


@pytest.mark.asyncio
async def test_stream_tool_call_arguments_in_tiny_deltas(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.script.append(tool_call_chunks("Bash", ARGS, size=1))
    proxy = await _proxy(start_proxy, chat_upstream)
    async with _client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, tools=TOOLS
    ) as stream:
        kinds = [event.type async for event in stream]
        final = await stream.get_final_message()
    (tool,) = final.content
    assert tool.type == "tool_use"
    assert tool.name == "Bash" and tool.input == json.loads(ARGS)
    assert tool.id == "call_1"
    assert final.stop_reason == "tool_use"
    assert "input_json" in kinds
    sent_tool = chat_upstream.requests[-1]["tools"][0]
    assert sent_tool["type"] == "function" and sent_tool["function"]["name"] == "Bash"
    assert "$schema" not in sent_tool["function"]["parameters"]


@pytest.mark.asyncio
async def test_create_tool_use_and_round_trip_of_result(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    call = {"id": "call_9", "type": "function", "function": {"name": "Bash", "arguments": ARGS}}
    chat_upstream.script.append(completion(None, tool_calls=[call], finish="tool_calls"))
    proxy = await _proxy(start_proxy, chat_upstream)
    client = _client(proxy)
    first = await client.messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, tools=TOOLS
    )
    (tool,) = first.content
    assert tool.type == "tool_use" and tool.input == json.loads(ARGS)
    history = [
        *MESSAGES,
        {"role": "assistant", "content": [b.model_dump() for b in first.content]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": tool.id, "content": "a.txt\nb.txt"},
                {"type": "text", "text": "what now?"},
            ],
        },
    ]
    second = await client.messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=history, tools=TOOLS
    )
    assert second.content[0].text == "Hello!"  # type: ignore[union-attr]
    roles = [m["role"] for m in chat_upstream.requests[-1]["messages"]]
    assert roles == ["user", "assistant", "tool", "user"]
    tool_message = chat_upstream.requests[-1]["messages"][2]
    assert tool_message["tool_call_id"] == "call_9"
    assert "a.txt" in json.dumps(tool_message["content"])


@pytest.mark.asyncio
async def test_thinking_from_reasoning_content(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chunks: list[Any] = [
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "r",
            "choices": [
                {
                    "index": 0,
                    "delta": {"role": "assistant", "reasoning_content": piece},
                    "finish_reason": None,
                }
            ],
        }
        for piece in ("Let me ", "think.")
    ]
    chunks += text_chunks("Answer.")
    chat_upstream.script.append(chunks)
    chat_upstream.script.append(completion("Done.", reasoning="Short thought."))
    proxy = await _proxy(start_proxy, chat_upstream)
    client = _client(proxy)
    async with client.messages.stream(
        model="claude-opus-5-5",
        max_tokens=100,
        messages=MESSAGES,
        thinking={"type": "enabled", "budget_tokens": 2000},
    ) as stream:
        final = await stream.get_final_message()
    assert [b.type for b in final.content] == ["thinking", "text"]
    assert final.content[0].thinking == "Let me think."  # type: ignore[union-attr]
    whole = await client.messages.create(model="claude-opus-5-5", max_tokens=100, messages=MESSAGES)
    assert [b.type for b in whole.content] == ["thinking", "text"]
    assert "thinking" not in chat_upstream.requests[-1]


async def _raw_stream(proxy: ProxyServer) -> tuple[int, str]:
    body = {"model": "claude-sonnet-5-5", "max_tokens": 50, "stream": True, "messages": MESSAGES}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/chat/v1/messages", json=body, headers={"x-api-key": TOKEN}
        ) as response,
    ):
        return response.status, (await response.read()).decode()


def _events(text: str) -> list[dict[str, Any]]:
    return [orjson.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]


@pytest.mark.asyncio
async def test_invalid_json_chunk_ends_stream_with_error_event(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chunks = text_chunks("partial answer")
    chat_upstream.delay = 0.02  # chunks arrive one by one: text reaches the client first
    chat_upstream.script.append([*chunks[:3], b"data: {not json\n\n", *chunks[3:]])
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200
    assert events[0]["type"] == "message_start"
    assert events[-1]["type"] == "error"
    assert "ds" in events[-1]["error"]["message"]
    assert not any(e["type"] == "message_stop" for e in events)
    assert any(e.get("delta", {}).get("text") == "par" for e in events)


@pytest.mark.asyncio
async def test_invalid_json_before_any_output_is_an_http_error(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.script.append([b"data: {not json\n\n"])
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    assert status == 502
    payload = orjson.loads(text)
    assert payload["error"]["type"] == "api_error" and "invalid JSON" in payload["error"]["message"]


@pytest.mark.asyncio
async def test_tool_arguments_that_are_not_json_give_an_error(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.delay = 0.02
    chat_upstream.script.append(tool_call_chunks("Bash", '{"command": "ls"', size=3))
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200 and events[-1]["type"] == "error"
    assert not any(e["type"] == "message_stop" for e in events)


@pytest.mark.asyncio
async def test_html_page_with_status_200_is_a_clear_error(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.script.append(
        RawAnswer(200, "text/html", b"<html><body><h1>Gateway says hi</h1></body></html>")
    )
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    assert status >= 500
    payload = orjson.loads(text)
    assert payload["type"] == "error" and "ds" in payload["error"]["message"]
    assert "HTML" in payload["error"]["message"] or "Gateway" in payload["error"]["message"]


@pytest.mark.asyncio
async def test_event_stream_with_no_events_is_a_clear_error(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chat_upstream.script.append(RawAnswer(200, "text/event-stream", b"<html>oops</html>"))
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    assert status >= 500
    assert orjson.loads(text)["error"]["type"] == "api_error"


@pytest.mark.asyncio
async def test_stream_without_finish_reason_still_has_a_stop_reason(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    chunks = [
        c
        for c in tool_call_chunks("Bash", ARGS)
        if not (isinstance(c, dict) and c["choices"] and c["choices"][0]["finish_reason"])
    ]
    chat_upstream.script.append(chunks)
    proxy = await _proxy(start_proxy, chat_upstream)
    async with _client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, tools=TOOLS
    ) as stream:
        final = await stream.get_final_message()
    assert final.stop_reason == "tool_use"
    assert final.usage.output_tokens == 30


@pytest.mark.asyncio
async def test_overloaded_error_inside_the_stream_keeps_its_type(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    """Claude Code retries an `overloaded_error` event quietly; an `api_error` it does not."""
    overloaded = {
        "error": {"message": "The engine is currently overloaded", "type": "server_error"}
    }
    chat_upstream.delay = 0.02
    chat_upstream.script.append([*text_chunks("Hi there")[:2], overloaded])
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200
    assert events[-1] == {
        "type": "error",
        "error": {"type": "overloaded_error", "message": events[-1]["error"]["message"]},
    }
    assert "overloaded" in events[-1]["error"]["message"]


@pytest.mark.asyncio
async def test_stream_cut_without_done_or_finish_reason_is_not_an_answer(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    """A truncated answer must never look complete: Claude Code would keep the cut text."""
    cut = b"".join(
        b"data: " + orjson.dumps(chunk) + b"\n\n" for chunk in text_chunks("The command prin")[:4]
    )
    chat_upstream.script.append(RawAnswer(200, "text/event-stream", cut))
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200  # the text already went out: the stream must end in an error
    assert events[-1]["type"] == "error"
    assert "ended before the answer was complete" in events[-1]["error"]["message"]
    assert not any(e["type"] == "message_stop" for e in events)


@pytest.mark.asyncio
@pytest.mark.parametrize("stream", [True, False])
async def test_long_mcp_tool_names_round_trip(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory, stream: bool
) -> None:
    """Strict upstreams refuse names over 64 characters or with dots; the client never notices."""
    long_name = "mcp__claude_ai_Google_Workspace_Enterprise__search_shared_drive_documents_by_owner"
    tools = [{**TOOLS[0], "name": long_name}]

    def call_the_tool(body: dict[str, Any]) -> Any:
        sent = body["tools"][0]["function"]["name"]  # the name the upstream was given
        if stream:
            return tool_call_chunks(sent, ARGS)
        call = {"id": "call_1", "type": "function", "function": {"name": sent, "arguments": ARGS}}
        return completion(None, tool_calls=[call], finish="tool_calls")

    chat_upstream.script.append(call_the_tool)
    proxy = await _proxy(start_proxy, chat_upstream)
    client = _client(proxy)
    if stream:
        async with client.messages.stream(
            model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, tools=tools
        ) as events:
            message = await events.get_final_message()
    else:
        message = await client.messages.create(
            model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, tools=tools
        )
    (tool,) = message.content
    assert tool.type == "tool_use" and tool.name == long_name
    sent = chat_upstream.requests[-1]["tools"][0]["function"]["name"]
    assert sent != long_name and len(sent) <= 64
    # the next turn's history carries the call under the upstream's name too
    history = [
        *MESSAGES,
        {"role": "assistant", "content": [tool.model_dump()]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": tool.id, "content": "ok"}],
        },
    ]
    await client.messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=history, tools=tools
    )
    assert chat_upstream.requests[-1]["messages"][1]["tool_calls"][0]["function"]["name"] == sent


@pytest.mark.asyncio
@pytest.mark.parametrize("last", ["usage", "finish"])
async def test_the_last_frame_without_its_blank_line_is_not_lost(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory, last: str
) -> None:
    """No [DONE], and the last frame (the usage, or the finish reason itself) ends the body
    without the blank line that closes a frame: a complete answer all the same."""
    chunks = text_chunks("All done.")
    if last == "finish":
        chunks = chunks[:-1]
    frames = b"\n\n".join(b"data: " + orjson.dumps(c) for c in chunks)
    chat_upstream.script.append(RawAnswer(200, "text/event-stream", frames))
    proxy = await _proxy(start_proxy, chat_upstream)
    async with _client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
    ) as stream:
        final = await stream.get_final_message()
    assert final.content[0].text == "All done."  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    if last == "usage":
        assert (final.usage.input_tokens, final.usage.output_tokens) == (20, 30)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/event-stream", b"data: " + b"x" * (MAX_UPSTREAM_BYTES + 1)),  # an endless line
        ("application/json", b'{"choices": [], "pad": "' + b"x" * MAX_UPSTREAM_BYTES + b'"}'),
    ],
    ids=["endless-line", "giant-body"],
)
async def test_an_answer_over_the_size_cap_is_a_clear_upstream_error(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory, content_type: str, body: bytes
) -> None:
    chat_upstream.script.append(RawAnswer(200, content_type, body))
    proxy = await _proxy(start_proxy, chat_upstream)
    status, text = await _raw_stream(proxy)
    assert status == 502
    error = orjson.loads(text)["error"]
    assert error["type"] == "api_error"
    assert error["message"].startswith("ds: ") and "over the 32 MiB limit" in error["message"]


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The real local count, recording the thread of each call."""
    threads: list[threading.Thread] = []

    def count(body: dict[str, Any]) -> int:
        threads.append(threading.current_thread())
        return estimate_tokens(body)

    monkeypatch.setattr("app.proxy.dialects.input_estimate.estimate_tokens", count)
    return threads


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("stream", "stream_usage"),
    [(True, False), (True, True), (False, True)],
    ids=["stream-quirk-says-no-usage", "stream-usage-missing", "whole-usage-missing"],
)
async def test_an_answer_without_usage_reports_the_local_input_count(
    chat_upstream: ChatUpstream,
    start_proxy: ProxyFactory,
    counts: list[threading.Thread],
    stream: bool,
    stream_usage: bool,
) -> None:
    """Mistral's preset turns stream usage off and many local servers send none: Claude Code
    still needs the input size (its context meter, auto-compact), so the local count stands in,
    counted off the event loop."""
    if stream:
        chat_upstream.script.append(text_chunks("No usage here.")[:-1])
    else:
        chat_upstream.script.append({k: v for k, v in completion().items() if k != "usage"})
    proxy = await _proxy(start_proxy, chat_upstream, stream_usage=stream_usage)
    client = _client(proxy)
    request: dict[str, Any] = {"model": "claude-sonnet-5-5", "max_tokens": 100}
    local = await client.messages.count_tokens(model=request["model"], messages=MESSAGES)
    if stream:
        async with client.messages.stream(messages=MESSAGES, **request) as events:
            final = await events.get_final_message()
    else:
        final = await client.messages.create(messages=MESSAGES, **request)
    assert final.usage.input_tokens == local.input_tokens > 0
    assert proxy.state.metrics.recent(1)[0].input_tokens == local.input_tokens
    assert len(counts) == 1 and counts[0] is not threading.current_thread()


@pytest.mark.asyncio
@pytest.mark.parametrize("stream", [True, False])
async def test_an_upstream_that_reports_usage_is_never_counted_locally(
    chat_upstream: ChatUpstream,
    start_proxy: ProxyFactory,
    counts: list[threading.Thread],
    stream: bool,
) -> None:
    proxy = await _proxy(start_proxy, chat_upstream)
    request: dict[str, Any] = {"model": "claude-sonnet-5-5", "max_tokens": 100}
    if stream:
        async with _client(proxy).messages.stream(messages=MESSAGES, **request) as events:
            final = await events.get_final_message()
        assert final.usage.input_tokens == 20  # the upstream's own: 120 - 100 cached
    else:
        final = await _client(proxy).messages.create(messages=MESSAGES, **request)
        assert final.usage.input_tokens == 50
    assert counts == []


@pytest.mark.asyncio
async def test_warnings_about_invented_server_tools_are_bounded(
    chat_upstream: ChatUpstream, start_proxy: ProxyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Each server tool a Chat upstream cannot run is warned about once; a client that invents
    names cannot grow that memory without bound."""
    tools = [{"type": f"web_search_{i}", "name": f"search-{i}"} for i in range(1000)]
    proxy = await _proxy(start_proxy, chat_upstream)
    await _client(proxy).messages.create(
        model="claude-sonnet-5-5",
        max_tokens=100,
        messages=MESSAGES,
        tools=tools,  # type: ignore[arg-type]
    )
    assert 0 < len(translated._warned_server_tools) <= 256
    assert caplog.text.count("cannot run the server tool") <= 256


@pytest.mark.asyncio
async def test_a_bug_of_ours_mid_stream_cuts_the_answer_instead_of_hanging(
    chat_upstream: ChatUpstream,
    start_proxy: ProxyFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """After the first bytes no error status can be sent: the connection is closed at once
    (the client sees a cut answer and retries), the error is logged and recorded."""
    feed = ChatStreamTranslator.feed
    fed: list[int] = []

    def crash_on_the_third_chunk(self: ChatStreamTranslator, chunk: dict[str, Any]) -> Any:
        fed.append(1)
        if len(fed) == 3:
            raise KeyError("a bug in the translator")
        return feed(self, chunk)

    monkeypatch.setattr(ChatStreamTranslator, "feed", crash_on_the_third_chunk)
    chat_upstream.delay = 0.02  # the first events reach the client before the crash
    chat_upstream.script.append(text_chunks("hello there, friend"))
    proxy = await _proxy(start_proxy, chat_upstream)
    async with asyncio.timeout(10):
        with pytest.raises(aiohttp.ClientPayloadError):
            await _raw_stream(proxy)
    assert "a bug in the translator" in caplog.text
    record = proxy.state.metrics.recent(1)[0]
    assert record.status == 200 and "KeyError" in record.error


def _held_bytes() -> int:
    """The most data one live list holds (the cyclic collector not run)."""
    return max(
        (
            sum(len(x) for x in o if isinstance(x, bytes | str))
            for o in gc.get_objects()
            if type(o) is list and len(o) > 8
        ),
        default=0,
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("behaviour", ["giant", "endless"])
async def test_a_refused_flood_is_freed_at_once(start_proxy: ProxyFactory, behaviour: str) -> None:
    """`serve` runs the cyclic collector rarely (app/system/heap.py), and an error's traceback
    forms a cycle with failover's frame: what was read of a refused answer must not hang on it."""
    upstream = HostileUpstream()  # floods without a Content-Length: read until the cap
    await upstream.start()
    try:
        proxy = await start_proxy(chat_config(f"{upstream.url}/{behaviour}/v1"))
        gc.collect()
        gc.disable()
        try:
            status, text = await _raw_stream(proxy)
            assert status == 502 and "over the 32 MiB limit" in text
            assert _held_bytes() < MAX_UPSTREAM_BYTES // 4
        finally:
            gc.enable()
    finally:
        await upstream.stop()
