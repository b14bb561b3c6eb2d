"""Config loading, located errors, atomic saves that never lose the user's file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config.schema import Config, ModelRef, Provider, is_valid_name
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
            19,
            "profiles[0].models.opus",
            "unknown provider 'nobody'",
        ),
        ("[settings]\nport = 99999999\n", 2, "settings.port", "65535"),
        ("[settings]\nprot = 1\n", 2, "settings.prot", "unknown key 'prot' (did you mean 'port'?)"),
        (
            ISSUE_EXAMPLE.replace('default = "deepseek/deepseek-chat"', 'default = "gpt-4o"'),
            16,
            "profiles[0].models.default",
            "must look like 'provider/model'",
        ),
        (
            ISSUE_EXAMPLE.replace('name = "anthropic"', 'name = "deepseek"'),
            8,
            "providers[1].name",
            "'deepseek' is used twice",
        ),
        (
            '[settings]\nhost = "0.0.0.0"\nrequire_token = false\n',
            3,
            "settings.require_token",
            "anyone who can reach this port use your API keys",
        ),
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
    assert (tmp_path / "config.toml.bak.1").read_text() == ISSUE_EXAMPLE
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


@pytest.mark.parametrize("kind", ["openai-responses", "gemini"])
def test_every_kind_is_served_so_none_is_warned_about(kind: str) -> None:
    served = ISSUE_EXAMPLE.replace('kind = "openai-chat"', f'kind = "{kind}"')
    assert config_warnings(parse_config(served)) == []


def test_a_cross_field_error_names_its_place_once(tmp_path: Path) -> None:
    path = tmp_path / "unknown.toml"
    path.write_text(ISSUE_EXAMPLE.replace('haiku = "deepseek/deepseek-chat"', 'haiku = "nobody/x"'))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == (
        f"{path}:17: profiles[0].models.haiku: unknown provider 'nobody' in 'nobody/x' "
        "(known: anthropic, deepseek)"
    )


def test_every_validation_error_is_shown_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[settings]\nprot = 1\nmax_body_mb = 0\n\n[[providers]]\nname = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    lines = str(info.value).splitlines()
    assert lines == [
        f"{path}:2: settings.prot: unknown key 'prot' (did you mean 'port'?)",
        f"{path}:3: settings.max_body_mb: Input should be greater than or equal to 1",
        f"{path}:5: providers[0].kind: Field required",
        f"{path}:5: providers[0].base_url: Field required",
    ]
    assert "more error" not in str(info.value)


QUIRKY = """\
[[providers]]
name = "local"
kind = "openai-chat"
base_url = "http://127.0.0.1:8000/v1"

[providers.quirks]
stream_usag = false

[providers.models."qwen3"]
quirks = { max_tokens_field = "max_tokenz", think_tags = "yes" }
"""


def test_quirks_are_checked_when_the_config_loads(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(QUIRKY)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    lines = str(info.value).splitlines()
    assert (
        f"{path}:7: providers[0].quirks.stream_usag: unknown quirk 'stream_usag' "
        "(did you mean 'stream_usage'?)"
    ) in lines
    assert (
        f"{path}:10: providers[0].models.qwen3.quirks.max_tokens_field: "
        "Input should be 'max_tokens' or 'max_completion_tokens'"
    ) in lines
    assert f"{path}:10: providers[0].models.qwen3.quirks.think_tags: " in "\n".join(lines)
    assert len(lines) == 3


def test_every_known_quirk_loads() -> None:
    fixed = QUIRKY.replace("stream_usag", "stream_usage").replace(
        'max_tokens_field = "max_tokenz", think_tags = "yes"',
        'max_tokens_field = "max_completion_tokens", think_tags = true, '
        'schema_drop_keys = ["$schema"], extra_body = { enable_thinking = false }',
    )
    provider = parse_config(fixed).providers[0]
    assert provider.quirks == {"stream_usage": False}
    assert provider.models["qwen3"].quirks["schema_drop_keys"] == ["$schema"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_no_token_is_allowed_on_a_loopback_address(host: str) -> None:
    config = parse_config(f'[settings]\nhost = "{host}"\nrequire_token = false\n')
    assert config.settings.require_token is False


@pytest.mark.parametrize("name", ["a\n", "deepseek\n", "x y", "", "-x"])
def test_names_with_a_trailing_newline_or_space_are_refused(name: str) -> None:
    assert not is_valid_name(name)
    with pytest.raises(ValidationError):
        Provider(name=name, kind="anthropic", base_url="https://api.anthropic.com")


@pytest.mark.parametrize(
    "url", ["https://api.x.test/v1\n", "https://api.x.test/v1 extra", "https://\n/v1"]
)
def test_base_urls_with_whitespace_are_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="no spaces"):
        Provider(name="x", kind="openai-chat", base_url=url)
