"""Tool names strict upstreams accept, and the way back to the names Claude Code gave.

OpenAI-compatible APIs take function names matching ^[A-Za-z0-9_-]{1,64}$; MCP tools
(`mcp__server__tool`) can be longer or hold dots. A name that does not fit is cleaned, cut and
given a hash suffix (so two long names never collide); the reverse map turns the upstream's
tool calls back into the names Claude Code knows.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

_FITS = re.compile(r"[A-Za-z0-9_-]{1,64}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_SUFFIX = 9  # "_" + 8 hex digits


def upstream_tool_name(name: str) -> str:
    if _FITS.fullmatch(name):
        return name
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', name)[: 64 - _SUFFIX]}_{digest}"


def tool_name_map(tools: Any) -> dict[str, str]:
    """Upstream name → Claude Code's name, for the tools whose name had to change."""
    if not isinstance(tools, list):
        return {}
    out: dict[str, str] = {}
    for tool in tools:
        name = tool.get("name") if isinstance(tool, dict) else None
        if isinstance(name, str) and not _FITS.fullmatch(name):
            out[upstream_tool_name(name)] = name
    return out
