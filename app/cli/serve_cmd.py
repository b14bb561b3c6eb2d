"""`switchboard serve`: the proxy without Qt, in the foreground, for servers and CI."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from typing import TYPE_CHECKING

from app.cli.common import CommandFailed, load
from app.config.defaults import DEFAULT_HOST, DEFAULT_PORT
from app.config.paths import log_dir, state_dir

if TYPE_CHECKING:
    from app.config.store import LoadedConfig


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "serve",
        help="run the proxy headless in the foreground",
        description="Run the Switchboard proxy without the tray app, in the foreground, until "
        "Ctrl-C or SIGTERM: for servers, containers and CI. It follows the config file and "
        "reloads it when it changes. `switchboard run` and `switchboard env` find it on "
        "whatever port it listens on.",
    )
    parser.add_argument(
        "--host",
        help=f"address to listen on (default: the config's settings.host, {DEFAULT_HOST})",
    )
    parser.add_argument(
        "--port",
        type=int,
        help=f"port to listen on; 0 picks a free one (default: the config's settings.port, "
        f"{DEFAULT_PORT})",
    )
    logs = parser.add_mutually_exclusive_group()
    logs.add_argument("--no-log-file", action="store_true", help="log to the console only")
    logs.add_argument("--quiet", action="store_true", help="log to the log file only")
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    import asyncio

    from app.config.schema import open_relay_problem
    from app.system.logs import setup_logging

    loaded = load(args)
    if args.host and (
        problem := open_relay_problem(args.host, loaded.config.settings.require_token)
    ):
        raise CommandFailed(f"switchboard: --host {args.host}: {problem}")
    setup_logging(
        loaded.config.settings.log_level,
        None if args.no_log_file else log_dir(),
        console=not args.quiet,
    )
    run = _run(loaded, args.host, args.port)
    if sys.platform != "win32":
        with contextlib.suppress(ImportError):
            import uvloop

            return int(uvloop.run(run))
    return asyncio.run(run)


async def _run(loaded: LoadedConfig, host: str | None, port: int | None) -> int:
    import asyncio

    from app.config.secrets import local_token
    from app.proxy.server import ProxyServer
    from app.system.heap import settle_heap

    token = local_token(loaded.path.parent)
    server = ProxyServer(
        loaded.config,
        token=token,
        config_path=loaded.path,
        host=host,
        port=port,
        runtime_dir=state_dir(),
    )
    try:
        await server.start()
    except OSError as exc:
        raise CommandFailed(
            f"switchboard: cannot listen on {server.host}:{server.requested_port}: "
            f"{exc.strerror or exc}. Is another Switchboard running? Try --port."
        ) from exc
    settle_heap()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C raises instead
            loop.add_signal_handler(sig, stop.set)
    server.watch_config()
    print(f"Switchboard proxy on {server.url}  (config: {loaded.path})", file=sys.stderr)
    if not loaded.config.profiles:
        print(
            f"No profiles yet: add a provider and a profile to {loaded.path} (it has commented "
            "examples; `switchboard provider presets` lists ready-made providers). The proxy "
            "reloads the file when it changes.",
            file=sys.stderr,
        )
    try:
        await stop.wait()
    finally:
        await server.stop()
    return 0
