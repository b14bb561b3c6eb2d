"""`switchboard profile test NAME|all` run as a real process against loopback upstreams."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.schema import Config
from app.config.store import dump_config, state_dir
from tests.support.chat_upstream import ChatUpstream
from tests.support.scripted_upstream import model_like
from tests.support.threaded import LoopThread


@pytest.fixture
def upstream() -> Iterator[ChatUpstream]:
    thread = LoopThread()
    chat = ChatUpstream()
    chat.script.extend([model_like] * 50)
    thread.run(chat.start())
    yield chat
    thread.run(chat.stop())
    thread.close()


def _write_config(path: Path, chat_url: str) -> None:
    config = Config.model_validate(
        {
            "providers": [
                {
                    "name": "smart",
                    "kind": "openai-chat",
                    "base_url": chat_url,
                    "models": {"all-rounder": {"vision": True}},
                },
                {"name": "dead", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"},
            ],
            "profiles": [
                {"name": "good", "models": {"default": "smart/all-rounder"}},
                {"name": "mixed", "models": {"default": ["smart/all-rounder", "dead/gone"]}},
            ],
        }
    )
    path.write_text(dump_config(config), encoding="utf-8")


def _switchboard(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "profile", "test", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_healthy_profile_prints_a_table_and_exits_0(
    upstream: ChatUpstream, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    _write_config(config, upstream.url)
    result = _switchboard(config, "good")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split() == ["PROFILE", "MODEL", "TEXT", "STREAM", "TOOLS", "IMAGE", "THINKING"]
    cells = row.split()
    assert cells[:2] == ["good", "smart/all-rounder"]
    assert cells[2:10:2] == ["ok", "ok", "ok", "ok"]  # each with its latency
    assert all(c.endswith(("ms", "s")) for c in cells[3:10:2])
    assert cells[10:] == ["-"]  # thinking: the model claims no reasoning
    saved = json.loads((state_dir() / "probe.json").read_text())
    assert saved["good"]["smart/all-rounder"]["checks"][0]["outcome"] == "pass"


def test_all_profiles_with_a_failing_model_exit_1_and_say_why(
    upstream: ChatUpstream, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    _write_config(config, upstream.url)
    result = _switchboard(config, "all", "--json")
    assert result.returncode == 1
    results = json.loads(result.stdout)
    assert [(r["profile"], r["candidate"], r["ok"]) for r in results] == [
        ("good", "smart/all-rounder", True),
        ("mixed", "smart/all-rounder", True),
        ("mixed", "dead/gone", False),
    ]
    text = _switchboard(config, "mixed").stdout
    failed = [line for line in text.splitlines() if line.startswith("mixed dead/gone text: ")]
    assert len(failed) == 1 and "dead: cannot connect" in failed[0]


def test_an_unknown_profile_is_refused(upstream: ChatUpstream, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    _write_config(config, upstream.url)
    result = _switchboard(config, "nope")
    assert result.returncode == 1
    assert "no profile named 'nope' (configured: good, mixed)" in result.stderr
