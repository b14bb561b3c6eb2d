"""The settings draft: whole-config validation, renames, and saving keys to the keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from app.config.schema import Config
from app.config.secrets import SERVICE, store_secret
from app.config.store import load_config, save_config
from app.ui.settings.draft import NEW_KEY, Draft, describe, save_draft, unique_name

CONFIG = Config.model_validate(
    {
        "providers": [{"name": "a", "kind": "anthropic", "base_url": "http://a"}],
        "profiles": [
            {
                "name": "main",
                "models": {"default": ["a/x"], "haiku": "a/y"},
                "routing": {"thinking": {"route": "a/think"}},
            }
        ],
    }
)


def test_a_fresh_draft_is_clean_and_valid() -> None:
    draft = Draft(CONFIG)
    assert not draft.is_dirty
    assert draft.validate() == (CONFIG, [])


def test_problems_are_located_on_their_field() -> None:
    draft = Draft(CONFIG)
    draft.providers[0]["base_url"] = "nope"
    config, problems = draft.validate()
    assert config is None
    assert problems[0].loc == ("providers", 0, "base_url")
    assert describe(problems[0]).startswith("providers.0.base_url: base_url must start with")


def test_cross_field_problems_are_located_too() -> None:
    draft = Draft(CONFIG)
    draft.profiles[0]["models"]["haiku"] = ["ghost/y"]
    _, problems = draft.validate()
    assert problems[0].loc == ("profiles", 0, "models", "haiku")
    assert problems[0].message.startswith("unknown provider 'ghost'")


def test_renaming_a_provider_renames_slot_and_rule_routes() -> None:
    draft = Draft(CONFIG)
    draft.providers[0]["name"] = "b"
    draft.rename_provider("a", "b")
    profile = draft.profiles[0]
    assert profile["models"]["default"] == ["b/x"]
    assert profile["models"]["haiku"] == ["b/y"]
    assert profile["routing"]["thinking"]["route"] == ["b/think"]
    assert draft.profiles_using("b") == ["main"]
    assert draft.validate()[1] == []


def test_unique_name() -> None:
    assert unique_name("x", []) == "x"
    assert unique_name("x", ["x", "x-2"]) == "x-3"


def test_save_stores_new_keys_in_the_keyring_and_drops_stale_ones(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    store_secret("old", "old-secret")
    config = Config.model_validate(
        {
            "providers": [
                {
                    "name": "old",
                    "kind": "anthropic",
                    "base_url": "http://o",
                    "api_key": "keyring:old",
                }
            ]
        }
    )
    save_config(path, config)
    draft = Draft(config)
    del draft.providers[0]
    draft.providers.append(
        {"name": "new", "kind": "openai-chat", "base_url": "http://n", NEW_KEY: "new-secret"}
    )
    saved = save_draft(draft, path)
    assert saved.providers[0].api_key == "keyring:new"
    assert keyring.get_password(SERVICE, "new") == "new-secret"
    assert keyring.get_password(SERVICE, "old") is None
    assert "new-secret" not in path.read_text(encoding="utf-8")
    assert load_config(path).config == saved
    assert not draft.is_dirty
    keyring.delete_password(SERVICE, "new")


def test_an_invalid_draft_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(path, CONFIG)
    before = path.read_text(encoding="utf-8")
    draft = Draft(CONFIG)
    draft.providers[0]["kind"] = "smoke-signals"
    with pytest.raises(ValueError, match="kind"):
        save_draft(draft, path)
    assert path.read_text(encoding="utf-8") == before
