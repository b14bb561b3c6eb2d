"""A Save from the settings window (the draft) edits the user's file in place."""

from __future__ import annotations

from pathlib import Path

from app.config.store import load_config, parse_config
from app.ui.settings.draft import Draft, save_draft

HAND_WRITTEN = """\
# Work setup: ask Dana before changing the deepseek model.
[settings]
port = 18000  # 17355 is used by another tool here

[[providers]]
name = "deepseek"
kind = "openai-chat"
base_url = "https://api.deepseek.com/v1"
api_key = "env:DEEPSEEK_API_KEY"

[[profiles]]
name = "work"
[profiles.models]
default = "deepseek/deepseek-chat"  # pinned, see above
"""


def test_settings_window_save_keeps_the_users_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN)
    draft = Draft(load_config(path).config)
    draft.data["settings"]["log_level"] = "DEBUG"
    draft.rename_profile("work", "office")
    draft.profiles[0]["name"] = "office"

    saved = save_draft(draft, path)

    text = path.read_text()
    assert text.startswith("# Work setup: ask Dana before changing the deepseek model.\n")
    assert "port = 18000  # 17355 is used by another tool here" in text
    assert 'default = "deepseek/deepseek-chat"  # pinned, see above' in text
    assert 'name = "office"' in text and 'log_level = "DEBUG"' in text
    assert load_config(path).config == saved


def test_the_settings_window_locates_a_quirk_typo_at_its_key() -> None:
    draft = Draft(parse_config(HAND_WRITTEN))
    draft.providers[0]["quirks"] = {"think_tag": True}
    config, problems = draft.validate()
    assert config is None
    assert [(p.loc, p.message) for p in problems] == [
        (
            ("providers", 0, "quirks", "think_tag"),
            "unknown quirk 'think_tag' (did you mean 'think_tags'?)",
        )
    ]
