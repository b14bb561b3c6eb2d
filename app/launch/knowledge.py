"""The MCP config that gives a launched Claude Code Switchboard's `search_project` tool.

The file names no secret: Claude Code expands `${SWITCHBOARD_TOKEN}` (the local token, set in the
launch environment) in the header when it reads the file. (It expands ANTHROPIC_* variables to
nothing there, so the token needs a name of its own.)
"""

from __future__ import annotations

import json
from pathlib import Path

SERVER_NAME = "switchboard"
TOKEN_VARIABLE = "SWITCHBOARD_TOKEN"


def mcp_config(proxy_url: str, profile: str) -> dict[str, object]:
    return {
        "mcpServers": {
            SERVER_NAME: {
                "type": "http",
                "url": f"{proxy_url}/mcp/{profile}",
                "headers": {"Authorization": f"Bearer ${{{TOKEN_VARIABLE}}}"},
            }
        }
    }


def write_mcp_config(folder: Path, profile: str, proxy_url: str) -> Path:
    """Write (or refresh) the profile's MCP config in `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"switchboard-mcp-{profile}.json"
    text = json.dumps(mcp_config(proxy_url, profile), indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return path
