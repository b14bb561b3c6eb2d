"""`switchboard import FILE` on sample configs of claude-code-router, claudex, claude-code-mux
and Claude Code's settings.json (tests/data/imports), as real processes, keys in a real
keyring (run under .ci/with_keyring)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import anthropic
import keyring
import pytest

from app.config.schema import Config
from app.config.secrets import SERVICE, delete_secret, has_real_keyring
from app.config.store import parse_config
from tests.support.cli import switchboard
from tests.support.proxy import TOKEN
from tests.support.threaded import running_stack

SAMPLES = Path(__file__).parents[1] / "data" / "imports"
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
SAMPLE_KEYS = (
    "sk-or-sample-openrouter-key",
    "AIza-sample-gemini-key",
    "xai-sample-grok-key",
    "zai-sample-key",
    "sk-sample-kimi-key",
    "sk-sample-moonshot-token",
)


@pytest.fixture
def real_keyring() -> Iterator[list[str]]:
    """Keyring entry names to remove afterwards. Fails (never skips) without a real keyring:
    run the suite under .ci/with_keyring."""
    if not has_real_keyring():
        pytest.fail(f"no real keyring backend ({keyring.get_keyring()!r}): use .ci/with_keyring")
    names: list[str] = []
    yield names
    for name in names:
        delete_secret(name)


def _saved(config: Path) -> Config:
    return parse_config(config.read_text(encoding="utf-8"))


def _no_key_in(*texts: str) -> None:
    for key in SAMPLE_KEYS:
        assert all(key not in text for text in texts), key


# -- claude-code-router ----------------------------------------------------------------------


def test_ccr_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    config = tmp_path / "switchboard" / "config.toml"
    result = switchboard("import", str(SAMPLES / "ccr-config.json"), "--dry-run", config=config)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "From claude-code-router config.json" in out
    assert (
        "+ provider deepseek: openai-chat https://api.deepseek.com; key: env:DEEPSEEK_API_KEY"
        in out
    )
    assert "+ provider openrouter: openai-chat https://openrouter.ai/api/v1" in out
    assert "+ profile ccr:" in out
    assert "long context (over 80000 tokens): openrouter/google/gemini-2.5-pro-preview" in out
    assert "transformers tooluse are not carried over" in out
    assert "Router.think serves requests with an explicit thinking budget" in out
    assert "dry run: nothing written" in out
    _no_key_in(out, result.stderr)
    assert not config.parent.exists()  # not even a default config


def test_ccr_dry_run_leaves_an_existing_config_alone(tmp_path: Path) -> None:
    config = tmp_path / "switchboard" / "config.toml"
    config.parent.mkdir()
    config.write_text("[settings]\nport = 18000  # mine\n", encoding="utf-8")
    before = config.read_bytes()
    result = switchboard("import", str(SAMPLES / "ccr-config.json"), "--dry-run", config=config)

    assert result.returncode == 0, result.stderr
    assert config.read_bytes() == before
    assert sorted(p.name for p in config.parent.iterdir()) == ["config.toml"]


def test_ccr_import_converts_providers_and_router(tmp_path: Path, real_keyring: list[str]) -> None:
    config = tmp_path / "config.toml"
    real_keyring += ["openrouter", "ollama", "gemini"]
    result = switchboard("import", str(SAMPLES / "ccr-config.json"), "--default", config=config)

    assert result.returncode == 0, result.stderr
    saved = _saved(config)
    by_name = {p.name: p for p in saved.providers}
    assert {n: (p.kind, p.base_url) for n, p in by_name.items()} == {
        "openrouter": ("openai-chat", "https://openrouter.ai/api/v1"),
        "deepseek": ("openai-chat", "https://api.deepseek.com"),
        "ollama": ("openai-chat", "http://localhost:11434/v1"),
        # Gemini's native API (thought signatures survive tool calls), not its OpenAI shim
        "gemini": ("gemini", "https://generativelanguage.googleapis.com/v1beta"),
    }
    assert by_name["openrouter"].preset == "openrouter"
    assert by_name["deepseek"].preset == "deepseek"  # its /v1 twin is in the catalogue
    assert by_name["deepseek"].api_key == "env:DEEPSEEK_API_KEY"
    assert by_name["openrouter"].api_key == "keyring:openrouter"
    assert keyring.get_password(SERVICE, "openrouter") == "sk-or-sample-openrouter-key"
    assert keyring.get_password(SERVICE, "gemini") == "AIza-sample-gemini-key"

    ccr = saved.profile("ccr")
    assert ccr is not None
    assert ccr.models.default == ["deepseek/deepseek-chat"]
    routing = ccr.routing
    assert routing.background is not None
    assert routing.background.route == ["ollama/qwen2.5-coder:latest"]
    assert routing.thinking is not None
    assert routing.thinking.route == ["deepseek/deepseek-reasoner"]
    assert routing.long_context is not None
    assert routing.long_context.route == ["openrouter/google/gemini-2.5-pro-preview"]
    assert routing.long_context.threshold == 80000
    assert routing.web_search is not None
    assert routing.web_search.route == ["gemini/gemini-2.5-flash"]
    assert saved.settings.default_profile == "ccr"
    _no_key_in(config.read_text(encoding="utf-8"), result.stdout, result.stderr)


def test_ccr_import_twice_renames_what_is_taken(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    sample = str(SAMPLES / "ccr-config.json")
    first = switchboard("import", sample, "--no-keys", config=config)
    second = switchboard("import", sample, "--no-keys", config=config)

    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    assert "renamed from deepseek" in second.stdout
    saved = _saved(config)
    assert [p.name for p in saved.profiles] == ["ccr", "ccr-2"]
    again = saved.profile("ccr-2")
    assert again is not None and again.models.default == ["deepseek-2/deepseek-chat"]
    assert again.routing.background is not None
    assert again.routing.background.route == ["ollama-2/qwen2.5-coder:latest"]


# -- claudex ---------------------------------------------------------------------------------


def test_claudex_import_turns_each_profile_into_a_provider_and_a_profile(
    tmp_path: Path, real_keyring: list[str]
) -> None:
    entry = f"sbtest-claudex-{uuid.uuid4().hex[:8]}"
    keyring.set_password("claudex", entry, "sk-from-claudex-keyring")
    sample = tmp_path / "claudex.toml"
    text = (SAMPLES / "claudex-config.toml").read_text(encoding="utf-8")
    sample.write_text(text.replace("KEYRING_ENTRY", entry), encoding="utf-8")
    config = tmp_path / "config.toml"
    real_keyring += ["grok", "deepseek", "azure-openai"]
    try:
        result = switchboard("import", str(sample), config=config)
    finally:
        keyring.delete_password("claudex", entry)

    assert result.returncode == 0, result.stderr
    saved = _saved(config)
    assert [p.name for p in saved.providers] == [
        "grok",
        "deepseek",
        "minimax",
        "azure-openai",
        "codex-sub",
    ]
    minimax = saved.provider("minimax")
    assert minimax is not None
    assert (minimax.kind, minimax.enabled, minimax.headers) == (
        "anthropic",
        False,
        {"X-Team": "core"},
    )
    azure = saved.provider("azure-openai")
    assert azure is not None and azure.query == {"api-version": "2024-12-01-preview"}
    codex = saved.provider("codex-sub")
    assert codex is not None and codex.kind == "openai-responses" and codex.api_key is None
    assert "used claudex's openai login: not imported" in result.stdout
    assert keyring.get_password(SERVICE, "grok") == "xai-sample-grok-key"
    assert keyring.get_password(SERVICE, "deepseek") == "sk-from-claudex-keyring"

    grok = saved.profile("grok")
    assert grok is not None
    assert grok.models.default == ["grok/grok-3-beta", "deepseek/deepseek-chat"]  # backup
    deepseek = saved.profile("deepseek")
    assert deepseek is not None
    assert deepseek.models.haiku == ["deepseek/deepseek-chat"]
    assert deepseek.models.opus == ["deepseek/deepseek-reasoner"]
    assert deepseek.env == {"API_TIMEOUT_MS": "600000"}
    _no_key_in(config.read_text(encoding="utf-8"), result.stdout, result.stderr)


# -- claude-code-mux -------------------------------------------------------------------------


def test_ccm_import_maps_models_by_priority_and_the_router(
    tmp_path: Path, real_keyring: list[str]
) -> None:
    config = tmp_path / "config.toml"
    real_keyring += ["zai", "kimi"]
    result = switchboard("import", str(SAMPLES / "ccm-config.toml"), config=config)

    assert result.returncode == 0, result.stderr
    saved = _saved(config)
    zai = saved.provider("zai")
    assert zai is not None
    assert (zai.kind, zai.base_url, zai.preset) == (
        "anthropic",
        "https://api.z.ai/api/anthropic",
        "zai-anthropic",
    )
    openrouter = saved.provider("openrouter")
    assert openrouter is not None and openrouter.api_key == "env:OPENROUTER_API_KEY"
    kimi = saved.provider("kimi")
    assert kimi is not None and kimi.base_url == "https://api.moonshot.ai/v1"
    gemini = saved.provider("gemini")  # Gemini's native API, not its OpenAI shim
    assert gemini is not None
    assert (gemini.kind, gemini.preset) == ("gemini", "google-gemini")
    assert keyring.get_password(SERVICE, "zai") == "zai-sample-key"
    assert "used a ccm login: not imported" in result.stdout

    ccm = saved.profile("ccm")
    assert ccm is not None
    assert ccm.models.default == ["zai/glm-4.6", "openrouter/z-ai/glm-4.6"]  # priority order
    routing = ccm.routing
    assert routing.thinking is not None
    assert routing.thinking.route == ["kimi/kimi-k2-thinking"]  # from the provider's model list
    assert routing.background is not None
    assert routing.background.route == ["zai/glm-4.5-air"]
    assert routing.background.model_pattern == "(?i)claude.*haiku"
    assert routing.web_search is not None
    assert routing.web_search.route == ["zai/glm-4.6", "openrouter/z-ai/glm-4.6"]


# -- Claude Code settings.json ---------------------------------------------------------------


def test_claude_settings_env_block_becomes_an_anthropic_provider(
    tmp_path: Path, real_keyring: list[str]
) -> None:
    config = tmp_path / "config.toml"
    real_keyring.append("moonshot")
    result = switchboard(
        "import",
        str(SAMPLES / "claude-settings.json"),
        "--profile-name",
        "moonshot",
        config=config,
    )

    assert result.returncode == 0, result.stderr
    saved = _saved(config)
    (provider,) = saved.providers
    real_keyring.append(provider.name)
    assert (provider.kind, provider.base_url, provider.auth, provider.preset) == (
        "anthropic",
        "https://api.moonshot.ai/anthropic",
        "bearer",
        "kimi-anthropic",
    )
    assert keyring.get_password(SERVICE, provider.name) == "sk-sample-moonshot-token"
    profile = saved.profile("moonshot")
    assert profile is not None
    assert profile.models.default == [f"{provider.name}/kimi-k2-turbo-preview"]
    assert profile.models.haiku == [f"{provider.name}/kimi-k2-turbo-preview"]
    assert profile.env == {
        "API_TIMEOUT_MS": "3000000",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    }


def test_claude_settings_without_anthropic_variables_is_refused(tmp_path: Path) -> None:
    sample = tmp_path / "settings.json"
    sample.write_text('{"env": {"DISABLE_TELEMETRY": "1"}}', encoding="utf-8")
    result = switchboard("import", str(sample), config=tmp_path / "config.toml")
    assert result.returncode == 2
    assert "sets no ANTHROPIC_* variable" in result.stderr
    assert not (tmp_path / "config.toml").exists()


def test_claude_settings_already_on_switchboard_is_refused(tmp_path: Path) -> None:
    sample = tmp_path / "settings.json"
    sample.write_text(
        '{"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:17355/proxy/work"}}', encoding="utf-8"
    )
    result = switchboard("import", str(sample), config=tmp_path / "config.toml")
    assert result.returncode == 2
    assert "already points Claude Code at a Switchboard proxy" in result.stderr


# -- keys without a keyring ------------------------------------------------------------------


def test_without_a_keyring_keys_go_only_where_the_user_says(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    sample = str(SAMPLES / "ccr-config.json")

    refused = switchboard("import", sample, config=config, env=NO_KEYRING)
    assert refused.returncode == 2
    assert "no usable OS keyring" in refused.stderr
    assert "--keys-in-file" in refused.stderr and "--no-keys" in refused.stderr
    assert not config.exists()

    dry = switchboard("import", sample, "--dry-run", config=config, env=NO_KEYRING)
    assert dry.returncode == 0
    assert "no usable keyring here" in dry.stdout

    none = switchboard("import", sample, "--no-keys", config=config, env=NO_KEYRING)
    assert none.returncode == 0, none.stderr
    openrouter = _saved(config).provider("openrouter")
    assert openrouter is not None and openrouter.api_key is None
    _no_key_in(config.read_text(encoding="utf-8"))

    config.unlink()
    in_file = switchboard("import", sample, "--keys-in-file", config=config, env=NO_KEYRING)
    assert in_file.returncode == 0, in_file.stderr
    openrouter = _saved(config).provider("openrouter")
    assert openrouter is not None and openrouter.api_key == "sk-or-sample-openrouter-key"


# -- bad input -------------------------------------------------------------------------------


def test_bad_files_are_refused_with_status_2(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    unknown = tmp_path / "other.json"
    unknown.write_text('{"something": "else"}', encoding="utf-8")
    garbage = tmp_path / "garbage.txt"
    garbage.write_text("this is not a config {", encoding="utf-8")

    for path, message in (
        (tmp_path / "missing.json", "cannot read"),
        (unknown, "is none of"),
        (garbage, "neither TOML nor JSON"),
    ):
        result = switchboard("import", str(path), config=config)
        assert result.returncode == 2, path
        assert message in result.stderr
        assert "nothing written" in result.stderr
    assert not config.exists()


def test_a_taken_profile_name_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    sample = SAMPLES / "ccm-config.toml"
    assert switchboard("import", str(sample), "--no-keys", config=config).returncode == 0
    before = config.read_bytes()

    result = switchboard("import", str(sample), "--no-keys", "--profile-name", "ccm", config=config)
    assert result.returncode == 2
    assert "a profile named 'ccm' exists" in result.stderr
    assert config.read_bytes() == before


# -- the imported config serves for real -----------------------------------------------------


def test_an_imported_ccr_config_serves_claude_code_requests(tmp_path: Path) -> None:
    """The endpoint URLs claude-code-router wants become API roots the dialects extend."""
    config = tmp_path / "config.toml"

    def imported(anthropic_url: str, chat_url: str) -> dict[str, object]:
        sample = tmp_path / "ccr.json"
        providers = [
            {
                "name": "loop",
                "api_base_url": f"{chat_url}/chat/completions",
                "api_key": "sk-loop-key",
                "models": ["loop-model"],
            },
            {
                "name": "claude",
                "api_base_url": f"{anthropic_url}/v1/messages",
                "api_key": "sk-ant-loop-key",
                "models": ["claude-loop"],
                "transformer": {"use": ["Anthropic"]},
            },
        ]
        router = {"default": "loop,loop-model", "think": "claude,claude-loop"}
        sample.write_text(json.dumps({"Providers": providers, "Router": router}), "utf-8")
        result = switchboard("import", str(sample), "--keys-in-file", config=config)
        assert result.returncode == 0, result.stderr
        return _saved(config).model_dump(mode="json")

    with running_stack(imported, TOKEN) as (server, upstream, chat, _):
        client = anthropic.Anthropic(
            base_url=f"http://127.0.0.1:{server.port}/proxy/ccr", api_key=TOKEN
        )
        plain = client.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=64,
            messages=[{"role": "user", "content": "hi"}],
        )
        thinking = client.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=2048,
            thinking={"type": "enabled", "budget_tokens": 1024},
            messages=[{"role": "user", "content": "think"}],
        )

    assert plain.content and thinking.content
    assert [r["model"] for r in chat.requests] == ["loop-model"]
    assert chat.headers[0]["Authorization"] == "Bearer sk-loop-key"
    assert [r.body["model"] for r in upstream.requests] == ["claude-loop"]
    assert upstream.requests[0].headers["x-api-key"] == "sk-ant-loop-key"
