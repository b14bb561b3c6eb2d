"""Through the running proxy to a strict loopback Gemini upstream (anthropic SDK as the client).

The upstream validates every request with the google-genai SDK's types and refuses a function
call it signed that comes back without its signature (tests/support/gemini_upstream.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import anthropic
import orjson
import pytest
import pytest_asyncio

from app.proxy.server import ProxyServer
from app.translate.sse import MAX_UPSTREAM_BYTES
from tests.support.chat_upstream import ChatUpstream, completion
from tests.support.chat_upstream import RawAnswer as ChatRawAnswer
from tests.support.chat_upstream import text_chunks as chat_text_chunks
from tests.support.gemini_upstream import (
    CutStream,
    GeminiUpstream,
    RawAnswer,
    call_chunks,
    chunk,
    text_chunks,
)
from tests.support.proxy import TOKEN, ProxyFactory

TOOLS: list[Any] = [
    {
        "name": "Bash",
        "description": "Run a shell command",
        "input_schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "command": {"type": "string"},
                "timeout": {"type": "number", "exclusiveMinimum": 0},
            },
            "required": ["command"],
            "additionalProperties": False,
        },
    },
    {
        "name": "Read",
        "description": "Read a file",
        "input_schema": {
            "type": "object",
            "properties": {"file_path": {"type": "string"}},
            "required": ["file_path"],
            "additionalProperties": False,
        },
    },
]
MESSAGES: list[Any] = [{"role": "user", "content": "list /tmp and read /tmp/a"}]
LS = {"command": "ls /tmp"}
READ = {"file_path": "/tmp/a"}
SIGNATURE = "Q2lRQmNzamFmRTEvdVhRdw=="  # base64, as Gemini's are


@pytest_asyncio.fixture
async def gemini() -> AsyncIterator[GeminiUpstream]:
    upstream = GeminiUpstream()
    await upstream.start()
    try:
        yield upstream
    finally:
        await upstream.stop()
    assert upstream.invalid == [], f"the proxy sent invalid requests: {upstream.invalid}"


def gemini_provider(url: str, name: str = "gem") -> dict[str, Any]:
    return {"name": name, "kind": "gemini", "base_url": url, "api_key": "goog-key"}


def config(*providers: dict[str, Any], route: list[str] | None = None) -> dict[str, Any]:
    return {
        "providers": list(providers),
        "profiles": [
            {"name": "g", "models": {"default": route or ["gem/gemini-3.8-flash"]}},
        ],
    }


_OPEN: list[anthropic.AsyncAnthropic] = []


@pytest_asyncio.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while _OPEN:
        await _OPEN.pop().close()


def client(proxy: ProxyServer) -> anthropic.AsyncAnthropic:
    made = anthropic.AsyncAnthropic(
        base_url=f"{proxy.url}/proxy/g", auth_token=TOKEN, max_retries=0
    )
    _OPEN.append(made)
    return made


# Text --------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_create_text(gemini: GeminiUpstream, start_proxy: ProxyFactory) -> None:
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    message = await client(proxy).messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES, system="Be brief."
    )
    assert [b.type for b in message.content] == ["text"]
    assert message.content[0].text == "Hello!"  # type: ignore[union-attr]
    assert message.stop_reason == "end_turn"
    assert message.model == "claude-sonnet-5-5"
    assert (message.usage.input_tokens, message.usage.cache_read_input_tokens) == (20, 100)
    assert message.usage.output_tokens == 30  # candidates + thoughts
    assert gemini.paths == ["/v1beta/models/gemini-3.8-flash:generateContent"]
    assert gemini.headers[-1]["x-goog-api-key"] == "goog-key"
    assert "Authorization" not in gemini.headers[-1]
    sent = gemini.requests[-1]
    assert sent["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert sent["contents"] == [{"role": "user", "parts": [{"text": MESSAGES[0]["content"]}]}]
    assert sent["generationConfig"] == {"maxOutputTokens": 100}


@pytest.mark.asyncio
async def test_stream_text(gemini: GeminiUpstream, start_proxy: ProxyFactory) -> None:
    gemini.script.append(text_chunks("The files are here.", size=2, signature=SIGNATURE))
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    async with client(proxy).messages.stream(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
    ) as stream:
        final = await stream.get_final_message()
    assert final.content[0].text == "The files are here."  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == 30
    assert gemini.paths == ["/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse"]


# Tools and reasoning, two turns ------------------------------------------------------------------


def _tool_turn() -> list[dict[str, Any]]:
    return call_chunks(
        [("Bash", LS), ("Read", READ)],
        thoughts=["I should list ", "and read."],
        text="Doing both.",
        signature=SIGNATURE,
    )


def _second_turn(first: anthropic.types.Message) -> list[Any]:
    """The history a client sends next: the answer as it came, the results in completion
    order (the Read finished first)."""
    ids = {b.name: b.id for b in first.content if b.type == "tool_use"}
    return [
        *MESSAGES,
        {"role": "assistant", "content": [b.model_dump() for b in first.content]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": ids["Read"], "content": "file A"},
                {"type": "tool_result", "tool_use_id": ids["Bash"], "content": "a b c"},
            ],
        },
    ]


def _assert_tool_answer(message: anthropic.types.Message) -> None:
    kinds = [b.type for b in message.content]
    assert kinds == ["thinking", "text", "tool_use", "tool_use"], kinds
    assert message.content[0].thinking == "I should list and read."  # type: ignore[union-attr]
    assert message.content[1].text == "Doing both."  # type: ignore[union-attr]
    calls = [(b.name, b.input) for b in message.content if b.type == "tool_use"]
    assert calls == [("Bash", LS), ("Read", READ)]
    ids = [b.id for b in message.content if b.type == "tool_use"]
    assert len(set(ids)) == 2
    assert message.stop_reason == "tool_use"


def _assert_second_request(sent: dict[str, Any]) -> None:
    model_turn, answers = sent["contents"][1], sent["contents"][2]
    assert model_turn == {
        "role": "model",
        "parts": [
            {"text": "Doing both."},
            {"functionCall": {"name": "Bash", "args": LS}, "thoughtSignature": SIGNATURE},
            {"functionCall": {"name": "Read", "args": READ}},
        ],
    }
    assert answers == {
        "role": "user",
        "parts": [
            {"functionResponse": {"name": "Bash", "response": {"output": "a b c"}}},
            {"functionResponse": {"name": "Read", "response": {"output": "file A"}}},
        ],
    }


@pytest.mark.asyncio
async def test_stream_two_tools_with_reasoning_then_the_signature_goes_back_unchanged(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    gemini.script.extend([_tool_turn(), text_chunks("Listed and read.")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    sdk = client(proxy)
    async with sdk.messages.stream(
        model="claude-sonnet-5-5",
        max_tokens=2000,
        messages=MESSAGES,
        tools=TOOLS,
        thinking={"type": "enabled", "budget_tokens": 1024},
    ) as stream:
        first = await stream.get_final_message()
    # The signature rides in a thinking block of its own, right before the signed call.
    carriers = [b for b in first.content if b.type == "thinking" and b.signature]
    assert len(carriers) == 1 and carriers[0].signature.startswith("switchboard:gemini:gem:")
    _assert_tool_answer(
        first.model_copy(update={"content": [b for b in first.content if b not in carriers]})
    )
    assert gemini.requests[0]["generationConfig"]["thinkingConfig"] == {
        "includeThoughts": True,
        "thinkingLevel": "low",
    }

    async with sdk.messages.stream(
        model="claude-sonnet-5-5", max_tokens=2000, messages=_second_turn(first), tools=TOOLS
    ) as stream:
        second = await stream.get_final_message()
    assert second.content[0].text == "Listed and read."  # type: ignore[union-attr]
    _assert_second_request(gemini.requests[1])


@pytest.mark.asyncio
async def test_whole_answers_two_turns(gemini: GeminiUpstream, start_proxy: ProxyFactory) -> None:
    gemini.script.extend([_tool_turn(), text_chunks("Done.")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    sdk = client(proxy)
    first = await sdk.messages.create(
        model="claude-sonnet-5-5", max_tokens=2000, messages=MESSAGES, tools=TOOLS
    )
    carriers = [b for b in first.content if b.type == "thinking" and b.signature]
    assert len(carriers) == 1
    _assert_tool_answer(
        first.model_copy(update={"content": [b for b in first.content if b not in carriers]})
    )
    second = await sdk.messages.create(
        model="claude-sonnet-5-5", max_tokens=2000, messages=_second_turn(first), tools=TOOLS
    )
    assert second.content[0].text == "Done."  # type: ignore[union-attr]
    _assert_second_request(gemini.requests[1])
    assert [p.rsplit(":", 1)[1] for p in gemini.paths] == ["generateContent"] * 2


@pytest.mark.asyncio
async def test_a_dropped_signature_is_refused_by_the_strict_upstream(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    """The check the two-turn tests rely on is real: without the carrier block, the upstream
    refuses the next turn as Gemini 3 does."""
    gemini.script.append(_tool_turn())
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    sdk = client(proxy)
    first = await sdk.messages.create(
        model="claude-sonnet-5-5", max_tokens=2000, messages=MESSAGES, tools=TOOLS
    )
    history = _second_turn(first)
    history[1]["content"] = [b for b in history[1]["content"] if b["type"] != "thinking"]
    with pytest.raises(anthropic.BadRequestError, match="thought_signature"):
        await sdk.messages.create(
            model="claude-sonnet-5-5", max_tokens=2000, messages=history, tools=TOOLS
        )
    gemini.invalid.clear()


# Broken answers ----------------------------------------------------------------------------------


async def _raw_stream(proxy: ProxyServer) -> tuple[int, str]:
    body = {"model": "claude-sonnet-5-5", "max_tokens": 50, "stream": True, "messages": MESSAGES}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/g/v1/messages", json=body, headers={"x-api-key": TOKEN}
        ) as response,
    ):
        return response.status, (await response.read()).decode()


def _events(text: str) -> list[dict[str, Any]]:
    return [orjson.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (CutStream([chunk([{"text": "Half an ans"}])]), "stream interrupted"),
        ([chunk([{"text": "Half an ans"}])], "before the answer was complete"),
    ],
    ids=["connection-dropped", "ended-without-finish-reason"],
)
async def test_a_stream_cut_after_the_first_byte_ends_with_an_error_event(
    gemini: GeminiUpstream, start_proxy: ProxyFactory, answer: Any, words: str
) -> None:
    gemini.script.append(answer)
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200
    assert [e["type"] for e in events] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "error",
    ]
    assert words in events[-1]["error"]["message"]


@pytest.mark.asyncio
async def test_a_stream_cut_before_anything_is_retried_never_passed_off(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    gemini.script.extend([CutStream([]), text_chunks("Recovered.")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200 and events[-1]["type"] == "message_stop"
    assert (
        "".join(e["delta"].get("text", "") for e in events if e["type"] == "content_block_delta")
        == "Recovered."
    )
    assert len(gemini.requests) == 2  # the dropped connection was retried before any byte


@pytest.mark.asyncio
async def test_a_malformed_function_call_is_a_clear_error(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    bad = chunk([], finish="MALFORMED_FUNCTION_CALL", finishMessage=None)
    bad["candidates"][0]["finishMessage"] = "Malformed function call: print(default_api.Bash("
    gemini.script.append([chunk([{"text": "Running"}]), bad])
    gemini.delay = 0.05  # the text reaches the client before the broken end
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    status, text = await _raw_stream(proxy)
    events = _events(text)
    assert status == 200 and events[-1]["type"] == "error"
    assert "message_stop" not in [e["type"] for e in events]
    assert "MALFORMED_FUNCTION_CALL" in events[-1]["error"]["message"]
    assert "print(default_api.Bash(" in events[-1]["error"]["message"]


@pytest.mark.asyncio
async def test_a_malformed_function_call_before_any_byte_is_an_http_error(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    gemini.script.append([chunk([], finish="MALFORMED_FUNCTION_CALL")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    status, text = await _raw_stream(proxy)
    assert status == 502
    assert "MALFORMED_FUNCTION_CALL" in orjson.loads(text)["error"]["message"]


@pytest.mark.asyncio
async def test_a_safety_stop_is_a_refusal(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    gemini.script.append([chunk([{"text": "I can"}], finish="SAFETY")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    message = await client(proxy).messages.create(
        model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
    )
    assert message.stop_reason == "refusal"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (
            400,
            b'{"error":{"code":400,"message":"Invalid value at contents",'
            b'"status":"INVALID_ARGUMENT"}}',
            anthropic.BadRequestError,
        ),
        (
            429,
            b'{"error":{"code":429,"message":"Resource has been exhausted",'
            b'"status":"RESOURCE_EXHAUSTED"}}',
            anthropic.RateLimitError,
        ),
        (
            403,
            b'{"error":{"code":403,"message":"API key not valid","status":"PERMISSION_DENIED"}}',
            anthropic.PermissionDeniedError,
        ),
    ],
)
async def test_gemini_errors_keep_their_status_and_words(
    gemini: GeminiUpstream,
    start_proxy: ProxyFactory,
    status: int,
    body: bytes,
    error: type[Exception],
) -> None:
    gemini.script.append(RawAnswer(status, "application/json", body))
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    with pytest.raises(error) as raised:
        await client(proxy).messages.create(
            model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
        )
    assert orjson.loads(body)["error"]["message"] in str(raised.value)


# count_tokens ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_count_tokens_asks_gemini(gemini: GeminiUpstream, start_proxy: ProxyFactory) -> None:
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    counted = await client(proxy).messages.count_tokens(
        model="claude-sonnet-5-5", messages=MESSAGES, tools=TOOLS, system="Be brief."
    )
    assert counted.input_tokens == gemini.count_answer
    assert gemini.paths == ["/v1beta/models/gemini-3.8-flash:countTokens"]
    inner = gemini.counts[0]["generateContentRequest"]
    assert inner["model"] == "models/gemini-3.8-flash"
    assert inner["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert [d["name"] for d in inner["tools"][0]["functionDeclarations"]] == ["Bash", "Read"]


@pytest.mark.asyncio
async def test_a_failing_count_falls_back_to_the_local_estimate(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(config(gemini_provider(gemini.url + "/nowhere")))
    counted = await client(proxy).messages.count_tokens(
        model="claude-sonnet-5-5", messages=MESSAGES
    )
    assert 0 < counted.input_tokens != gemini.count_answer


# Failover across dialects ------------------------------------------------------------------------


def chat_provider(url: str) -> dict[str, Any]:
    return {"name": "ds", "kind": "openai-chat", "base_url": url, "api_key": "k"}


@pytest.mark.asyncio
async def test_history_made_by_gemini_is_valid_for_a_chat_upstream_after_failover(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    chat = ChatUpstream()
    await chat.start()
    try:
        gemini.script.extend(
            [
                _tool_turn(),
                RawAnswer(
                    503,
                    "application/json",
                    b'{"error":{"code":503,"message":"The model is overloaded.",'
                    b'"status":"UNAVAILABLE"}}',
                ),
            ]
        )
        chat.script.append(chat_text_chunks("Chat finished it."))
        proxy = await start_proxy(
            config(
                gemini_provider(gemini.url),
                chat_provider(chat.url),
                route=["gem/gemini-3.8-flash", "ds/deepseek-chat"],
            )
        )
        sdk = client(proxy)
        first = await sdk.messages.create(
            model="claude-sonnet-5-5", max_tokens=2000, messages=MESSAGES, tools=TOOLS
        )
        async with sdk.messages.stream(
            model="claude-sonnet-5-5", max_tokens=2000, messages=_second_turn(first), tools=TOOLS
        ) as stream:
            second = await stream.get_final_message()
        assert second.content[0].text == "Chat finished it."  # type: ignore[union-attr]
        assert chat.invalid == []
        sent = chat.requests[-1]["messages"]
        assert not any("switchboard:" in orjson.dumps(m).decode() for m in sent)
        tool_messages = [m for m in sent if m["role"] == "tool"]
        assert [m["content"] for m in tool_messages] == ["a b c", "file A"]
    finally:
        await chat.stop()


@pytest.mark.asyncio
async def test_history_made_by_a_chat_upstream_is_valid_for_gemini_after_failover(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    chat = ChatUpstream()
    await chat.start()
    try:
        call = {
            "id": "call_x1",
            "type": "function",
            "function": {"name": "Bash", "arguments": orjson.dumps(LS).decode()},
        }
        chat.script.append(completion(None, tool_calls=[call], finish="tool_calls"))
        chat.script.append(
            ChatRawAnswer(503, "application/json", b'{"error":{"message":"Server is busy"}}')
        )
        gemini.script.append(text_chunks("Gemini finished it."))
        proxy = await start_proxy(
            config(
                chat_provider(chat.url),
                gemini_provider(gemini.url),
                route=["ds/deepseek-chat", "gem/gemini-3.8-flash"],
            )
        )
        sdk = client(proxy)
        first = await sdk.messages.create(
            model="claude-sonnet-5-5", max_tokens=2000, messages=MESSAGES, tools=TOOLS
        )
        assert [b.type for b in first.content] == ["tool_use"]
        history = [
            *MESSAGES,
            {"role": "assistant", "content": [b.model_dump() for b in first.content]},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "call_x1", "content": "a b c"}],
            },
        ]
        second = await sdk.messages.create(
            model="claude-sonnet-5-5", max_tokens=2000, messages=history, tools=TOOLS
        )
        assert second.content[0].text == "Gemini finished it."  # type: ignore[union-attr]
        model_turn = gemini.requests[-1]["contents"][1]
        assert model_turn["parts"] == [
            {
                "functionCall": {"name": "Bash", "args": LS},
                "thoughtSignature": "skip_thought_signature_validator",
            }
        ]
    finally:
        await chat.stop()


@pytest.mark.asyncio
async def test_gemini_s_context_overflow_reads_as_anthropic_s_prompt_too_long(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    body = (
        b'{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum '
        b'number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}'
    )
    gemini.script.append(RawAnswer(400, "application/json", body))
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    with pytest.raises(anthropic.BadRequestError) as raised:
        await client(proxy).messages.create(
            model="claude-sonnet-5-5", max_tokens=100, messages=MESSAGES
        )
    assert raised.value.body["error"]["message"] == (  # type: ignore[index]
        "prompt is too long: 1200000 tokens > 1048576 maximum"
    )


@pytest.mark.asyncio
async def test_the_auto_mode_classifier_call_gets_its_stop_sequence(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    """Claude Code's classifier: non-stream, stop_sequences ["</block>"], answer "<block>no"."""
    gemini.script.append([chunk([{"text": "<block>no"}], finish="STOP")])
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    message = await client(proxy).messages.create(
        model="claude-sonnet-5-5", max_tokens=2112, messages=MESSAGES, stop_sequences=["</block>"]
    )
    assert message.content[0].text == "<block>no"  # type: ignore[union-attr]
    assert (message.stop_reason, message.stop_sequence) == ("stop_sequence", "</block>")
    assert gemini.requests[-1]["generationConfig"]["stopSequences"] == ["</block>"]


@pytest.mark.asyncio
async def test_an_answer_over_the_size_cap_is_a_clear_upstream_error(
    gemini: GeminiUpstream, start_proxy: ProxyFactory
) -> None:
    giant = b'{"candidates": [], "pad": "' + b"x" * MAX_UPSTREAM_BYTES + b'"}'
    gemini.script.append(RawAnswer(200, "application/json", giant))
    proxy = await start_proxy(config(gemini_provider(gemini.url)))
    status, text = await _raw_stream(proxy)
    assert status == 502
    assert "gem: the answer is over the 32 MiB limit" in orjson.loads(text)["error"]["message"]
