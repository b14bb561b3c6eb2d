"""Settings ▸ Providers, driven like a user against a real proxy and a real keyring."""

from __future__ import annotations

import asyncio

import aiohttp
import keyring
import pytest
from pytestqt.qtbot import QtBot

from app.config.presets import find_presets, load_catalogue
from app.config.secrets import SERVICE
from app.ui.settings.editors import ChoiceEditor, TextEditor
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.responses_upstream import ResponsesUpstream
from tests.support.responses_upstream import model_like as responses_model_like
from tests.support.workers import FIXED_PORTS
from tests.ui.conftest import upstream_config
from tests.ui.helpers import choose, click, get_json, post_message, saved, settle, type_into

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port

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
async def test_the_chatgpt_preset_logs_in_and_its_test_passes(
    make_controller, qtbot: QtBot, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ChatGPT/Codex preset (an openai-responses provider) logs in instead of asking for a
    key: the browser login on the Codex client's fixed port 1455 against the loopback
    authorization server, whose id token names the account; then the Test button's probe
    passes against a loopback backend that refuses what the real one refuses (non-stream
    requests, max_output_tokens…) and gets the login's token and ChatGPT-Account-ID."""
    from tests.support.logins import approve, catalogue_pointing_at, use_catalogue
    from tests.support.oauth_server import OAuthServer

    server = OAuthServer()
    await server.start()
    backend = ResponsesUpstream(codex=True, prefix="/backend-api/codex")
    backend.script.extend([responses_model_like] * 10)
    await backend.start()
    spec = load_catalogue()["chatgpt-codex"].login
    assert spec is not None and spec.redirect_uri == "http://localhost:1455/auth/callback"
    server.client(spec.client_id, [spec.redirect_uri])
    server.id_token_claims = {
        "email": "ada@example.com",
        "https://api.openai.com/auth": {
            "chatgpt_account_id": "acct-42",
            "chatgpt_plan_type": "pro",
        },
    }
    use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
    follows = []

    async def browser(url: str) -> None:
        async with aiohttp.ClientSession() as session:
            redirect = await approve(session, url)
            async with session.get(redirect) as page:
                assert page.status == 200

    def open_url(url: str) -> bool:
        follows.append(asyncio.ensure_future(browser(url)))
        return True

    monkeypatch.setattr("app.auth.login.open_in_browser", open_url)
    try:
        controller = await make_controller({})
        controller.open_settings()
        page = controller.settings_window.providers
        (preset,) = [p for p in find_presets("chatgpt") if p.id == "chatgpt-codex"]
        data = page.add_from_preset(preset)
        assert data["kind"] == "openai-responses"
        assert data["api_key"] == "login:chatgpt-codex"
        editor = page.editor
        assert "ChatGPT Plus/Pro" in editor.preset_note.text()  # the preset's own explanation
        assert "Fill in" not in editor.preset_note.text()  # the login supplies the header
        field = editor.login
        assert field is not None and field.isVisible() and not editor.key.isVisible()
        type_into(qtbot, text_field(editor.main_form.editors["base_url"]).line, backend.url)
        for _ in range(100):
            if "Not logged in" in field.status.text():
                break
            await asyncio.sleep(0.05)
        click(qtbot, field.login_button)
        for _ in range(300):
            if field.status.text().startswith("Logged in"):
                break
            await asyncio.sleep(0.05)
        assert "ada@example.com" in field.status.text() and "plan: pro" in field.status.text()
        editor.check.model.setCurrentText("gpt-5.5")
        await editor.check.test()
    finally:
        await backend.stop()
        await server.stop()
    check = editor.check
    results = {
        check.results.item(row, 1).text(): check.results.item(row, 0).text()
        for row in range(check.results.rowCount())
    }
    details = [check.results.item(row, 3).text() for row in range(check.results.rowCount())]
    assert results == dict.fromkeys(("text", "stream", "tools", "image", "thinking"), "✓"), details
    assert backend.invalid == []
    assert {h["ChatGPT-Account-ID"] for h in backend.headers} == {"acct-42"}
    assert {h["originator"] for h in backend.headers} == {"codex_cli_rs"}
    (token,) = {h["Authorization"] for h in backend.headers}
    assert server.is_valid(token.removeprefix("Bearer "))
