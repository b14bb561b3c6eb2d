"""Small helpers the UI tests share: driving widgets like a user, and asking the real proxy."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.support.proxy import TOKEN


def type_into(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    """Replace a line edit's text by typing, as a user would (emits textEdited)."""
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line, text)


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


async def saved(window: Any) -> bool:
    """Wait for the save a SettingsWindow started (keys go to the keyring in a thread)."""
    assert window.saving is not None, "no save was started"
    result: bool = await window.saving
    return result


async def get_json(url: str, *, token: str = TOKEN) -> Any:
    """GET with the local token (the whole /health needs it)."""
    headers = {"x-api-key": token}
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def post_message(base: str, profile: str, *, token: str = TOKEN) -> tuple[int, Any]:
    body = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 64,
        "messages": [{"role": "user", "content": "hi"}],
    }
    headers = {"Authorization": f"Bearer {token}", "anthropic-version": "2023-06-01"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/proxy/{profile}/v1/messages", json=body, headers=headers) as response,
    ):
        return response.status, await response.json(content_type=None)


async def settle(seconds: float = 0.05) -> None:
    """Let queued Qt events and loop callbacks run (never a nested qtbot.wait on qasync)."""
    await asyncio.sleep(seconds)
