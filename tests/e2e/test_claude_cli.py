"""The real Claude Code CLI (npm @anthropic-ai/claude-code, pinned by .ci/setup) through the proxy
to a scripted OpenAI-compatible upstream: a Bash tool call streamed in tiny deltas really runs,
its output reaches the upstream as a `tool` message, and the final answer reaches stdout."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.chat_upstream import ChatUpstream, text_chunks, tool_call_chunks
from tests.support.proxy import TOKEN, ProxyFactory

ROOT = Path(__file__).resolve().parents[2]
CLAUDE = os.environ.get("SWITCHBOARD_TEST_CLAUDE") or str(
    ROOT / ".cache" / "claude-code" / "node_modules" / ".bin" / "claude"
)
COMMAND = "echo sb-marker-$((6*7))"  # the shell computes 42: proof the tool really ran
ARGUMENTS = json.dumps({"command": COMMAND, "description": "Print the marker"})

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]


def _config(url: str) -> dict[str, Any]:
    return {
        "providers": [{"name": "ds", "kind": "openai-chat", "base_url": url, "api_key": "k"}],
        "profiles": [{"name": "e2e", "models": {"default": "ds/deepseek-chat"}}],
    }


def _final_answer(body: dict[str, Any]) -> list[Any]:
    """The second turn answers with what the tool printed, read from the `tool` message."""
    tool_messages = [m for m in body["messages"] if m["role"] == "tool"]
    output = json.dumps(tool_messages[-1]["content"]) if tool_messages else "NO TOOL OUTPUT"
    marker = "sb-marker-42" if "sb-marker-42" in output else "marker missing"
    return text_chunks(f"The command printed {marker}.", size=2)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "inline_tools",
    [False, True],
    ids=["deferred-tools", "all-tools-inline"],  # the launcher's setting for non-Anthropic routes
)
async def test_claude_runs_a_tool_through_the_proxy(
    start_proxy: ProxyFactory, tmp_path: Path, inline_tools: bool
) -> None:
    assert shutil.which(CLAUDE), (
        f"Claude Code CLI not found at {CLAUDE}: run `bash .ci/setup test` (it installs it)"
    )
    upstream = ChatUpstream()
    upstream.script.append(tool_call_chunks("Bash", ARGUMENTS, call_id="call_e2e", size=1))
    upstream.script.append(_final_answer)
    await upstream.start()
    try:
        proxy = await start_proxy(_config(upstream.url))
        workdir = tmp_path / "work"
        workdir.mkdir()
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "ANTHROPIC_BASE_URL": f"{proxy.url}/proxy/e2e",
            "ANTHROPIC_AUTH_TOKEN": TOKEN,
            "CLAUDE_CONFIG_DIR": str(tmp_path / "claude"),
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "DISABLE_TELEMETRY": "1",
            "DISABLE_AUTOUPDATER": "1",
            "DISABLE_ERROR_REPORTING": "1",
            "CLAUDE_CODE_MAX_RETRIES": "0",
        }
        if inline_tools:
            env["CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS"] = "1"
        process = await asyncio.create_subprocess_exec(
            CLAUDE,
            "-p",
            "Print the marker with Bash, then tell me what it printed.",
            "--allowedTools",
            "Bash",
            "--output-format",
            "stream-json",
            "--verbose",
            "--max-turns",
            "4",
            "--setting-sources",
            "",
            "--strict-mcp-config",
            cwd=workdir,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), 100)
    finally:
        await upstream.stop()
    out = stdout.decode()
    assert process.returncode == 0, f"claude failed: {stderr.decode()[-2000:]}\n{out[-2000:]}"
    assert upstream.invalid == [], upstream.invalid
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]

    # The exact tool calls the client received: one Bash call, our id, our input.
    tool_uses = [
        block
        for line in lines
        if line.get("type") == "assistant"
        for block in line["message"]["content"]
        if block["type"] == "tool_use"
    ]
    assert [(t["name"], t["id"], t["input"]) for t in tool_uses] == [
        ("Bash", "call_e2e", {"command": COMMAND, "description": "Print the marker"})
    ]
    results = [
        block
        for line in lines
        if line.get("type") == "user"
        for block in line["message"]["content"]
        if block.get("type") == "tool_result"
    ]
    assert len(results) == 1 and "sb-marker-42" in json.dumps(results[0]["content"])
    assert results[0].get("is_error") in (None, False)

    # The upstream got the real output back as a `tool` message right after the call.
    second = upstream.requests[1]["messages"]
    call_index = next(i for i, m in enumerate(second) if m.get("tool_calls"))
    assert second[call_index + 1]["role"] == "tool"
    assert second[call_index + 1]["tool_call_id"] == "call_e2e"
    assert "sb-marker-42" in json.dumps(second[call_index + 1]["content"])

    tools_sent = [t["function"]["name"] for t in upstream.requests[0]["tools"]]
    assert "Bash" in tools_sent
    assert ("WebFetch" in tools_sent) is inline_tools  # a deferred tool, inline only when asked

    result = lines[-1]
    assert result["type"] == "result" and result["subtype"] == "success"
    assert result["result"] == "The command printed sb-marker-42."
    assert result["usage"]["output_tokens"] > 0
