"""Launcher scripts: the POSIX one really runs here; the .cmd one is checked line by line
(cmd.exe cannot run on this machine)."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

from app.launch.env import LaunchEnvironment
from app.launch.scripts import cmd_script, new_script_path, posix_script, sweep_scripts
from app.launch.terminal import LaunchRequest
from tests.launch.fakes import TRICKY, make_fake_claude, wait_for_record

NASTY_DIR = "dir with space, 'quote' \"double\" $dollar ü"


def _request(tmp_path: Path, claude: Path, script: Path, *args: str) -> LaunchRequest:
    workdir = tmp_path / NASTY_DIR
    workdir.mkdir(exist_ok=True)
    changes = LaunchEnvironment(
        {"ANTHROPIC_AUTH_TOKEN": "sb-token", "EXTRA_VAR": TRICKY, "MULTI": "a\nb"},
        ("ANTHROPIC_API_KEY",),
    )
    return LaunchRequest((str(claude), *args), changes, {}, workdir, "Claude Code: p", script)


def test_posix_script_sets_env_enters_dir_runs_claude_and_deletes_itself(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    claude = make_fake_claude(tmp_path / f"bin {NASTY_DIR}", record)
    script = new_script_path(tmp_path / "private", "sh")
    request = _request(tmp_path, claude, script, "--resume", TRICKY)
    script.write_text(posix_script(request), encoding="utf-8")

    result = subprocess.run(
        [str(script)], env={"PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY": "sk-x"}, check=False
    )

    data = wait_for_record(record)
    assert result.returncode == 0
    assert data["argv"] == ["--resume", TRICKY]
    assert data["cwd"] == str(request.cwd)
    assert data["env"]["EXTRA_VAR"] == TRICKY and data["env"]["MULTI"] == "a\nb"
    assert data["env"]["ANTHROPIC_AUTH_TOKEN"] == "sb-token"
    assert "ANTHROPIC_API_KEY" not in data["env"]
    assert not script.exists()


def test_posix_script_holds_the_window_open_when_claude_fails(tmp_path: Path) -> None:
    claude = make_fake_claude(tmp_path / "bin", tmp_path / "record.json", exit_code=3)
    script = new_script_path(tmp_path / "private", "sh")
    script.write_text(posix_script(_request(tmp_path, claude, script)), encoding="utf-8")
    result = subprocess.run(
        [str(script)], input="\n", capture_output=True, text=True, check=False, timeout=10
    )
    assert result.returncode == 3
    assert "Claude Code exited with status 3. Press Enter to close." in result.stdout


def test_script_files_are_private(tmp_path: Path) -> None:
    script = new_script_path(tmp_path / "launch", "sh")
    assert stat.S_IMODE(script.stat().st_mode) == 0o700
    assert stat.S_IMODE(script.parent.stat().st_mode) == 0o700


def test_sweep_removes_only_old_scripts(tmp_path: Path) -> None:
    old = new_script_path(tmp_path, "sh")
    new = new_script_path(tmp_path, "cmd")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    sweep_scripts(tmp_path)
    assert not old.exists() and new.exists()


def test_cmd_script_content() -> None:
    changes = LaunchEnvironment(
        {"ANTHROPIC_AUTH_TOKEN": "sb-token", "V": 'a "b" 100% & ü'}, ("ANTHROPIC_API_KEY",)
    )
    request = LaunchRequest(
        (r"C:\Users\Zoë Ö\AppData\Roaming\npm\claude.cmd", "--resume"),
        changes,
        {},
        Path(r"C:\Users\Zoë Ö\code (new)"),
        "Claude Code: p",
        Path(r"C:\Users\Zoë Ö\AppData\Local\switchboard\launch\claude-1.cmd"),
    )
    text = cmd_script(request)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert text.split("\r\n") == [
        "@echo off",
        "chcp 65001 >nul",
        "rem Written by Switchboard to start Claude Code: p. It deletes itself.",
        r'cd /d "C:\Users\Zoë Ö\code (new)" || goto end',
        "set ANTHROPIC_API_KEY=",
        "set ANTHROPIC_AUTH_TOKEN=sb-token",
        'set V=a ^"b^" 100%% ^& ü',
        r'call "C:\Users\Zoë Ö\AppData\Roaming\npm\claude.cmd" "--resume"',
        ":end",
        "if errorlevel 1 pause",
        '(goto) 2>nul & del "%~f0"',
        "",
    ]
