"""`switchboard run PROFILE -- -p …` end to end: the real command starts the proxy in the
background (`switchboard serve`), becomes the real Claude Code CLI with the profile's
environment, and the scripted upstream's answer reaches stdout."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config.secrets import TOKEN_FILE
from app.system import discovery
from tests.launch.fakes import free_port
from tests.support.chat_upstream import ChatUpstream, RawAnswer, text_chunks, tool_call_chunks
from tests.support.claude_cli import require_claude
from tests.support.threaded import LoopThread

pytestmark = [pytest.mark.e2e]

UPSTREAM_KEY = "sk-e2e-upstream-key-31337"
# The model also reads the variable that holds the provider's key: it must not be there.
COMMAND = 'echo sb-run-$((6*7)) "key=${SB_E2E_UPSTREAM_KEY:-unset}"'
FINAL = "The command printed sb-run-42."


@pytest.fixture
def upstream() -> Iterator[ChatUpstream]:
    """A scripted upstream on a background loop: `switchboard run` is a separate process."""
    thread = LoopThread()
    server = ChatUpstream()
    thread.run(server.start())
    try:
        yield server
    finally:
        thread.run(server.stop())
        thread.close()


def _write_config(path: Path, port: int, upstream_url: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        f"""
[settings]
port = {port}

[[providers]]
name = "ds"
kind = "openai-chat"
base_url = "{upstream_url}"
api_key = "env:SB_E2E_UPSTREAM_KEY"

