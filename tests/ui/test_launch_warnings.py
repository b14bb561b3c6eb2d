"""Launching from the tray tells the user what would bend the profile (a settings.json env
block, ANTHROPIC_* variables of the session), as `switchboard run` prints it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.ui.notices import Notice
from tests.launch.fakes import make_fake_claude, wait_for_record
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config


@pytest.mark.asyncio
async def test_a_tray_launch_shows_what_overrides_the_profile(
    make_controller: Any,
    anthropic_upstream: AnthropicUpstream,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "record.json"
    monkeypatch.setenv("SWITCHBOARD_CLAUDE", str(make_fake_claude(tmp_path / "bin", record)))
    monkeypatch.setenv("ANTHROPIC_CUSTOM_HEADERS", "X-Team: a")  # the session's own variable
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.preferences.terminal = "sh {}"  # a real launcher script, no window needed
    own = controller.loaded.path.parent / "claude" / "main"
    own.mkdir(parents=True, exist_ok=True)
    (own / "settings.json").write_text(json.dumps({"env": {"ANTHROPIC_BASE_URL": "x"}}))
    notices: list[Notice] = []
    controller.notify = notices.append
    folder = tmp_path / "work"
    folder.mkdir()
    assert controller.launch("main", folder)
    assert wait_for_record(record)["cwd"] == str(folder)  # Claude Code did start
    said = [n.body for n in notices if n.key == "launch:main"]
    assert len(said) == 2
    assert said[0].startswith(f"{own / 'settings.json'} sets ANTHROPIC_BASE_URL")
    assert said[1].startswith("your environment sets ANTHROPIC_CUSTOM_HEADERS")
