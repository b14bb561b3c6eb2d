"""`launch_claude`: a new terminal window runs Claude Code with the profile's environment.

The gui tests open a real xterm on a private Xvfb; the stand-in `claude` inside it records what
it got, so the assertions are made from the child process itself.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.config.store import LoadedConfig
from app.launch.claude import ClaudeNotFound, LaunchError
from app.launch.env import profile_environment
from app.launch.launcher import launch_claude, script_dir
from tests.launch.fakes import make_fake_claude, wait_for_record

ODD_DIR = "project dir 'q' \"dq\" $x ü"


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the stand-in claude (set through SWITCHBOARD_CLAUDE) writes what it got."""
    record = tmp_path / "record.json"
    monkeypatch.setenv("SWITCHBOARD_CLAUDE", str(make_fake_claude(tmp_path / "bin", record)))
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-must-not-reach-claude")
    monkeypatch.setenv("DS_KEY", "sk-provider-key-must-not-reach-claude")  # env:DS_KEY
    return record


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / ODD_DIR
    path.mkdir()
    return path


def _assert_profile_env(data: dict[str, object], loaded: LoadedConfig, workdir: Path) -> None:
    env = data["env"]
    assert isinstance(env, dict)
    expected = profile_environment(loaded, "mixed").values
    assert {k: env.get(k) for k in expected} == expected
    assert "ANTHROPIC_API_KEY" not in env
    assert "DS_KEY" not in env
    assert data["cwd"] == str(workdir)


def test_own_terminal_command_runs_a_private_self_deleting_script(
    loaded: LoadedConfig, record: Path, workdir: Path
) -> None:
    launch_claude(loaded, "mixed", cwd=workdir, terminal="sh {}", claude_args=["--resume"])
    data = wait_for_record(record)
    _assert_profile_env(data, loaded, workdir)
    assert data["argv"] == ["--resume"]
    assert stat.S_IMODE(script_dir().stat().st_mode) == 0o700
    assert list(script_dir().iterdir()) == []  # the script deleted itself


def test_missing_working_directory(loaded: LoadedConfig, record: Path, tmp_path: Path) -> None:
    with pytest.raises(LaunchError, match="does not exist"):
        launch_claude(loaded, "mixed", cwd=tmp_path / "gone", terminal="sh {}")


def test_missing_claude_is_reported_before_any_window_opens(
    loaded: LoadedConfig, workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-claude-here") + ":/usr/bin:/bin")
    monkeypatch.delenv("SWITCHBOARD_CLAUDE", raising=False)
    with pytest.raises(ClaudeNotFound, match="npm install -g @anthropic-ai/claude-code"):
        launch_claude(loaded, "mixed", cwd=workdir, terminal="sh {}")
    assert not script_dir().exists() or list(script_dir().iterdir()) == []


@pytest.mark.gui
@pytest.mark.parametrize("terminal", ["xterm", "xterm -e {}"])
def test_xterm_window_runs_claude_with_the_profile(
    loaded: LoadedConfig,
    record: Path,
    workdir: Path,
    xvfb_display: str,
    monkeypatch: pytest.MonkeyPatch,
    terminal: str,
) -> None:
    monkeypatch.setenv("DISPLAY", xvfb_display)
    monkeypatch.chdir(loaded.path.parent)  # not the working directory asked for
    launch_claude(loaded, "mixed", cwd=workdir, terminal=terminal)
    data = wait_for_record(record)
    _assert_profile_env(data, loaded, workdir)
    assert data["env"]["DISPLAY"] == xvfb_display  # the child of a real X terminal
    assert data["env"].get("WINDOWID")  # xterm sets it for its child
    assert data["argv"] == []
