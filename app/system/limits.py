"""How many files the process may open, and how many client connections that leaves room for.

A macOS GUI app starts with a soft limit of 256 descriptors. Every client connection to the
proxy and every upstream connection takes one, so the limit is raised toward the hard limit, and
client connections are capped to half of what is left after the process's own files: one local
program opening sockets by the thousand cannot starve the proxy of descriptors.
"""

from __future__ import annotations

import contextlib
import sys

if sys.platform != "win32":  # Windows: sockets are not bounded by a small per-process limit
    import resource

WANTED_FILES = 4096
_RESERVED = 64  # the process's own files: logs, Qt, the config watcher, certificates…
_MIN_CONNECTIONS, _MAX_CONNECTIONS = 32, 1024


def raise_open_file_limit(wanted: int = WANTED_FILES) -> int | None:
    """Raise the soft descriptor limit toward `wanted` (never above the hard limit, never
    down). Returns the soft limit now in force; None where there is no such limit."""
    if sys.platform == "win32":
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        with contextlib.suppress(ValueError, OSError):  # e.g. macOS refuses above OPEN_MAX
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return int(soft)


def connection_budget(open_files: int | None) -> int:
    """Client connections the proxy accepts at once, given the soft descriptor limit."""
    if open_files is None:
        return _MAX_CONNECTIONS
    return max(_MIN_CONNECTIONS, min(_MAX_CONNECTIONS, (open_files - _RESERVED) // 2))
