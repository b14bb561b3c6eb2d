"""Windows Terminal, PowerShell and cmd command lines. Windows cannot run here: the lines are
checked against the quoting rules of CommandLineToArgvW (with subprocess.list2cmdline, which
implements them, as the reference), PowerShell and cmd."""

from __future__ import annotations

import base64
import subprocess
from pathlib import PureWindowsPath

import pytest

from app.launch.env import LaunchEnvironment
from app.launch.terminal import LaunchRequest
from app.launch.windows_terminals import Cmd, PowerShell, WindowsTerminal, windows_arg

USER = r"C:\Users\Zoë Øster"
CLAUDE = USER + r"\AppData\Roaming\npm\claude.cmd"
CWD = USER + r"\code\it's ü"
SCRIPT = USER + r"\AppData\Local\switchboard\launch\claude-1.cmd"


def _request(*args: str, cwd: str = CWD) -> LaunchRequest:
    changes = LaunchEnvironment({"ANTHROPIC_AUTH_TOKEN": "sb-t"}, ("ANTHROPIC_API_KEY",))
    base = {"ANTHROPIC_API_KEY": "sk-inherited", "SystemRoot": r"C:\Windows"}
    cwd_path, script = PureWindowsPath(cwd), PureWindowsPath(SCRIPT)
    return LaunchRequest((CLAUDE, *args), changes, base, cwd_path, "Claude Code: p", script)


@pytest.mark.parametrize(
    "arg", [CWD, "a b", 'say "hi" there', "trailing slash \\", "a\\\\b c", 'x \\" y', "ü 雪 x"]
)
def test_windows_arg_matches_the_c_runtime_rules(arg: str) -> None:
    assert windows_arg(arg) == subprocess.list2cmdline([arg])  # both quote args with spaces


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [("C:\\", '"C:\\\\"'), ('a"b', '"a\\"b"'), ("", '""'), ("plain", '"plain"')],
)
def test_windows_arg_always_quotes(arg: str, quoted: str) -> None:
    assert windows_arg(arg) == quoted


def test_windows_terminal_runs_the_script_in_a_new_window() -> None:
    command = WindowsTerminal().command(_request(cwd=USER + r"\a;b"))
    assert command.args == (
        'wt.exe -w new new-tab --title "Claude Code: p" -d "C:\\Users\\Zoë Øster\\a\\;b" '
        '-- cmd.exe /d /c call "C:\\Users\\Zoë Øster\\AppData\\Local\\switchboard\\launch\\'
        'claude-1.cmd"'
    )
    assert not command.new_console
    assert WindowsTerminal.script_kind == "cmd"


def test_powershell_gets_an_encoded_command_and_the_environment_block() -> None:
    command = PowerShell().command(_request("--resume", "it's \u2018x\u2019"))
    assert isinstance(command.args, str)
    program, no_logo, no_exit, flag, encoded = command.args.split(" ")
    assert [program, no_logo, no_exit, flag] == [
        "powershell.exe", "-NoLogo", "-NoExit", "-EncodedCommand"
    ]  # fmt: skip
    assert base64.b64decode(encoded).decode("utf-16-le") == (
        "$Host.UI.RawUI.WindowTitle = 'Claude Code: p'\n"
        "Set-Location -LiteralPath 'C:\\Users\\Zoë Øster\\code\\it''s ü'\n"
        "& 'C:\\Users\\Zoë Øster\\AppData\\Roaming\\npm\\claude.cmd' '--resume' "
        "'it''s \u2018\u2018x\u2019\u2019'\n"
    )
    assert command.new_console
    assert command.env["ANTHROPIC_AUTH_TOKEN"] == "sb-t"
    assert "ANTHROPIC_API_KEY" not in command.env
    assert command.env["SystemRoot"] == r"C:\Windows"


def test_cmd_calls_claude_in_a_new_console() -> None:
    command = Cmd().command(_request("--resume"))
    assert command.args == (
        "cmd.exe /d /k title Claude Code: p& call "
        '"C:\\Users\\Zoë Øster\\AppData\\Roaming\\npm\\claude.cmd" "--resume"'
    )
    assert command.new_console
    assert "ANTHROPIC_API_KEY" not in command.env
