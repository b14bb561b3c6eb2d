"""What a user can read in a window, and which of it is still English.

Used by the language tests: with the Chinese catalogue installed, every text a window shows
(labels, buttons, titles, tabs, list and combo items, placeholders, tooltips, menu entries) is
collected; what still holds an English word, once the user's own data (names, models, URLs,
paths) and the names that stay in English everywhere (brands, protocols) are taken out, is
a string someone forgot to translate.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

# Names that stay as they are in a Chinese UI: brands, products, protocols, Claude's model
# families (they name the slots), units, English named in its own words (the language list),
# and words of code (the claude command, a shell, the "env" block of settings.json, the
# commands in examples).
_KEPT_WORDS = """
Switchboard Claude Code Anthropic OpenAI ChatGPT Codex Gemini Google Vertex DeepSeek
OpenRouter Kimi Moonshot Qwen GitHub Copilot Azure AWS Bedrock Ollama LiteLLM Groq
Mistral xAI Grok Zhipu GLM MiniMax SiliconFlow Volcengine Doubao Alibaba Cerebras
Together Fireworks Perplexity Nvidia NVIDIA Hugging Face Cohere Baidu Tencent
Windows macOS Linux Dock PATH API URL URLs HTTP HTTPS TLS SSE JSON TOML MCP OAuth
CLI IDE SDK PID RSS CPU ID IDs UTC USD MiB KiB GiB ms req tok
DeepInfra Nebius Token Factory Sonar Novita BigModel GitLab Duo Studio vLLM Assist
haiku sonnet opus Haiku Sonnet Opus claudex token tokens
claude shell env English alacritty tmux exec DashScope Cloud Pro Max
"""
KEPT = set(_KEPT_WORDS.split())
# Names of several words (the APIs Switchboard speaks).
KEPT_PHRASES = (
    "OpenAI Chat Completions",
    "OpenAI Responses",
    "Chat Completions",
    "Responses API",
    "Kimi for Coding",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")
_IDENTIFIER = re.compile(r"\S*[0-9_/\\.:@=$-]\S*")  # models, paths, URLs, env vars, flags
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"`[^`]*`")  # a command or a field name, as typed


def texts(widget: QWidget) -> Iterator[str]:
    """Every text `widget` and its children can show, hidden pages included."""
    for item in [widget, *widget.findChildren(QWidget)]:
        yield item.toolTip()
        if item.isWindow():
            yield item.windowTitle()
        yield from _own_texts(item)


def _own_texts(item: QWidget) -> Iterator[str]:
    if isinstance(item, QLabel | QAbstractButton):
        yield item.text()
    elif isinstance(item, QGroupBox):
        yield item.title()
    elif isinstance(item, QLineEdit | QPlainTextEdit | QTextEdit):
        yield item.placeholderText()
    elif isinstance(item, QComboBox):
        yield from (item.itemText(i) for i in range(item.count()))
    elif isinstance(item, QTabBar):
        yield from (item.tabText(i) for i in range(item.count()))
        yield from (item.tabToolTip(i) for i in range(item.count()))
    elif isinstance(item, QListWidget):
        yield from (item.item(i).text() for i in range(item.count()))
    elif isinstance(item, QTableWidget):
        for column in range(item.columnCount()):
            header = item.horizontalHeaderItem(column)
            yield header.text() if header else ""
    elif isinstance(item, QTreeWidget):
        header = item.headerItem()
        yield from (header.text(i) for i in range(header.columnCount()))
    elif isinstance(item, QMenu):
        yield from menu_texts(item)


def menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from menu_texts(sub)


def english(shown: Iterable[str], data: Iterable[str] = ()) -> list[str]:
    """The texts that still hold an English word: not the user's `data`, not a KEPT name."""
    own = sorted({*(d for d in data if d), *KEPT_PHRASES}, key=len, reverse=True)
    # whole values only: a profile named "work" must not hide the "Fire" of "Fireworks"
    values = [re.compile(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])") for value in own]
    left = []
    for text in dict.fromkeys(shown):
        plain = _CODE.sub(" ", html.unescape(_TAG.sub(" ", text)).replace("&", ""))
        for value in values:
            plain = value.sub(" ", plain)
        plain = _IDENTIFIER.sub(" ", plain)
        if any(word not in KEPT for word in _WORD.findall(plain)):
            left.append(text)
    return left
