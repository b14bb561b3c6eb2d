"""The real Claude Code CLI through the proxy to a scripted, strict Gemini upstream
(tests/support/gemini_upstream.py: google-genai types, signatures it handed out must come back).

Each test checks the exact tool calls the CLI received (the CLI hides broken ones: PROTOCOL.md,
"Why tests must check the exact tool calls"), and what reached the upstream on the next turn:
function responses in call order, the thought signature on the call it came with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.claude_cli import ClientTap, Started, ask_claude
from tests.support.gemini_upstream import (
    Answer,
    CutStream,
    GeminiUpstream,
    call_chunks,
    chunk,
    text_chunks,
)
from tests.support.proxy import ProxyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio, pytest.mark.timeout(180)]

SIGNATURE = "Q2lRQmNzamFmRTEvdVhRdw=="  # base64, as Gemini's are
# gemini_upstream.usage(): 120 prompt tokens of which 100 cached, 25 candidates + 5 thoughts.
TURN_USAGE = {"input_tokens": 20, "cache_read_input_tokens": 100, "output_tokens": 30}


def gemini_config(url: str) -> dict[str, Any]:
    return {
        "providers": [{"name": "gem", "kind": "gemini", "base_url": url, "api_key": "k"}],
        "profiles": [{"name": "e2e", "models": {"default": "gem/gemini-3.8-flash"}}],
    }


def _answers(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The function responses of the last user turn, in the order sent."""
    return [
        part["functionResponse"]
        for part in body["contents"][-1]["parts"]
        if "functionResponse" in part
    ]


