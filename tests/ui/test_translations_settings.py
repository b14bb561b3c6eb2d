"""The settings area in Chinese, past what test_every_window_speaks_chinese reaches: every
provider kind and key state, a subscription login, the route editors, the preset picker,
the import dialog, Fetch models' errors and the message boxes the settings raise.

The "schema" (form labels) and "catalog" (preset names) contexts have their own owner and
test (test_translations.py): here every string of those two contexts reads as a Chinese
stand-in, so these tests find the English left in the settings' own strings, and also a
preset name or field label shown without catalog_text()/schema_text()."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.config.presets import find_presets, load_catalogue
from app.config.schema import Config, Provider
from app.config.secrets import SERVICE
from app.ui.fetch_models import FetchModelsError, fetch_models
from app.ui.import_dialog import ImportDialog
from app.ui.language import CatalogueTranslator, install_language
from app.ui.settings.preset_picker import PresetDialog
from app.ui.settings.provider_editor import check_name
from app.ui.settings.route_editor import RouteEditor
from tests.support.logins import catalogue_pointing_at, use_catalogue
from tests.support.oauth_server import OAuthServer
from tests.ui.conftest import Dialogs
from tests.ui.helpers import click
from tests.ui.settings.test_login_field import approve_shown_code, until
from tests.ui.test_fetch_models import ModelServer
from tests.ui.test_translations import CHINESE, _choice_values, _data_strings
from tests.ui.tools import translations
from tests.ui.visible_text import english, texts

SAMPLES = Path(__file__).parents[1] / "data" / "imports"
STAND_IN = "〔待译〕"


@pytest.fixture
def chinese_settings(qapp: QApplication) -> Iterator[None]:
    """The Chinese catalogue, with stand-ins for "schema" and "catalog" (Qt asks the
    translator installed last first)."""
    assert install_language(qapp, "zh_CN") == "zh_CN"
    stand_ins = {
        (context, source): STAND_IN
        for context, sources in translations.runtime_strings().items()
        for source in sources
    }
    translator = CatalogueTranslator(stand_ins, "zh_CN")
    translator.setParent(qapp)
    qapp.installTranslator(translator)
    yield
    for installed in qapp.findChildren(QTranslator):
        qapp.removeTranslator(installed)
        installed.setParent(None)  # type: ignore[call-overload]


def _config() -> dict[str, Any]:
    """One provider of each kind, each key state, and profiles that use every route editor."""
    return {
        "settings": {"default_profile": "work"},
        "providers": [
            {  # a key from the environment
                "name": "anthropic",
                "kind": "anthropic",
                "base_url": "http://127.0.0.1:9/",
                "api_key": "env:SB_TEST_KEY",
                "preset": "anthropic",
            },
            {  # a key written in the file
                "name": "deepseek",
                "kind": "openai-chat",
                "base_url": "https://api.deepseek.com/v1",
                "api_key": "sk-in-the-file",
                "preset": "deepseek",
            },
            {  # a key in the keyring, and a header still to fill in
                "name": "responses",
                "kind": "openai-responses",
                "base_url": "https://api.openai.com/v1",
                "api_key": "keyring:responses",
                "headers": {"X-Tenant": ""},
            },
            {  # no key at all
                "name": "gemini",
                "kind": "gemini",
                "base_url": "https://generativelanguage.googleapis.com",
                "auth": "none",
            },
            {  # no key yet
                "name": "local",
                "kind": "openai-chat",
                "base_url": "http://localhost:11434/v1",
            },
        ],
        "profiles": [
            {
                "name": "work",
                "models": {"default": "anthropic/claude-sonnet-4-5", "haiku": "deepseek/v4"},
                "routing": {
                    "long_context": {"route": "gemini/gemini-2.5-pro"},
                    "auto": {
                        "classifier": ["local/qwen3"],
                        "routes": {"code": ["deepseek/v4"]},
                    },
                },
                "env": {"FOO": "bar"},
            },
            {"name": "cheap", "models": {"default": "deepseek/v4"}},
        ],
    }


def _english_left(shown: list[str], *data: Any) -> list[str]:
    return english(shown, data=[*_data_strings(list(data)), *_choice_values()])


@pytest.mark.asyncio
async def test_the_settings_window_speaks_chinese_for_every_provider_and_profile(
    chinese_settings: None, make_controller: Any, qtbot: QtBot
) -> None:
    # the logged-out state is shown: a real login earlier in the run (tests/auth, tests/cli)
    # may have left Claude's in the keyring the whole run shares
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, "login:claude-max")
    config = _config()
    controller = await make_controller(config)
    controller.open_settings()
    window = controller.settings_window
    assert window.sidebar.item(0).text() == "提供商"
    providers = window.providers
    # a subscription login (the key field's place is taken by the login), and a base URL
    # with a placeholder to replace
    for preset_id in ("claude-max", "azure-openai"):
        providers.add_from_preset(load_catalogue()[preset_id])
    editor = providers.editor
    login = editor.login
    assert login is not None
    shown: list[str] = []
    logins = 0
    for row in range(providers.list.count()):
        providers.list.setCurrentRow(row)
        if login.isVisibleTo(editor):
            logins += 1
            await until(lambda: "未登录" in login.status.text())
        shown += texts(window)
    assert logins == 1
    providers.list.setCurrentRow(0)
    editor.check.model.setCurrentText("")
    await editor.check.test()  # no model typed: it says so
    shown.append(editor.check.status.text())
    for row in range(window.profiles.list.count()):
        window.profiles.list.setCurrentRow(row)
        shown += texts(window)
    routes = window.profiles.findChildren(RouteEditor)
    assert routes, "the profile form has route editors"
    shown.append(window.problem_label.text())  # unsaved changes (the two providers added)
    terminals = window.general.services.terminals()

    left = _english_left(shown, config, terminals, "{resource}")  # Azure's, to fill in
    assert left == [], "\n".join(["still English:", *left])
    assert "有未保存的更改" in window.problem_label.text()
    assert "请输入要测试的模型名称" in editor.check.status.text()
    assert [check_name(name) for name in ("text", "stream", "tools")] == [
        "文本",
        "流式",
        "工具调用",
    ]


@pytest.mark.asyncio
async def test_a_problem_is_placed_in_chinese_and_the_detail_stays_as_the_schema_says(
    chinese_settings: None, make_controller: Any
) -> None:
    controller = await make_controller(_config())
    controller.open_settings()
    window = controller.settings_window
    window.draft.providers[1]["base_url"] = "ftp://api.deepseek.com"
    window.draft.profiles[0]["models"]["default"] = []
    window.providers.edited.emit()
    text = window.problem_label.text()
    # the page and the place are translated; the validator's own detail is not
    assert text.startswith("无法保存：提供商 › deepseek › "), text
    assert "（另有 1 个问题）" in text
    assert not window.apply_button.isEnabled()


@pytest.mark.asyncio
async def test_the_message_boxes_of_the_settings_speak_chinese(
    chinese_settings: None,
    make_controller: Any,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    config = _config()
    controller = await make_controller(config)
    controller.open_settings()
    window = controller.settings_window
    no = QMessageBox.StandardButton.No
    dialogs.answers += [no, no]
    window.providers.list.setCurrentRow(1)  # deepseek, which the profiles use
    window.providers.remove.click()
    window.profiles.list.setCurrentRow(1)
    window.profiles.delete.click()
    dialogs.answers.append(no)
    window.general.regenerate.click()
    # a login entry that cannot be written: its folder is a file
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "autostart").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    window.general.autostart.setChecked(not window.general.autostart.isChecked())
    # an edit, then the file changes behind the window's back, then Apply, then close
    window.profiles.add.click()
    window.path.write_text(window.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    window.apply()
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    window.close()

    titles = [title for title, _ in dialogs.seen]
    assert titles == [
        "移除提供商",
        "删除方案",
        "重新生成本地令牌",
        "登录时启动",
        "配置文件已更改",
        "未保存的更改",
    ]
    seen = [line for pair in dialogs.seen for line in pair]
    # the OS's own reason (errno text) stays as the OS says it
    shown = [line.split("：")[0] if "无法修改开机启动项" in line else line for line in seen]
    left = _english_left(shown, config, str(window.path))
    assert left == [], "\n".join(["still English:", *left])
    assert all(CHINESE.search(line) for line in seen)


def test_the_preset_picker_speaks_chinese(chinese_settings: None, qtbot: QtBot) -> None:
    dialog = PresetDialog()
    qtbot.addWidget(dialog)
    picker = dialog.picker
    shown = list(texts(dialog))
    for row in range(picker.list.count()):
        picker.list.setCurrentRow(row)
        shown.append(picker.details.text())
    picker.search.setText("no such provider anywhere")
    shown.append(picker.details.text())
    models = [name for preset in load_catalogue().values() for name in preset.models]
    left = _english_left(shown, models)
    assert left == [], "\n".join(["still English:", *left])
    assert dialog.windowTitle() == "从预设添加提供商"
    assert "没有匹配的预设" in picker.details.text()
    assert find_presets("")  # the walk above saw the whole catalogue


def test_the_import_dialog_speaks_chinese(
    chinese_settings: None, qtbot: QtBot, tmp_path: Path
) -> None:
    sample = SAMPLES / "ccr-config.json"
    dialog = ImportDialog("ccr", sample, Config(), tmp_path / "config.toml")
    qtbot.addWidget(dialog)
    plan = dialog.summary.toPlainText().splitlines()
    # the importer's notes are its own words (as `switchboard import` prints them)
    shown = [*texts(dialog), *(line for line in plan if not line.startswith("注意："))]
    assert dialog.plan is not None
    data = [
        item.model_dump(mode="json") for item in [*dialog.plan.providers, *dialog.plan.profiles]
    ]
    left = _english_left(shown, data, str(sample))
    assert left == [], "\n".join(["still English:", *left])
    assert any(line.startswith("+ 提供商 deepseek：openai-chat") for line in plan), plan
    assert any(line.startswith("+ 方案 ccr：") for line in plan), plan
    assert dialog.import_button.text() == "导入"
    settings = ImportDialog("claude-settings", tmp_path / "missing.json", Config(), tmp_path)
    qtbot.addWidget(settings)
    assert settings.windowTitle().startswith("从 Claude Code settings.json（env 部分）")


@pytest.mark.asyncio
async def test_fetch_models_explains_a_failure_in_chinese(chinese_settings: None) -> None:
    server = ModelServer()
    await server.start()
    try:
        provider = Provider(name="p", kind="openai-chat", base_url=f"{server.url}/v1")
        with pytest.raises(FetchModelsError) as refused:
            await fetch_models(provider, "a-wrong-key")
        missing = provider.model_copy(update={"base_url": f"{server.url}/nowhere"})
        with pytest.raises(FetchModelsError) as no_list:
            await fetch_models(missing, "a-wrong-key")
    finally:
        await server.stop()
    with pytest.raises(FetchModelsError) as unreachable:
        await fetch_models(provider, "a-wrong-key")  # the server is gone
    assert str(refused.value).startswith("提供商拒绝了 API 密钥（HTTP 401：")
    assert "没有模型列表（HTTP 404）" in str(no_list.value)
    assert str(unreachable.value).startswith(f"无法连接 {server.url}/v1/models：")


@pytest.mark.asyncio
async def test_a_subscription_login_speaks_chinese_from_code_to_logout(
    chinese_settings: None,
    make_controller: Any,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A device-code login against the loopback authorization server: every step it shows."""
    server = OAuthServer()
    await server.start()
    opened: list[str] = []
    monkeypatch.setattr("app.auth.login.open_in_browser", lambda url: opened.append(url) or True)
    try:
        server.client("17e5f671-d194-4dfb-9706-5516cb48c098")
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        provider = {
            "name": "kimi",
            "kind": "openai-chat",
            "base_url": "http://127.0.0.1:9/v1",
            "api_key": "login:kimi",
            "preset": "kimi-code",
        }
        controller = await make_controller({"providers": [provider]})
        controller.open_settings("Providers")
        window = controller.settings_window
        field = window.providers.editor.login
        assert field is not None
        await until(lambda: "未登录" in field.status.text())
        shown = [field.status.text()]

        click(qtbot, field.login_button)
        await until(lambda: field.code.isVisible() and bool(field.code.text()))
        shown += [field.status.text(), field.progress.text(), *texts(field)]
        assert "输入此代码" in field.progress.text()
        await approve_shown_code(server, field)
        await until(lambda: field.status.text().startswith("已登录"))
        shown += [field.status.text(), field.login_button.text()]
        assert "令牌有效期至" in field.status.text() and field.login_button.text() == "重新登录"

        click(qtbot, field.login_button)  # again, and cancelled this time
        await until(lambda: field.code.isVisible() and bool(field.code.text()))
        click(qtbot, field.cancel_button)
        await until(lambda: "已取消登录" in field.status.text())
        shown.append(field.status.text())
    finally:
        await server.stop()
    left = _english_left(shown, provider, server.url, field.code.text())
    assert left == [], "\n".join(["still English:", *left])
