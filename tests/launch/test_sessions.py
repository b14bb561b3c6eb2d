"""Profiles that share sessions see one transcript store; settings stay apart."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from app.config.store import load_config
from app.launch import sessions
from app.launch.env import profile_environment
from app.launch.sessions import SESSION_FOLDERS, share_sessions

CONFIG = """
[[providers]]
name = "p"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"

[[profiles]]
name = "one"
share_sessions = true
[profiles.models]
default = "p/m"

[[profiles]]
name = "two"
share_sessions = true
[profiles.models]
default = "p/m"

[[profiles]]
name = "alone"
[profiles.models]
default = "p/m"
"""


def _config_dir(tmp_path: Path) -> Path:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text(CONFIG, encoding="utf-8")
    loaded = load_config(path)
    for name in ("one", "two", "alone"):
        profile_environment(loaded, name, base_env={})
    return path.parent / "claude"


def test_sharing_profiles_see_the_same_transcripts(tmp_path: Path) -> None:
    profiles = _config_dir(tmp_path)
    transcript = profiles / "one" / "projects" / "-work" / "s1.jsonl"
    transcript.parent.mkdir(parents=True)
    transcript.write_text("{}\n", encoding="utf-8")
    assert (profiles / "two" / "projects" / "-work" / "s1.jsonl").read_text() == "{}\n"
    assert not (profiles / "alone" / "projects").exists()
    # settings and credentials stay each profile's own
    (profiles / "one" / "settings.json").write_text("{}", encoding="utf-8")
    assert not (profiles / "two" / "settings.json").exists()


def test_transcripts_a_profile_had_are_kept_when_sharing_starts(tmp_path: Path) -> None:
    own, store = tmp_path / "own", tmp_path / "store"
    old = own / "projects" / "-work" / "old.jsonl"
    old.parent.mkdir(parents=True)
    old.write_text("kept", encoding="utf-8")
    share_sessions(own, store)
    assert (store / "projects" / "-work" / "old.jsonl").read_text() == "kept"
    assert (own / "projects").is_symlink()
    assert old.read_text() == "kept"  # through the link
    share_sessions(own, store)  # again: nothing changes, nothing is lost
    assert old.read_text() == "kept"
    assert sorted(p.name for p in store.iterdir()) == sorted(SESSION_FOLDERS)


def test_a_link_to_somewhere_else_is_pointed_at_the_store(tmp_path: Path) -> None:
    own, store, elsewhere = tmp_path / "own", tmp_path / "store", tmp_path / "elsewhere"
    own.mkdir()
    elsewhere.mkdir()
    (own / "projects").symlink_to(elsewhere, target_is_directory=True)
    share_sessions(own, store)
    assert (own / "projects").resolve() == (store / "projects").resolve()
    assert elsewhere.is_dir()  # the other folder itself is left alone


def test_windows_gets_a_junction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Windows cannot run here: the junction call is checked, the OS call itself is faked.
    made: list[tuple[str, str]] = []
    fake = types.ModuleType("_winapi")
    fake.CreateJunction = lambda target, link: made.append((target, link))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "_winapi", fake)
    monkeypatch.setattr(sessions.sys, "platform", "win32")
    sessions.make_dir_link(tmp_path / "store" / "projects", tmp_path / "own" / "projects")
    assert made == [(str(tmp_path / "store" / "projects"), str(tmp_path / "own" / "projects"))]
