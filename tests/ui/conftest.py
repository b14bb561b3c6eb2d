"""UI tests: pytest-asyncio runs them on a qasync loop over the pytest-qt QApplication, so the
proxy (aiohttp) and the widgets share one loop as in the app. This hook lives here, not in the
top conftest, so every other asyncio test keeps the default loop."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import qasync
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.config.schema import Config
from app.config.store import LoadedConfig, save_config
from app.ui.controller import AppController
from tests.support.held_keyring import held_keyring  # noqa: F401  (fixture)
from tests.support.proxy import TOKEN


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    def qasync_loop() -> asyncio.AbstractEventLoop:
        app = QApplication.instance() or QApplication([])
        loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
        return loop

    return {"qasync": qasync_loop}


class Dialogs:
    """Stands in for QMessageBox's static dialogs: a modal loop would hang the test (and no
    timeout can fire inside it). A test queues the answers it expects to be asked for."""

    def __init__(self) -> None:
        self.answers: list[QMessageBox.StandardButton] = []
        self.seen: list[tuple[str, str]] = []

    def ask(self, kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def dialog(_parent: object, title: str, text: str, *_args: object) -> Any:
            self.seen.append((title, text))
            if kind == "question":
                assert self.answers, f"unexpected question: {title}: {text}"
                return self.answers.pop(0)
            return QMessageBox.StandardButton.Ok

        return dialog


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    for kind in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder.ask(kind)))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    return recorder


def write_config(path: Path, data: dict[str, Any]) -> LoadedConfig:
    config = Config.model_validate(data)
    save_config(path, config)
    return LoadedConfig(config, path)


def upstream_config(url: str) -> dict[str, Any]:
    """One Anthropic-kind provider at a loopback `url` and a profile `main` using it."""
    return {
        "providers": [
            {"name": "up", "kind": "anthropic", "base_url": url, "api_key": "upstream-test-key"}
        ],
        "profiles": [{"name": "main", "models": {"default": "up/claude-upstream"}}],
    }


@pytest_asyncio.fixture
async def make_controller(
    qapp: QApplication, tmp_path: Path
) -> AsyncIterator[Callable[[dict[str, Any]], Any]]:
    """`await make_controller(config_dict)`: a started AppController whose real proxy listens
    on a free port, with its config file and preferences in tmp_path."""
    made: list[AppController] = []
    qapp.setQuitOnLastWindowClosed(False)  # as the app does: closing a window keeps it running

    async def make(data: dict[str, Any]) -> AppController:
        loaded = write_config(tmp_path / "config" / "config.toml", data)
        controller = AppController(
            loaded,
            quit_event=asyncio.Event(),
            port=0,
            token=TOKEN,
            preferences_file=tmp_path / "state" / "ui.json",
        )
        await controller.start()
        made.append(controller)
        return controller

    yield make
    # An error raised in a worker thread (asyncio.to_thread) sits in a reference cycle with the
    # frames it passed, which hold these Qt objects: free that garbage now, while the objects
    # are alive and the loop runs, not in a later test after they are gone (a segfault).
    gc.collect()
    for controller in made:
        await controller.shutdown()
        for window in (controller.settings_window, controller.first_run, controller.dashboard):
            if window is not None:
                window.deleteLater()
