"""An index of a project's passages, kept up to date by re-reading only the files that changed.

Passages are ranked by their words (BM25, with code identifiers split into their parts), and,
when an embeddings model gives vectors, also by meaning; the two rankings are fused by
reciprocal rank, so either alone still works.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.knowledge.files import Passage, passages, project_files, read_text

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+")
_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_K1, _B = 1.2, 0.75  # BM25's usual constants
_FUSION_K = 60  # reciprocal rank fusion's usual constant


def words(text: str) -> list[str]:
    """Lower-case words; an identifier also counts as its parts (`parseConfig` → parse, config)."""
    out = []
    for word in _WORD.findall(text):
        lowered = word.lower()
        out.append(lowered)
        parts = [p.lower() for piece in word.split("_") for p in _PARTS.findall(piece)]
        if len(parts) > 1:
            out.extend(parts)
    return out


@dataclass(slots=True)
class _File:
    stamp: tuple[int, int]  # mtime_ns, size
    passages: list[Passage]
    counts: list[Counter[str]]


@dataclass(frozen=True, slots=True)
class Refresh:
    files: int
    passages: int
    changed: int  # files read again (new or modified) or dropped
    seconds: float


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    score: float


@dataclass
class ProjectIndex:
    folders: Sequence[Path]
    lines_per_passage: int = 40
    max_bytes: int = 512 * 1024
    _files: dict[Path, _File] = field(default_factory=dict)
    _document_frequency: Counter[str] = field(default_factory=Counter)
    _vectors: dict[Passage, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self) -> Refresh:
        """Re-read new and changed files, forget deleted ones (blocking: run off the loop)."""
        began = time.perf_counter()
        with self._lock:
            seen: set[Path] = set()
            changed = 0
            for folder in self.folders:
                for path, info in project_files(folder, self.max_bytes):
                    seen.add(path)
                    stamp = (info.st_mtime_ns, info.st_size)
                    known = self._files.get(path)
                    if known is not None and known.stamp == stamp:
                        continue
                    changed += 1
                    self._replace(path, self._read(folder, path, stamp))
            for gone in [p for p in self._files if p not in seen]:
                changed += 1
                self._replace(gone, None)
            count = sum(len(f.passages) for f in self._files.values())
            files = sum(1 for f in self._files.values() if f.passages)
            return Refresh(files, count, changed, time.perf_counter() - began)

    def without_vectors(self) -> list[Passage]:
        with self._lock:
            return [p for f in self._files.values() for p in f.passages if p not in self._vectors]

    def set_vectors(self, found: dict[Passage, list[float]]) -> None:
        with self._lock:
            live = {p for f in self._files.values() for p in f.passages}
            self._vectors.update({p: v for p, v in found.items() if p in live})

    def search(self, query: str, limit: int, query_vector: list[float] | None = None) -> list[Hit]:
        with self._lock:
            by_words = self._by_words(query)
            if query_vector is None or not self._vectors:
                return [Hit(p, s) for p, s in by_words[:limit]]
            by_meaning = sorted(
                ((p, _cosine(query_vector, v)) for p, v in self._vectors.items()),
                key=lambda pair: -pair[1],
            )
            fused: dict[Passage, float] = {}
            for ranking in (by_words, by_meaning[: max(limit * 5, 50)]):
                for rank, (passage, _) in enumerate(ranking):
                    fused[passage] = fused.get(passage, 0.0) + 1.0 / (_FUSION_K + rank)
            best = sorted(fused.items(), key=lambda pair: -pair[1])[:limit]
            return [Hit(p, s) for p, s in best]

    def _read(self, folder: Path, path: Path, stamp: tuple[int, int]) -> _File:
        text = read_text(path)
        if text is None:  # binary: remembered with no passages, so it is not read again
            return _File(stamp, [], [])
        shown = path.relative_to(folder.parent).as_posix()
        found = passages(shown, text, self.lines_per_passage)
        return _File(stamp, found, [Counter(words(p.text)) for p in found])

    def _replace(self, path: Path, new: _File | None) -> None:
        old = self._files.pop(path, None)
        if old is not None:
            for counts in old.counts:
                self._document_frequency.subtract(counts.keys())
            for passage in old.passages:
                self._vectors.pop(passage, None)
        if new is not None:
            self._files[path] = new
            for counts in new.counts:
                self._document_frequency.update(counts.keys())

    def _by_words(self, query: str) -> list[tuple[Passage, float]]:
        terms = set(words(query))
        all_counts = [
            (p, c) for f in self._files.values() for p, c in zip(f.passages, f.counts, strict=True)
        ]
        if not terms or not all_counts:
            return []
        total = len(all_counts)
        average = sum(c.total() for _, c in all_counts) / total
        weights = {}
        for term in terms:
            frequency = self._document_frequency.get(term, 0)
            if frequency > 0:
                weights[term] = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
        scored = []
        for passage, counts in all_counts:
            length = counts.total()
            score = 0.0
            for term, weight in weights.items():
                tf = counts.get(term, 0)
                if tf:
                    score += weight * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
            if score > 0:
                scored.append((passage, score))
        scored.sort(key=lambda pair: -pair[1])
        return scored


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))  # one model: one size
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0
