"""`switchboard config init|get|set|export|edit` as real processes on real files."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from app.config.schema import Config
from app.config.store import DEFAULT_CONFIG, parse_config
from tests.support.cli import switchboard
from tests.support.terminal import Terminal

SAMPLE = textwrap.dedent(
    """\
    # My Switchboard config, written by hand.
    [settings]
    port = 17355   # the usual port
    log_level = "INFO"

    [[providers]]
    name = "deepseek"   # cheap and good
    kind = "openai-chat"
    base_url = "https://api.deepseek.com/v1"
    api_key = "env:SAMPLE_DEEPSEEK_KEY"

    [[providers]]
    name = "local"
    kind = "openai-chat"
    base_url = "http://localhost:11434/v1"
    api_key = "sk-literal-secret-123"
    headers = { "X-Title" = "mine", "X-Api-Token" = "tok-in-header" }

    [[profiles]]
    name = "work"
    env = { API_TIMEOUT_MS = "600000", MY_SECRET_TOKEN = "tok-in-env" }
    [profiles.models]
    default = "deepseek/deepseek-chat"
    """
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


# -- init ------------------------------------------------------------------------------------


def test_init_writes_the_commented_default_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    first = switchboard("config", "init", config=path)
    assert first.returncode == 0, first.stderr
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG

    path.write_text(SAMPLE, encoding="utf-8")
    again = switchboard("config", "init", config=path)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == SAMPLE


# -- get -------------------------------------------------------------------------------------


def test_get_prints_values_defaults_included(config: Path) -> None:
    assert switchboard("config", "get", "settings.port", config=config).stdout == "17355\n"
    assert switchboard("config", "get", "settings.timeouts.connect", config=config).stdout == (
        "10.0\n"
    )
    base = switchboard("config", "get", "providers.deepseek.base_url", config=config)
    assert base.stdout == "https://api.deepseek.com/v1\n"
    route = switchboard("config", "get", "profiles.work.models.default", config=config)
    assert json.loads(route.stdout) == ["deepseek/deepseek-chat"]


def test_get_unset_exits_1_and_unknown_exits_2(config: Path) -> None:
    unset = switchboard("config", "get", "profiles.work.models.haiku", config=config)
    assert (unset.returncode, unset.stdout) == (1, "")

    unknown = switchboard("config", "get", "settings.colour", config=config)
    assert unknown.returncode == 2
    assert "unknown key 'settings.colour'" in unknown.stderr
    assert "log_level" in unknown.stderr  # names what the table has

    nobody = switchboard("config", "get", "profiles.home.models.default", config=config)
    assert nobody.returncode == 2
    assert "no entry named 'home' in profiles (configured: work)" in nobody.stderr


# -- set -------------------------------------------------------------------------------------


def test_set_changes_one_value_and_keeps_the_comments(config: Path) -> None:
    result = switchboard("config", "set", "settings.log_level", "DEBUG", config=config)

    assert result.returncode == 0, result.stderr
    assert '"INFO" -> "DEBUG"' in result.stdout
    text = config.read_text(encoding="utf-8")
    assert parse_config(text).settings.log_level == "DEBUG"
    assert "# My Switchboard config, written by hand." in text
    assert "# cheap and good" in text
    assert "# the usual port" in text


def test_set_reads_toml_values_and_routes(config: Path) -> None:
    port = switchboard("config", "set", "settings.port", "18000", config=config)
    route = switchboard(
        "config",
        "set",
        "profiles.work.models.sonnet",
        '["deepseek/deepseek-reasoner", "local/qwen3"]',
        config=config,
    )
    title = switchboard("config", "set", "providers.local.headers.X-Title", "2024", config=config)

    assert (port.returncode, route.returncode, title.returncode) == (0, 0, 0), route.stderr
    saved = parse_config(config.read_text(encoding="utf-8"))
    assert saved.settings.port == 18000
    work = saved.profile("work")
    assert work is not None and work.models.sonnet == ["deepseek/deepseek-reasoner", "local/qwen3"]
    local = saved.provider("local")
    assert local is not None and local.headers["X-Title"] == "2024"  # text field: the text


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("settings.port", "not-a-number", "valid integer"),
        ("settings.port", "70000", "less than or equal to 65535"),
        ("settings.log_level", "LOUD", "'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
        ("settings.colour", "blue", "unknown key 'settings.colour'"),
        ("profiles.home.models.default", "deepseek/x", "no entry named 'home'"),
        ("profiles.work.models.default", "nosuch/model", "unknown provider 'nosuch'"),
        ("settings.port.number", "1", "is a value, not a table"),
    ],
)
def test_set_refuses_bad_input_with_status_2_and_writes_nothing(
    config: Path, key: str, value: str, message: str
) -> None:
    before = config.read_bytes()
    result = switchboard("config", "set", key, value, config=config)

    assert result.returncode == 2
    assert message in result.stderr
    assert "nothing written" in result.stderr
    assert config.read_bytes() == before
    assert not list(config.parent.glob("*.bak*"))


def test_set_on_a_missing_config_says_so(tmp_path: Path) -> None:
    result = switchboard("config", "set", "settings.port", "1", config=tmp_path / "none.toml")
    assert result.returncode == 1
    assert "no config file here" in result.stderr
    assert not (tmp_path / "none.toml").exists()


# -- export ----------------------------------------------------------------------------------


def test_export_leaves_secrets_out_by_default(config: Path) -> None:
    for fmt in ("toml", "json"):
        result = switchboard("config", "export", "--format", fmt, config=config)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout) if fmt == "json" else tomllib.loads(result.stdout)
        assert "sk-literal-secret-123" not in result.stdout
        assert "tok-in-header" not in result.stdout
        assert "tok-in-env" not in result.stdout
        local = next(p for p in data["providers"] if p["name"] == "local")
        assert "api_key" not in local
        assert local["headers"] == {"X-Title": "mine"}
        deepseek = next(p for p in data["providers"] if p["name"] == "deepseek")
        assert deepseek["api_key"] == "env:SAMPLE_DEEPSEEK_KEY"  # a reference is no secret
        assert data["profiles"][0]["env"] == {"API_TIMEOUT_MS": "600000"}
        Config.model_validate(data)  # still a config
        assert "providers.local.api_key" in result.stderr
        assert "--with-secrets" in result.stderr


def test_export_with_secrets_resolves_references(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "export" / "shared.json"
    result = switchboard(
        "config",
        "export",
        "--format",
        "json",
        "--with-secrets",
        "-o",
        str(out),
        config=config,
        env={"SAMPLE_DEEPSEEK_KEY": "sk-from-the-environment"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    keys = {p["name"]: p["api_key"] for p in data["providers"]}
    assert keys == {"deepseek": "sk-from-the-environment", "local": "sk-literal-secret-123"}
    assert data["profiles"][0]["env"]["MY_SECRET_TOKEN"] == "tok-in-env"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- edit ------------------------------------------------------------------------------------

EDITOR = textwrap.dedent(
    """\
    import pathlib, sys
    path = pathlib.Path(sys.argv[-1])
    steps = pathlib.Path(sys.argv[1])
    done = int(steps.read_text()) if steps.exists() else 0
    steps.write_text(str(done + 1))
    replacements = sys.argv[2:-1][done].split("=>")
    path.write_text(path.read_text().replace(replacements[0], replacements[1]))
    """
)


def _editor(tmp_path: Path, *steps: str) -> dict[str, str]:
    """$EDITOR: a real program that applies one `old=>new` replacement per run."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    words = [sys.executable, str(script), str(tmp_path / "editor-runs"), *steps]
    return {"EDITOR": " ".join(f"'{w}'" for w in words), "VISUAL": ""}


