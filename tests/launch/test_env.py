"""The environment a profile gives Claude Code (PROTOCOL.md, Launch environment)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.config.secrets import local_token
from app.config.store import LoadedConfig, load_config
from app.errors import ConfigError
from app.launch.claude import LaunchError
from app.launch.env import BYPASSING, external_program_env, profile_environment
from tests.launch.fakes import TRICKY, write_config


def test_mixed_profile_sets_every_variable_and_removes_the_api_key(loaded: LoadedConfig) -> None:
    changes = profile_environment(loaded, "mixed", base_env={})
    port = loaded.config.settings.port
    config_dir = loaded.path.parent
    assert changes.values == {
        "ANTHROPIC_BASE_URL": f"http://127.0.0.1:{port}/proxy/mixed",
        "ANTHROPIC_AUTH_TOKEN": local_token(config_dir),
        "ANTHROPIC_MODEL": "deepseek-chat@default",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "deepseek-lite@haiku",
        "ANTHROPIC_DEFAULT_SONNET_MODEL": "deepseek-chat@sonnet",
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-1@opus",
        "ANTHROPIC_SMALL_FAST_MODEL": "deepseek-lite@haiku",
        "CLAUDE_CONFIG_DIR": str(config_dir / "claude" / "mixed"),
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS": "1",
        "EXTRA_VAR": TRICKY,
    }
    assert changes.unset == ("ANTHROPIC_API_KEY", *BYPASSING, "DS_KEY", "ANTH_KEY")
    assert changes.warnings == ()
    own_dir = config_dir / "claude" / "mixed"
    assert own_dir.is_dir() and stat.S_IMODE(own_dir.stat().st_mode) == 0o700


def test_applied_environment_drops_the_inherited_api_key(loaded: LoadedConfig) -> None:
    inherited = {"ANTHROPIC_API_KEY": "sk-real-upstream-key", "PATH": "/bin", "LANG": "C.UTF-8"}
    env = profile_environment(loaded, "mixed", base_env=inherited).applied_to(inherited)
    assert "ANTHROPIC_API_KEY" not in env
    assert env["PATH"] == "/bin" and env["LANG"] == "C.UTF-8"
    assert env["ANTHROPIC_AUTH_TOKEN"] == local_token(loaded.path.parent)


def test_variables_that_hold_provider_keys_never_reach_claude(tmp_path: Path) -> None:
    """`api_key = "env:NAME"`: a model that runs `env` in a Bash tool must not read NAME."""
    path = write_config(tmp_path / "config.toml", 4567)
    text = path.read_text(encoding="utf-8")
    text += '\n[[providers]]\nname = "off"\nkind = "openai-chat"\nenabled = false\n'
    text += 'base_url = "https://off.example/v1"\napi_key = "env:OFF_KEY"\n'
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    inherited = {
        "DS_KEY": "sk-deepseek-secret",
        "ANTH_KEY": "sk-ant-secret",
        "OFF_KEY": "sk-disabled-secret",  # a disabled provider's key is a key all the same
        "PATH": "/bin",
    }
    for profile in ("mixed", "native", "shared"):  # whichever providers the profile uses
        env = profile_environment(loaded, profile, base_env=inherited).applied_to(inherited)
        assert not {"DS_KEY", "ANTH_KEY", "OFF_KEY"} & env.keys()
        assert env["PATH"] == "/bin"


def test_a_key_variable_the_profile_sets_itself_is_kept(tmp_path: Path) -> None:
    path = write_config(tmp_path / "config.toml", 4567)
    text = path.read_text(encoding="utf-8").replace(
        "env = {", 'env = { DS_KEY = "given on purpose", '
    )
    path.write_text(text, encoding="utf-8")
    changes = profile_environment(load_config(path), "mixed", base_env={})
    assert changes.values["DS_KEY"] == "given on purpose"
    assert changes.unset == ("ANTHROPIC_API_KEY", *BYPASSING, "ANTH_KEY")


def test_anthropic_only_profile_keeps_nonessential_traffic(loaded: LoadedConfig) -> None:
    values = profile_environment(loaded, "native", base_env={}).values
    assert "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC" not in values
    assert "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS" not in values
    assert values["ANTHROPIC_MODEL"] == "claude-sonnet-4-5@default"
    assert values["ANTHROPIC_DEFAULT_OPUS_MODEL"] == "claude-sonnet-4-5@opus"  # falls back


def test_shared_profile_leaves_claude_config_dir_alone(loaded: LoadedConfig) -> None:
    values = profile_environment(loaded, "shared", base_env={}).values
    assert "CLAUDE_CONFIG_DIR" not in values
    assert values["ANTHROPIC_MODEL"] == "default@default"  # `anth/*`: the slot name is shown


def test_model_option_replaces_only_the_main_model(loaded: LoadedConfig) -> None:
    values = profile_environment(loaded, "mixed", model="deepseek-reasoner", base_env={}).values
    assert values["ANTHROPIC_MODEL"] == "deepseek-reasoner"
    assert values["ANTHROPIC_DEFAULT_HAIKU_MODEL"] == "deepseek-lite@haiku"


@pytest.mark.parametrize(
    ("host", "expected"),
    [("0.0.0.0", "127.0.0.1"), ("::", "127.0.0.1"), ("::1", "[::1]"), ("127.0.0.2", "127.0.0.2")],
)
def test_base_url_host(tmp_path: Path, host: str, expected: str) -> None:
    loaded = load_config(write_config(tmp_path / "config.toml", 4567, host=host))
    values = profile_environment(loaded, "native", base_env={}).values
    assert values["ANTHROPIC_BASE_URL"] == f"http://{expected}:4567/proxy/native"


def test_configured_claude_config_dir_is_relative_to_the_config(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", 4567)
    config.write_text(
        config.read_text().replace('name = "native"', 'name = "native"\nclaude_config_dir = "cc"')
    )
    values = profile_environment(load_config(config), "native", base_env={}).values
    assert values["CLAUDE_CONFIG_DIR"] == str(tmp_path / "cc")
    assert (tmp_path / "cc").is_dir()


def test_settings_json_env_block_that_overrides_is_reported(loaded: LoadedConfig) -> None:
    own_dir = loaded.path.parent / "claude" / "mixed"
    own_dir.mkdir(parents=True)
    settings = own_dir / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "env": {
                    "ANTHROPIC_BASE_URL": "https://elsewhere",
                    "ANTHROPIC_API_KEY": "k",
                    "ANTHROPIC_CUSTOM_HEADERS": "x: y",
                    "MY_TOOL_FLAG": "1",
                }
            }
        )
    )
    warnings = profile_environment(loaded, "mixed", base_env={}).warnings
    assert len(warnings) == 1
    said = str(warnings[0])
    assert str(settings) in said
    assert "ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_CUSTOM_HEADERS" in said
    assert "MY_TOOL_FLAG" not in said


def test_shared_profile_checks_the_inherited_claude_config_dir(
    loaded: LoadedConfig, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "their-claude"
    elsewhere.mkdir()
    (elsewhere / "settings.json").write_text('{"env": {"ANTHROPIC_MODEL": "opus"}}')
    changes = profile_environment(loaded, "shared", base_env={"CLAUDE_CONFIG_DIR": str(elsewhere)})
    assert len(changes.warnings) == 1 and "ANTHROPIC_MODEL" in str(changes.warnings[0])


def test_an_unreadable_settings_json_is_no_error(loaded: LoadedConfig) -> None:
    own_dir = loaded.path.parent / "claude" / "native"
    own_dir.mkdir(parents=True)
    (own_dir / "settings.json").write_text("{not json")
    assert profile_environment(loaded, "native", base_env={}).warnings == ()


def test_no_proxy_keeps_local_calls_off_the_users_http_proxy(loaded: LoadedConfig) -> None:
    base = {"https_proxy": "http://corp:3128", "NO_PROXY": "intranet.example"}
    values = profile_environment(loaded, "native", base_env=base).values
    assert values["NO_PROXY"] == "intranet.example,127.0.0.1,localhost"
    assert "no_proxy" not in values
    lower = profile_environment(loaded, "native", base_env={"HTTP_PROXY": "x", "no_proxy": "a"})
    assert lower.values["no_proxy"] == lower.values["NO_PROXY"] == "a,127.0.0.1,localhost"
    assert "NO_PROXY" not in profile_environment(loaded, "native", base_env={}).values


def test_unknown_profile_names_the_known_ones(loaded: LoadedConfig) -> None:
    with pytest.raises(LaunchError, match="no profile named 'nope' \\(profiles: mixed, native"):
        profile_environment(loaded, "nope", base_env={})


@pytest.mark.parametrize("name", ["BAD-NAME", "EXTRA_VAR\\n", "1ST"])
def test_invalid_variable_name_in_profile_env_is_refused_at_load(tmp_path: Path, name: str) -> None:
    config = write_config(tmp_path / "config.toml", 4567)
    config.write_text(config.read_text().replace("EXTRA_VAR", f'"{name}"'))
    with pytest.raises(ConfigError, match="is not an environment variable name"):
        load_config(config)


def test_external_program_env_undoes_the_bundles_library_path() -> None:
    bundle = "/opt/switchboard/_internal"
    frozen = {
        "LD_LIBRARY_PATH": f"{bundle}:/usr/local/lib",
        "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
        "PATH": f"{bundle}/bin:/usr/bin",
        "QT_PLUGIN_PATH": f"{bundle}/PySide6/Qt/plugins",
        "HOME": "/home/u",
    }
    assert external_program_env(frozen, bundle) == {
        "LD_LIBRARY_PATH": "/usr/local/lib",
        "PATH": "/usr/bin",
        "HOME": "/home/u",
    }
    assert external_program_env({"LD_LIBRARY_PATH": f"{bundle}"}, bundle) == {}


def test_external_program_env_from_source_changes_nothing() -> None:
    env = {"LD_LIBRARY_PATH": "/x", "PATH": "/usr/bin"}
    assert external_program_env(env) == env


def test_shell_variables_that_would_bend_the_launch_are_removed_or_reported(
    loaded: LoadedConfig,
) -> None:
    inherited = {
        "CLAUDE_CODE_USE_BEDROCK": "1",  # would send Claude Code to Bedrock, around the proxy
        "ANTHROPIC_CUSTOM_HEADERS": "X-Team: a",
        "ANTHROPIC_MODEL": "claude-from-my-shell",  # replaced by the launch: no warning
        "PATH": "/bin",
    }
    changes = profile_environment(loaded, "mixed", base_env=inherited)
    env = changes.applied_to(inherited)
    assert "CLAUDE_CODE_USE_BEDROCK" not in env
    assert env["ANTHROPIC_MODEL"] == "deepseek-chat@default"
    assert tuple(str(w) for w in changes.warnings) == (
        "your environment sets ANTHROPIC_CUSTOM_HEADERS, which Claude Code will also use with "
        "this profile; unset them in your shell if they are not meant for it",
    )
