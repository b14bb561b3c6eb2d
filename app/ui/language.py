"""Which language the app speaks, and the Qt translators that make it speak it.

Every user-visible string goes through Qt's translation system (tr() and
QCoreApplication.translate, collected by pyside6-lupdate into resources/i18n/*.ts). The app
reads its .ts catalogue directly: a QTranslator subclass answers from it, so a source checkout,
the bundle and a translator editing the file in Qt Linguist all see the same text with no
compile step and no generated binary in the repository. Qt's own strings (dialog buttons,
context menus of text fields) come from Qt's compiled qtbase catalogues.

The language applies from the next start, like the UI scale: windows are built in one language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.system.resources import resource

log = logging.getLogger(__name__)

# "system" follows the OS; the others are the catalogues shipped, in their own words.
LANGUAGES = {"system": "", "en": "English", "zh_CN": "简体中文"}
_CATALOGUE = "switchboard_{}.ts"


def chosen_language(preference: str, ui_languages: Iterable[str] | None = None) -> str:
    """The catalogue to use: the user's choice, else the first of the OS's UI languages we
    have (any Chinese reads Simplified Chinese better than English), else English."""
    if preference in LANGUAGES and preference != "system":
        return preference
    languages = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for name in languages:
        tag = name.replace("_", "-").lower()
        if tag == "en" or tag.startswith("en-"):
            return "en"
        if tag == "zh" or tag.startswith("zh-"):
            return "zh_CN"
    return "en"


class CatalogueTranslator(QTranslator):
    """Answers QCoreApplication.translate from a Qt Linguist .ts file.

    Unfinished and empty translations are left out, so Qt falls back to the English source.
    For a plural message the first form is used: Chinese has one.
    """

    def __init__(self, entries: dict[tuple[str, str], str], language: str) -> None:
        super().__init__()
        self._entries = entries
        self._language = language

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt asks the next translator (or keeps the source) on a null string only
        return self._entries.get((context, source))

    def isEmpty(self) -> bool:
        return not self._entries

    def language(self) -> str:
        return self._language


def read_catalogue(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → finished translation, from a .ts file."""
    entries: dict[tuple[str, str], str] = {}
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                continue
            forms = translation.findall("numerusform")
            text = (forms[0].text if forms else translation.text) or ""
            if text:
                entries[(name, message.findtext("source", ""))] = text
    return entries


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks `text` for the catalogue under `context` and returns it unchanged: for fixed words
    kept in tables and translated where they are shown. PySide6's own is typed as `object`."""
    return text


def catalog_text(text: str) -> str:
    """A provider preset's name or notes in the user's language (context "catalog")."""
    return QCoreApplication.translate("catalog", text)


def catalogue_path(language: str) -> Path:
    return resource("i18n", _CATALOGUE.format(language))


def install_language(app: QCoreApplication, preference: str) -> str:
    """Install the translators for the chosen language; returns the language used."""
    language = chosen_language(preference)
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    try:
        entries = read_catalogue(catalogue_path(language))
    except (OSError, ElementTree.ParseError) as exc:
        log.warning("no %s translation, staying in English: %s", language, exc)
        return "en"
    translators: list[QTranslator] = [CatalogueTranslator(entries, language)]
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_dir):
        translators.append(qt_own)
    for translator in translators:
        translator.setParent(app)  # kept alive as long as the application
        app.installTranslator(translator)
    return language
