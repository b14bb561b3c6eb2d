"""`switchboard provider presets|set-key` run as real processes, set-key against a real keyring."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.config.presets import load_catalogue, preset_to_provider
from app.config.schema import Config
from app.config.secrets import SERVICE, delete_secret, has_real_keyring
from app.config.store import dump_config, parse_config

CATALOGUE = load_catalogue()


def _switchboard(*args: str, config: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def _table_ids(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    assert lines[0].split()[:4] == ["ID", "KIND", "BASE", "URL"]
    return [line.split()[0] for line in lines[1:]]


def test_presets_table_shows_each_preset_with_kind_and_base_url(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    result = _switchboard("provider", "presets", config=config)

    assert result.returncode == 0, result.stderr
    assert _table_ids(result.stdout) == list(CATALOGUE)
    deepseek = next(line for line in result.stdout.splitlines() if line.startswith("deepseek "))
    assert deepseek.split()[1:3] == ["openai-chat", "https://api.deepseek.com/v1"]
    anthropic = next(line for line in result.stdout.splitlines() if line.startswith("anthropic "))
    assert anthropic.split()[1:3] == ["anthropic", "https://api.anthropic.com"]
    assert not config.exists()  # listing the catalogue needs no config file


def test_presets_json_is_the_catalogue(tmp_path: Path) -> None:
    result = _switchboard("provider", "presets", "--json", config=tmp_path / "c.toml")

    assert result.returncode == 0, result.stderr
    presets = json.loads(result.stdout)
    assert [p["id"] for p in presets] == list(CATALOGUE)
    groq = next(p for p in presets if p["id"] == "groq")
    assert groq["base_url"] == "https://api.groq.com/openai/v1"
    assert groq["models"]["llama-3.3-70b-versatile"]["max_output_tokens"] == 32_768


def test_presets_search_filters_by_every_word(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    kimi = _switchboard("provider", "presets", "moonshot.ai", config=config)
    assert kimi.returncode == 0, kimi.stderr
    assert set(_table_ids(kimi.stdout)) == {"kimi", "kimi-anthropic"}

    narrowed = _switchboard("provider", "presets", "--json", "Moonshot", "anthropic", config=config)
    assert [p["id"] for p in json.loads(narrowed.stdout)] == ["kimi-anthropic"]

    nothing = _switchboard("provider", "presets", "no-such-vendor", config=config)
    assert nothing.returncode == 1
    assert "no preset matches 'no-such-vendor'" in nothing.stderr


@pytest.fixture
def keyring_entry() -> Iterator[str]:
    """A fresh entry name in a real keyring, removed afterwards. Fails (never skips) when the
    keyring backend cannot store secrets: these tests must run inside a D-Bus session with an
    unlocked Secret Service, e.g. `dbus-run-session` + `gnome-keyring-daemon --unlock`."""
    if not has_real_keyring():
        pytest.fail(
            f"no real keyring backend ({keyring.get_keyring()!r}): run the test suite inside a "
            "D-Bus session with an unlocked Secret Service (the CI keyring wrapper does this)"
        )
    name = f"sbtest-{uuid.uuid4().hex[:10]}"
    yield name
    delete_secret(name)


def _config_with(tmp_path: Path, provider_name: str, api_key: str) -> Path:
    provider = preset_to_provider(CATALOGUE["deepseek"], name=provider_name, api_key=api_key)
    path = tmp_path / "config.toml"
    path.write_text(dump_config(Config(providers=[provider])), encoding="utf-8")
    return path


def test_set_key_stores_the_key_and_points_the_provider_at_it(
    tmp_path: Path, keyring_entry: str
) -> None:
    config = _config_with(tmp_path, keyring_entry, api_key="sk-literal-old-value")
    secret = f"sk-{uuid.uuid4().hex}"

    result = _switchboard("provider", "set-key", keyring_entry, config=config, stdin=secret + "\n")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"keyring:{keyring_entry}"
    assert keyring.get_password(SERVICE, keyring_entry) == secret
    saved = config.read_text(encoding="utf-8")
    provider = parse_config(saved).provider(keyring_entry)
    assert provider is not None
    assert provider.api_key == f"keyring:{keyring_entry}"
    assert provider.preset == "deepseek"
    assert "sk-literal-old-value" in config.with_name("config.toml.bak.1").read_text()
    assert secret not in saved + result.stdout + result.stderr


def test_set_key_for_a_name_without_provider_leaves_the_config_alone(
    tmp_path: Path, keyring_entry: str
) -> None:
    config = _config_with(tmp_path, "someone-else", api_key="keyring:someone-else")
    before = config.read_bytes()

    result = _switchboard("provider", "set-key", keyring_entry, config=config, stdin="sk-abc\n")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"keyring:{keyring_entry}"
    assert keyring.get_password(SERVICE, keyring_entry) == "sk-abc"
    assert config.read_bytes() == before
    assert not config.with_name("config.toml.bak.1").exists()


def test_set_key_refuses_an_empty_key(tmp_path: Path, keyring_entry: str) -> None:
    result = _switchboard(
        "provider", "set-key", keyring_entry, config=tmp_path / "c.toml", stdin="\n"
    )

    assert result.returncode == 1
    assert "no key given" in result.stderr
    assert keyring.get_password(SERVICE, keyring_entry) is None


def test_set_key_refuses_a_name_that_cannot_be_a_provider(tmp_path: Path) -> None:
    result = _switchboard("provider", "set-key", "bad name!", config=tmp_path / "c.toml")

    assert result.returncode == 1
    assert "not a valid name" in result.stderr
