"""`switchboard profile test NAME|all [--json]`: probe what each model of a profile can do.

list, show, add and remove live in profile_edit."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli import profile_edit
from app.cli.common import CommandFailed, load

if TYPE_CHECKING:
    from app.config.schema import Config
    from app.proxy.probe import Check, ProbeResult

_MARK = {"pass": "ok", "fail": "FAIL", "skip": "-"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("profile", help="list, show, add, remove or test profiles")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    profile_edit.register(verbs)
    test = verbs.add_parser(
        "test",
        help="send real requests to every model of a profile",
        description="For each model a profile can route to: plain text, streaming, a tool call "
        "round trip, image input and thinking (when the catalogue says the model has them). "
        "Results are also saved for the settings window. Uses your API keys and a few tokens.",
    )
    test.add_argument("name", metavar="NAME", help="profile name, or 'all'")
    test.add_argument("--json", action="store_true", help="print the results as JSON")
    test.set_defaults(handler=_test)


def _test(args: argparse.Namespace) -> int:
    import asyncio
    import json
    from dataclasses import asdict

    from app.proxy.probe import save_results

    config = load(args, create=False).config
    names = [p.name for p in config.profiles] if args.name == "all" else [args.name]
    if not names:
        raise CommandFailed("switchboard: no profiles are configured")
    unknown = [n for n in names if config.profile(n) is None]
    if unknown:
        known = ", ".join(p.name for p in config.profiles) or "none"
        raise CommandFailed(f"switchboard: no profile named {unknown[0]!r} (configured: {known})")
    results = asyncio.run(_probe_all(config, names))
    save_results(results)
    if args.json:
        print(json.dumps([{**asdict(r), "ok": r.ok} for r in results], indent=2))
    else:
        print(render_table(results))
    return 0 if all(r.ok for r in results) else 1


async def _probe_all(config: Config, names: list[str]) -> list[ProbeResult]:
    from app.proxy.probe import probe_profile

    results: list[ProbeResult] = []
    for name in names:
        results.extend(await probe_profile(config, name))
    return results


def render_table(results: list[ProbeResult]) -> str:
    """One row per candidate, one column per check (outcome and latency), then the details
    of every failed check."""
    from app.proxy.probe import CHECKS

    header = ["PROFILE", "MODEL", *(c.upper() for c in CHECKS)]
    rows = [header]
    for result in results:
        by_name = {c.name: c for c in result.checks}
        rows.append([result.profile, result.candidate, *(_cell(by_name.get(c)) for c in CHECKS)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    for result in results:
        for check in result.checks:
            if check.outcome == "fail":
                lines.append(f"{result.profile} {result.candidate} {check.name}: {check.detail}")
    return "\n".join(lines)


def _cell(check: Check | None) -> str:
    if check is None:
        return "-"
    if check.latency_ms is None:
        return _MARK[check.outcome]
    seconds = check.latency_ms / 1000
    latency = f"{check.latency_ms:.0f}ms" if seconds < 1 else f"{seconds:.1f}s"
    return f"{_MARK[check.outcome]} {latency}"
