"""Choose a provider preset from the catalogue, with a search box."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.config.presets import Preset, find_presets
from app.ui.language import catalog_text

KIND_NAMES = {
    "anthropic": "Anthropic API",
    "openai-chat": "OpenAI Chat Completions",
    "openai-responses": "OpenAI Responses",
    "gemini": "Gemini",
}


class PresetPicker(QWidget):
    chosen = Signal(object)  # a Preset, on double click or Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search providers and models (e.g. deepseek, glm, kimi)")
        )
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSpacing(3)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setOpenExternalLinks(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumWidth(240)
        self.details.setContentsMargins(8, 4, 4, 4)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        self.search.textChanged.connect(self._fill)
        self.search.returnPressed.connect(self._choose_current)
        self.list.currentItemChanged.connect(self._show_details)
        self.list.itemActivated.connect(lambda _item: self._choose_current())
        self._fill("")

    def current(self) -> Preset | None:
        item = self.list.currentItem()
        preset: Preset | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        return preset

    def _fill(self, query: str) -> None:
        self.list.clear()
        for preset in find_presets(query):
            name = catalog_text(preset.name)
            item = QListWidgetItem(f"{name}\n{KIND_NAMES[preset.kind]} · {preset.base_url}")
            item.setSizeHint(text_size(item.text(), self.list.font()))
            item.setData(Qt.ItemDataRole.UserRole, preset)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.details.setText(
                self.tr("No preset matches. Close this and use <b>Add custom</b>.")
            )

    def _show_details(self) -> None:
        preset = self.current()
        if preset is None:
            return
        name = html.escape(catalog_text(preset.name))
        parts = [f"<b>{name}</b>", html.escape(KIND_NAMES[preset.kind])]
        if preset.notes:
            parts.append(html.escape(catalog_text(preset.notes)))
        if preset.models:
            shown = ", ".join(list(preset.models)[:8]) + (" …" if len(preset.models) > 8 else "")
            parts.append(self.tr("Models: {models}").format(models=html.escape(shown)))
        links = [
            label.format(url=html.escape(url))
            for label, url in (
                (self.tr('<a href="{url}">Get an API key</a>'), preset.keys_url),
                (self.tr('<a href="{url}">Docs</a>'), preset.docs_url),
            )
            if url
        ]
        if links:
            parts.append(" · ".join(links))
        self.details.setText("<br><br>".join(parts))

    def _choose_current(self) -> None:
        preset = self.current()
        if preset is not None:
            self.chosen.emit(preset)


def text_size(text: str, font: QFont) -> QSize:
    """What `text` takes, lines laid out as they are painted: with the fallback font's taller
    lines for CJK text (the item view's own estimate uses the main font's, and a two-line
    Chinese item came out elided to one line)."""
    width = height = 0.0
    for part in text.split("\n"):
        layout = QTextLayout(part, font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1e6)
        layout.endLayout()
        width, height = max(width, line.naturalTextWidth()), height + line.height()
    margin = 8  # the delegate's text margins, and some air
    return QSize(int(width) + margin, int(height + 0.999) + margin)


class PresetDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a provider from the catalogue"))
        self.resize(720, 460)
        self.picker = PresetPicker()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.picker.chosen.connect(lambda _preset: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(buttons)
