"""Languages: the catalogue covers every string, and a Chinese user reads Chinese everywhere."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from app.config.presets import load_catalogue
from app.config.store import load_config
from app.errors import ConfigError, LoginRequired
from app.ui.controller import AppController
from app.ui.dashboard import figures
from app.ui.first_run import STEPS, FirstRunWizard
from app.ui.language import (
    CatalogueTranslator,
    catalogue_path,
    chosen_language,
    install_language,
    read_catalogue,
)
from app.ui.menu import build_menu
from app.ui.notices import Notice
from app.ui.preferences import load_preferences
from app.ui.shell import Shell, _start
from app.ui.single_instance import SingleInstance
from app.ui.tray import Tray
from tests.launch.fakes import make_fake_claude, wait_for_record
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN
from tests.ui.conftest import Dialogs, upstream_config, write_config
from tests.ui.helpers import click, post_message, settle
from tests.ui.test_updates import Feed
from tests.ui.tools import translations
from tests.ui.visible_text import english, menu_texts, texts

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# what must survive translation unchanged: format fields, Qt's %n/%1, markup, entities
_KEPT_MARKS = re.compile(r"\{[A-Za-z_]*\}|%n|%\d|<[^>]+>|&[a-z]+;")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    assert install_language(qapp, "zh_CN") == "zh_CN"
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.setParent(None)  # type: ignore[call-overload]
    QLocale.setDefault(locale)


@pytest.fixture(scope="module")
def catalogue() -> ElementTree.Element:
    return ElementTree.parse(catalogue_path("zh_CN")).getroot()


def test_the_catalogue_holds_exactly_the_strings_the_code_translates(
    catalogue: ElementTree.Element,
) -> None:
    wanted = set(translations.messages(translations.expected("zh_CN")))
    held = set(translations.messages(catalogue))
    assert sorted(wanted - held) == [], "run tests/ui/tools/translations.py and translate"
    assert sorted(held - wanted) == [], "strings no longer used: run the tool to drop them"


def test_every_string_has_a_chinese_translation(catalogue: ElementTree.Element) -> None:
    missing = [
        key
        for key, message in translations.messages(catalogue).items()
        if not translations._finished(message)
        or not "".join(message.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert missing == [], "\n".join(f"{c}: {s!r}" for c, s in missing)


def test_translations_keep_placeholders_and_markup(catalogue: ElementTree.Element) -> None:
    broken = []
    for (context, source), message in translations.messages(catalogue).items():
        text = "".join(message.find("translation").itertext())  # type: ignore[union-attr]
        if sorted(_KEPT_MARKS.findall(source)) != sorted(_KEPT_MARKS.findall(text)):
            broken.append((context, source, text))
        elif not CHINESE.search(text) and english([_KEPT_MARKS.sub(" ", text)]):
            broken.append((context, source, text))  # copied, not translated (fields aside)
    assert broken == [], "\n".join(f"{c}: {s!r} -> {t!r}" for c, s, t in broken)


@pytest.mark.parametrize(
    ("preference", "os_languages", "expected"),
    [
        ("system", ["zh-CN", "en-US"], "zh_CN"),
        ("system", ["zh-Hans-SG"], "zh_CN"),
        ("system", ["zh-TW"], "zh_CN"),  # Simplified reads better than English for most
        ("system", ["de-DE", "en-GB"], "en"),  # no German yet: the next one we have
        ("system", ["fr-FR"], "en"),
        ("system", ["en-US", "zh-CN"], "en"),  # the first the user listed wins
        ("en", ["zh-CN"], "en"),  # the setting overrides the OS
        ("zh_CN", ["en-US"], "zh_CN"),
        ("klingon", ["zh-CN"], "zh_CN"),  # an unknown setting is the OS's choice
    ],
)
def test_the_os_language_is_the_default_and_the_setting_overrides_it(
    preference: str, os_languages: list[str], expected: str
) -> None:
    assert chosen_language(preference, os_languages) == expected


def test_english_needs_no_translator(qapp: QApplication) -> None:
    before = len(qapp.findChildren(QTranslator))
    assert install_language(qapp, "en") == "en"
    assert len(qapp.findChildren(QTranslator)) == before
    assert QCoreApplication.translate("GeneralPage", "Language") == "Language"


def test_chinese_covers_qt_own_buttons_too(chinese: None) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])


def test_an_unfinished_translation_falls_back_to_english(
    tmp_path: Path, qapp: QApplication
) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        "<TS><context><name>C</name>"
        "<message><source>Done</source><translation>完成</translation></message>"
        '<message><source>Open</source><translation type="unfinished">打开</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    translator = CatalogueTranslator(read_catalogue(ts), "zh_CN")
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("C", "Done") == "完成"
        assert QCoreApplication.translate("C", "Open") == "Open"
        assert QCoreApplication.translate("C", "%n file(s)", None, 3) == "3 file(s)"
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.asyncio
async def test_the_language_setting_is_saved_for_the_next_start(
    make_controller: Any, tmp_path: Path
) -> None:
    controller = await make_controller(_config())
    controller.open_settings("General")
    page = controller.settings_window.general
    assert page.language.currentData() == "system"
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    page.language.activated.emit(page.language.currentIndex())
    assert load_preferences(tmp_path / "state" / "ui.json").language == "zh_CN"
    assert page.language.itemText(page.language.findData("zh_CN")) == "简体中文"


@pytest.mark.asyncio
async def test_every_window_speaks_chinese(chinese: None, make_controller: Any) -> None:
    config = _config()
    controller = await make_controller(config)
    shown: list[str] = []
    menu = QMenu()
    build_menu(menu, controller)
    shown += menu_texts(menu)
    controller.open_settings()
    window = controller.settings_window
    for row in range(window.providers.list.count()):
        window.providers.list.setCurrentRow(row)
        shown += texts(window)
    for row in range(window.profiles.list.count()):
        window.profiles.list.setCurrentRow(row)
        shown += texts(window)
    controller.open_dashboard()
    shown += texts(controller.dashboard)
    controller.open_first_run()
    shown += texts(controller.first_run)
    terminals = controller.terminals()  # this machine's, by their program names
    left = english(shown, data=[*_data_strings(config), *_choice_values(), *terminals])
    assert left == [], "\n".join(["still English:", *left])


@pytest.mark.asyncio
async def test_the_tray_app_speaks_chinese_with_traffic(
    chinese: None,
    make_controller: Any,
    anthropic_upstream: AnthropicUpstream,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the tray app says once it is in use: the tooltip and the menu (today's use, recent
    folders, a release out, a login to renew), the stand-in window, the dashboard's tabs with
    traffic, the notices and the message boxes."""
    backup, feed = AnthropicUpstream(), Feed()
    await backup.start()
    await feed.start()
    feed.release = {"tag_name": "v99.0.0", "html_url": "https://example.test/r/99"}
    data = upstream_config(anthropic_upstream.url)
    data["settings"] = {"update_feed_url": feed.url}
    data["providers"].append(
        {"name": "backup", "kind": "anthropic", "base_url": backup.url, "api_key": "backup-key"}
    )
    data["profiles"][0]["models"]["default"] = ["up/claude-upstream", "backup/claude-backup"]
    data["profiles"].append({"name": "idle", "models": {"default": "backup/claude-backup"}})
    try:
        controller = await make_controller(data)
        shell = Shell(controller, no_tray=True)
        tray = Tray(controller)
        notices: list[Notice] = []
        controller.notify = notices.append
        controller.preferences.notify_failover = True
        lower_layer = await _use_the_tray_app(controller, anthropic_upstream, tmp_path, monkeypatch)
        await _until(lambda: controller.updates.available is not None)

        shown = _tray_app_texts(controller, shell, tray)
        controller.proxy.server.state.breakers.success(["up"])  # "provider back"
        feed.release["tag_name"] = "v99.0.1"  # Check for updates… finds a newer one
        # the login entry cannot be written: its folder's place is taken by a file
        taken = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart"
        taken.parent.mkdir(parents=True, exist_ok=True)
        taken.write_text("")
        _action(tray.menu, QCoreApplication.translate("menu", "Start at login")).trigger()
        check = _action(tray.menu, QCoreApplication.translate("menu", "Check for updates…"))
        check.trigger()
        await _until(lambda: len(dialogs.seen) == 4)
        assert len(notices) >= 8, [n.title for n in notices]
        for notice in notices:
            shown += [notice.title, notice.body]
            assert shell.mini is not None
            shell.mini.show_notice(notice)
            shown.append(shell.mini.notice.text())
        (failed_launch, about, autostart, update) = dialogs.seen
        # the launch's and the login entry's reasons are the launcher's and the OS's words
        assert autostart[1].startswith("无法修改登录启动项")
        shown += [failed_launch[0], *about, autostart[0], *update]

        await controller.proxy.stop()  # the same views with the proxy stopped
        controller.changed.emit()
        shown += _tray_app_texts(controller, shell, tray)
        # usage today, the default folder, a release out, a login to renew, a breaker, stopped
        reached = ("今日", "默认", "始终在", "打开发布页面", "⚠", "熔断器已打开", "代理已停止")
        assert [m for m in reached if not any(m in text for text in shown)] == []
        shell.close()
        tray.hide()
        left = english(shown, data=[*_data_strings(data), *lower_layer])
        assert left == [], "\n".join(["still English:", *left])
    finally:
        await backup.stop()
        await feed._runner.cleanup()