def _calls(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The function-call parts of the last model turn."""
    model = [c for c in body["contents"] if c["role"] == "model"][-1]
    return [part for part in model["parts"] if "functionCall" in part]


def _reply_with_outputs(prefix: str) -> Callable[[dict[str, Any]], Answer]:
    def answer(body: dict[str, Any]) -> Answer:
        outputs = [a["response"].get("output", a["response"]) for a in _answers(body)]
        return text_chunks(f"{prefix} {json.dumps(outputs)}", size=4)

    return answer


def _assert_usage(result: dict[str, Any], turns: int) -> None:
    usage = result["usage"]
    assert {key: usage[key] for key in TURN_USAGE} == {
        key: value * turns for key, value in TURN_USAGE.items()
    }


async def test_a_plain_answer(start_proxy: ProxyFactory, started: Started, tmp_path: Path) -> None:
    upstream = await started(GeminiUpstream())
    upstream.script.append(text_chunks("Plain Gemini answer.", size=2, signature=SIGNATURE))
    proxy = await start_proxy(gemini_config(upstream.url))

    run = await ask_claude(f"{proxy.url}/proxy/e2e", tmp_path, "Say something.")

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert run.result["subtype"] == "success"
    assert run.result["result"] == "Plain Gemini answer."
    assert run.tool_uses == []
    _assert_usage(run.result, turns=1)
    assert upstream.paths[0].endswith("/models/gemini-3.8-flash:streamGenerateContent?alt=sse")


MARKER = {"command": "echo sb-gem-$((6*7))", "description": "Print the marker"}
THOUGHTS = ["The user wants ", "the marker; Bash prints it."]


async def test_reasoning_then_a_bash_call_that_really_runs_and_its_signature_comes_back(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(GeminiUpstream())
    upstream.script.extend(
        [
            call_chunks(
                [("Bash", MARKER)], thoughts=THOUGHTS, text="Running it.", signature=SIGNATURE
            ),
            _reply_with_outputs("It printed"),
        ]
    )
    proxy = await start_proxy(gemini_config(upstream.url))

    # As the launcher runs it for a non-Anthropic profile: every tool inline, none deferred.
    run = await ask_claude(
        f"{proxy.url}/proxy/e2e",
        tmp_path,
        "Think, then print the marker.",
        allowed_tools=["Bash"],
        env={"CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS": "1"},
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []  # the strict upstream checked the signature came back
    shown = [t["thinking"] for t in run.blocks("assistant", "thinking") if t["thinking"]]
    assert shown == ["".join(THOUGHTS)]
    assert [(t["name"], t["input"]) for t in run.tool_uses] == [("Bash", MARKER)]
    assert [r["content"] for r in run.tool_results] == ["sb-gem-42"]
    assert all(r["is_error"] is False for r in run.tool_results)

    assert len(upstream.requests) == 2
    # stream-json --verbose shows thinking ("display": "updates"): thoughts are asked for
    thinking_config = upstream.requests[0]["generationConfig"]["thinkingConfig"]
    assert thinking_config["includeThoughts"] is True
    declared = [d["name"] for d in upstream.requests[0]["tools"][0]["functionDeclarations"]]
    assert {"Bash", "Read", "WebFetch", "WebSearch"} <= set(declared)  # deferred ones too
    second = upstream.requests[1]
    assert _calls(second) == [
        {"functionCall": {"name": "Bash", "args": MARKER}, "thoughtSignature": SIGNATURE}
    ]
    assert _answers(second) == [{"name": "Bash", "response": {"output": "sb-gem-42"}}]
    assert b"The user wants" not in json.dumps(second).encode()  # thoughts are not sent back
    assert run.result["result"] == 'It printed ["sb-gem-42"]'
    _assert_usage(run.result, turns=2)


async def test_read_returns_the_file_to_gemini(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    (tmp_path / "work").mkdir()
    target = tmp_path / "work" / "notes.txt"
    target.write_text("first line\nsecond line — é\n", encoding="utf-8")
    read = {"file_path": str(target)}
    upstream = await started(GeminiUpstream())
    upstream.script.extend([call_chunks([("Read", read)]), text_chunks("Read it.")])
    proxy = await start_proxy(gemini_config(upstream.url))

    run = await ask_claude(
        f"{proxy.url}/proxy/e2e", tmp_path, "Read notes.txt.", allowed_tools=["Read"]
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert [(t["name"], t["input"]) for t in run.tool_uses] == [("Read", read)]
    [answer] = _answers(upstream.requests[1])
    assert answer["name"] == "Read"
    assert "first line" in answer["response"]["output"]
    assert "second line — é" in answer["response"]["output"]
    assert run.result["result"] == "Read it."


SLOW = {"command": "sleep 1; echo sb-slow-$((2*3))", "description": "Slow marker"}
FAST = {"command": "echo sb-fast-$((3*3))", "description": "Fast marker"}


async def test_parallel_calls_both_run_and_go_back_in_call_order(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(GeminiUpstream())
    upstream.script.extend(
        [
            call_chunks([("Bash", SLOW), ("Bash", FAST)], signature=SIGNATURE),
            _reply_with_outputs("Both:"),
        ]
    )
    proxy = await start_proxy(gemini_config(upstream.url))

    run = await ask_claude(
        f"{proxy.url}/proxy/e2e", tmp_path, "Print both markers.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    uses = run.tool_uses
    assert [(t["name"], t["input"]) for t in uses] == [("Bash", SLOW), ("Bash", FAST)]
    assert len({t["id"] for t in uses}) == 2
    outputs = {r["tool_use_id"]: r["content"] for r in run.tool_results}
    assert outputs == {uses[0]["id"]: "sb-slow-6", uses[1]["id"]: "sb-fast-9"}

    second = upstream.requests[1]
    assert [(c["functionCall"]["args"], c.get("thoughtSignature")) for c in _calls(second)] == [
        (SLOW, SIGNATURE),
        (FAST, None),
    ]
    # Call order, whatever order the CLI finished them in.
    assert _answers(second) == [
        {"name": "Bash", "response": {"output": "sb-slow-6"}},
        {"name": "Bash", "response": {"output": "sb-fast-9"}},
    ]
    assert run.result["result"] == 'Both: ["sb-slow-6", "sb-fast-9"]'


async def test_a_stream_cut_after_the_first_byte_is_retried_by_the_cli(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(GeminiUpstream())
    upstream.delay = 0.05  # the first piece reaches the CLI before the cut
    upstream.script.extend(
        [
            CutStream([chunk([{"text": "Half an ans"}]), chunk([{"text": "wer"}])]),
            text_chunks("The whole answer."),
        ]
    )
    proxy = await start_proxy(gemini_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Answer.")

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    cut, retry = tap.to("/v1/messages")
    events = cut.sse_events()
    assert events[0]["type"] == "message_start" and events[-1]["type"] == "error"
    assert "message_stop" not in [e["type"] for e in events]  # never passed off as complete
    assert retry.json().get("stream") is not True  # the CLI's immediate non-stream retry
    assert [p.rsplit(":", 1)[1] for p in upstream.paths] == [
        "streamGenerateContent?alt=sse",
        "generateContent",
    ]
    assert run.result["result"] == "The whole answer."


async def test_a_stream_cut_before_the_first_byte_never_reaches_the_cli(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream = await started(GeminiUpstream())
    upstream.script.extend([CutStream([]), text_chunks("Served by the retry.")])
    proxy = await start_proxy(gemini_config(upstream.url))
    tap = await started(ClientTap(proxy.url))

    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Answer.")

    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    [exchange] = tap.to("/v1/messages")
    assert [e["type"] for e in exchange.sse_events()][-1] == "message_stop"
    assert len(upstream.requests) == 2  # the proxy retried the dropped connection itself
    assert run.result["result"] == "Served by the retry."
