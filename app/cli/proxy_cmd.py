"""`switchboard proxy start|stop|status`: the proxy as a background service of this config.

`start` launches a detached `switchboard serve` (its output in the background log). The running
proxy announces itself in its runtime file (pid, address, start time: `app.system.discovery`),
which serves as the pid file; every verb first makes the proxy on that address prove it holds
this config's local token, so no other program is ever stopped or trusted.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from typing import TYPE_CHECKING, Any

from app.cli.common import CommandFailed, load

if TYPE_CHECKING:
    from app.config.store import LoadedConfig
    from app.launch.background import RunningProxy
    from app.system.discovery import ProxyRecord

NOT_RUNNING = 3  # `proxy status` when nothing runs (the LSB status convention)
STOP_TIMEOUT_S = 15.0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("proxy", help="start, stop or inspect the background proxy")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    verbs.add_parser(
        "start", help="start `switchboard serve` in the background (if none runs)"
    ).set_defaults(handler=_start)
    verbs.add_parser("stop", help="stop the background proxy of this config").set_defaults(
        handler=_stop
    )
    status = verbs.add_parser(
        "status",
        help="address, uptime, profiles and health; exit status 0 running, 3 not running",
    )
    status.add_argument("--json", action="store_true", help="print it as JSON")
    status.set_defaults(handler=_status)


def _find(loaded: LoadedConfig) -> RunningProxy | None:
    from app.launch.background import PortInUse, find_proxy

    try:
        return find_proxy(loaded)
    except PortInUse as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc


def _record(loaded: LoadedConfig) -> ProxyRecord | None:
    from app.config.paths import state_dir
    from app.system.discovery import read_record

    return read_record(state_dir(), loaded.path)


def _start(args: argparse.Namespace) -> int:
    from app.config.paths import state_dir
    from app.launch.background import ensure_proxy
    from app.launch.claude import LaunchError
    from app.system.discovery import record_path

    loaded = load(args)
    running = _find(loaded)
    if running is not None:
        record = _record(loaded)
        known = f" (pid {record.pid})" if record and record.url == running.url else ""
        print(f"the proxy is already running on {running.url}{known}")
        return 0
    try:
        proxy = ensure_proxy(loaded)
    except LaunchError as exc:
        raise CommandFailed(f"switchboard: {exc}") from exc
    announced = _record(loaded)
    started = proxy.started.process.pid if proxy.started else "?"
    print(f"started the proxy on {proxy.url} (pid {announced.pid if announced else started})")
    if proxy.started is not None:
        print(f"  log:      {proxy.started.log_path}")
    print(f"  pid file: {record_path(state_dir(), loaded.path)}")
    return 0


def _stop(args: argparse.Namespace) -> int:
    from app.config.paths import state_dir
    from app.system.discovery import clear_record

    loaded = load(args, create=False)
    running = _find(loaded)
    if running is None:
        print("no proxy is running for this config")
        return 0
    record = _record(loaded)
    if record is None or record.url != running.url:
        raise CommandFailed(
            f"switchboard: the proxy on {running.url} did not announce its process (an older "
            "version?): stop it where it was started"
        )
    if record.owner == "tray":
        raise CommandFailed(
            f"switchboard: the proxy on {running.url} runs inside the tray app (pid "
            f"{record.pid}): quit Switchboard from its tray menu"
        )
    try:
        os.kill(record.pid, signal.SIGTERM)
    except ProcessLookupError:
        clear_record(state_dir(), loaded.path, pid=record.pid)
        print(f"the proxy (pid {record.pid}) had already stopped")
        return 0
    except PermissionError as exc:
        raise CommandFailed(f"switchboard: cannot stop pid {record.pid}: {exc}") from exc
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while _still_running(loaded):
        if time.monotonic() > deadline:
            raise CommandFailed(
                f"switchboard: the proxy (pid {record.pid}) is still running after "
                f"{STOP_TIMEOUT_S:.0f} s"
            )
        time.sleep(0.1)
    clear_record(state_dir(), loaded.path, pid=record.pid)  # Windows ends it without a goodbye
    print(f"stopped the proxy on {running.url} (pid {record.pid})")
    return 0


def _still_running(loaded: LoadedConfig) -> bool:
    from app.launch.background import PortInUse, find_proxy

    try:
        return find_proxy(loaded) is not None
    except PortInUse:  # closing its connections: not gone yet
        return True


def _status(args: argparse.Namespace) -> int:
    import json

    from app.config.paths import config_path

    if not config_path(args.config).exists():
        print("not running (no config file yet)")
        return NOT_RUNNING
    loaded = load(args, create=False)
    running = _find(loaded)
    if running is None:
        if args.json:
            print(json.dumps({"running": False, "config": str(loaded.path)}))
        else:
            print(f"not running (config: {loaded.path}); start it with `switchboard proxy start`")
        return NOT_RUNNING
    record = _record(loaded)
    record = record if record and record.url == running.url else None
    health = running.health
    if args.json:
        print(json.dumps(_status_data(running, record), indent=2))
        return 0
    uptime = health.get("uptime_s")
    if uptime is None and record is not None:
        uptime = time.time() - record.started_at
    owner = {"tray": "the tray app", "serve": "switchboard serve"}.get(
        record.owner if record else "", "unknown"
    )
    lines = [
        "running",
        f"  address   {running.url}",
        f"  process   {f'pid {record.pid}' if record else 'pid unknown'} ({owner})",
        f"  uptime    {_duration(uptime)}" if isinstance(uptime, int | float) else "",
        f"  version   {health.get('version', '?')}",
        f"  config    {health.get('config') or loaded.path}",
        f"  requests  {health.get('inflight', 0)} in flight",
        f"  profiles  {_profiles(health)}",
        "  health",
        *(f"    {line}" for line in _health_lines(health)),
    ]
    print("\n".join(line for line in lines if line))
    return 0


def _status_data(running: RunningProxy, record: ProxyRecord | None) -> dict[str, Any]:
    return {
        "running": True,
        "url": running.url,
        "pid": record.pid if record else None,
        "owner": record.owner if record else None,
        "started_at": record.started_at if record else None,
        **running.health,
    }


def _profiles(health: dict[str, Any]) -> str:
    names = []
    for profile in health.get("profiles") or []:
        if isinstance(profile, dict):
            mark = " (default)" if profile.get("default") else ""
            names.append(f"{profile.get('name', '?')}{mark}")
    return ", ".join(names) or "none"


def _health_lines(health: dict[str, Any]) -> list[str]:
    named = [p.get("name") for p in health.get("providers") or [] if isinstance(p, dict)]
    providers = [str(name) for name in named] or sorted(health.get("health") or {})
    return [f"{name}: {health_text(health, name)}" for name in providers] or ["no providers"]


def health_text(health: dict[str, Any], provider: str) -> str:
    """One provider's state from a proxy's /health: its breaker and last error."""
    entry = (health.get("health") or {}).get(provider)
    if not entry:
        return "no requests yet"
    states = {"closed": "up", "open": "DOWN (skipped for now)", "half_open": "recovering"}
    text = states.get(str(entry.get("state")), str(entry.get("state")))
    error = entry.get("last_error")
    return f"{text}; last error: {error}" if error else text


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, _ = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
