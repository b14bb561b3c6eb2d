"""A profile with project knowledge launches Claude Code with Switchboard's MCP server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config.secrets import local_token
from app.config.store import load_config
from app.launch.env import profile_environment
from app.launch.run import prepare_run

CONFIG = """
[settings]
port = 17999

[[providers]]
name = "p"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"

[[profiles]]
name = "kb"
[profiles.models]
default = "p/m"
[profiles.knowledge]
folders = ["~/src/shop"]

[[profiles]]
name = "plain"
[profiles.models]
default = "p/m"
"""


def test_the_mcp_config_names_the_endpoint_and_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text(CONFIG, encoding="utf-8")
    loaded = load_config(path)
    launch = profile_environment(loaded, "kb", base_env={})
    flag, file = launch.args
    assert flag == "--mcp-config"
    config = json.loads(Path(file).read_text(encoding="utf-8"))
    server = config["mcpServers"]["switchboard"]
    assert server == {
        "type": "http",
        "url": "http://127.0.0.1:17999/mcp/kb",
        "headers": {"Authorization": "Bearer ${SWITCHBOARD_TOKEN}"},
    }
    token = local_token(path.parent)
    assert token not in Path(file).read_text(encoding="utf-8")
    assert launch.values["SWITCHBOARD_TOKEN"] == token
    assert profile_environment(loaded, "plain", base_env={}).args == ()


def test_switchboard_run_puts_the_flag_before_the_users_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text(CONFIG, encoding="utf-8")
    fake = tmp_path / "claude"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("SWITCHBOARD_CLAUDE", str(fake))
    prepared = prepare_run(load_config(path), "kb", claude_args=["-p", "hi"])
    assert prepared.argv[0] == str(fake)
    assert prepared.argv[1] == "--mcp-config" and prepared.argv[3:] == ["-p", "hi"]
