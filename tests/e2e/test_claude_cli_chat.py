"""The real Claude Code CLI through the proxy to a scripted OpenAI-compatible upstream, in the
turns where peer proxies broke: two tool calls streamed interleaved in one turn, DeepSeek-style
reasoning before a tool call, and a big Read that makes the CLI ask count_tokens.

Each test checks the exact tool calls the CLI received (the CLI hides broken ones: PROTOCOL.md,
"Why tests must check the exact tool calls"), the usage it reports, and what reached the
upstream on the next turn.
"""

from __future__ import annotations

import functools
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from app.translate.tokens import estimate_tokens
from tests.support import chat_upstream
from tests.support.chat_upstream import (
    ChatUpstream,
    Chunk,
    text_chunks,
    tool_call_chunks,
    usage_chunk,
)
from tests.support.claude_cli import ClientTap, Started, ask_claude, chat_config
from tests.support.openai_strict import validate_chat_request
from tests.support.proxy import ProxyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

# usage_chunk(): 120 prompt tokens of which 100 cached, 30 completion; per turn, as Anthropic
# usage: input 20, cache read 100, output 30. The CLI's result line sums the turns.
TURN_USAGE = {"input_tokens": 20, "cache_read_input_tokens": 100, "output_tokens": 30}


def _chunk(delta: dict[str, Any], finish: str | None = None) -> Chunk:
    return {
        "id": "chatcmpl-e2e",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "up-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _assert_usage(result: dict[str, Any], turns: int) -> None:
    usage = result["usage"]
    reported = {key: usage[key] for key in TURN_USAGE}
    assert reported == {key: value * turns for key, value in TURN_USAGE.items()}


def _tool_messages_after_call(messages: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    """The (last) assistant message with tool_calls, and the messages right after it."""
    index = max(i for i, m in enumerate(messages) if m.get("tool_calls"))
    return messages[index], messages[index + 1 :]


# 1. Two tool calls in one turn -------------------------------------------------------------

FIRST = {"command": "echo sb-first-$((2*3))", "description": "Print the first marker"}
SECOND = {"command": "echo sb-second-$((3*3))", "description": "Print the second marker"}


def _two_interleaved_calls() -> list[Chunk]:
    """Both calls announced in one chunk, then their arguments in 3-character pieces,
    alternating second/first by index (as some upstreams interleave them)."""
    heads = [
        {"index": i, "id": f"call_{n}", "type": "function", "function": {"name": "Bash"}}
        for i, n in enumerate(("first", "second"))
    ]
    chunks = [_chunk({"role": "assistant", "content": None, "tool_calls": heads})]
    first, second = _pieces(json.dumps(FIRST), 3), _pieces(json.dumps(SECOND), 3)
    for i in range(max(len(first), len(second))):
        for index, pieces in ((1, second), (0, first)):
            if i < len(pieces):
                piece = {"index": index, "function": {"arguments": pieces[i]}}
                chunks.append(_chunk({"tool_calls": [piece]}))
    return [*chunks, _chunk({}, finish="tool_calls"), usage_chunk()]


async def test_two_parallel_tool_calls_both_run_and_both_results_reach_the_upstream(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(ChatUpstream())
    upstream.script.extend([_two_interleaved_calls(), text_chunks("Both markers printed.")])
    proxy = await start_proxy(chat_config(upstream.url))

    run = await ask_claude(
        f"{proxy.url}/proxy/e2e", tmp_path, "Print both markers.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    calls = [(t["name"], t["id"], t["input"]) for t in run.tool_uses]
    assert calls == [("Bash", "call_first", FIRST), ("Bash", "call_second", SECOND)]
    outputs = {r["tool_use_id"]: r["content"] for r in run.tool_results}
    assert outputs == {"call_first": "sb-first-6", "call_second": "sb-second-9"}
    assert all(r["is_error"] is False for r in run.tool_results)

    assert len(upstream.requests) == 2
    assistant, after = _tool_messages_after_call(upstream.requests[1]["messages"])
    sent = [(c["id"], json.loads(c["function"]["arguments"])) for c in assistant["tool_calls"]]
    assert sent == [("call_first", FIRST), ("call_second", SECOND)]
    assert [(m["role"], m["tool_call_id"], m["content"]) for m in after[:2]] == [
        ("tool", "call_first", "sb-first-6"),
        ("tool", "call_second", "sb-second-9"),
    ]

    assert run.result["subtype"] == "success"
    assert run.result["result"] == "Both markers printed."
    _assert_usage(run.result, turns=2)


# 2. Reasoning (DeepSeek thinking mode) -----------------------------------------------------

REASONING = ["The user wants ", "the marker; ", "Bash can print it."]
THINKING_CALL = {"command": "echo sb-thought-$((5*5))", "description": "Print the marker"}


def _reasoning_text_then_call() -> list[Chunk]:
    chunks = [_chunk({"role": "assistant", "content": None, "reasoning_content": ""})]
    chunks += [_chunk({"content": None, "reasoning_content": piece}) for piece in REASONING]
    chunks += [_chunk({"content": piece}) for piece in ("I'll run ", "it now.")]
    chunks += tool_call_chunks("Bash", json.dumps(THINKING_CALL), call_id="call_think", size=4)
    return chunks


async def test_reasoning_shows_as_thinking_and_goes_back_to_the_upstream_next_turn(
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # DeepSeek accepts (and with tools requires) `reasoning_content` on assistant messages.
    monkeypatch.setattr(
        chat_upstream,
        "validate_chat_request",
        functools.partial(validate_chat_request, extra_fields=("reasoning_content",)),
    )
    upstream = await started(ChatUpstream())
    upstream.script.extend([_reasoning_text_then_call(), text_chunks("It printed sb-thought-25.")])
    config = chat_config(upstream.url, quirks={"reasoning_history_field": "reasoning_content"})
    proxy = await start_proxy(config)

    run = await ask_claude(
        f"{proxy.url}/proxy/e2e", tmp_path, "Think, then print the marker.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    thinking = run.blocks("assistant", "thinking")
    assert [t["thinking"] for t in thinking] == ["".join(REASONING)]
    assert [t["text"] for t in run.blocks("assistant", "text")] == [
        "I'll run it now.",
        "It printed sb-thought-25.",
    ]
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Bash", "call_think", THINKING_CALL)
    ]
    assert [r["content"] for r in run.tool_results] == ["sb-thought-25"]

    assert len(upstream.requests) == 2
    assistant, after = _tool_messages_after_call(upstream.requests[1]["messages"])
    assert assistant["reasoning_content"] == "".join(REASONING)
    assert assistant["content"] == "I'll run it now."
    assert [c["id"] for c in assistant["tool_calls"]] == ["call_think"]
    assert (after[0]["tool_call_id"], after[0]["content"]) == ("call_think", "sb-thought-25")

    assert run.result["result"] == "It printed sb-thought-25."
    _assert_usage(run.result, turns=2)


# 5. A big Read: the CLI asks count_tokens ---------------------------------------------------

LINES = 2150  # ~120 KB: over the Read cap of 25,000 tokens by the proxy's count, barely
TRUNCATION = re.compile(r"showing lines 1-(\d+) of \d+ total \(([\d,]+) tokens, cap 25000\)")


def _big_file(path: Path) -> str:
    words = ("alpha", "beta", "gamma", "delta")
    rng = random.Random(7)
    text = "".join(
        f"line {i} {' '.join(rng.choice(words) for _ in range(8))}\n" for i in range(LINES)
    )
    path.write_text(text, encoding="utf-8")
    return text


async def test_a_big_read_is_paged_by_the_local_token_count_the_proxy_answers(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    (tmp_path / "work").mkdir()
    big = tmp_path / "work" / "big.txt"
    text = _big_file(big)
    read = {"file_path": str(big)}
    upstream = await started(ChatUpstream())
    upstream.script.extend(
        [
            tool_call_chunks("Read", json.dumps(read), call_id="call_read", size=5),
            text_chunks("The file is paged."),
        ]
    )
    proxy = await start_proxy(chat_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(
        f"{tap.url}/proxy/e2e", tmp_path, "Read big.txt.", allowed_tools=["Read"]
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert [e.path for e in tap.exchanges] == [
        "/proxy/e2e/v1/messages",
        "/proxy/e2e/v1/messages/count_tokens",
        "/proxy/e2e/v1/messages",
    ]
    count_call = tap.exchanges[1]
    assert count_call.json()["messages"] == [{"role": "user", "content": text}]
    assert count_call.status == 200
    counted = json.loads(count_call.response_body)["input_tokens"]
    assert counted == estimate_tokens(count_call.json()) > 25000  # the local count, not a guess

    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Read", "call_read", read)
    ]
    # The CLI paged the file by the proxy's count, and told the model so.
    second = upstream.requests[1]["messages"]
    assistant, after = _tool_messages_after_call(second)
    assert [c["id"] for c in assistant["tool_calls"]] == ["call_read"]
    assert after[0]["role"] == "tool" and after[0]["content"].startswith("1\tline 0 ")
    note = TRUNCATION.search(json.dumps(second))
    assert note is not None, "the Read was not paged"
    shown_lines, tokens = int(note.group(1)), int(note.group(2).replace(",", ""))
    assert tokens == counted and 0 < shown_lines < LINES

    assert run.result["result"] == "The file is paged."
    _assert_usage(run.result, turns=2)
