"""Where a config set comes from: a git repository (URL or local path) or a plain folder.

A set is a folder that may hold `CLAUDE.md`, `agents/`, `commands/`, `skills/`, MCP servers
(`.mcp.json` or `mcp.json`, `{"mcpServers": {...}}`) and hooks (`hooks.json` or a
`settings.json` with a `"hooks"` key), as Claude Code reads them from a config dir or a project.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.launch.claude import LaunchError

FOLDERS = ("agents", "commands", "skills")
_GIT_URL = re.compile(r"^(https?://|ssh://|git@|file://)|\.git/?$")
_SKIPPED = frozenset({".git", ".github", "README.md", "LICENSE"})


@dataclass(frozen=True)
class SetContent:
    commit: str  # the git commit installed, "" for a folder
    claude_md: str | None
    files: dict[str, bytes]  # "agents/x.md" → content
    mcp_servers: dict[str, Any]
    hooks: dict[str, list[Any]]


def is_git_source(source: str) -> bool:
    return bool(_GIT_URL.search(source)) or (Path(source).expanduser() / ".git").exists()


@contextmanager
def fetched(source: str, ref: str | None = None) -> Iterator[SetContent]:
    """The set's content, from a shallow git clone or the folder itself."""
    if not is_git_source(source):
        folder = Path(source).expanduser()
        if not folder.is_dir():
            raise LaunchError(f"{source}: no such folder or git repository")
        yield read_set(folder, commit="")
        return
    with tempfile.TemporaryDirectory(prefix="switchboard-set-") as temporary:
        clone = Path(temporary) / "set"
        command = ["git", "clone", "--quiet", "--depth", "1"]
        if ref:
            command += ["--branch", ref]
        _git([*command, source, str(clone)], source)
        commit = _git(["git", "-C", str(clone), "rev-parse", "HEAD"], source).strip()
        yield read_set(clone, commit=commit)


def read_set(folder: Path, *, commit: str) -> SetContent:
    claude_md = folder / "CLAUDE.md"
    files: dict[str, bytes] = {}
    for name in FOLDERS:
        root = folder / name
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(folder)
                if path.is_file() and not _SKIPPED.intersection(relative.parts):
                    files[relative.as_posix()] = path.read_bytes()
    mcp = _json(folder, (".mcp.json", "mcp.json")).get("mcpServers") or {}
    hooks = _json(folder, ("hooks.json", "settings.json")).get("hooks") or {}
    if not (claude_md.is_file() or files or mcp or hooks):
        raise LaunchError(
            f"{folder}: no CLAUDE.md, agents/, commands/, skills/, MCP servers or hooks: "
            "not a config set"
        )
    return SetContent(
        commit,
        claude_md.read_text(encoding="utf-8") if claude_md.is_file() else None,
        files,
        mcp if isinstance(mcp, dict) else {},
        hooks if isinstance(hooks, dict) else {},
    )


def _json(folder: Path, names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        path = folder / name
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as exc:
                raise LaunchError(f"{path}: not valid JSON ({exc})") from exc
            return data if isinstance(data, dict) else {}
    return {}


def _git(command: list[str], source: str) -> str:
    if shutil.which("git") is None:
        raise LaunchError("git is needed to install a set from a repository; install git")
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise LaunchError(f"{source}: git failed: {done.stderr.strip() or done.returncode}")
    return done.stdout
