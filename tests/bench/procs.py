"""The bench's child processes: start, pin to a CPU, read their CPU time and memory, stop."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_START_TIMEOUT = 30.0
REPO = Path(__file__).resolve().parents[2]


class BenchError(Exception):
    """The bench cannot run (a process did not start, a port did not open)."""


@dataclass(frozen=True)
class Placement:
    """Which CPU each side runs on: the proxy alone on one, everything else on another."""

    load_cpu: int | None
    proxy_cpu: int | None

    @classmethod
    def detect(cls) -> Placement:
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) < 2:
            return cls(None, None)
        return cls(cpus[0], cpus[1])

    def describe(self) -> str:
        if self.proxy_cpu is None:
            return "not pinned (fewer than 2 CPUs available)"
        return (
            f"sched_setaffinity: proxy under test alone on CPU {self.proxy_cpu}; upstreams, "
            f"load generator and harness on CPU {self.load_cpu}"
        )


class Process:
    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        cpu: int | None,
        log: Path,
        env: dict[str, str] | None = None,
        stdin: int | None = None,
        cwd: Path = REPO,
    ) -> None:
        self.name = name
        self.log = log
        self._log_file = log.open("wb")
        self.popen = subprocess.Popen(
            list(argv),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            env=env,
            cwd=cwd,
        )
        self.pid = self.popen.pid
        if cpu is not None:
            os.sched_setaffinity(self.pid, {cpu})

    def read_line(self, pattern: str, *, from_log: bool = False) -> re.Match[str]:
        """Wait for a line matching `pattern` on stdout (or in the stderr log)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                break
            if from_log:
                if match := regex.search(self.log.read_text(errors="replace")):
                    return match
                time.sleep(0.02)
                continue
            assert self.popen.stdout is not None
            ready, _, _ = select.select([self.popen.stdout], [], [], 0.1)
            if ready:
                line = self.popen.stdout.readline().decode(errors="replace")
                if match := regex.search(line):
                    return match
        tail = self.log.read_text(errors="replace")[-2000:]
        raise BenchError(f"{self.name} did not start (exit {self.popen.poll()}):\n{tail}")

    def cpu_ns(self) -> int:
        """CPU time used so far by all threads, in ns (schedstat: finer than clock ticks)."""
        total = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as file:
                    total += int(file.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                continue  # a thread that just ended
        return total

    def memory_kb(self, field: str) -> int:
        """VmRSS (now) or VmHWM (peak) in KiB."""
        with open(f"/proc/{self.pid}/status") as file:
            for line in file:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise BenchError(f"{field} not in /proc/{self.pid}/status")

    def maps_contain(self, fragment: str) -> bool:
        with open(f"/proc/{self.pid}/maps") as file:
            return any(fragment in line for line in file)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        for stream in (self.popen.stdin, self.popen.stdout):
            if stream is not None:
                stream.close()
        self._log_file.close()


def python(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]
