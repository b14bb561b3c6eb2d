"""The real Claude Code CLI through the proxy to an Anthropic-speaking upstream (kind anthropic):
the request passes through unchanged but for the model, renamed per slot; the CLI's own headers
go along, the local token is swapped for the provider's key; a signed thinking block survives
the round trip byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from app.config.schema import Config, Slot
from app.config.slots import launch_model_name
from tests.support.anthropic_upstream import (
    MESSAGE,
    SIGNATURE,
    AnthropicUpstream,
    Seen,
    encode,
    stream_events,
)
from tests.support.claude_cli import ClientTap, Started, ask_claude
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

FINAL = "The folder holds sb-listed.txt."
PER_TURN = {"input_tokens": 1234, "cache_read_input_tokens": 1000, "output_tokens": 56}


class TwoTurnUpstream(AnthropicUpstream):
    """The first call gets MESSAGE (signed thinking, text, a Bash `ls -la` call); later calls
    get the final text."""

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        if not self.requests:
            return await super()._messages(request)
        body = await request.json()
        self.requests.append(Seen(request.path, request.query_string, dict(request.headers), body))
        message = {
            **MESSAGE,
            "model": body["model"],
            "content": [{"type": "text", "text": FINAL}],
            "stop_reason": "end_turn",
        }
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(encode(stream_events(message)))
        await response.write_eof()
        return response


def _config(url: str) -> dict[str, Any]:
    config = anthropic_config(url)
    config["profiles"][0]["models"]["opus"] = "up/claude-opus-upstream"
    return config


def _launch_models(config: dict[str, Any]) -> dict[str, str]:
    """The model variables `switchboard run` gives Claude Code for profile `main`."""
    profile = Config.model_validate(config).profiles[0]
    names: dict[Slot, str] = {
        slot: launch_model_name(profile, slot) for slot in ("default", "haiku", "sonnet", "opus")
    }
    return {
        "ANTHROPIC_MODEL": names["default"],
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": names["haiku"],
        "ANTHROPIC_DEFAULT_SONNET_MODEL": names["sonnet"],
        "ANTHROPIC_DEFAULT_OPUS_MODEL": names["opus"],
    }


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


@pytest.mark.parametrize(
    ("launch_names", "asked", "upstream_model"),
    [
        # `model@slot` from the launcher: the slot is read from the suffix
        (True, "claude-default-upstream@default", "claude-default-upstream"),
        # the CLI's own default name: matched to the opus slot by the profile's patterns
        (False, "claude-opus-5-5", "claude-opus-upstream"),
    ],
    ids=["launch-names", "cli-default-name"],
)
async def test_pass_through_keeps_the_cli_request_and_renames_the_model_per_slot(
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
    launch_names: bool,
    asked: str,
    upstream_model: str,
) -> None:
    upstream = await started(TwoTurnUpstream())
    config = _config(upstream.url)
    proxy = await start_proxy(config)
    tap = await started(ClientTap(proxy.url))
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "sb-listed.txt").write_text("x")
    models = _launch_models(config) if launch_names else {}

    run = await ask_claude(
        f"{tap.url}/proxy/main", tmp_path, "List the files.", allowed_tools=["Bash"], env=models
    )

    assert run.returncode == 0, run.describe()
    assert len(upstream.requests) == 2 == len(tap.to("/v1/messages"))
    for sent, seen in zip(tap.to("/v1/messages"), upstream.requests, strict=True):
        assert (seen.path, seen.query) == ("/v1/messages", "beta=true")
        # The body reaches the upstream as the CLI sent it, but for the model.
        assert sent.json()["model"] == asked
        assert seen.body == {**sent.json(), "model": upstream_model}
        headers = _lower(seen.headers)
        assert headers["x-api-key"] == "upstream-secret-key"
        assert "authorization" not in headers
        assert not any(TOKEN in value for value in headers.values())
        for name in ("anthropic-version", "anthropic-beta", "x-app", "user-agent"):
            assert headers[name] == sent.request_headers[name]
        assert (
            headers["x-claude-code-session-id"] == sent.request_headers["x-claude-code-session-id"]
        )
        assert "claude-code-20250219" in headers["anthropic-beta"].split(",")
        assert headers["user-agent"].startswith("claude-cli/")
    sessions = {_lower(s.headers)["x-claude-code-session-id"] for s in upstream.requests}
    assert len(sessions) == 1

    # What the CLI showed and ran: the signed thinking, the text, one Bash call.
    thinking = run.blocks("assistant", "thinking")
    assert [(t["thinking"], t["signature"]) for t in thinking] == [
        ("Let me list the files.", SIGNATURE)
    ]
    assert [(t["name"], t["id"], t["input"]) for t in run.tool_uses] == [
        ("Bash", "toolu_01AbC", {"command": "ls -la", "description": "List files"})
    ]
    assert len(run.tool_results) == 1 and "sb-listed.txt" in run.tool_results[0]["content"]

    # The next turn carries the thinking block back byte for byte, and the tool's output.
    history = upstream.requests[1].body["messages"]
    assistant = next(m for m in history if m["role"] == "assistant")
    assert assistant["content"][0] == {
        "type": "thinking",
        "thinking": "Let me list the files.",
        "signature": SIGNATURE,
    }
    result = history[history.index(assistant) + 1]["content"][0]
    assert result["tool_use_id"] == "toolu_01AbC" and "sb-listed.txt" in result["content"]

    assert run.result["subtype"] == "success" and run.result["result"] == FINAL
    usage = run.result["usage"]
    assert {key: usage[key] for key in PER_TURN} == {k: 2 * v for k, v in PER_TURN.items()}
