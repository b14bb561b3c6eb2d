"""`switchboard env` output: each shell's syntax, quoted so every value survives.

bash runs here for real. fish, PowerShell and cmd are not installed on this machine: their
output is checked line by line against each shell's documented quoting rules.
"""

from __future__ import annotations

import subprocess

import pytest

from app.launch.claude import LaunchError
from app.launch.env import LaunchEnvironment
from app.launch.shells import format_environment, guess_shell
from tests.launch.fakes import TRICKY

CHANGES = LaunchEnvironment(
    {"ANTHROPIC_BASE_URL": "http://127.0.0.1:1/proxy/p", "EXTRA_VAR": TRICKY, "EMPTY": ""},
    ("ANTHROPIC_API_KEY",),
)


def test_bash_output_sets_values_exactly_when_evaluated() -> None:
    values = {**CHANGES.values, "MULTI_LINE": "one\ntwo 'three'"}
    script = format_environment(LaunchEnvironment(values, CHANGES.unset), "bash")
    result = subprocess.run(
        ["bash", "-c", script + "env -0"],
        env={"ANTHROPIC_API_KEY": "sk-inherited", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    env = dict(item.split("=", 1) for item in result.stdout.decode().split("\0") if item)
    assert {k: env[k] for k in values} == values
    assert "ANTHROPIC_API_KEY" not in env


def test_zsh_output_is_the_bash_output() -> None:
    assert format_environment(CHANGES, "zsh") == format_environment(CHANGES, "bash")


def test_fish_output() -> None:
    assert format_environment(CHANGES, "fish").splitlines() == [
        "set -e ANTHROPIC_API_KEY",
        "set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:1/proxy/p'",
        # fish single quotes: only \\ and \' are escapes
        "set -gx EXTRA_VAR 'it\\'s \"quoted\" $HOME `date` \\\\ % ^ & ; ü 雪'",
        "set -gx EMPTY ''",
    ]


def test_powershell_output() -> None:
    value = "it's \u2018curly\u2019 $env:HOME `n ü"
    changes = LaunchEnvironment({"V": value}, ("ANTHROPIC_API_KEY",))
    assert format_environment(changes, "powershell").splitlines() == [
        "Remove-Item Env:ANTHROPIC_API_KEY -ErrorAction SilentlyContinue",
        # every quote PowerShell ends a literal string with is doubled; $ and ` stay literal
        "$env:V = 'it''s \u2018\u2018curly\u2019\u2019 $env:HOME `n ü'",
    ]


def test_cmd_output_escapes_batch_specials() -> None:
    changes = LaunchEnvironment({"V": 'a "b" %PATH% ^ & | < > ( ) ü'}, ("ANTHROPIC_API_KEY",))
    assert format_environment(changes, "cmd").splitlines() == [
        "set ANTHROPIC_API_KEY=",
        'set V=a ^"b^" %%PATH%% ^^ ^& ^| ^< ^> ^( ^) ü',
    ]


def test_cmd_cannot_hold_a_line_break() -> None:
    with pytest.raises(LaunchError, match="line break"):
        format_environment(LaunchEnvironment({"V": "a\nb"}, ()), "cmd")


@pytest.mark.parametrize(
    ("shell_path", "platform", "expected"),
    [
        ("/usr/bin/fish", "linux", "fish"),
        ("/bin/zsh", "darwin", "zsh"),
        ("/bin/bash", "linux", "bash"),
        ("/bin/dash", "linux", "bash"),
        ("", "linux", "bash"),
        ("/bin/bash", "win32", "powershell"),
    ],
)
def test_guess_shell(shell_path: str, platform: str, expected: str) -> None:
    assert guess_shell({"SHELL": shell_path}, platform) == expected
