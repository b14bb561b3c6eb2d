"""Config loading, located errors, atomic saves that never lose the user's file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.config.schema import Config, ModelRef
from app.config.store import (
    DEFAULT_CONFIG,
    config_path,
    config_warnings,
    dump_config,
    load_config,
    parse_config,
    save_config,
)
from app.errors import ConfigError

ISSUE_EXAMPLE = """\
[[providers]]
name = "deepseek"
kind = "openai-chat"            # anthropic | openai-chat | openai-responses | gemini
base_url = "https://api.deepseek.com/v1"
api_key = "env:DEEPSEEK_API_KEY"

[[providers]]
name = "anthropic"
kind = "anthropic"
base_url = "https://api.anthropic.com"
api_key = "keyring:anthropic"

[[profiles]]
name = "deepseek"
[profiles.models]
default = "deepseek/deepseek-chat"
haiku = "deepseek/deepseek-chat"
sonnet = ["deepseek/deepseek-chat", "anthropic/claude-sonnet-4-5"]
opus = "deepseek/deepseek-reasoner"
"""


def test_issue_example_loads_as_written() -> None:
    config = parse_config(ISSUE_EXAMPLE)
    profile = config.profiles[0]
    assert profile.models.sonnet == ["deepseek/deepseek-chat", "anthropic/claude-sonnet-4-5"]
    assert profile.models.opus == ["deepseek/deepseek-reasoner"]
    assert config.provider("deepseek") is not None
    assert config.provider("deepseek").auth_style == "bearer"  # type: ignore[union-attr]
    assert config.provider("anthropic").auth_style == "x-api-key"  # type: ignore[union-attr]


def test_model_reference_splits_on_first_slash() -> None:
    assert ModelRef.parse("openrouter/deepseek/deepseek-chat") == (
        "openrouter",
        "deepseek/deepseek-chat",
    )
    with pytest.raises(ValueError, match="provider/model"):
        ModelRef.parse("just-a-model")


def test_first_run_writes_the_commented_default(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    loaded = load_config(path)
    assert loaded.created
    assert path.read_text() == DEFAULT_CONFIG
    assert loaded.config.settings.port == 17355
    assert "# [[providers]]" in DEFAULT_CONFIG  # examples are there, commented


def test_config_path_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHBOARD_CONFIG", str(tmp_path / "env.toml"))
    assert config_path() == tmp_path / "env.toml"
    assert config_path(str(tmp_path / "flag.toml")) == tmp_path / "flag.toml"


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[settings]\nport = 17355\nhost = "127.0.0.1\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}:3")


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        (
            ISSUE_EXAMPLE.replace('base_url = "https://api.anthropic.com"', 'base_url = "ftp:x"'),
            10,
            "providers[1].base_url",
            "http",
        ),
        (
            ISSUE_EXAMPLE.replace('kind = "anthropic"', 'kind = "smoke-signals"'),
            9,
            "providers[1].kind",
            "anthropic",
        ),
        (
            ISSUE_EXAMPLE.replace('opus = "deepseek/deepseek-reasoner"', 'opus = "nobody/x"'),
            None,
            "profiles[0].models.opus",
            "unknown provider 'nobody'",
        ),
        ("[settings]\nport = 99999999\n", 2, "settings.port", "65535"),
        ("[settings]\nprot = 1\n", 2, "settings.prot", "Extra inputs"),
    ],
)
def test_validation_error_names_file_line_and_field(
    tmp_path: Path, text: str, line: int | None, field: str, fragment: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = info.value
    assert error.field == field
    assert fragment in error.message
    if line is not None:
        assert error.where == f"{path}:{line}"
    assert path.read_text() == text  # never rewritten


def test_literal_key_is_warned_about() -> None:
    text = ISSUE_EXAMPLE.replace('"env:DEEPSEEK_API_KEY"', '"sk-literal-123"')
    path_config = parse_config(text)
    warnings = config_warnings(path_config)
    assert len(warnings) == 1 and "deepseek" in warnings[0] and "keyring" in warnings[0]
    assert "sk-literal-123" not in warnings[0]


def test_save_round_trips_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(ISSUE_EXAMPLE)
    config = load_config(path).config
    config.settings.port = 18000
    save_config(path, config)
    assert (tmp_path / "config.toml.bak").read_text() == ISSUE_EXAMPLE
    again = load_config(path).config
    assert again == config
    assert again.settings.port == 18000


def test_failed_disk_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(ISSUE_EXAMPLE)
    config = load_config(path).config
    config.settings.port = 18000

    # A full disk cannot be produced here without root mounts; fsync is where it surfaces.
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        save_config(path, config)
    assert path.read_text() == ISSUE_EXAMPLE
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_save_refuses_to_replace_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[settings\nbroken")
    with pytest.raises(ConfigError, match="does not load"):
        save_config(path, Config())
    assert path.read_text() == "[settings\nbroken"


def test_dump_never_writes_defaults_noise() -> None:
    text = dump_config(parse_config(ISSUE_EXAMPLE))
    assert "timeouts" not in text
    assert parse_config(text) == parse_config(ISSUE_EXAMPLE)


def test_unserved_kind_is_warned_about() -> None:
    text = ISSUE_EXAMPLE.replace('kind = "openai-chat"', 'kind = "openai-responses"')
    (warning,) = config_warnings(parse_config(text))
    assert "deepseek" in warning and "openai-responses" in warning and "not served" in warning
    served = ISSUE_EXAMPLE.replace('kind = "openai-chat"', 'kind = "gemini"')
    assert config_warnings(parse_config(served)) == []
