"""A launch tells Claude Code the real context window of a profile's models."""

from __future__ import annotations

from pathlib import Path

from app.config.presets import load_catalogue
from app.config.store import load_config
from app.launch.env import profile_environment

CONFIG = """
[[providers]]
name = "small"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"
[providers.models.m64k]
context_window = 65536
[providers.models.m128k]
context_window = 131072
[providers.models.tiny-haiku]
context_window = 8192

[[providers]]
name = "off"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"
enabled = false
[providers.models.m4k]
context_window = 4096

[[providers]]
name = "kimi"
kind = "anthropic"
base_url = "https://api.moonshot.ai/anthropic"

[[profiles]]
name = "mixed"
[profiles.models]
default = ["small/m128k", "small/unknown-window"]
sonnet = "small/m128k"
opus = ["small/m128k", "small/m64k", "off/m4k"]
haiku = "small/tiny-haiku"

[[profiles]]
name = "unknown"
[profiles.models]
default = "small/unknown-window"

[[profiles]]
name = "catalogue"
[profiles.models]
default = "kimi/kimi-k2.6"
"""


def _values(tmp_path: Path, profile: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return profile_environment(load_config(path), profile, base_env={}).values


def test_the_smallest_window_a_main_slot_may_land_on_is_set(tmp_path: Path) -> None:
    # opus may fail over to the 64k model; the haiku slot (titles) and a disabled provider
    # do not count
    assert _values(tmp_path, "mixed")["CLAUDE_CODE_AUTO_COMPACT_WINDOW"] == "65536"


def test_unknown_windows_leave_it_unset(tmp_path: Path) -> None:
    assert "CLAUDE_CODE_AUTO_COMPACT_WINDOW" not in _values(tmp_path, "unknown")


def test_the_catalogue_knows_preset_windows(tmp_path: Path) -> None:
    listed = load_catalogue()["kimi-anthropic"].models["kimi-k2.6"].context_window
    assert listed is not None
    assert _values(tmp_path, "catalogue")["CLAUDE_CODE_AUTO_COMPACT_WINDOW"] == str(listed)
