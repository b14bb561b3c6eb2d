"""The descriptor limit is raised where it is small, and client connections fit within it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.system.limits import connection_budget


def test_the_connection_budget_leaves_room_for_upstream_connections() -> None:
    assert connection_budget(256) == 96  # a macOS GUI app's default: 96 clients + upstreams
    assert connection_budget(1024) == 480
    assert connection_budget(1_000_000) == 1024
    assert connection_budget(80) == 32
    assert connection_budget(None) == 1024  # Windows


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptor limits")
def test_a_small_soft_limit_is_raised_and_never_lowered() -> None:
    """In a child process started with the macOS GUI default of 256 (this one's stays as is)."""
    script = (
        "import resource\n"
        "from app.system.limits import raise_open_file_limit\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))\n"
        "now = raise_open_file_limit()\n"
        "assert now == resource.getrlimit(resource.RLIMIT_NOFILE)[0], now\n"
        "assert now == min(4096, hard) if hard != resource.RLIM_INFINITY else 4096, now\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (min(8000, hard), hard))\n"
        "assert raise_open_file_limit() == min(8000, hard)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
