"""Settings ▸ Providers, driven like a user against a real proxy and a real keyring."""

from __future__ import annotations

import keyring
import pytest
from pytestqt.qtbot import QtBot

from app.config.presets import find_presets
from app.config.secrets import SERVICE
from app.ui.settings.editors import ChoiceEditor, PairsEditor, TextEditor
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.responses_upstream import ResponsesUpstream
from tests.support.responses_upstream import model_like as responses_model_like
from tests.ui.conftest import upstream_config
from tests.ui.helpers import choose, click, get_json, post_message, saved, settle, type_into

KEY = "sk-ant-typed-in-the-form-0123456789"


def text_field(editor: object) -> TextEditor:
    assert isinstance(editor, TextEditor)
    return editor


@pytest.mark.asyncio
async def test_a_provider_typed_in_and_saved_is_served_at_once_with_its_key_from_the_keyring(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller({})
    controller.open_settings()
    window = controller.settings_window
    page = window.providers
    click(qtbot, page.add_custom)
    forms = page.editor.main_form.editors
    type_into(qtbot, text_field(forms["name"]).line, "local")
    kind = forms["kind"]
    assert isinstance(kind, ChoiceEditor)
    choose(kind.combo, "anthropic")
    type_into(qtbot, text_field(forms["base_url"]).line, anthropic_upstream.url)
    type_into(qtbot, page.editor.key.line, KEY)
    window.show_page("Profiles")
    click(qtbot, window.profiles.add)  # its default route: local/* (the first provider)
    assert window.problem_label.text() == "Unsaved changes."
    click(qtbot, window.apply_button)
    assert await saved(window)

    text = controller.loaded.path.read_text(encoding="utf-8")
    assert KEY not in text
    assert 'api_key = "keyring:local"' in text
    assert keyring.get_password(SERVICE, "local") == KEY
    base = controller.proxy.server.url
    health = await get_json(f"{base}/health")
    assert [p["name"] for p in health["providers"]] == ["local"]
    status, answer = await post_message(base, "profile")
    assert status == 200, answer
    assert anthropic_upstream.requests[-1].headers["x-api-key"] == KEY
    keyring.delete_password(SERVICE, "local")


@pytest.mark.asyncio
async def test_an_invalid_base_url_blocks_saving_and_says_why(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    before = controller.loaded.path.read_text(encoding="utf-8")
    controller.open_settings()
    window = controller.settings_window
    base_url = text_field(window.providers.editor.main_form.editors["base_url"])
    type_into(qtbot, base_url.line, "ftp://files.example")

    assert not window.save_button.isEnabled()
    assert not window.apply_button.isEnabled()
    assert "base_url must start with http:// or https://" in window.problem_label.text()
    assert any("http://" in text for text in window.providers.editor.main_form.error_texts())
    assert window.providers.list.item(0).text().endswith("⚠")
    window.apply()  # Ctrl+S path: refuses too
    assert controller.loaded.path.read_text(encoding="utf-8") == before
    health = await get_json(f"{controller.proxy.server.url}/health")
    assert health["providers"][0]["base_url"] == anthropic_upstream.url


@pytest.mark.asyncio
async def test_renaming_a_provider_renames_it_in_every_route(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    window = controller.settings_window
    type_into(qtbot, text_field(window.providers.editor.main_form.editors["name"]).line, "renamed")
    assert window.apply_button.isEnabled(), window.problem_label.text()
    click(qtbot, window.apply_button)
    assert await saved(window)
    assert controller.config.profiles[0].models.default == ["renamed/claude-upstream"]
    await settle()
    health = await get_json(f"{controller.proxy.server.url}/health")
    assert health["profiles"][0]["providers"] == ["renamed"]


@pytest.mark.asyncio
async def test_adding_from_the_catalogue_fills_everything_but_the_key(
    make_controller, qtbot: QtBot
) -> None:
    controller = await make_controller({})
    controller.open_settings()
    page = controller.settings_window.providers
    (preset,) = [
        p
        for p in __import__("app.config.presets", fromlist=["x"]).find_presets("deepseek")
        if p.id == "deepseek"
    ]
    data = page.add_from_preset(preset)
    assert data["base_url"] == "https://api.deepseek.com/v1"
    assert text_field(page.editor.main_form.editors["base_url"]).line.text() == data["base_url"]
    assert "DeepSeek" in page.editor.preset_note.text()
    assert page.editor.key.line.placeholderText() == "API key"


@pytest.mark.asyncio
async def test_the_test_button_probes_the_provider_with_the_unsaved_key(
    make_controller, anthropic_upstream: AnthropicUpstream, qtbot: QtBot
) -> None:
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_settings()
    editor = controller.settings_window.providers.editor
    type_into(qtbot, editor.key.line, KEY)
    check = editor.check
    check.model.setCurrentText("claude-upstream")
    await check.test()

    results = {
        check.results.item(row, 1).text(): check.results.item(row, 0).text()
        for row in range(check.results.rowCount())
    }
    assert results["text"] == "✓"
    assert results["stream"] == "✓"
    assert results["tools"] == "✗"  # this scripted upstream never calls the add tool
    assert "1 check(s) failed: tools" in check.status.text()
    assert {r.headers["x-api-key"] for r in anthropic_upstream.requests} == {KEY}
    assert KEY not in controller.loaded.path.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_the_chatgpt_preset_asks_for_the_account_header_and_its_test_passes(
    make_controller, qtbot: QtBot
) -> None:
    """The ChatGPT/Codex preset (an openai-responses provider): the form says which header to
    fill, and with it filled the Test button's probe passes against a loopback backend that
    refuses what the real one refuses (non-stream requests, max_output_tokens…)."""
    backend = ResponsesUpstream(codex=True, prefix="/backend-api/codex")
    backend.script.extend([responses_model_like] * 10)
    await backend.start()
    try:
        controller = await make_controller({})
        controller.open_settings()
        page = controller.settings_window.providers
        (preset,) = [p for p in find_presets("chatgpt") if p.id == "chatgpt-codex"]
        data = page.add_from_preset(preset)
        assert data["kind"] == "openai-responses"
        editor = page.editor
        note = editor.preset_note.text()
        assert "Fill in the value of the header ChatGPT-Account-ID" in note
        assert "ChatGPT Plus/Pro" in note  # the preset's own explanation
        headers = editor.extra_form.editors["headers"]
        assert isinstance(headers, PairsEditor)
        assert headers.table.item(0, 0).text() == "ChatGPT-Account-ID"
        headers.table.item(0, 1).setText("acct-42")
        assert "Fill in" not in editor.preset_note.text()
        type_into(qtbot, text_field(editor.main_form.editors["base_url"]).line, backend.url)
        type_into(qtbot, editor.key.line, "chatgpt-access-token")
        editor.check.model.setCurrentText("gpt-5.5")
        await editor.check.test()
    finally:
        await backend.stop()
    check = editor.check
    results = {
        check.results.item(row, 1).text(): check.results.item(row, 0).text()
        for row in range(check.results.rowCount())
    }
    details = [check.results.item(row, 3).text() for row in range(check.results.rowCount())]
    assert results == dict.fromkeys(("text", "stream", "tools", "image", "thinking"), "✓"), details
    assert backend.invalid == []
    assert {h["ChatGPT-Account-ID"] for h in backend.headers} == {"acct-42"}
    assert {h["Authorization"] for h in backend.headers} == {"Bearer chatgpt-access-token"}
