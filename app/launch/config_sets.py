"""Config sets: Claude Code configuration (CLAUDE.md, agents, commands, skills, MCP servers,
hooks) installed into a profile's config dir or a project, updated and removed cleanly.

Nothing of the user's own is ever overwritten: a file the set did not install, or one the user
edited since, is left alone and reported; MCP servers and hooks are merged entry by entry, and
only entries the set added (unchanged since) are taken out again. A set's CLAUDE.md is kept in
`sets/<name>/` and imported (`@…`) from the target's own CLAUDE.md. What each set installed is
recorded in `switchboard-sets.json` next to the target's files.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.launch.claude import LaunchError
from app.launch.set_source import SetContent

MANIFEST = "switchboard-sets.json"


@dataclass(frozen=True)
class Target:
    """Where Claude Code reads each kind of configuration, for a config dir or a project."""

    root: Path  # agents/, commands/, skills/ and sets/ live here
    claude_md: Path
    mcp_file: Path
    settings_file: Path

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def import_line(self, name: str) -> str:
        relative = os.path.relpath(self.root / "sets" / name / "CLAUDE.md", self.claude_md.parent)
        return "@" + Path(relative).as_posix()


def profile_target(config_dir: Path) -> Target:
    """A profile's CLAUDE_CONFIG_DIR: user-scope MCP servers live in its .claude.json."""
    return Target(
        config_dir,
        config_dir / "CLAUDE.md",
        config_dir / ".claude.json",
        config_dir / "settings.json",
    )


def project_target(project: Path) -> Target:
    dot = project / ".claude"
    return Target(dot, project / "CLAUDE.md", project / ".mcp.json", dot / "settings.json")


@dataclass
class Plan:
    """What installing (or updating, or removing) a set would change."""

    name: str
    files: dict[str, bytes | None] = field(default_factory=dict)  # None: delete
    previous: dict[str, bytes] = field(default_factory=dict)  # what a changed file held
    servers: dict[str, Any] = field(default_factory=dict)  # None: delete
    hooks: dict[str, list[Any]] = field(default_factory=dict)
    old_hooks: dict[str, list[Any]] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # the user's own or edited: left alone
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.files or self.servers or self.hooks != self.old_hooks)

    def summary(self) -> list[str]:
        lines = []
        for path, content in sorted(self.files.items()):
            verb = "remove" if content is None else "change" if path in self.previous else "add"
            lines.append(f"{verb} {path}")
        for server, value in sorted(self.servers.items()):
            lines.append(f"{'remove' if value is None else 'set'} MCP server {server}")
        if self.hooks != self.old_hooks:
            lines.append("update hooks")
        lines += [f"keep {item} (yours; not touched)" for item in self.kept]
        return lines

    def diff(self, limit: int = 200) -> str:
        """Unified diffs of the text files an update changes."""
        out: list[str] = []
        for path, before in sorted(self.previous.items()):
            after = self.files.get(path)
            if after is None:
                continue
            out += difflib.unified_diff(
                before.decode(errors="replace").splitlines(),
                after.decode(errors="replace").splitlines(),
                f"a/{path}",
                f"b/{path}",
                lineterm="",
            )
        return "\n".join(out[:limit] + (["…"] if len(out) > limit else []))


def installed(target: Target) -> dict[str, Any]:
    """The sets recorded for a target, by name."""
    data = _read_json(target.manifest)
    sets = data.get("sets")
    return sets if isinstance(sets, dict) else {}


