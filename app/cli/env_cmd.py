"""`switchboard env PROFILE [--shell …]`: the profile's variables as shell commands.

eval "$(switchboard env work)"               # bash, zsh
switchboard env work --shell fish | source
switchboard env work | Out-String | Invoke-Expression   # PowerShell (default on Windows)
switchboard env work --shell cmd > work.cmd  # a batch file: `call work.cmd`
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import CommandFailed, load
from app.launch.shells import SHELLS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "env",
        help="print a profile's environment as shell commands",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("profile", metavar="PROFILE", help="profile name")
    parser.add_argument(
        "--shell", choices=SHELLS, help="shell syntax (default: from $SHELL, PowerShell on Windows)"
    )
    parser.set_defaults(handler=_env)


def _env(args: argparse.Namespace) -> int:
    from app.launch.background import PortInUse, find_proxy
    from app.launch.claude import LaunchError
    from app.launch.env import profile_environment
    from app.launch.shells import format_environment, guess_shell

    loaded = load(args)
    shell = args.shell or guess_shell()
    try:
        # the address of the proxy running for this config (`serve --port N`), if one runs
        running = find_proxy(loaded)
    except PortInUse as exc:
        print(f"switchboard: warning: {exc}", file=sys.stderr)
        running = None
    try:
        changes = profile_environment(loaded, args.profile, proxy=running.url if running else None)
        text = format_environment(changes, shell)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    for warning in changes.warnings:
        print(f"switchboard: warning: {warning}", file=sys.stderr)
    if changes.args:  # stdout stays the shell commands alone
        print(f"switchboard: start claude with: claude {' '.join(changes.args)}", file=sys.stderr)
    sys.stdout.write(text)
    return 0
