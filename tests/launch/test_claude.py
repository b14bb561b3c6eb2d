"""Finding the `claude` executable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.launch.claude import ClaudeNotFound, find_claude


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_claude_on_path(tmp_path: Path) -> None:
    claude = _executable(tmp_path / "bin" / "claude")
    assert find_claude({"PATH": f"{tmp_path / 'empty'}:{claude.parent}"}) == str(claude)


def test_override_variable_wins(tmp_path: Path) -> None:
    claude = _executable(tmp_path / "elsewhere" / "my-claude")
    on_path = _executable(tmp_path / "bin" / "claude")
    env = {"PATH": str(on_path.parent), "SWITCHBOARD_CLAUDE": str(claude)}
    assert find_claude(env) == str(claude)


def test_override_that_is_not_executable_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ClaudeNotFound, match=r"SWITCHBOARD_CLAUDE is '.*nope'"):
        find_claude({"SWITCHBOARD_CLAUDE": str(tmp_path / "nope")})


def test_missing_claude_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(ClaudeNotFound, match="npm install -g @anthropic-ai/claude-code"):
        find_claude({"PATH": str(tmp_path), "HOME": str(tmp_path)})


def test_gui_launch_also_looks_where_installers_put_claude(tmp_path: Path) -> None:
    claude = _executable(tmp_path / ".local" / "bin" / "claude")
    env = {"PATH": "/nonexistent", "HOME": str(tmp_path)}
    with pytest.raises(ClaudeNotFound):
        find_claude(env)
    assert find_claude(env, gui=True) == str(claude)
