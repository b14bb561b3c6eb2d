"""`switchboard run PROFILE [-m MODEL] [-C DIR] [-- CLAUDE_ARGS…]`: Claude Code in this terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import CommandFailed, load

if TYPE_CHECKING:
    from app.launch.run import PreparedRun

USAGE = "switchboard run [-h] [-m MODEL] [-C DIR] PROFILE [-- CLAUDE_ARGS ...]"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "run",
        usage=USAGE,
        help="run Claude Code in this terminal with a profile",
        description="Run Claude Code in this terminal with PROFILE's environment. Starts the "
        "proxy in the background first if no Switchboard proxy is listening. Arguments after "
        "`--` go to claude.",
    )
    parser.add_argument("profile", metavar="PROFILE", help="profile name")
    parser.add_argument("-m", "--model", help="model for ANTHROPIC_MODEL (default: the profile's)")
    parser.add_argument(
        "-C", "--directory", metavar="DIR", type=Path, help="working directory for claude"
    )
    parser.set_defaults(handler=_run, claude_args=[])
    # argparse cannot keep `--` and what follows for a subcommand: split it off first.
    setattr(parser, "parse_known_args", _split_at_double_dash(parser.parse_known_args))  # noqa: B010


def _split_at_double_dash(
    parse: Callable[..., tuple[argparse.Namespace, list[str]]],
) -> Callable[..., tuple[argparse.Namespace, list[str]]]:
    def parse_known_args(
        args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        words = list(sys.argv[1:] if args is None else args)
        tail: list[str] = []
        if "--" in words:
            split = words.index("--")
            words, tail = words[:split], words[split + 1 :]
        parsed, extras = parse(words, namespace)
        parsed.claude_args = tail
        return parsed, extras

    return parse_known_args


def _run(args: argparse.Namespace) -> int:
    from app.launch.background import ensure_proxy
    from app.launch.claude import LaunchError
    from app.launch.env import proxy_url
    from app.launch.run import exec_claude, prepare_run

    loaded = load(args)

    def prepare(proxy: str | None = None) -> PreparedRun:
        return prepare_run(
            loaded,
            args.profile,
            model=args.model,
            cwd=args.directory,
            claude_args=args.claude_args,
            proxy=proxy,
        )

    try:
        prepared = prepare()  # every mistake is reported before a proxy is started for it
        proxy = ensure_proxy(loaded)
        if proxy.url != proxy_url(loaded.config.settings):
            prepared = prepare(proxy.url)  # e.g. `serve --port N` runs for this config
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    for warning in prepared.warnings:
        print(f"switchboard: warning: {warning}", file=sys.stderr)
    if proxy.started is not None:
        print(
            f"switchboard: started the Switchboard proxy in the background on {proxy.url} "
            f"(pid {proxy.started.process.pid}), log: {proxy.started.log_path}",
            file=sys.stderr,
        )
    elif not proxy.serves(args.profile):
        print(
            f"switchboard: warning: the proxy on {proxy.url} does not serve profile "
            f"{args.profile!r} (it reads {proxy.health.get('config', 'another config')}); "
            "restart it to pick up this config",
            file=sys.stderr,
        )
    return exec_claude(prepared)
