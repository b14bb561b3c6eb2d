"""`switchboard autostart enable|disable|status`: start the tray app at login."""

from __future__ import annotations

import argparse

from app.config.paths import config_path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("autostart", help="start the tray app at login, or stop that")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    enable = verbs.add_parser("enable", help="start Switchboard when you log in")
    enable.set_defaults(handler=_enable)
    verbs.add_parser("disable", help="stop starting it at login").set_defaults(handler=_disable)
    verbs.add_parser("status", help="tell whether it starts at login").set_defaults(handler=_status)


def _enable(args: argparse.Namespace) -> int:
    from app.system.autostart import autostart_for, login_command

    # An explicit --config is kept, so the app started at login reads the same file.
    extra = ("--config", str(config_path(args.config).resolve())) if args.config else ()
    command = login_command(extra)
    entry = autostart_for()
    entry.enable(command)
    print(f"Switchboard will start at login: {entry.location}")
    print(f"  runs: {' '.join(command.argv)}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from app.system.autostart import autostart_for

    entry = autostart_for()
    if entry.disable():
        print(f"Switchboard will no longer start at login (removed {entry.location})")
    else:
        print("Switchboard was not set to start at login")
    return 0


def _status(args: argparse.Namespace) -> int:
    from app.system.autostart import autostart_for

    entry = autostart_for()
    state = "enabled" if entry.is_enabled() else "disabled"
    print(f"start at login: {state} ({entry.location})")
    return 0
