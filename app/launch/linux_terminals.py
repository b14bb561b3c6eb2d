"""Terminal emulators on Linux (and other X11/Wayland desktops).

All of them pass the launching process's environment to the command, so none needs a script:
the command is `sh -c CD_AND_RUN` (enter the working directory, run claude, hold the window
open on failure). Each terminal differs only in how it is told "run this command in a new
window", and in whether it must be kept from handing the command to a running instance (that
instance's environment would win: xfce4-terminal without --disable-server, reproduced).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.launch.scripts import CD_AND_RUN
from app.launch.terminal import LaunchRequest, Terminal, TerminalCommand, on_path

TITLE = "{title}"


class LinuxTerminal(Terminal):
    """`name *options command...`; an option equal to TITLE is replaced by the window title."""

    platform = "linux"

    def __init__(self, name: str, options: tuple[str, ...], *, wayland_only: bool = False):
        self.name = name
        self.options = options
        self.wayland_only = wayland_only

    def is_available(self, env: Mapping[str, str]) -> bool:
        if self.wayland_only and not env.get("WAYLAND_DISPLAY"):
            return False
        return on_path(self.name, env)

    def command(self, request: LaunchRequest) -> TerminalCommand:
        options = [request.title if o == TITLE else o for o in self.options]
        run = ["/bin/sh", "-c", CD_AND_RUN, "switchboard-launch", str(request.cwd), *request.argv]
        return TerminalCommand([self.name, *options, *run], request.env, request.cwd)


LINUX_TERMINALS: tuple[LinuxTerminal, ...] = (
    # Debian's alternatives entry: policy requires -T and -e to work.
    LinuxTerminal("x-terminal-emulator", ("-T", TITLE, "-e")),
    LinuxTerminal("gnome-terminal", ("--",)),
    LinuxTerminal("konsole", ("--separate", "-e")),
    LinuxTerminal("xfce4-terminal", ("--disable-server", "-T", TITLE, "-x")),
    LinuxTerminal("kitty", ("--title", TITLE)),
    LinuxTerminal("alacritty", ("--title", TITLE, "-e")),
    LinuxTerminal("wezterm", ("start", "--always-new-process", "--")),
    LinuxTerminal("foot", ("--title", TITLE), wayland_only=True),
    LinuxTerminal("xterm", ("-T", TITLE, "-e")),
)

# The desktop's own terminal comes first when XDG_CURRENT_DESKTOP names it.
DESKTOP_TERMINALS = {"GNOME": "gnome-terminal", "KDE": "konsole", "XFCE": "xfce4-terminal"}
