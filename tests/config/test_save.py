"""Saving edits the user's file in place: comments, order and symlinks survive, backups rotate."""

from __future__ import annotations

from pathlib import Path

from app.config.schema import Provider
from app.config.store import BACKUPS, load_config, save_config

HAND_WRITTEN = """\
# My Switchboard config. Keep this comment.
[settings]
port = 18000          # not the default: 17355 is taken here
log_level = "DEBUG"   # chasing a deepseek bug

# deepseek is cheap
[[providers]]
name = "deepseek"
kind = "openai-chat"
base_url = "https://api.deepseek.com/v1"
api_key = "env:DEEPSEEK_API_KEY"  # exported by my shell

[[providers]]
name = "local"
kind = "openai-chat"
base_url = "http://127.0.0.1:8000/v1"
quirks = { stream_usage = false }  # llama.cpp sends no usage

[[profiles]]
name = "cheap"
[profiles.models]
default = "deepseek/deepseek-chat"   # the main model
haiku = "local/qwen"
"""


def test_a_save_keeps_comments_order_and_untouched_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN)
    config = load_config(path).config
    config.settings.port = 18001
    config.profiles[0].models.haiku = ["deepseek/deepseek-chat"]
    save_config(path, config)

    expected = HAND_WRITTEN.replace("port = 18000 ", "port = 18001 ").replace(
        'haiku = "local/qwen"', 'haiku = "deepseek/deepseek-chat"'
    )
    assert path.read_text() == expected
    assert load_config(path).config == config


def test_added_and_removed_entries_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN)
    config = load_config(path).config
    del config.providers[0]
    config.providers.append(
        Provider(name="anthropic", kind="anthropic", base_url="https://api.anthropic.com")
    )
    config.profiles[0].models.default = ["local/qwen"]
    config.profiles[0].models.haiku = None
    config.settings.timeouts.connect = 5
    save_config(path, config)

    text = path.read_text()
    assert load_config(path).config == config
    for kept in (
        "# My Switchboard config. Keep this comment.",
        "port = 18000          # not the default: 17355 is taken here",
        "quirks = { stream_usage = false }  # llama.cpp sends no usage",
        'default = "local/qwen"   # the main model',
    ):
        assert kept in text
    assert "deepseek/deepseek-chat" not in text and "haiku" not in text
    assert text.index('name = "local"') < text.index('name = "anthropic"')


def test_a_symlinked_config_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "switchboard.toml"
    real.parent.mkdir()
    real.write_text(HAND_WRITTEN)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    config = load_config(link).config
    config.settings.port = 18002
    save_config(link, config)

    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_config(real).config.settings.port == 18002
    assert [p.name for p in real.parent.iterdir()] == ["switchboard.toml"]  # no temp left


def test_the_last_few_files_are_kept_as_rotating_backups(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN)
    versions = [HAND_WRITTEN]
    config = load_config(path).config
    for port in range(18010, 18010 + BACKUPS + 2):
        config.settings.port = port
        save_config(path, config)
        versions.append(path.read_text())

    backups = sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name)
    assert backups == [f"config.toml.bak.{n}" for n in range(1, BACKUPS + 1)]
    for n in range(1, BACKUPS + 1):  # .bak.1 is the file just before the last save
        assert (tmp_path / f"config.toml.bak.{n}").read_text() == versions[-1 - n]


def test_inline_tables_stay_inline(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = (
        "# terse style\n"
        'providers = [{ name = "a", kind = "anthropic", base_url = "http://x" }]  # mine\n'
        'profiles = [{ name = "p", models = { default = "a/m" } }]\n'
    )
    path.write_text(text)
    config = load_config(path).config
    config.providers.append(Provider(name="b", kind="openai-chat", base_url="http://y"))
    save_config(path, config)

    saved = path.read_text()
    assert saved.startswith('# terse style\nproviders = [{ name = "a"')
    assert "# mine" in saved and "[[providers]]" not in saved
    assert load_config(path).config == config
