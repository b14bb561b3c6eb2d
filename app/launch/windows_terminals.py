"""Windows Terminal, PowerShell and cmd.

PowerShell and cmd start in a new console with our environment block, so the command line stays
short however many variables there are. Windows Terminal may hand a new tab to an instance that
is already running, which loses the environment (microsoft/terminal#16226), so its tab runs a
launcher script that sets the variables itself. Command lines are built here as strings because
cmd.exe does not follow the quoting rules `subprocess.list2cmdline` assumes.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from app.launch.shells import powershell_quote
from app.launch.terminal import LaunchRequest, Terminal, TerminalCommand, on_path


def windows_arg(arg: str) -> str:
    """`arg` quoted for CommandLineToArgvW: always in quotes, backslashes doubled before one."""
    out: list[str] = []
    backslashes = 0
    for char in arg:
        if char == "\\":
            backslashes += 1
            continue
        out.append("\\" * (backslashes * 2 + 1) + '"' if char == '"' else "\\" * backslashes + char)
        backslashes = 0
    return '"' + "".join(out) + "\\" * (backslashes * 2) + '"'


class WindowsTerminal(Terminal):
    name = "windows-terminal"
    platform = "win32"
    script_kind = "cmd"

    def is_available(self, env: Mapping[str, str]) -> bool:
        return on_path("wt.exe", env)

    def command(self, request: LaunchRequest) -> TerminalCommand:
        title, cwd, script = map(
            windows_arg, (request.title, str(request.cwd), str(request.require_script()))
        )
        line = f"wt.exe -w new new-tab --title {title} -d {cwd} -- cmd.exe /d /c call {script}"
        # wt splits its whole command line at `;` into several commands unless escaped
        line = line.replace(";", "\\;")
        return TerminalCommand(line, request.env, request.cwd)


class PowerShell(Terminal):
    """Windows PowerShell in a new console; the command goes in as -EncodedCommand (UTF-16)."""

    name = "powershell"
    platform = "win32"

    def is_available(self, env: Mapping[str, str]) -> bool:
        return on_path("powershell.exe", env)

    def command(self, request: LaunchRequest) -> TerminalCommand:
        claude, *args = request.argv
        script = (
            f"$Host.UI.RawUI.WindowTitle = {powershell_quote(request.title)}\n"
            f"Set-Location -LiteralPath {powershell_quote(str(request.cwd))}\n"
            f"& {' '.join(powershell_quote(a) for a in (claude, *args))}\n"
        )
        encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
        args_ = ["powershell.exe", "-NoLogo", "-NoExit", "-EncodedCommand", encoded]
        return TerminalCommand(" ".join(args_), request.env, request.cwd, new_console=True)


class Cmd(Terminal):
    """cmd.exe in a new console. `call` keeps cmd from stripping the quotes of the command."""

    name = "cmd"
    platform = "win32"

    def is_available(self, env: Mapping[str, str]) -> bool:
        return True  # part of Windows

    def command(self, request: LaunchRequest) -> TerminalCommand:
        command = " ".join(windows_arg(a) for a in request.argv)
        line = f"cmd.exe /d /k title {request.title}& call {command}"
        return TerminalCommand(line, request.env, request.cwd, new_console=True)


WINDOWS_TERMINALS: tuple[Terminal, ...] = (WindowsTerminal(), PowerShell(), Cmd())
