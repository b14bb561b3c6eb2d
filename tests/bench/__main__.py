"""`python -m tests.bench [--quick]`: benchmark the proxy against the direct upstream and the
plain aiohttp pass-through floor; print the Markdown report and write it to a file.

Exit status: 0 when every scenario ran with zero bad responses (whatever the figures), 1 when
any response failed its check, 2 when the bench could not run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson

from tests.bench import answers, report
from tests.bench.harness import SCENARIOS, Bench, Sizes
from tests.bench.procs import REPO, BenchError, Placement, python
from tests.bench.tray import measure_tray

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=HERE, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo") as file:
        for line in file:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} CPUs, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _microbench(placement: Placement, seconds: float, app_root: Path) -> dict[str, float]:
    command = python("tests.bench.microbench", "--seconds", str(seconds))
    if placement.proxy_cpu is not None:
        command = ["taskset", "-c", str(placement.proxy_cpu), *command]
    # `app` from app_root (the working directory comes first on sys.path), `tests` from here
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, cwd=app_root, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"micro-benchmark failed:\n{done.stderr.decode()[-2000:]}")
    result: dict[str, float] = orjson.loads(done.stdout)
    return result


def _update_results(markdown: str) -> None:
    text = RESULTS.read_text()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise BenchError(f"{RESULTS} has no {BEGIN} … {END} section to replace")
    RESULTS.write_text(pattern.sub(lambda _: f"{BEGIN}\n{markdown}{END}", text))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few seconds: checks the harness")
    parser.add_argument("--out", type=Path, help="Markdown report (default: in the work dir)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON")
    parser.add_argument("--work", type=Path, help="directory for logs and payloads (kept)")
    parser.add_argument(
        "--app-root",
        type=Path,
        default=REPO,
        help="run Switchboard from this source tree (e.g. another checkout, to compare)",
    )
    parser.add_argument(
        "--update-results", action="store_true", help=f"replace the figures in {RESULTS.name}"
    )
    args = parser.parse_args()

    sizes = Sizes.quick() if args.quick else Sizes.full()
    placement = Placement.detect()
    if placement.load_cpu is not None:
        os.sched_setaffinity(0, {placement.load_cpu})
    work = args.work or Path(tempfile.mkdtemp(prefix="switchboard-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if args.app_root.resolve() != REPO:
        commit += f", Switchboard run from {args.app_root}"
    elif _git("status", "--porcelain", "--untracked-files=no", "--", "app"):
        commit += " + uncommitted changes in app/"
    facts: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "machine": _machine(),
        "load_before": _load(),
        "placement": placement.describe(),
        "answer": f"{len(answers.TEXT_DELTAS)} text deltas + 1 tool call "
        f"({len(answers.TOOL_ARGUMENT_DELTAS)} argument deltas)",
        "sizes": f"{sizes.requests} sequential requests after {sizes.warmup} warm-up "
        f"(best of {sizes.rounds} interleaved rounds by proxy CPU per request); "
        f"64 clients for {sizes.seconds:g} s; paced stream: {sizes.paced_requests} requests, "
        f"one event per {sizes.pace_gap_ms:g} ms",
    }
    app_root = args.app_root.resolve()
    bench = Bench(work, sizes, placement, app_root=app_root)
    try:
        micro = _microbench(placement, sizes.microbench_seconds, app_root)
        facts["tray"] = measure_tray(work, app_root, idle_s=sizes.tray_idle_seconds)
        bench.start()
        results = bench.run_all()
    except BenchError as exc:
        print(f"bench: {exc}\n(logs in {work})", file=sys.stderr)
        return 2
    finally:
        bench.stop()
    facts.update(bench.facts)
    facts["load_after"] = _load()
    markdown = report.render(results, facts, micro)
    out = args.out or work / "results.md"
    out.write_text(markdown)
    if args.json:
        args.json.write_text(
            orjson.dumps(
                {"facts": facts, "micro": micro, "results": results}, option=orjson.OPT_INDENT_2
            ).decode()
        )
    if args.update_results:
        _update_results(markdown)
    print(markdown)
    print(f"(report: {out}; logs: {work})")
    errors = sum(c["errors"] for s in results.values() for c in s.values())
    for scenario in SCENARIOS:
        for target, cell in results.get(scenario.key, {}).items():
            for sample in cell["error_samples"]:
                print(f"error in {scenario.key} / {target}: {sample}", file=sys.stderr)
    if args.work is None and errors == 0:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
