"""A stand-in `claude` that records what it was started with, and a config to launch from."""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path
from typing import Any

# Every value a launcher must carry through unchanged: quotes, shell syntax, non-ASCII.
TRICKY = 'it\'s "quoted" $HOME `date` \\ % ^ & ; ü 雪'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_config(path: Path, port: int, *, host: str = "127.0.0.1") -> Path:
    """Three profiles: `mixed` (an OpenAI-compatible route, extra env), `native` (Anthropic
    only) and `shared` (uses the default ~/.claude)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""
[settings]
host = "{host}"
port = {port}

[[providers]]
name = "ds"
kind = "openai-chat"
base_url = "https://api.deepseek.example/v1"
api_key = "env:DS_KEY"

[[providers]]
name = "anth"
kind = "anthropic"
base_url = "https://api.anthropic.example"
api_key = "env:ANTH_KEY"

[[profiles]]
name = "mixed"
env = {{ EXTRA_VAR = {json.dumps(TRICKY)} }}
[profiles.models]
default = "ds/deepseek-chat"
haiku = "ds/deepseek-lite"
opus = ["anth/claude-opus-4-1", "ds/deepseek-reasoner"]

[[profiles]]
name = "native"
[profiles.models]
default = "anth/claude-sonnet-4-5"
haiku = "anth/claude-haiku-4-5"

[[profiles]]
name = "shared"
share_claude_config = true
[profiles.models]
default = "anth/*"
""",
        encoding="utf-8",
    )
    return path


def make_fake_claude(directory: Path, record: Path, *, exit_code: int = 0) -> Path:
    """An executable `claude` that writes its argv, cwd and environment to `record` (JSON)."""
    directory.mkdir(parents=True, exist_ok=True)
    claude = directory / "claude"
    claude.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "data = {'argv': sys.argv[1:], 'cwd': os.getcwd(), 'env': dict(os.environ)}\n"
        f"tmp = {str(record)!r} + '.tmp'\n"
        "with open(tmp, 'w', encoding='utf-8') as f:\n"
        "    json.dump(data, f)\n"
        f"os.replace(tmp, {str(record)!r})\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    claude.chmod(0o755)
    return claude


def wait_for_record(record: Path, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while not record.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"the fake claude never ran (no {record})")
        time.sleep(0.05)
    data: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
    return data
