"""Languages: the catalogue covers every string, and a Chinese user reads Chinese everywhere."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from app.ui.language import (
    CatalogueTranslator,
    catalogue_path,
    chosen_language,
    install_language,
    read_catalogue,
)
from app.ui.menu import build_menu
from app.ui.preferences import load_preferences
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
    left = english(shown, data=[*_data_strings(config), *_choice_values()])
    assert left == [], "\n".join(["still English:", *left])


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
