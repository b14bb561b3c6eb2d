"""The real Claude Code CLI runs a tool call through logged-in providers, one per backend shape:
Claude Pro/Max (Anthropic, Bearer + the oauth beta), GitHub Copilot (Chat Completions, the
Copilot token + the editor headers, at the account's own endpoint), Gemini Code Assist (Gemini
in Code Assist's envelope, with the project the login found) and ChatGPT (the Codex flavour
of Responses, with the ChatGPT-Account-ID the id token names). The loopback upstreams refuse
any request without a token the loopback authorization server issued and the headers the
real services demand. Mid-run the token is revoked: the proxy refreshes and retries, and the
CLI never sees the 401."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from app.auth.store import TokenStore
from app.config.presets import load_catalogue
from tests.e2e.test_claude_cli_anthropic import FINAL, TwoTurnUpstream
from tests.support.chat_upstream import ChatUpstream, text_chunks, tool_call_chunks
from tests.support.claude_cli import Started, ask_claude
from tests.support.code_assist_upstream import CodeAssistUpstream
from tests.support.gemini_upstream import call_chunks as gemini_calls
from tests.support.gemini_upstream import text_chunks as gemini_text
from tests.support.logins import auth_server, bearer_guard, logged_in
from tests.support.oauth_server import OAuthServer
from tests.support.proxy import ProxyFactory
from tests.support.responses_upstream import ResponsesUpstream, Turn, function_call, message
from tests.support.workers import FIXED_PORTS

__all__ = ["auth_server"]  # a fixture
pytestmark = [pytest.mark.e2e, pytest.mark.asyncio, pytest.mark.timeout(120), FIXED_PORTS]

Guard = Callable[[web.Request], web.Response | None]


def preset_provider(preset: str, name: str, base_url: str) -> dict[str, Any]:
    """The provider `switchboard auth login` writes for the preset, at a loopback base URL."""
    from app.config.presets import preset_to_provider

    found = load_catalogue()[preset]
    provider = preset_to_provider(found, name=name).model_dump(exclude_none=True)
    return {**provider, "base_url": base_url}


class GuardedTwoTurn(TwoTurnUpstream):
    """TwoTurnUpstream behind a token check; `after_first` runs once the first turn passed."""

    check: Guard | None = None
    after_first: Callable[[], None] | None = None
    refused = 0

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        assert self.check is not None
        refusal = self.check(request)
        if refusal is not None:
            self.refused += 1
            return refusal
        response = await super()._messages(request)
        if len(self.requests) == 1 and self.after_first is not None:
            self.after_first()
        return response


async def test_claude_code_through_a_claude_max_login(
    auth_server: OAuthServer,
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
) -> None:
    credential = await logged_in(auth_server, "claude-max", "claude")
    config_dir = tmp_path / "config"
    TokenStore(config_dir).save(credential, allow_file=True)
    upstream = GuardedTwoTurn()
    upstream.check = bearer_guard(
        auth_server.is_valid, contains={"anthropic-beta": "oauth-2025-04-20"}
    )
    upstream.after_first = lambda: auth_server.revoke_access(credential.access_token)
    await started(upstream)
    config = {
        "providers": [preset_provider("claude-max", "claude", upstream.url)],
        "profiles": [{"name": "main", "models": {"default": "claude/claude-sonnet-5-5"}}],
    }
    proxy = await start_proxy(config, config_path=config_dir / "config.toml")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "sb-listed.txt").write_text("x")

    run = await ask_claude(
        f"{proxy.url}/proxy/main", tmp_path, "List the files.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert [t["name"] for t in run.tool_uses] == ["Bash"]
    assert "sb-listed.txt" in run.tool_results[0]["content"]
    assert run.result["subtype"] == "success" and run.result["result"] == FINAL
    assert upstream.refused == 1  # the revoked token, once; the retry carried the new one
    assert auth_server.refreshes() == 1
    for seen in upstream.requests:
        headers = {k.lower(): v for k, v in seen.headers.items()}
        assert "x-api-key" not in headers
        assert "claude-code-20250219" in headers["anthropic-beta"].split(",")


async def test_claude_code_through_a_copilot_login(
    auth_server: OAuthServer,
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
) -> None:
    upstream = ChatUpstream()
    command = "echo sb-copilot-$((6*7))"
    upstream.script.append(
        tool_call_chunks("Bash", json.dumps({"command": command, "description": "Print"}))
    )

    def final(body: dict[str, Any]) -> list[Any]:
        output = json.dumps([m for m in body["messages"] if m["role"] == "tool"])
        return text_chunks("Printed sb-copilot-42." if "sb-copilot-42" in output else "missing")

    upstream.script.append(final)
    await started(upstream)
    auth_server.copilot_api = upstream.url  # the account's endpoint, named by the token answer
    credential = await logged_in(auth_server, "copilot", "copilot")
    config_dir = tmp_path / "config"
    TokenStore(config_dir).save(credential, allow_file=True)
    preset = load_catalogue()["copilot"]
    upstream.guard = bearer_guard(auth_server.copilot_token_valid, preset.headers)
    config = {
        "providers": [preset_provider("copilot", "copilot", "https://api.githubcopilot.com")],
        "profiles": [{"name": "main", "models": {"default": "copilot/gpt-4.1"}}],
    }
    proxy = await start_proxy(config, config_path=config_dir / "config.toml")

    run = await ask_claude(
        f"{proxy.url}/proxy/main", tmp_path, "Run the command.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert [t["input"]["command"] for t in run.tool_uses] == [command]
    assert run.result["result"] == "Printed sb-copilot-42."
    assert {h["Authorization"] for h in upstream.headers} == {f"Bearer {credential.access_token}"}
    assert all(h["editor-version"] == "vscode/1.99.3" for h in upstream.headers)


async def test_claude_code_through_a_gemini_code_assist_login(
    auth_server: OAuthServer,
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
) -> None:
    """Login with Google (the Gemini CLI's installed-app client, any loopback port, client
    secret on the token request), then project discovery: a new account is onboarded to the
    free tier and its project goes into every request's Code Assist envelope."""
    backend = CodeAssistUpstream(auth_server.is_valid)
    await started(backend)
    credential = await logged_in(
        auth_server,
        "gemini-code-assist",
        "gemini",
        endpoints={"code_assist_url": backend.url},
    )
    assert backend.onboarded and credential.plan == "free-tier"
    assert auth_server.token_bodies[-1][1]["client_secret"].startswith("GOCSPX-")
    config_dir = tmp_path / "config"
    TokenStore(config_dir).save(credential, allow_file=True)
    command = "echo sb-gemini-$((6*7))"
    backend.script.append(gemini_calls([("Bash", {"command": command, "description": "P"})]))

    def final(request: dict[str, Any]) -> list[Any]:
        seen = json.dumps(request["contents"])
        return gemini_text("Printed sb-gemini-42." if "sb-gemini-42" in seen else "missing")

    backend.script.append(final)
    config = {
        "providers": [preset_provider("gemini-code-assist", "gemini", backend.url)],
        "profiles": [{"name": "main", "models": {"default": "gemini/gemini-2.5-pro"}}],
    }
    proxy = await start_proxy(config, config_path=config_dir / "config.toml")

    run = await ask_claude(
        f"{proxy.url}/proxy/main", tmp_path, "Run the command.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert backend.invalid == []
    assert [t["input"]["command"] for t in run.tool_uses] == [command]
    assert run.result["result"] == "Printed sb-gemini-42."
    assert {e["project"] for e in backend.envelopes} == {"proj-free-77"}
    assert {e["model"] for e in backend.envelopes} == {"gemini-2.5-pro"}


class GuardedCodex(ResponsesUpstream):
    """The ChatGPT/Codex backend (streams only, its refusals) behind a token check."""

    check: Guard | None = None

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        assert self.check is not None
        refusal = self.check(request)
        return refusal if refusal is not None else await super()._respond(request)


async def test_claude_code_through_a_chatgpt_login(
    auth_server: OAuthServer,
    start_proxy: ProxyFactory,
    started: Started,
    tmp_path: Path,
) -> None:
    auth = "https://api.openai.com/auth"
    auth_server.id_token_claims = {
        "email": "ada@example.com",
        auth: {"chatgpt_account_id": "acct-777", "chatgpt_plan_type": "plus"},
    }
    credential = await logged_in(auth_server, "chatgpt-codex", "chatgpt")
    config_dir = tmp_path / "config"
    TokenStore(config_dir).save(credential, allow_file=True)
    backend = GuardedCodex(codex=True, prefix="/backend-api/codex")
    backend.check = bearer_guard(
        auth_server.is_valid, {"ChatGPT-Account-ID": "acct-777", "originator": "codex_cli_rs"}
    )
    command = "echo sb-codex-$((6*7))"
    backend.script.extend(
        [
            Turn(
                [function_call("Bash", json.dumps({"command": command, "description": "P"}), "c1")]
            ),
            lambda body: Turn(
                [
                    message(
                        "Printed sb-codex-42."
                        if "sb-codex-42" in json.dumps(body["input"])
                        else "missing"
                    )
                ]
            ),
        ]
    )
    await started(backend)
    config = {
        "providers": [preset_provider("chatgpt-codex", "chatgpt", backend.url)],
        "profiles": [{"name": "main", "models": {"default": "chatgpt/gpt-5.5"}}],
    }
    proxy = await start_proxy(config, config_path=config_dir / "config.toml")

    run = await ask_claude(
        f"{proxy.url}/proxy/main", tmp_path, "Run the command.", allowed_tools=["Bash"]
    )

    assert run.returncode == 0, run.describe()
    assert [t["input"]["command"] for t in run.tool_uses] == [command]
    assert run.result["result"] == "Printed sb-codex-42."
    assert backend.invalid == []
    assert {h["Authorization"] for h in backend.headers} == {f"Bearer {credential.access_token}"}