[[profiles]]
name = "e2e"
[profiles.models]
default = "ds/deepseek-chat"
""",
        encoding="utf-8",
    )


def _final_answer(body: dict[str, Any]) -> list[Any]:
    """Answer with what the tool printed, as read from the `tool` message."""
    tools = [m["content"] for m in body["messages"] if m["role"] == "tool"]
    return text_chunks(FINAL if tools and "sb-run-42" in tools[-1] else "NO TOOL OUTPUT")


def _run_switchboard(
    upstream: ChatUpstream, tmp_path: Path, *, max_turns: int
) -> tuple[int, Path, tuple[subprocess.Popen[str], str, str]]:
    """`switchboard run e2e -- -p "Print the marker with Bash." …` as a user types it, with a
    config whose provider is `upstream`; stops the background proxy it started."""
    port = free_port()
    config = tmp_path / "cfg" / "config.toml"
    _write_config(config, port, upstream.url)
    workdir = tmp_path / "work"
    workdir.mkdir()
    env = {
        **os.environ,  # the test's isolated HOME and XDG dirs
        "SWITCHBOARD_CLAUDE": require_claude(),
        "SB_E2E_UPSTREAM_KEY": UPSTREAM_KEY,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # the token lives in a file
    }
    argv = [sys.executable, "-m", "app", "--config", str(config), "run", "e2e", "-C", str(workdir)]
    claude_args = ["-p", "Print the marker with Bash.", "--allowedTools", "Bash"]
    claude_args += ["--max-turns", str(max_turns), "--setting-sources", "", "--strict-mcp-config"]
    process = subprocess.Popen(
        [*argv, "--", *claude_args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            stdout, stderr = process.communicate()
        _stop_background_proxy(stderr, port)
    return port, config, (process, stdout, stderr)


def _stop_background_proxy(stderr: str, port: int) -> None:
    """Stop the proxy `run` started (it outlives `run` by design) by the pid it reported."""
    match = re.search(r"in the background on \S+ \(pid (\d+)\)", stderr)
    if match is None:
        return
    os.kill(int(match.group(1)), signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _still_answering(port):
        assert time.monotonic() < deadline, "the background proxy did not stop"
        time.sleep(0.1)


def _still_answering(port: int) -> bool:
    # "foreign": a connection reset while the server closes, it is on its way out
    return discovery.probe("127.0.0.1", port, "any token").verdict != "absent"


def test_run_starts_the_proxy_and_execs_claude_with_the_profile(
    upstream: ChatUpstream, tmp_path: Path
) -> None:
    upstream.script.extend(
        [
            tool_call_chunks(
                "Bash", json.dumps({"command": COMMAND, "description": "Marker"}), size=3
            ),
            _final_answer,
        ]
    )
    port, config, (process, stdout, stderr) = _run_switchboard(upstream, tmp_path, max_turns=3)

    assert process.returncode == 0, f"{stderr[-2000:]}\n{stdout[-2000:]}"
    assert stdout == FINAL + "\n"
    assert f"started the Switchboard proxy in the background on http://127.0.0.1:{port}" in stderr
    assert upstream.invalid == []

    # The profile's environment reached Claude Code: its model name (`deepseek-chat@default`,
    # read back by the proxy), every tool inline, the profile's own config dir.
    first, second = upstream.requests
    assert first["model"] == second["model"] == "deepseek-chat"
    assert "WebFetch" in [t["function"]["name"] for t in first["tools"]]
    assert (config.parent / "claude" / "e2e" / ".claude.json").is_file()
    # The upstream got the provider's key; the local token stayed between Claude Code and us.
    assert [h.get("Authorization") for h in upstream.headers] == [f"Bearer {UPSTREAM_KEY}"] * 2
    token = (config.parent / TOKEN_FILE).read_text(encoding="utf-8").strip()
    assert not any(token in value for h in upstream.headers for value in h.values())
    tool_messages = [m for m in second["messages"] if m["role"] == "tool"]
    assert [m["content"] for m in tool_messages] == ["sb-run-42 key=unset"]


# A llama.cpp server (a typical small-window local model): its wording is none of the phrases
# Claude Code looks for by itself; the numbers are in fields.
OVERFLOW = RawAnswer(
    400,
    "application/json",
    json.dumps(
        {
            "error": {
                "code": 400,
                "message": "the request exceeds the available context size, try increasing it",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 9000,
                "n_ctx": 8192,
            }
        }
    ).encode(),
)
SUMMARY = "SUMMARY-7f3: the user had Bash print a marker"


def _last_user_text(body: dict[str, Any]) -> str:
    message = next(m for m in reversed(body["messages"]) if m["role"] == "user")
    content = message["content"]
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_run_against_a_small_window_compacts_instead_of_failing(
    upstream: ChatUpstream, tmp_path: Path
) -> None:
    """The provider refuses the grown conversation in its own words; Claude Code, told
    "prompt is too long", asks for a summary and goes on with a shorter conversation."""
    seen: list[str] = []

    def answer(body: dict[str, Any]) -> Any:
        text = _last_user_text(body)
        if SUMMARY in text:
            seen.append("compacted")
            return text_chunks("Done after compaction.")
        if seen and seen[-1] == "overflow":
            seen.append("summarize")
            return text_chunks(f"<analysis>short</analysis>\n<summary>{SUMMARY}</summary>")
        if any(m["role"] == "tool" for m in body["messages"]):
            seen.append("overflow")
            return OVERFLOW
        seen.append("tool")
        return tool_call_chunks("Bash", json.dumps({"command": COMMAND, "description": "Marker"}))

    upstream.script.extend([answer] * 6)
    _, _, (process, stdout, stderr) = _run_switchboard(upstream, tmp_path, max_turns=4)

    assert process.returncode == 0, f"{stderr[-2000:]}\n{stdout[-2000:]}"
    assert stdout == "Done after compaction.\n"
    assert seen == ["tool", "overflow", "summarize", "compacted"]
    assert upstream.invalid == []
    overflowed, summarize, compacted = upstream.requests[1:4]
    assert "summary" in _last_user_text(summarize).lower()
    # the conversation that completes is shorter than the one the provider refused
    assert len(compacted["messages"]) < len(overflowed["messages"])
    assert not any(m["role"] == "tool" for m in compacted["messages"])
