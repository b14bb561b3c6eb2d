"""Conversations shared across profiles (`share_sessions`).

Each profile has a CLAUDE_CONFIG_DIR of its own, so its settings and logins stay apart. Claude
Code keeps its transcripts (what `--resume` reads) and their companions in a few folders of that
dir; for profiles that share sessions, those folders are links to one shared store next to the
profiles' dirs. Transcripts a profile already had are moved into the store first, so nothing is
lost when sharing is turned on.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# Claude Code's per-session folders: transcripts (projects/<cwd>/<session>.jsonl), the todo
# lists and the file checkpoints a resumed session refers to.
SESSION_FOLDERS = ("projects", "todos", "file-history")
STORE_NAME = "shared-sessions"


def session_store(profiles_dir: Path) -> Path:
    """The shared store beside the profiles' own dirs (`…/claude/shared-sessions`)."""
    return profiles_dir / STORE_NAME


def share_sessions(own_dir: Path, store: Path) -> None:
    """Make `own_dir`'s session folders links into `store`; idempotent."""
    for name in SESSION_FOLDERS:
        shared = store / name
        shared.mkdir(parents=True, exist_ok=True, mode=0o700)
        link = own_dir / name
        if _links_to(link, shared):
            continue
        if link.is_symlink() or _is_junction(link):
            link.unlink()  # a link somewhere else: the store decides now
        elif link.exists():
            _move_into(link, shared)
        make_dir_link(shared, link)


def make_dir_link(target: Path, link: Path) -> None:
    """A link to a folder: a symlink, or on Windows a junction (no admin rights needed)."""
    if sys.platform == "win32":
        import _winapi

        _winapi.CreateJunction(str(target), str(link))  # type: ignore[attr-defined,unused-ignore]
    else:
        os.symlink(target, link, target_is_directory=True)


def _links_to(link: Path, target: Path) -> bool:
    try:
        return (link.is_symlink() or _is_junction(link)) and link.resolve() == target.resolve()
    except OSError:
        return False


def _is_junction(path: Path) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Python 3.12+
    return bool(is_junction and is_junction(path))


def _move_into(folder: Path, store: Path) -> None:
    """Merge `folder` into `store` (entries already in the store win), then remove it."""
    for entry in folder.iterdir():
        destination = store / entry.name
        if not destination.exists():
            shutil.move(str(entry), destination)
        elif entry.is_dir() and destination.is_dir():
            _move_into(entry, destination)
    shutil.rmtree(folder)
