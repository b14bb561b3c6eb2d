"""`switchboard update [--check]`: is a newer version out? Tells; never installs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app import __version__
from app.cli.common import CommandFailed, load
from app.cli.editing import refuse

if TYPE_CHECKING:
    from app.config.schema import Settings


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "update",
        help="check the release feed for a newer version (never installs)",
        description="Ask the release feed (settings.update_feed_url, or --feed) for the newest "
        "release and tell whether it is newer than this one. Nothing is downloaded or "
        "installed: the answer names the page to get it from.",
    )
    parser.add_argument(
        "--check", action="store_true", help="only check (the default: there is no installer)"
    )
    parser.add_argument("--feed", metavar="URL", help="ask this feed instead of the setting")
    parser.add_argument("--pre", action="store_true", help="count pre-releases too")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(handler=_update)


def _settings(args: argparse.Namespace) -> Settings | None:
    """The config's settings, when there is a config file (none is created for this)."""
    from app.config.paths import config_path

    if not config_path(args.config).exists():
        return None
    return load(args, create=False).config.settings


def _update(args: argparse.Namespace) -> int:
    import json

    from app.config.schema import Network
    from app.system.network import tls_context
    from app.system.updates import UpdateCheckFailed, is_newer, latest_release

    settings = _settings(args)
    feed = args.feed or (settings.update_feed_url if settings else None)
    network = settings.network if settings else Network()
    if not feed:
        raise refuse(
            "no release feed is configured: set one with "
            "`switchboard config set settings.update_feed_url URL` or give --feed URL"
        )
    try:
        release = latest_release(
            feed,
            user_agent=f"switchboard/{__version__}",
            tls=tls_context(network.system_trust_store),
            system_proxy=network.system_proxy,
            prereleases=args.pre,
        )
    except UpdateCheckFailed as exc:
        raise CommandFailed(f"switchboard: update check failed: {exc}") from exc
    newer = is_newer(release.version, __version__)
    if args.json:
        answer = {
            "current": __version__,
            "latest": release.version,
            "newer": newer,
            "url": release.url,
            "prerelease": release.prerelease,
        }
        print(json.dumps(answer, indent=2))
    elif newer:
        print(f"Switchboard {release.version} is out (you have {__version__}).")
        print(f"Get it from {release.url}" if release.url else f"Feed: {feed}")
    else:
        print(f"Switchboard {__version__} is up to date (newest: {release.version}).")
    return 0
