"""The provider catalogue: it loads, every entry is usable, lookups layer as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config.presets import (
    Preset,
    chat_quirks,
    find_presets,
    gemini_options,
    load_catalogue,
    model_spec,
    preset_for,
    preset_to_provider,
    responses_quirks,
)
from app.config.schema import SLOTS, Config, ModelSpec, Profile, Provider, SlotModels
from app.errors import ConfigError
from app.translate.quirks import GEMINI_SCHEMA_DROP, ChatQuirks, ResponsesQuirks

VENDORS = {
    # Chat Completions
    "openai",
    "azure-openai",
    "deepseek",
    "kimi",
    "zai",
    "bigmodel",
    "xai",
    "groq",
    "mistral",
    "together",
    "fireworks",
    "deepinfra",
    "cerebras",
    "openrouter",
    "perplexity",
    "nebius",
    "novita",
    "siliconflow",
    "qwen",
    "qwen-cn",
    "minimax",
    "gemini",
    "ollama",
    "lmstudio",
    "vllm",
    # Gemini (native)
    "google-gemini",
    # Anthropic-native
    "anthropic",
    "minimax-anthropic",
    "kimi-anthropic",
    "zai-anthropic",
    "bigmodel-anthropic",
    "deepseek-anthropic",
    "openrouter-anthropic",
}

CATALOGUE = load_catalogue()


def test_catalogue_lists_every_vendor() -> None:
    assert len(CATALOGUE) >= 20
    assert sorted(VENDORS - CATALOGUE.keys()) == []
    assert all(preset.id == key for key, preset in CATALOGUE.items())


@pytest.mark.parametrize("preset", CATALOGUE.values(), ids=CATALOGUE.keys())
def test_every_quirk_set_builds(preset: Preset) -> None:
    if preset.kind == "gemini":  # the native dialect's own options, per model
        provider = preset_to_provider(preset)
        for model in preset.models:
            assert gemini_options(provider, model).source == provider.name
        return
    quirks_type = ResponsesQuirks if preset.kind == "openai-responses" else ChatQuirks
    assert isinstance(quirks_type.from_mapping(preset.quirks), quirks_type)
    for spec in preset.models.values():
        assert isinstance(quirks_type.from_mapping(preset.quirks, spec.quirks), quirks_type)


@pytest.mark.parametrize("preset", CATALOGUE.values(), ids=CATALOGUE.keys())
def test_every_preset_makes_a_provider_a_profile_can_use(preset: Preset) -> None:
    provider = preset_to_provider(preset, api_key=f"keyring:{preset.id}")
    model = next(iter(preset.models), "*")
    slots = {slot: f"{provider.name}/{preset.default_models.get(slot, model)}" for slot in SLOTS}
    profile = Profile(name="p", models=SlotModels.model_validate(slots))

    config = Config.model_validate(
        {"providers": [provider.model_dump()], "profiles": [profile.model_dump()]}
    )

    assert config.providers[0].base_url == preset.base_url
    assert config.providers[0].auth_style == preset.auth
    assert preset_for(config.providers[0]) is CATALOGUE[preset.id]
    assert preset.base_url.startswith(("https://", "http://localhost:"))


def test_local_servers_need_no_key_and_remote_ones_do() -> None:
    local = {p.id for p in CATALOGUE.values() if p.auth == "none"}
    assert local == {"ollama", "lmstudio", "vllm"}


def test_azure_base_url_names_the_placeholder_to_fill() -> None:
    azure = CATALOGUE["azure-openai"]
    assert azure.placeholders == ("resource",)
    assert azure.auth == "api-key"
    assert [p.id for p in CATALOGUE.values() if p.placeholders] == ["azure-openai"]


def test_known_provider_differences_are_in_the_catalogue() -> None:
    gemini = chat_quirks(preset_to_provider(CATALOGUE["gemini"]), "gemini-3.8-flash")
    assert gemini.schema_drop_keys == GEMINI_SCHEMA_DROP
    assert gemini.schema_require_type
    deepseek = chat_quirks(preset_to_provider(CATALOGUE["deepseek"]), "deepseek-v4-pro")
    assert deepseek.reasoning_history_field == "reasoning_content"
    openai = chat_quirks(preset_to_provider(CATALOGUE["openai"]), "gpt-6.1-sol")
    assert openai.max_tokens_field == "max_completion_tokens"
    assert openai.system_role == "developer"
    assert openai.reasoning_effort
    responses = responses_quirks(preset_to_provider(CATALOGUE["openai-responses"]), "gpt-6.1-sol")
    assert responses.reasoning and responses.max_output_tokens == 128_000
    assert not responses.stream_only and responses.count_endpoint
    codex = responses_quirks(preset_to_provider(CATALOGUE["chatgpt-codex"]), "gpt-5.5")
    assert codex.stream_only and not codex.count_endpoint
    assert {"temperature", "top_p", "max_output_tokens", "metadata"} <= codex.drop_fields


def test_find_presets_matches_id_name_url_and_models_ignoring_case() -> None:
    assert [p.id for p in find_presets("GROQ")] == ["groq"]
    assert {p.id for p in find_presets("moonshot.ai")} == {"kimi", "kimi-anthropic"}
    assert "fireworks" in {p.id for p in find_presets("glm-5p2")}
    assert [p.id for p in find_presets("z.ai anthropic")] == ["zai-anthropic"]
    assert find_presets("no-such-vendor-anywhere") == []
    assert len(find_presets("")) == len(CATALOGUE)


def test_provider_is_matched_to_a_preset_by_base_url_and_kind() -> None:
    by_url = Provider(name="ds", kind="openai-chat", base_url="https://API.deepseek.com/v1/")
    assert preset_for(by_url) is CATALOGUE["deepseek"]
    # the same URL under another kind is another API, with its own preset
    responses = Provider(name="oa", kind="openai-responses", base_url="https://api.openai.com/v1")
    assert preset_for(responses) is CATALOGUE["openai-responses"]
    anthropic_kind = Provider(name="oa", kind="anthropic", base_url="https://api.openai.com/v1")
    assert preset_for(anthropic_kind) is None
    elsewhere = Provider(name="x", kind="openai-chat", base_url="https://llm.example.com/v1")
    assert preset_for(elsewhere) is None
    assert model_spec(elsewhere, "deepseek-v4-pro") is None


def test_chat_quirks_layer_catalogue_then_provider_then_model() -> None:
    kimi = CATALOGUE["kimi"]
    catalogue_only = chat_quirks(preset_to_provider(kimi), "kimi-k3")
    assert catalogue_only.reasoning_history_field == "reasoning_content"  # preset-wide
    assert catalogue_only.max_tokens_field == "max_completion_tokens"  # preset, this model
    assert catalogue_only.reasoning_effort

    provider = preset_to_provider(kimi)
    provider.quirks = {"reasoning_effort": False, "reasoning_history_field": None}
    provider.models = {"kimi-k3": ModelSpec(quirks={"reasoning_history_field": "reasoning"})}
    layered = chat_quirks(provider, "kimi-k3")
    assert layered.reasoning_effort is False  # provider beats the catalogue's model quirk
    assert layered.reasoning_history_field == "reasoning"  # provider's model beats provider
    assert layered.max_tokens_field == "max_completion_tokens"  # untouched catalogue layer
    other_model = chat_quirks(provider, "kimi-k2.6")
    assert other_model.reasoning_history_field is None
    assert other_model.max_tokens_field == "max_tokens"


def test_max_output_tokens_comes_from_the_effective_model_spec() -> None:
    provider = preset_to_provider(CATALOGUE["deepseek"])
    assert chat_quirks(provider, "deepseek-v4-pro").max_output_tokens == 393_216
    assert chat_quirks(provider, "a-model-nobody-listed").max_output_tokens is None

    provider.models = {"deepseek-v4-pro": ModelSpec(max_output_tokens=8192)}
    assert chat_quirks(provider, "deepseek-v4-pro").max_output_tokens == 8192
    spec = model_spec(provider, "deepseek-v4-pro")
    assert spec is not None
    assert spec.max_output_tokens == 8192
    assert spec.context_window == 1_048_576  # the rest of the catalogue entry survives
    assert spec.input_price == CATALOGUE["deepseek"].models["deepseek-v4-pro"].input_price

    provider.quirks = {"max_output_tokens": 4096}
    assert chat_quirks(provider, "deepseek-v4-pro").max_output_tokens == 4096


def test_unknown_quirk_is_refused_when_the_provider_is_made() -> None:
    with pytest.raises(ValidationError, match=r"quirks.thinktags\n.*unknown quirk 'thinktags' "):
        Provider(
            name="mine", kind="openai-chat", base_url="https://x.test", quirks={"thinktags": True}
        )


def test_chat_quirks_is_cached_until_the_provider_changes() -> None:
    provider = preset_to_provider(CATALOGUE["deepseek"])
    first = chat_quirks(provider, "deepseek-flash")
    assert chat_quirks(provider, "deepseek-flash") is first

    provider.quirks = {"think_tags": True}
    changed = chat_quirks(provider, "deepseek-flash")
    assert changed.think_tags
    assert changed is not first

    twin = preset_to_provider(CATALOGUE["deepseek"])  # equal fields, another object
    assert chat_quirks(twin, "deepseek-flash") == first


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "providers.toml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """
[[presets]]
id = "{id}"
name = "Example"
kind = "openai-chat"
base_url = "{url}"
auth = "bearer"
"""


def test_a_catalogue_with_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    entry = ENTRY.format(id="dup", url="https://a.test/v1")
    with pytest.raises(ConfigError, match="used twice"):
        load_catalogue(_write(tmp_path, entry + entry))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[presets.quirks]\nthink_tag = true\n", "unknown quirk"),
        (
            "[presets.models.m]\nquirks = { bogus = 1 }\n",
            "models.m.quirks.bogus: unknown quirk 'bogus'",
        ),
        ("[presets.models.m]\ncontext_window = -5\n", "greater than 0"),
        ('default_models = { opus = "absent" }\n', "not in models"),
    ],
)
def test_a_bad_entry_is_refused_with_its_name(tmp_path: Path, extra: str, message: str) -> None:
    text = ENTRY.format(id="bad", url="https://a.test") + extra
    with pytest.raises(ConfigError, match=message) as caught:
        load_catalogue(_write(tmp_path, text))
    assert "(bad)" in str(caught.value)


def test_a_non_http_base_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="http"):
        load_catalogue(_write(tmp_path, ENTRY.format(id="ftp", url="ftp://files.test")))


def test_vision_follows_the_catalogue_model() -> None:
    provider = preset_to_provider(CATALOGUE["deepseek"], name="ds")
    for model, spec in CATALOGUE["deepseek"].models.items():
        assert chat_quirks(provider, model).vision is spec.vision
    unknown = chat_quirks(provider, "a-model-the-catalogue-does-not-know")
    assert unknown.vision is True  # unknown models are not second-guessed


def test_the_native_gemini_preset_gives_the_gemini_dialect_its_options() -> None:
    preset = CATALOGUE["google-gemini"]
    provider = preset_to_provider(preset)
    assert provider.kind == "gemini" and provider.auth is None  # x-goog-api-key is the default
    assert provider.auth_style == "x-goog-api-key"
    options = gemini_options(provider, "gemini-3.8-flash")
    assert options.source == provider.name
    assert (options.max_output_tokens, options.vision, options.thinking) == (65536, True, "level")
    assert options.thinking_levels == ("low", "medium", "high")


@pytest.mark.parametrize(
    ("model", "thinking"),
    [
        ("gemini-2.5-pro", "budget"),
        ("gemini-2.5-flash-lite", "budget"),
        ("gemini-2.0-flash", "none"),
        ("gemini-9-ultra", "level"),
        ("models/tuned-x", "level"),
    ],
)
def test_gemini_thinking_style_by_model_generation(model: str, thinking: str) -> None:
    provider = Provider(name="g", kind="gemini", base_url="http://127.0.0.1:1/v1beta")
    assert gemini_options(provider, model).thinking == thinking


def test_gemini_quirks_layer_and_a_typo_is_reported() -> None:
    provider = Provider(
        name="g",
        kind="gemini",
        base_url="http://127.0.0.1:1/v1beta",
        quirks={"thinking": "budget"},
        models={
            "m": ModelSpec(reasoning=False),
            "k": ModelSpec(quirks={"thinking_levels": ["high"]}),
        },
    )
    assert gemini_options(provider, "x").thinking == "budget"
    assert gemini_options(provider, "m").thinking == "budget"  # the provider's quirk wins
    assert gemini_options(provider, "k").thinking_levels == ("high",)
    typo = provider.model_copy(update={"quirks": {"thinkin": "level"}})
    with pytest.raises(ValueError, match="thinkin"):
        gemini_options(typo, "x")
    with pytest.raises(ValueError, match="takes a list"):
        gemini_options(provider.model_copy(update={"quirks": {"thinking_levels": ["max"]}}), "x")


@pytest.mark.parametrize(
    ("kind", "quirks", "words"),
    [
        ("openai-chat", {"thinking_levels": ["low"]}, "thinking_levels cannot apply"),
        ("gemini", {"think_tags": True}, "think_tags cannot apply"),
        ("gemini", {"thinking_levels": "low"}, "list"),
        ("gemini", {"thinkin": "level"}, "did you mean 'thinking'"),
    ],
)
def test_quirks_are_checked_against_the_provider_s_kind_when_the_config_loads(
    kind: str, quirks: dict[str, object], words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        Provider.model_validate(
            {"name": "p", "kind": kind, "base_url": "http://127.0.0.1:1/v1", "quirks": quirks}
        )
    ok = {"gemini": {"thinking": "budget"}, "openai-chat": {"think_tags": True}}[kind]
    Provider.model_validate(
        {"name": "p", "kind": kind, "base_url": "http://127.0.0.1:1/v1", "quirks": ok}
    )
