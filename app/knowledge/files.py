"""The files of a project worth indexing, and their passages.

Walks each folder the way git sees it: every `.gitignore` on the way down applies to the paths
below it, and version-control folders are never entered. Binary and oversized files are left
out. A passage is a run of lines with a little overlap, so text at a boundary is found whole in
one of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

_NEVER = frozenset({".git", ".hg", ".svn", ".jj"})
_BINARY_PROBE = 8192


@dataclass(frozen=True, slots=True)
class Passage:
    path: str  # as shown to the model: relative to the indexed folder's parent
    start: int  # first line, 1-based
    end: int  # last line, inclusive
    text: str

    @property
    def citation(self) -> str:
        return f"{self.path}:{self.start}-{self.end}"


def project_files(root: Path, max_bytes: int) -> Iterator[tuple[Path, os.stat_result]]:
    """Every indexable file under `root` with its stat, in a stable order."""
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    yield from _walk(root, specs, max_bytes)


def _walk(
    folder: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]], max_bytes: int
) -> Iterator[tuple[Path, os.stat_result]]:
    ignore = folder / ".gitignore"
    own = specs
    if ignore.is_file():
        try:
            lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        own = [*specs, (folder, pathspec.GitIgnoreSpec.from_lines(lines))]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        is_dir = entry.is_dir(follow_symlinks=False)
        if is_dir and entry.name in _NEVER:
            continue
        if _ignored(path, is_dir, own):
            continue
        if is_dir:
            yield from _walk(path, own, max_bytes)
        elif entry.is_file(follow_symlinks=False):
            info = entry.stat()
            if 0 < info.st_size <= max_bytes:
                yield path, info


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def read_text(path: Path) -> str | None:
    """The file as text, or None for a binary file (a NUL byte near its start)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:_BINARY_PROBE]:
        return None
    return data.decode("utf-8", errors="replace")


def passages(shown_path: str, text: str, lines_per_passage: int) -> list[Passage]:
    """The file's lines cut into passages of `lines_per_passage`, overlapping by a quarter."""
    lines = text.splitlines()
    step = max(1, lines_per_passage - lines_per_passage // 4)
    out = []
    for start in range(0, len(lines), step):
        chunk = lines[start : start + lines_per_passage]
        if any(line.strip() for line in chunk):
            out.append(Passage(shown_path, start + 1, start + len(chunk), "\n".join(chunk)))
        if start + lines_per_passage >= len(lines):
            break
    return out
