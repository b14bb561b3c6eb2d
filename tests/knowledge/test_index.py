"""Project knowledge: files as git sees them, passages with line numbers, ranking, refresh."""

from __future__ import annotations

from pathlib import Path

from app.knowledge.files import passages, project_files
from app.knowledge.index import ProjectIndex, words


def _tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def test_gitignore_rules_apply_below_their_folder_and_vcs_folders_are_skipped(
    tmp_path: Path,
) -> None:
    root = _tree(
        tmp_path / "p",
        {
            ".gitignore": "*.log\nbuild/\n!keep.log\n",
            "a.py": "x = 1\n",
            "run.log": "noise\n",
            "keep.log": "kept\n",
            "build/out.py": "generated\n",
            "sub/.gitignore": "local.txt\n",
            "sub/local.txt": "ignored here\n",
            "sub/b.py": "y = 2\n",
            "other/local.txt": "not ignored here\n",
            ".git/config": "[core]\n",
            "image.png": b"\x89PNG\x00\x00data",
            "big.txt": "z" * 2048,
            "empty.txt": "",
        },
    )
    found = sorted(p.relative_to(root).as_posix() for p, _ in project_files(root, 1024))
    assert found == [".gitignore", "a.py", "image.png", "keep.log", "other/local.txt",
                     "sub/.gitignore", "sub/b.py"]  # fmt: skip


def test_passages_carry_their_line_numbers_and_overlap() -> None:
    text = "\n".join(f"line {n}" for n in range(1, 11))
    cut = passages("p/f.py", text, 4)
    assert [(p.start, p.end) for p in cut] == [(1, 4), (4, 7), (7, 10)]
    assert cut[1].text.splitlines()[0] == "line 4"
    assert cut[0].citation == "p/f.py:1-4"


def test_identifiers_count_as_their_parts() -> None:
    assert words("parseConfigFile load_user_id HTTPServer") == [
        "parseconfigfile", "parse", "config", "file",
        "load_user_id", "load", "user", "id",
        "httpserver", "http", "server",
    ]  # fmt: skip


def test_search_ranks_by_words_and_binary_files_are_left_out(tmp_path: Path) -> None:
    root = _tree(
        tmp_path / "shop",
        {
            "billing.py": "def apply_discount(price, percent):\n    return price\n",
            "users.py": "def load_user(name):\n    return name\n",
            "notes.md": "Discounts are applied at checkout.\n",
            "blob.bin": b"apply_discount\x00\x01",
        },
    )
    index = ProjectIndex([root], lines_per_passage=10)
    stats = index.refresh()
    assert (stats.files, stats.passages, stats.changed) == (3, 3, 4)  # the binary read once
    assert index.refresh().changed == 0
    hits = index.search("applyDiscount", 5)
    assert [h.passage.citation for h in hits][:1] == ["shop/billing.py:1-2"]
    assert all("blob.bin" not in h.passage.path for h in hits)


def test_refresh_reads_only_what_changed(tmp_path: Path) -> None:
    root = _tree(tmp_path / "p", {"a.py": "alpha\n", "b.py": "beta\n"})
    index = ProjectIndex([root])
    assert index.refresh().changed == 2
    assert index.refresh().changed == 0
    (root / "a.py").write_text("alpha gamma more\n", encoding="utf-8")
    (root / "b.py").unlink()
    (root / "c.py").write_text("gamma\n", encoding="utf-8")
    stats = index.refresh()
    assert (stats.files, stats.changed) == (2, 3)
    assert {h.passage.path for h in index.search("gamma", 5)} == {"p/a.py", "p/c.py"}
    assert index.search("beta", 5) == []


def test_vectors_rank_by_meaning_next_to_words(tmp_path: Path) -> None:
    root = _tree(tmp_path / "p", {"a.py": "apples\n", "b.py": "oranges\n", "c.py": "pears\n"})
    index = ProjectIndex([root])
    index.refresh()
    vectors = {"apples": [1.0, 0.0], "oranges": [0.0, 1.0], "pears": [0.7, 0.7]}
    index.set_vectors({p: vectors[p.text] for p in index.without_vectors()})
    assert index.without_vectors() == []
    # no word matches "fruit": the vectors alone rank, closest first
    hits = index.search("fruit", 3, query_vector=[0.0, 1.0])
    assert [h.passage.text for h in hits] == ["oranges", "pears", "apples"]
    # a changed file loses its old vector
    (root / "a.py").write_text("apples and more\n", encoding="utf-8")
    index.refresh()
    assert [p.text for p in index.without_vectors()] == ["apples and more"]