def plan(target: Target, name: str, content: SetContent | None, source: str = "") -> Plan:
    """The changes that bring the target to `content` (None: remove the set)."""
    before = installed(target).get(name) or {}
    result = Plan(name)
    wanted: dict[str, bytes] = dict(content.files) if content else {}
    if content is not None and content.claude_md is not None:
        wanted[f"sets/{name}/CLAUDE.md"] = content.claude_md.encode()
    ours: dict[str, str] = before.get("files") or {}
    recorded: dict[str, str] = {}
    for path, data in wanted.items():
        current = _read(target.root / path)
        if current is None:
            result.files[path] = data
        elif path in ours and _hash(current) == ours[path]:
            if current != data:
                result.files[path], result.previous[path] = data, current
        else:  # the user's own file, or one they edited: never ours to change
            if current != data:
                result.kept.append(path)
            continue
        recorded[path] = _hash(data)
    for path, digest in ours.items():
        if path not in wanted:
            current = _read(target.root / path)
            if current is not None and _hash(current) == digest:
                result.files[path] = None
            elif current is not None:
                result.kept.append(path)
    servers = _read_json(target.mcp_file).get("mcpServers") or {}
    our_servers: dict[str, Any] = before.get("mcp") or {}
    wanted_servers = content.mcp_servers if content else {}
    kept_servers: dict[str, Any] = {}
    for server, value in wanted_servers.items():
        current = servers.get(server)
        if current is None or current == our_servers.get(server):
            if current != value:
                result.servers[server] = value
            kept_servers[server] = value
        elif current != value:
            result.kept.append(f"MCP server {server}")
    for server, value in our_servers.items():
        if server not in wanted_servers and servers.get(server) == value:
            result.servers[server] = None
    result.old_hooks = before.get("hooks") or {}
    result.hooks = content.hooks if content else {}
    result.record = {
        "source": source or before.get("source", ""),
        "commit": content.commit if content else "",
        "files": recorded,
        "mcp": kept_servers,
        "hooks": result.hooks,
    }
    return result


def apply(target: Target, result: Plan, *, remove: bool = False) -> None:
    for path, data in result.files.items():
        full = target.root / path
        if data is None:
            full.unlink(missing_ok=True)
            _prune(full.parent, target.root)
        else:
            _write(full, data)
    if result.servers:
        mcp = _read_json(target.mcp_file)
        servers = dict(mcp.get("mcpServers") or {})
        for server, value in result.servers.items():
            if value is None:
                servers.pop(server, None)
            else:
                servers[server] = value
        _write_json(target.mcp_file, {**mcp, "mcpServers": servers})
    if result.hooks != result.old_hooks:
        settings = _read_json(target.settings_file)
        _write_json(target.settings_file, {**settings, "hooks": _merged_hooks(settings, result)})
    own_md = target.root / "sets" / result.name / "CLAUDE.md"
    _update_import(target, result.name, present=not remove and own_md.is_file())
    manifest = _read_json(target.manifest)
    sets = dict(installed(target))
    if remove:
        sets.pop(result.name, None)
    else:
        sets[result.name] = result.record
    _write_json(target.manifest, {**manifest, "sets": sets})


def _merged_hooks(settings: dict[str, Any], result: Plan) -> dict[str, list[Any]]:
    """The settings' hooks without the entries the set added before, plus its new ones."""
    hooks = settings.get("hooks")
    merged: dict[str, list[Any]] = {
        k: list(v) for k, v in (hooks or {}).items() if isinstance(v, list)
    }
    for event, entries in result.old_hooks.items():
        for entry in entries:
            if entry in merged.get(event, []):
                merged[event].remove(entry)
    for event, entries in result.hooks.items():
        merged.setdefault(event, []).extend(e for e in entries if e not in merged[event])
    return {event: entries for event, entries in merged.items() if entries}


def _update_import(target: Target, name: str, *, present: bool) -> None:
    line = target.import_line(name)
    text = target.claude_md.read_text(encoding="utf-8") if target.claude_md.is_file() else ""
    lines = text.splitlines()
    if present and line not in lines:
        _write(
            target.claude_md,
            (text.rstrip("\n") + "\n\n" if text.strip() else "").encode() + f"{line}\n".encode(),
        )
    elif not present and line in lines:
        kept = [entry for entry in lines if entry != line]
        _write(
            target.claude_md, ("\n".join(kept).rstrip("\n") + "\n").encode() if any(kept) else b""
        )


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _read_json(path: Path) -> dict[str, Any]:
    data = _read(path)
    if data is None:
        return {}
    try:
        loaded = json.loads(data)
    except ValueError as exc:
        raise LaunchError(
            f"{path} is not valid JSON ({exc}): fix it first; nothing was changed"
        ) from exc
    return loaded if isinstance(loaded, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    _write(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def _write(path: Path, data: bytes) -> None:
    """Atomic: a temporary file next to the target, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(folder: Path, root: Path) -> None:
    """Remove folders the set's files left empty, up to `root`."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
