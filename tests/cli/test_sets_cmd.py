"""`switchboard sets`: a set from a local git repository installs, updates (diff shown) and
removes cleanly, and never touches what is the user's own."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.main import main

CONFIG = """
[[providers]]
name = "p"
kind = "openai-chat"
base_url = "http://127.0.0.1:9/v1"

[[profiles]]
name = "work"
[profiles.models]
default = "p/m"
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", "-C", str(repo), *args],
        check=True,
        capture_output=True,
    )


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "team-set"
    _write(
        repo,
        {
            "CLAUDE.md": "Team rules: run the tests before every commit.\n",
            "agents/reviewer.md": "---\nname: reviewer\n---\nReview carefully.\n",
            "commands/deploy.md": "Deploy with make deploy.\n",
            "skills/lint/SKILL.md": "---\nname: lint\n---\nLint the code.\n",
            ".mcp.json": json.dumps(
                {"mcpServers": {"docs": {"command": "docs-mcp", "args": ["1"]}}}
            ),
            "hooks.json": json.dumps(
                {
                    "hooks": {
                        "PostToolUse": [
                            {"matcher": "Edit", "hooks": [{"type": "command", "command": "fmt"}]}
                        ]
                    }
                }
            ),
            "README.md": "not installed\n",
        },
    )
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first")
    return repo


@pytest.fixture
def profile_dir(tmp_path: Path) -> tuple[Path, Path]:
    """The config file, and the profile's config dir with the user's own things in it."""
    config = tmp_path / "cfg" / "config.toml"
    config.parent.mkdir()
    config.write_text(CONFIG, encoding="utf-8")
    own = config.parent / "claude" / "work"
    _write(
        own,
        {
            "CLAUDE.md": "My own notes.\n",
            "agents/mine.md": "my agent\n",
            ".claude.json": json.dumps(
                {"numStartups": 3, "mcpServers": {"mine": {"command": "m"}}}
            ),
            "settings.json": json.dumps(
                {"model": "x", "hooks": {"PostToolUse": [{"matcher": "Bash", "hooks": []}]}}
            ),
        },
    )
    return config, own


def _run(config: Path, *args: str) -> int:
    return main(["--config", str(config), "sets", *args])


def test_add_update_remove_through_a_profile(
    repo: Path, profile_dir: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, own = profile_dir
    assert _run(config, "add", str(repo), "--profile", "work") == 0
    assert (own / "agents" / "reviewer.md").read_text().endswith("Review carefully.\n")
    assert (own / "skills" / "lint" / "SKILL.md").is_file()
    assert not (own / "README.md").exists()
    assert (own / "CLAUDE.md").read_text() == "My own notes.\n\n@sets/team-set/CLAUDE.md\n"
    assert (own / "sets" / "team-set" / "CLAUDE.md").read_text().startswith("Team rules")
    user_json = json.loads((own / ".claude.json").read_text())
    assert user_json["numStartups"] == 3
    assert set(user_json["mcpServers"]) == {"mine", "docs"}
    settings = json.loads((own / "settings.json").read_text())
    assert settings["model"] == "x"
    assert [h["matcher"] for h in settings["hooks"]["PostToolUse"]] == ["Bash", "Edit"]
    capsys.readouterr()
    assert _run(config, "list", "--profile", "work") == 0
    assert "team-set: " in capsys.readouterr().out

    # upstream changes; the user edits one of the set's files meanwhile
    _write(repo, {"agents/reviewer.md": "---\nname: reviewer\n---\nReview very carefully.\n"})
    (repo / "commands" / "deploy.md").unlink()
    _write(repo, {"commands/test.md": "Run make test.\n"})
    _write(
        repo,
        {".mcp.json": json.dumps({"mcpServers": {"docs": {"command": "docs-mcp", "args": ["2"]}}})},
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "second")
    (own / "skills" / "lint" / "SKILL.md").write_text("my own lint rules\n", encoding="utf-8")

    capsys.readouterr()
    assert _run(config, "update", "team-set", "--profile", "work") == 1  # no terminal: not applied
    shown = capsys.readouterr().out
    assert "change agents/reviewer.md" in shown and "remove commands/deploy.md" in shown
    assert "add commands/test.md" in shown and "set MCP server docs" in shown
    assert "-Review carefully.\n+Review very carefully." in shown
    assert (own / "commands" / "deploy.md").is_file()  # nothing changed yet

    assert _run(config, "update", "team-set", "--profile", "work", "--yes") == 0
    assert (own / "agents" / "reviewer.md").read_text().endswith("Review very carefully.\n")
    assert not (own / "commands" / "deploy.md").exists()
    assert (own / "commands" / "test.md").is_file()
    assert json.loads((own / ".claude.json").read_text())["mcpServers"]["docs"]["args"] == ["2"]
    assert (own / "skills" / "lint" / "SKILL.md").read_text() == "my own lint rules\n"

    assert _run(config, "remove", "team-set", "--profile", "work") == 0
    assert sorted(p.relative_to(own).as_posix() for p in own.rglob("*") if p.is_file()) == [
        ".claude.json",
        "CLAUDE.md",
        "agents/mine.md",
        "settings.json",
        "skills/lint/SKILL.md",  # edited by the user: theirs now
        "switchboard-sets.json",
    ]
    assert (own / "CLAUDE.md").read_text() == "My own notes.\n"
    assert json.loads((own / ".claude.json").read_text()) == {
        "numStartups": 3,
        "mcpServers": {"mine": {"command": "m"}},
    }
    assert json.loads((own / "settings.json").read_text())["hooks"] == {
        "PostToolUse": [{"matcher": "Bash", "hooks": []}]
    }


def test_a_project_gets_the_set_under_dot_claude(repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "app"
    project.mkdir()
    _write(project, {".mcp.json": json.dumps({"mcpServers": {"docs": {"command": "theirs"}}})})
    assert main(["sets", "add", str(repo), "--project", str(project), "--name", "team"]) == 0
    assert (project / ".claude" / "agents" / "reviewer.md").is_file()
    assert (project / "CLAUDE.md").read_text() == "@.claude/sets/team/CLAUDE.md\n"
    # the project's own `docs` server is kept, not clobbered
    assert json.loads((project / ".mcp.json").read_text())["mcpServers"]["docs"] == {
        "command": "theirs"
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "{folder}", "--profile", "nope"], "no profile named 'nope'"),
        (["update", "ghost", "--profile", "work"], "no set named 'ghost'"),
        (["remove", "ghost", "--profile", "work"], "no set named 'ghost'"),
    ],
)
def test_bad_input_is_refused_with_status_2_and_nothing_written(
    profile_dir: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    config, own = profile_dir
    before = {p: p.read_bytes() for p in own.rglob("*") if p.is_file()}
    folder = tmp_path / "set"
    _write(folder, {"CLAUDE.md": "x\n"})
    assert _run(config, *[a.format(folder=folder) for a in args]) == 2
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in own.rglob("*") if p.is_file()} == before


def test_a_folder_that_is_no_set_is_refused(profile_dir: tuple[Path, Path], tmp_path: Path) -> None:
    config, own = profile_dir
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(config, "add", str(empty), "--profile", "work") == 1
    assert not (own / "switchboard-sets.json").exists()
