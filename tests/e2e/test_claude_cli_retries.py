"""The real Claude Code CLI's own retries through the proxy (CAPTURE.md §6): what the proxy sends
decides how the CLI retries, so a broken upstream must reach the CLI as the right failure.

- A stream that breaks before any content → an `error` event → the CLI's immediate
  `stream:false` retry (max_tokens 64000).
- A stream that ends early without saying it is done must not become a normal `message_stop`:
  the CLI would take the cut answer as complete.
- A 429 with Retry-After keeps its status and header, and the CLI waits that long.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from tests.support.chat_upstream import (
    Answer,
    ChatUpstream,
    RawAnswer,
    completion,
    text_chunks,
    tool_call_chunks,
)
from tests.support.claude_cli import (
    ClaudeRun,
    ClientTap,
    Exchange,
    Started,
    ask_claude,
    chat_config,
)
from tests.support.proxy import ProxyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

MARKER_CALL = {"command": "echo sb-retry-$((6*7))", "description": "Print the marker"}
FINAL = "The command printed sb-retry-42."


def _frame(delta: dict[str, Any]) -> bytes:
    chunk = {
        "id": "chatcmpl-e2e",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "up-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
    }
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


ROLE_FRAME = _frame({"role": "assistant", "content": ""})


class DroppingUpstream(ChatUpstream):
    """Its first streaming answer is the role chunk, then the connection is cut (no chunked
    terminator: the proxy's client sees an incomplete payload)."""

    dropped: bool = False

    async def _complete(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())  # aiohttp keeps it for the parent's read
        if self.dropped or body.get("stream") is not True:
            return await super()._complete(request)
        self.dropped = True
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(ROLE_FRAME)
        assert request.transport is not None
        request.transport.close()
        return response


def _whole_or_streamed(text: str) -> Callable[[dict[str, Any]], Answer]:
    """The answer in whichever form the retry asks for."""
    return lambda body: text_chunks(text) if body.get("stream") else completion(text)


def _tool_call_whole() -> dict[str, Any]:
    call = {
        "id": "call_retry",
        "type": "function",
        "function": {"name": "Bash", "arguments": json.dumps(MARKER_CALL)},
    }
    return completion(None, tool_calls=[call], finish="tool_calls")


def _ends_with_error_event(exchange: Exchange) -> bool:
    events = exchange.sse_events()
    return bool(events) and events[-1]["type"] == "error" and events[0]["type"] == "message_start"


def _assert_marker_ran_once(run: ClaudeRun) -> None:
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Bash", "call_retry", MARKER_CALL)
    ]
    assert [r["content"] for r in run.tool_results] == ["sb-retry-42"]


async def test_a_stream_cut_after_its_first_chunk_is_retried_without_streaming(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(DroppingUpstream())
    upstream.script.extend([_tool_call_whole(), text_chunks(FINAL)])
    proxy = await start_proxy(chat_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Print it.", allowed_tools=["Bash"])

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    dropped, retry, after_tool = tap.to("/v1/messages")
    # The proxy ended the broken stream with an error event, never a message_stop ...
    assert dropped.status == 200 and _ends_with_error_event(dropped)
    assert "message_stop" not in [e["type"] for e in dropped.sse_events()]
    # ... so the CLI asked again without streaming (CAPTURE.md §6).
    assert retry.json()["stream"] is False and retry.json()["max_tokens"] == 64000
    assert retry.status == 200 and retry.json()["messages"] == dropped.json()["messages"]
    assert [r.get("stream") for r in upstream.requests] == [True, None, True]
    assert upstream.requests[1]["max_tokens"] == 64000
    assert after_tool.json()["stream"] is True

    _assert_marker_ran_once(run)
    assert run.result["subtype"] == "success" and run.result["result"] == FINAL
    usage = run.result["usage"]  # completion() 50 in / 7 out, then text_chunks 20+100 / 30
    assert (usage["input_tokens"], usage["cache_read_input_tokens"]) == (70, 100)
    assert usage["output_tokens"] == 37


@pytest.mark.parametrize(
    "cut_answer",
    [
        pytest.param(ROLE_FRAME, id="before-any-content"),
        pytest.param(ROLE_FRAME + _frame({"content": "The command prin"}), id="mid-text"),
    ],
)
async def test_a_stream_that_ends_early_without_done_is_not_taken_as_the_answer(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path, cut_answer: bytes
) -> None:
    """The upstream's body ends cleanly but early: no finish_reason, no `data: [DONE]`."""
    upstream = await started(ChatUpstream())
    upstream.script.extend(
        [RawAnswer(200, "text/event-stream", cut_answer), _whole_or_streamed(FINAL)]
    )
    proxy = await start_proxy(chat_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Say it.")

    assert run.returncode == 0, run.describe()
    assert run.result["result"] == FINAL  # not the cut text
    first, *retries = tap.to("/v1/messages")
    assert _ends_with_error_event(first), f"the cut stream ended as: {first.response_body!r}"
    assert [r.json()["stream"] for r in retries] == [False]  # CAPTURE.md §6
    assert run.tool_uses == []


class RateLimitedUpstream(ChatUpstream):
    """Answers its first request with 429 and `Retry-After: 2`, as OpenAI does."""

    limited: bool = False

    async def _complete(self, request: web.Request) -> web.StreamResponse:
        if self.limited:
            return await super()._complete(request)
        self.limited = True
        self.requests.append(orjson.loads(await request.read()))
        error = {
            "message": "Rate limit reached for requests per min",
            "type": "requests",
            "code": "rate_limit_exceeded",
        }
        return web.json_response({"error": error}, status=429, headers={"Retry-After": "2"})


async def test_a_429_with_retry_after_reaches_the_cli_which_waits_and_retries(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(RateLimitedUpstream())
    upstream.script.extend(
        [
            tool_call_chunks("Bash", json.dumps(MARKER_CALL), call_id="call_retry", size=3),
            text_chunks(FINAL),
        ]
    )
    proxy = await start_proxy(chat_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(
        f"{tap.url}/proxy/e2e",
        tmp_path,
        "Print it.",
        allowed_tools=["Bash"],
        env={"CLAUDE_CODE_MAX_RETRIES": "2"},
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    limited, retry, after_tool = tap.to("/v1/messages")
    assert limited.status == 429
    assert limited.response_headers["retry-after"] == "2"
    assert json.loads(limited.response_body) == {
        "type": "error",
        "error": {
            "type": "rate_limit_error",
            "message": "ds: Rate limit reached for requests per min",
        },
    }
    assert 2.0 <= retry.at - limited.at < 6.0  # Retry-After honoured, not the 0.5 s backoff
    assert retry.status == 200 and retry.json()["stream"] is True
    assert after_tool.status == 200
    assert len(upstream.requests) == 3

    _assert_marker_ran_once(run)
    assert run.result["subtype"] == "success" and run.result["result"] == FINAL
    usage = run.result["usage"]
    assert (usage["input_tokens"], usage["cache_read_input_tokens"]) == (40, 200)
    assert usage["output_tokens"] == 60
