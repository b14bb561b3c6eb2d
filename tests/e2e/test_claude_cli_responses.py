"""The real Claude Code CLI through the proxy to a strict loopback Responses upstream: a plain
answer, a Bash call that really runs, Read, two calls in one turn, reasoning whose encrypted
item comes back unchanged on the next turn, and a stream cut before and after its first byte.

Each test checks the exact tool calls the CLI received (the CLI hides broken ones: PROTOCOL.md,
"Why tests must check the exact tool calls"), the usage it reports, and what reached the
upstream on the next turn.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.claude_cli import ClientTap, Started, ask_claude
from tests.support.proxy import ProxyFactory
from tests.support.responses_upstream import (
    Cut,
    ResponsesUpstream,
    Turn,
    function_call,
    message,
    reasoning,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

# responses_upstream.USAGE per turn, as Anthropic usage: input 120 - 100 cached, output 30.
TURN_USAGE = {"input_tokens": 20, "cache_read_input_tokens": 100, "output_tokens": 30}


def responses_config(url: str) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "oa",
                "kind": "openai-responses",
                "base_url": url,
                "api_key": "k",
                "models": {"gpt-up": {"reasoning": True, "vision": True}},
            }
        ],
        "profiles": [{"name": "e2e", "models": {"default": "oa/gpt-up"}}],
    }


def _assert_usage(result: dict[str, Any], turns: int) -> None:
    usage = result["usage"]
    assert {key: usage[key] for key in TURN_USAGE} == {k: v * turns for k, v in TURN_USAGE.items()}


def _outputs(body: dict[str, Any]) -> dict[str, Any]:
    return {i["call_id"]: i["output"] for i in body["input"] if i["type"] == "function_call_output"}


async def _setup(
    start_proxy: ProxyFactory, started: Started, *turns: Any
) -> tuple[ResponsesUpstream, str]:
    upstream = await started(ResponsesUpstream())
    upstream.script.extend(turns)
    proxy = await start_proxy(responses_config(upstream.url))
    return upstream, f"{proxy.url}/proxy/e2e"


async def test_plain_answer(start_proxy: ProxyFactory, started: Started, tmp_path: Path) -> None:
    upstream, url = await _setup(start_proxy, started, Turn([message("Hello from Responses!")]))
    run = await ask_claude(url, tmp_path, "Say hello.")
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert run.result["result"] == "Hello from Responses!"
    assert len(upstream.requests) == 1
    sent = upstream.requests[0]
    assert sent["stream"] is True and sent["store"] is False
    assert "Claude Code" in sent["instructions"]
    _assert_usage(run.result, turns=1)


BASH = {"command": "echo sb-resp-$((6*7))", "description": "Print the marker"}


async def test_a_bash_call_really_runs_and_its_output_reaches_the_upstream(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream, url = await _setup(
        start_proxy,
        started,
        Turn([function_call("Bash", json.dumps(BASH), "call_bash")], piece=1),
        lambda body: Turn([message(f"It printed {_outputs(body).get('call_bash')}.")]),
    )
    run = await ask_claude(url, tmp_path, "Print the marker.", allowed_tools=["Bash"])
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Bash", "call_bash", BASH)
    ]
    assert [r["content"] for r in run.tool_results] == ["sb-resp-42"]
    assert _outputs(upstream.requests[1]) == {"call_bash": "sb-resp-42"}
    assert run.result["result"] == "It printed sb-resp-42."
    assert "Bash" in [t["name"] for t in upstream.requests[0]["tools"]]
    _assert_usage(run.result, turns=2)


async def test_read_returns_the_file_to_the_upstream(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    (tmp_path / "work").mkdir()
    notes = tmp_path / "work" / "notes.txt"
    notes.write_text("first line\nsb-read-marker\n", encoding="utf-8")
    read = {"file_path": str(notes)}
    upstream, url = await _setup(
        start_proxy,
        started,
        Turn([function_call("Read", json.dumps(read), "call_read")]),
        Turn([message("The file has two lines.")]),
    )
    run = await ask_claude(url, tmp_path, "Read notes.txt.", allowed_tools=["Read"])
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Read", "call_read", read)
    ]
    output = _outputs(upstream.requests[1])["call_read"]
    assert "sb-read-marker" in json.dumps(output)
    assert run.result["result"] == "The file has two lines."


FIRST = {"command": "echo sb-one-$((2*3))", "description": "First marker"}
SECOND = {"command": "echo sb-two-$((3*3))", "description": "Second marker"}


async def test_two_calls_in_one_turn_both_run_and_both_outputs_go_back_in_call_order(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream, url = await _setup(
        start_proxy,
        started,
        Turn(
            [
                message("Running both."),
                function_call("Bash", json.dumps(FIRST), "call_one"),
                function_call("Bash", json.dumps(SECOND), "call_two"),
            ],
            piece=2,
        ),
        Turn([message("Both printed.")]),
    )
    run = await ask_claude(url, tmp_path, "Print both markers.", allowed_tools=["Bash"])
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    calls = [(t["name"], t["id"], t["input"]) for t in run.tool_uses]
    assert calls == [("Bash", "call_one", FIRST), ("Bash", "call_two", SECOND)]
    second = upstream.requests[1]["input"]
    kinds = [(i["type"], i.get("call_id")) for i in second[1:]]
    assert kinds[:5] == [
        ("message", None),
        ("function_call", "call_one"),
        ("function_call", "call_two"),
        ("function_call_output", "call_one"),
        ("function_call_output", "call_two"),
    ]
    assert _outputs(upstream.requests[1]) == {"call_one": "sb-one-6", "call_two": "sb-two-9"}
    assert run.result["result"] == "Both printed."
    _assert_usage(run.result, turns=2)


THINK = {"command": "echo sb-think-$((5*5))", "description": "Print the marker"}


@pytest.mark.parametrize(
    "summary",
    [("The user wants the marker.", "Bash prints it."), ()],
    ids=["with-summary", "without-summary"],  # short reasoning often comes without one
)
async def test_reasoning_shows_as_thinking_and_its_encrypted_item_goes_back_unchanged(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path, summary: tuple[str, ...]
) -> None:
    thought = reasoning(*summary)
    upstream, url = await _setup(
        start_proxy,
        started,
        Turn([thought, function_call("Bash", json.dumps(THINK), "call_think")]),
        Turn([message("It printed sb-think-25.")]),
    )
    run = await ask_claude(url, tmp_path, "Think, then print it.", allowed_tools=["Bash"])
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []  # an altered encrypted item would have been refused
    thinking = run.blocks("assistant", "thinking")
    assert [t["thinking"] for t in thinking] == ["\n\n".join(summary)]
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Bash", "call_think", THINK)
    ]
    assert upstream.requests[0]["include"] == ["reasoning.encrypted_content"]
    items = upstream.requests[1]["input"]
    carried = [i for i in items if i["type"] == "reasoning"]
    assert carried == [
        {
            "type": "reasoning",
            "id": thought["id"],
            "summary": [{"type": "summary_text", "text": "\n\n".join(summary)}] if summary else [],
            "encrypted_content": thought["encrypted_content"],
        }
    ]
    after = items[items.index(carried[0]) + 1]
    assert (after["type"], after["call_id"]) == ("function_call", "call_think")
    assert run.result["result"] == "It printed sb-think-25."


FINAL = "The answer after the cut."


async def test_a_connection_cut_before_the_first_byte_is_retried_by_the_proxy(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    upstream, url = await _setup(start_proxy, started, Cut([]), Turn([message(FINAL)]))
    tap = await started(ClientTap(url.rsplit("/proxy/", 1)[0]))
    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Say it.")
    assert run.returncode == 0, run.describe()
    assert run.result["result"] == FINAL
    assert len(upstream.requests) == 2  # the proxy asked again; the CLI saw one clean answer
    (exchange,) = tap.to("/v1/messages")
    assert [e["type"] for e in exchange.sse_events()][-1] == "message_stop"


async def test_a_stream_cut_after_its_first_byte_ends_in_an_error_and_the_cli_retries(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    partial = Turn([message("The answer aft")]).events("gpt-up")[:6]  # up to some text deltas
    upstream, url = await _setup(start_proxy, started, Cut(partial), Turn([message(FINAL)]))
    tap = await started(ClientTap(url.rsplit("/proxy/", 1)[0]))
    run = await ask_claude(f"{tap.url}/proxy/e2e", tmp_path, "Say it.")
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert run.result["result"] == FINAL  # not the cut text
    first, retry = tap.to("/v1/messages")
    events = [e["type"] for e in first.sse_events()]
    assert events[0] == "message_start" and events[-1] == "error"
    assert "message_stop" not in events
    assert "content_block_delta" in events  # the cut came after text reached the CLI
    assert retry.json()["stream"] is False  # the CLI's own non-stream retry (CAPTURE.md §6)
    assert [r.get("stream") for r in upstream.requests] == [True, None]


async def test_the_chatgpt_codex_backend_flavour_runs_a_tool_turn(
    start_proxy: ProxyFactory, started: Started, tmp_path: Path
) -> None:
    """The `chatgpt-codex` preset against a backend that refuses what the real one refuses
    (non-stream requests, max_output_tokens, temperature, metadata; missing instructions)."""
    upstream = await started(ResponsesUpstream(codex=True, prefix="/backend-api/codex"))
    upstream.script.extend(
        [
            Turn([reasoning("Run it."), function_call("Bash", json.dumps(BASH), "call_cx")]),
            lambda body: Turn([message(f"It printed {_outputs(body).get('call_cx')}.")]),
        ]
    )
    config = {
        "providers": [
            {
                "name": "chatgpt",
                "kind": "openai-responses",
                "preset": "chatgpt-codex",
                "base_url": upstream.url,
                "api_key": "access-token",
                "headers": {"ChatGPT-Account-ID": "acct-e2e"},
            }
        ],
        "profiles": [{"name": "e2e", "models": {"default": "chatgpt/gpt-5.5"}}],
    }
    proxy = await start_proxy(config)
    run = await ask_claude(
        f"{proxy.url}/proxy/e2e", tmp_path, "Print the marker.", allowed_tools=["Bash"]
    )
    assert run.returncode == 0, run.describe()
    assert upstream.invalid == []
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [("Bash", "call_cx", BASH)]
    assert run.result["result"] == "It printed sb-resp-42."
    assert {h["ChatGPT-Account-ID"] for h in upstream.headers} == {"acct-e2e"}
    assert [i["type"] for i in upstream.requests[1]["input"]].count("reasoning") == 1
