"""The real Claude Code CLI, launched with a profile's environment and arguments, calls
Switchboard's `search_project` MCP tool and gets passages of a test folder with file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config.secrets import local_token
from app.config.store import load_config
from app.launch.env import profile_environment
from tests.support.chat_upstream import ChatUpstream, text_chunks, tool_call_chunks
from tests.support.claude_cli import Started, claude_args, claude_env, run_claude
from tests.support.proxy import ProxyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

TOOL = "mcp__switchboard__search_project"


def _project(root: Path) -> Path:
    project = root / "shop"
    (project / "src").mkdir(parents=True)
    (project / "src" / "billing.py").write_text(
        "import math\n\n\ndef apply_discount(price, percent):\n"
        '    """Reduce the price by a percentage; never below zero."""\n'
        "    return max(0.0, price * (1 - percent / 100))\n",
        encoding="utf-8",
    )
    (project / "README.md").write_text("# Shop\nA small shop.\n", encoding="utf-8")
    (project / ".gitignore").write_text("secrets/\n", encoding="utf-8")
    (project / "secrets").mkdir()
    (project / "secrets" / "discount_keys.txt").write_text("apply_discount key\n")
    return project


async def test_claude_searches_the_project_over_mcp(
    started: Started, start_proxy: ProxyFactory, tmp_path: Path
) -> None:
    project = _project(tmp_path)
    upstream = await started(ChatUpstream())
    upstream.script.append(tool_call_chunks(TOOL, json.dumps({"query": "apply discount price"})))
    upstream.script.append(text_chunks("Done."))
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    text = f"""
[[providers]]
name = "ds"
kind = "openai-chat"
base_url = "{upstream.url}"
api_key = "k"

[[profiles]]
name = "e2e"
[profiles.models]
default = "ds/deepseek-chat"
[profiles.knowledge]
folders = ["{project.as_posix()}"]
"""
    path.write_text(text, encoding="utf-8")
    # the proxy requires the token a launch hands Claude Code
    proxy = await start_proxy(
        load_config(path).config.model_dump(mode="json"), token=local_token(path.parent)
    )
    path.write_text(f"[settings]\nport = {proxy.port}\n{text}", encoding="utf-8")
    launch = profile_environment(load_config(path), "e2e", base_env={})
    assert launch.args[0] == "--mcp-config"
    env = claude_env(
        launch.values["ANTHROPIC_BASE_URL"],
        tmp_path / "home",
        **{k: v for k, v in launch.values.items() if k != "ANTHROPIC_BASE_URL"},
    )
    workdir = tmp_path / "work"
    workdir.mkdir()
    args = [*launch.args, *claude_args("Where is the discount applied?", allowed_tools=[TOOL])]
    run = await run_claude(args, env, cwd=workdir)

    assert run.result["subtype"] == "success", run.describe()
    init = next(line for line in run.lines if line.get("subtype") == "init")
    assert {"name": "switchboard", "status": "connected"}.items() <= init["mcp_servers"][0].items()
    assert [use["name"] for use in run.tool_uses] == [TOOL]
    (result,) = run.tool_results
    shown = json.dumps(result["content"])
    assert "shop/src/billing.py:1-6" in shown and "def apply_discount" in shown
    assert "secrets" not in shown  # .gitignore'd
    # the tool result reached the model on the next turn
    tool_messages = [m for m in upstream.requests[-1]["messages"] if m["role"] == "tool"]
    assert "shop/src/billing.py:1-6" in json.dumps(tool_messages)
