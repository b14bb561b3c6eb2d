"""The layout the Providers and Profiles pages share: a list with its buttons on the left, the
selected item's form on the right, and a short explanation while the list is empty."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def list_with_detail(
    page: QWidget,
    items: QListWidget,
    buttons: Sequence[QPushButton],
    detail: QWidget,
    empty_text: str,
) -> QStackedWidget:
    """Lay `page` out; returns the stack that shows the explanation (0) or the detail (1)."""
    items.setMinimumWidth(160)
    items.setMaximumWidth(220)
    left = QVBoxLayout()
    left.addWidget(items, 1)
    for button in buttons:
        left.addWidget(button)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(detail)
    empty = QLabel(empty_text)
    empty.setWordWrap(True)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget()
    stack.addWidget(empty)
    stack.addWidget(scroll)
    layout = QHBoxLayout(page)
    layout.addLayout(left)
    layout.addWidget(stack, 1)
    return stack