async def _use_the_tray_app(
    controller: AppController,
    upstream: AnthropicUpstream,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> list[str]:
    """Traffic, a failover, an open breaker, a refused login, folders, launches, the About box
    and shell exports; returns the lower layers' own words this brings into the texts (they
    stay as the proxy, the auth layer and the OS say them)."""
    base = controller.proxy.server.url
    upstream.mode = "error"
    assert (await post_message(base, "main"))[0] == 200  # the backup serves: a failover
    upstream.mode = "ok"
    controller.proxy.server.state.breakers.failure("up", "rate limited", retry_after=60)
    refused = "the refresh token was refused"
    # what a refused refresh does: the login manager records the problem and tells the tray
    controller.proxy.server.state.auth.logins._problem(LoginRequired("claude", refused))
    await settle(0.4)

    project, other = tmp_path / "project", tmp_path / "other"
    for folder in (project, other):
        folder.mkdir()
    controller.select_folder(project)
    controller.set_default_folder(project)
    controller.select_folder(other)  # "(default)" and "Always start in" in the menu

    record = tmp_path / "record.json"
    monkeypatch.setenv("SWITCHBOARD_CLAUDE", str(make_fake_claude(tmp_path / "bin", record)))
    monkeypatch.setenv("ANTHROPIC_CUSTOM_HEADERS", "X-Team: a")  # the session's own variable
    controller.preferences.terminal = "sh {}"
    own = controller.loaded.path.parent / "claude" / "main"
    own.mkdir(parents=True, exist_ok=True)
    (own / "settings.json").write_text(json.dumps({"env": {"ANTHROPIC_BASE_URL": "x"}}))
    assert controller.launch("main", other)  # two overrides: two notices
    wait_for_record(record)
    assert not controller.launch("main", tmp_path / "gone")  # a message box
    controller.show_about()
    controller.copy_exports("main")
    return ["rate limited", refused, "claude"]


def _tray_app_texts(controller: AppController, shell: Shell, tray: Tray) -> list[str]:
    tray.refresh()
    tray.rebuild_menu()
    shown = [tray.icon.toolTip(), *menu_texts(tray.menu)]
    mini = shell.mini
    assert mini is not None
    mini.refresh()
    mini.menu.aboutToShow.emit()
    shown += texts(mini)
    controller.open_dashboard()
    dashboard = controller.dashboard
    assert dashboard is not None
    dashboard.refresh()
    shown += texts(dashboard)
    shown += _cells(dashboard.providers, except_columns=("Last error",))
    shown += _cells(dashboard.profiles)
    shown += _cells(dashboard.requests, except_columns=("Attempts", "Error"))
    for chart in (dashboard.rate_chart, dashboard.latency_chart, dashboard.ttft_chart):
        shown += [chart.title, chart.caption]
    shown.append(dashboard.rate_chart.tr("no data yet"))
    return shown


def _cells(table: QTableWidget, except_columns: tuple[str, ...] = ()) -> list[str]:
    """A dashboard table's cells but those of `except_columns` (the proxy's own error words)."""
    assert table.rowCount() > 0
    skipped = {figures.column_titles((name,))[0] for name in except_columns}
    columns = [
        column
        for column in range(table.columnCount())
        if table.horizontalHeaderItem(column).text() not in skipped  # type: ignore[union-attr]
    ]
    return [
        table.item(row, column).text()  # type: ignore[union-attr]
        for row in range(table.rowCount())
        for column in columns
    ]


def _action(menu: QMenu, text: str) -> Any:
    return next(action for action in menu.actions() if action.text() == text)


async def _until(condition: Any, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.asyncio
async def test_a_proxy_that_cannot_start_says_why_in_chinese(
    chinese: None, qapp: QApplication, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        loaded = write_config(tmp_path / "config.toml", upstream_config("http://127.0.0.1:9"))
        controller = AppController(
            loaded,
            quit_event=asyncio.Event(),
            token=TOKEN,
            port=taken.getsockname()[1],
            preferences_file=tmp_path / "ui.json",
        )
        tray = Tray(controller)
        notices: list[Notice] = []
        controller.notify = notices.append
        assert not await controller.start()
    try:
        tray.rebuild_menu()
        shown = [tray.icon.toolTip(), *menu_texts(tray.menu)]
        shown += [text for notice in notices for text in (notice.title, notice.body)]
        # the reason is the OS's (or asyncio's) own words, after our "cannot listen on"
        failure = controller.proxy.failure
        said = QCoreApplication.translate("ProxyControl", "cannot listen on {address}: {error}")
        reason = failure.removeprefix(said.format(address=controller.proxy.address, error=""))
        assert reason != failure, failure
        left = english(shown, data=[reason, *_data_strings(upstream_config("http://h:9"))])
        assert left == [], "\n".join(["still English:", *left])
    finally:
        await controller.shutdown()


def test_a_config_that_cannot_load_is_said_in_chinese(
    chinese: None, qapp: QApplication, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[settings\nport = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as problem:
        load_config(path)
    instance = SingleInstance("switchboard-test-broken-config")
    assert _start(qapp, instance, path, no_tray=True) == 1
    ((title, text),) = dialogs.seen
    assert "无法加载配置文件" in text
    left = english([title, text], data=[str(problem.value)])
    assert left == [], "\n".join(["still English:", *left])


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A headless box's keyring: none that stores anything (the wizard saves no key here)."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.mark.asyncio
async def test_every_first_run_page_speaks_chinese(
    chinese: None, make_controller: Any, qtbot: QtBot, no_keyring: None
) -> None:
    """Each step with what it says along the way: the import offer, the key page of a preset
    with a key link, with a placeholder and with a login, the errors, the done page (after a
    profile was made, and after an import)."""
    ccr = Path.home() / ".claude-code-router" / "config.json"
    ccr.parent.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[1] / "data" / "imports" / "ccr-config.json", ccr)
    controller = await make_controller({})
    controller.open_first_run()
    wizard = controller.first_run
    assert wizard is not None
    shown = [*texts(wizard)]
    click(qtbot, wizard.next)  # nothing chosen yet
    shown.append(wizard.error.text())
    for preset in ("deepseek", "azure-openai", "claude-max"):
        _pick(wizard, preset)
        click(qtbot, wizard.next)
        assert wizard.stack.currentIndex() == STEPS.index("API key")
        if preset != "claude-max":
            click(qtbot, wizard.next)  # no key, no resource name: an error
            shown.append(wizard.error.text())
        shown += [*texts(wizard), wizard.steps.text()]
        await settle()  # the login field reads what is stored
        click(qtbot, wizard.back)
    _pick(wizard, "ollama")  # no key needed: the whole way without a keyring
    for step in ("API key", "Test", "Models", "Done"):
        click(qtbot, wizard.next)
        assert wizard.stack.currentIndex() == STEPS.index(step), wizard.error.text()
        shown += [*texts(wizard), wizard.steps.text(), wizard.next.text()]
    assert "ollama" in wizard.done_text.text()

    controller.open_first_run()  # a new user who imports instead
    imported = controller.first_run
    assert imported is not None and imported is not wizard
    click(qtbot, imported.findChild(QPushButton, "import:ccr"))
    dialog = imported.import_dialog
    assert dialog is not None
    dialog.keys_in_file.setChecked(True)
    click(qtbot, dialog.import_button)
    assert imported.stack.currentIndex() == STEPS.index("Done"), dialog.error.text()
    shown += [imported.done_text.text(), *texts(imported)]
    # the names in Azure's URL template ({resource}) are the URL's, shown as they are
    placeholders = load_catalogue()["azure-openai"].placeholders
    left = english(shown, data=[str(ccr), "ccr", "ollama", *placeholders])
    assert left == [], "\n".join(["still English:", *left])


def _pick(wizard: FirstRunWizard, preset: str) -> None:
    rows = wizard.picker.list
    for row in range(rows.count()):
        if getattr(rows.item(row).data(Qt.ItemDataRole.UserRole), "id", None) == preset:
            rows.setCurrentRow(row)
            return
    raise AssertionError(f"{preset} is not offered")


def _config() -> dict[str, Any]:
    return {
        "settings": {"default_profile": "work"},
        "providers": [
            {
                "name": "anthropic",
                "kind": "anthropic",
                "base_url": "http://127.0.0.1:9/",
                "api_key": "env:SB_TEST_KEY",
                "preset": "anthropic",
            },
            {
                "name": "deepseek",
                "kind": "openai-chat",
                "base_url": "https://api.deepseek.com/v1",
                "api_key": "env:SB_TEST_KEY",
                "preset": "deepseek",
            },
            {
                "name": "gemini",
                "kind": "gemini",
                "base_url": "https://generativelanguage.googleapis.com",
                "api_key": "env:SB_TEST_KEY",
            },
        ],
        "profiles": [
            {
                "name": "work",
                "models": {"default": "anthropic/claude-sonnet-4-5", "haiku": "deepseek/v4"},
                "routing": {"long_context": {"route": "gemini/gemini-2.5-pro"}},
            },
            {"name": "cheap", "models": {"default": "deepseek/v4"}},
        ],
    }


def _choice_values() -> Iterator[str]:
    """The values of the settings' choice lists: shown as the config file spells them."""
    for model in translations.form_models():
        for info in model.model_fields.values():
            yield from _literals(info.annotation)


def _literals(hint: Any) -> Iterator[str]:
    if typing.get_origin(hint) is Literal:
        yield from (str(arg) for arg in typing.get_args(hint))
    else:
        for arg in typing.get_args(hint):
            yield from _literals(arg)


def _data_strings(data: Any) -> Iterator[str]:
    """Every string of the user's own config: names, models, URLs (shown as they are)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _data_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _data_strings(value)
