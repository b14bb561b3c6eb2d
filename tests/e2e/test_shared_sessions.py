"""Two profiles with `share_sessions`: a conversation started under one (an OpenAI-compatible
provider) resumes under the other (an Anthropic-kind provider) with the real CLI's --resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from app.config.store import load_config
from app.launch.env import profile_environment
from tests.support.anthropic_upstream import MESSAGE, AnthropicUpstream, Seen, encode, stream_events
from tests.support.chat_upstream import ChatUpstream, Chunk, usage_chunk
from tests.support.claude_cli import Started, claude_args, claude_env, run_claude
from tests.support.proxy import ProxyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

FIRST_ANSWER = "Noted: the code word is PELICAN."
SECOND_ANSWER = "The code word was PELICAN."


class TextUpstream(AnthropicUpstream):
    """An Anthropic-kind upstream that answers every call with SECOND_ANSWER."""

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(Seen(request.path, request.query_string, dict(request.headers), body))
        message = {
            **MESSAGE,
            "model": body["model"],
            "content": [{"type": "text", "text": SECOND_ANSWER}],
            "stop_reason": "end_turn",
        }
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(encode(stream_events(message)))
        await response.write_eof()
        return response


def _chunk(delta: dict[str, Any], finish: str | None = None) -> Chunk:
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [choice],
    }


def _reasoned_answer(body: dict[str, Any]) -> list[Chunk]:
    return [
        _chunk({"role": "assistant", "reasoning_content": "The user wants me to remember it."}),
        _chunk({"content": FIRST_ANSWER}),
        _chunk({}, finish="stop"),
        usage_chunk(),
    ]


def _config_text(chat_url: str, anthropic_url: str) -> str:
    return f"""
[[providers]]
name = "ds"
kind = "openai-chat"
base_url = "{chat_url}"
api_key = "k1"

[[providers]]
name = "an"
kind = "anthropic"
base_url = "{anthropic_url}"
api_key = "k2"

[[profiles]]
name = "alpha"
share_sessions = true
[profiles.models]
default = "ds/deepseek-chat"

[[profiles]]
name = "beta"
share_sessions = true
[profiles.models]
default = "an/claude-upstream"
"""


async def test_a_session_started_in_one_profile_resumes_in_another(
    started: Started, start_proxy: ProxyFactory, tmp_path: Path
) -> None:
    chat = await started(ChatUpstream())
    chat.script.append(_reasoned_answer)
    native = await started(TextUpstream())
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text(_config_text(chat.url, native.url), encoding="utf-8")
    loaded = load_config(path)
    proxy = await start_proxy(loaded.config.model_dump(mode="json"))
    workdir = tmp_path / "work"
    workdir.mkdir()

    async def claude(profile: str, prompt: str, *extra: str) -> Any:
        values = profile_environment(loaded, profile, base_env={}).values
        env = claude_env(
            f"{proxy.url}/proxy/{profile}",
            tmp_path / "home",
            CLAUDE_CONFIG_DIR=values["CLAUDE_CONFIG_DIR"],
            ANTHROPIC_MODEL=values["ANTHROPIC_MODEL"],
        )
        return await run_claude([*extra, *claude_args(prompt)], env, cwd=workdir)

    first = await claude("alpha", "Remember the code word PELICAN.")
    assert first.result["result"] == FIRST_ANSWER, first.describe()
    session = first.result["session_id"]

    second = await claude("beta", "What was the code word?", "--resume", session)
    assert second.result["result"] == SECOND_ANSWER, second.describe()
    assert chat.invalid == []
    # the Anthropic-kind provider got the conversation the other profile had, minus the other
    # provider's unsigned thinking (which Anthropic would refuse)
    sent = native.requests[-1].body["messages"]
    text = repr(sent)
    assert "Remember the code word PELICAN." in text and FIRST_ANSWER in text
    assert "What was the code word?" in text
    assert "The user wants me to remember it." not in text
    assert not any(
        block.get("type") == "thinking"
        for message in sent
        if isinstance(message["content"], list)
        for block in message["content"]
    )
    # each profile kept its own settings dir
    assert values_dir(loaded, "alpha") != values_dir(loaded, "beta")


def values_dir(loaded: Any, profile: str) -> str:
    return profile_environment(loaded, profile, base_env={}).values["CLAUDE_CONFIG_DIR"]
