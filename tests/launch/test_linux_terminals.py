"""Linux terminal launchers: each one's "run this in a new window" syntax, and the command they
all run (enter the directory, run claude, hold the window open on failure)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.launch.env import LaunchEnvironment
from app.launch.linux_terminals import LINUX_TERMINALS, LinuxTerminal
from app.launch.scripts import CD_AND_RUN
from app.launch.terminal import LaunchRequest
from tests.launch.fakes import TRICKY, make_fake_claude, wait_for_record

TITLE = "Claude Code: p"
OPTIONS = {
    "x-terminal-emulator": ["-T", TITLE, "-e"],
    "gnome-terminal": ["--"],
    "konsole": ["--separate", "-e"],
    "xfce4-terminal": ["--disable-server", "-T", TITLE, "-x"],
    "kitty": ["--title", TITLE],
    "alacritty": ["--title", TITLE, "-e"],
    "wezterm": ["start", "--always-new-process", "--"],
    "foot": ["--title", TITLE],
    "xterm": ["-T", TITLE, "-e"],
}


def _request(claude: str, cwd: Path, *args: str) -> LaunchRequest:
    changes = LaunchEnvironment({"ANTHROPIC_AUTH_TOKEN": "sb-t", "EXTRA_VAR": TRICKY}, ())
    return LaunchRequest((claude, *args), changes, {"PATH": "/usr/bin:/bin"}, cwd, TITLE)


def test_every_linux_terminal_is_covered() -> None:
    assert [t.name for t in LINUX_TERMINALS] == list(OPTIONS)


@pytest.mark.parametrize("terminal", LINUX_TERMINALS, ids=lambda t: t.name)
def test_command_syntax(terminal: LinuxTerminal, tmp_path: Path) -> None:
    request = _request("/opt/claude", tmp_path, "--resume")
    command = terminal.command(request)
    run = ["/bin/sh", "-c", CD_AND_RUN, "switchboard-launch", str(tmp_path), "/opt/claude"]
    assert command.args == [terminal.name, *OPTIONS[terminal.name], *run, "--resume"]
    assert command.env == request.env and command.cwd == tmp_path


def test_the_command_enters_the_directory_and_passes_arguments_unchanged(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    claude = make_fake_claude(tmp_path / "bin", record)
    workdir = tmp_path / "dir with space 'q' \"dq\" ü"
    workdir.mkdir()
    command = LINUX_TERMINALS[-1].command(_request(str(claude), workdir, TRICKY, ""))
    run = list(command.args)[list(command.args).index("/bin/sh") :]
    subprocess.run(run, env=command.env, cwd=tmp_path, check=True, timeout=10)
    data = wait_for_record(record)
    assert data["cwd"] == str(workdir)
    assert data["argv"] == [TRICKY, ""]
    assert data["env"]["EXTRA_VAR"] == TRICKY


def test_the_command_waits_for_enter_after_a_failure(tmp_path: Path) -> None:
    claude = make_fake_claude(tmp_path / "bin", tmp_path / "record.json", exit_code=5)
    command = LINUX_TERMINALS[-1].command(_request(str(claude), tmp_path))
    run = list(command.args)[list(command.args).index("/bin/sh") :]
    result = subprocess.run(run, input="\n", capture_output=True, text=True, timeout=10)
    assert result.returncode == 5
    assert "exited with status 5. Press Enter to close." in result.stdout


def test_foot_needs_wayland(tmp_path: Path) -> None:
    foot = next(t for t in LINUX_TERMINALS if t.name == "foot")
    (tmp_path / "foot").write_text("#!/bin/sh\n")
    (tmp_path / "foot").chmod(0o755)
    assert not foot.is_available({"PATH": str(tmp_path), "DISPLAY": ":0"})
    assert foot.is_available({"PATH": str(tmp_path), "WAYLAND_DISPLAY": "wayland-0"})