def test_edit_saves_a_valid_edit_with_its_comments(config: Path, tmp_path: Path) -> None:
    env = _editor(tmp_path, 'log_level = "INFO"=>log_level = "WARNING"  # quieter')
    result = switchboard("config", "edit", config=config, env=env)

    assert result.returncode == 0, result.stderr
    assert "saved" in result.stdout
    text = config.read_text(encoding="utf-8")
    assert 'log_level = "WARNING"  # quieter' in text
    assert text == SAMPLE.replace('log_level = "INFO"', 'log_level = "WARNING"  # quieter')
    assert not list(config.parent.glob("*.edit.toml"))


def test_edit_refuses_a_broken_result_keeps_the_old_file_and_the_edit(
    config: Path, tmp_path: Path
) -> None:
    env = _editor(
        tmp_path,
        "port = 17355=>port = 99999999",
        "port = 99999999=>port = 18001",
    )
    broken = switchboard("config", "edit", config=config, env=env)

    assert broken.returncode == 2
    assert "does not load" in broken.stderr
    assert "settings.port" in broken.stderr
    assert config.read_text(encoding="utf-8") == SAMPLE
    draft = config.with_name("config.edit.toml")
    assert "port = 99999999" in draft.read_text(encoding="utf-8")

    # The next edit starts from the kept draft, not from scratch.
    fixed = switchboard("config", "edit", config=config, env=env)
    assert fixed.returncode == 0, fixed.stderr
    assert "continuing your earlier edit" in fixed.stderr
    assert parse_config(config.read_text(encoding="utf-8")).settings.port == 18001
    assert not draft.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_edit_in_a_terminal_offers_to_edit_again(config: Path, tmp_path: Path) -> None:
    env = _editor(
        tmp_path,
        'log_level = "INFO"=>log_level = "LOUD"',
        'log_level = "LOUD"=>log_level = "ERROR"',
    )
    terminal = Terminal(
        [sys.executable, "-m", "app", "--config", str(config), "config", "edit"],
        env={**os.environ, **env},
    )
    terminal.expect("does not load")
    terminal.expect("[e]dit again or [k]eep the old file?")
    terminal.send("e")
    terminal.expect("saved")

    assert terminal.finish() == 0
    assert parse_config(config.read_text(encoding="utf-8")).settings.log_level == "ERROR"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_edit_in_a_terminal_can_keep_the_old_file(config: Path, tmp_path: Path) -> None:
    env = _editor(tmp_path, "[settings]=>[settings")
    terminal = Terminal(
        [sys.executable, "-m", "app", "--config", str(config), "config", "edit"],
        env={**os.environ, **env},
    )
    terminal.expect("TOML syntax error")
    terminal.expect("[e]dit again or [k]eep the old file?")
    terminal.send("k")
    terminal.expect("kept the old")

    assert terminal.finish() == 2
    assert config.read_text(encoding="utf-8") == SAMPLE


def test_edit_with_no_change_writes_nothing(config: Path, tmp_path: Path) -> None:
    before = config.stat().st_mtime_ns
    result = switchboard("config", "edit", config=config, env=_editor(tmp_path, "zzz=>zzz"))
    assert result.returncode == 0
    assert "no changes" in result.stdout
    assert config.stat().st_mtime_ns == before


def test_edit_when_the_editor_fails_changes_nothing(config: Path, tmp_path: Path) -> None:
    env = {"EDITOR": f"'{sys.executable}' -c 'raise SystemExit(3)'", "VISUAL": ""}
    result = switchboard("config", "edit", config=config, env=env)
    assert result.returncode == 1
    assert "exited with status 3" in result.stderr
    assert config.read_text(encoding="utf-8") == SAMPLE
