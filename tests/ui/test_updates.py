"""The tray's update check against a loopback release feed: a notice and a menu entry when a
newer version is out, nothing installed, nothing said when none is."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from PySide6.QtWidgets import QMenu

from app import __version__
from app.ui.menu import build_menu
from app.ui.notices import Notice
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config


class Feed:
    def __init__(self) -> None:
        self.release: dict[str, Any] = {}
        self.asked = 0
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/releases/latest", self._latest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/releases/latest"

    async def _latest(self, request: web.Request) -> web.Response:
        self.asked += 1
        return web.json_response(self.release)


@pytest_asyncio.fixture
async def feed() -> AsyncIterator[Feed]:
    server = Feed()
    await server.start()
    yield server
    await server._runner.cleanup()


def _texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions()]


async def _controller(make_controller: Any, upstream: str, feed_url: str | None) -> Any:
    data = upstream_config(upstream)
    if feed_url:
        data.setdefault("settings", {})["update_feed_url"] = feed_url
    return await make_controller(data)


@pytest.mark.asyncio
async def test_a_newer_release_is_announced_at_start_and_offered_in_the_menu(
    make_controller: Any, anthropic_upstream: AnthropicUpstream, feed: Feed, qapp: Any
) -> None:
    feed.release = {"tag_name": "v99.0.0", "html_url": "https://example.test/r/99", "draft": False}
    controller = await _controller(make_controller, anthropic_upstream.url, feed.url)
    notices: list[Notice] = []
    controller.notify = notices.append
    for _ in range(100):  # the check started with the app runs in the background
        if controller.updates.available is not None:
            break
        await asyncio.sleep(0.05)
    assert controller.updates.available is not None
    assert controller.updates.available.version == "99.0.0"
    menu = QMenu()
    build_menu(menu, controller)
    assert "Switchboard 99.0.0 is out: open its page…" in _texts(menu)
    assert "Check for updates…" in _texts(menu)
    feed.release["tag_name"] = "v99.0.1"  # out since: announced once, however often asked
    answer = await controller.check_updates()
    assert (
        answer == f"Switchboard 99.0.1 is out (you have {__version__}): https://example.test/r/99"
    )
    await controller.check_updates()
    assert [n.title for n in notices if "99.0.1" in n.title] == ["Switchboard 99.0.1 is out"]
    assert feed.asked == 3


@pytest.mark.asyncio
async def test_no_newer_release_no_notice(
    make_controller: Any, anthropic_upstream: AnthropicUpstream, feed: Feed
) -> None:
    feed.release = {"tag_name": f"v{__version__}", "html_url": "https://example.test/r"}
    controller = await _controller(make_controller, anthropic_upstream.url, feed.url)
    notices: list[Notice] = []
    controller.notify = notices.append
    assert await controller.check_updates() == f"Switchboard {__version__} is the newest version."
    assert controller.updates.available is None and notices == []


@pytest.mark.asyncio
async def test_without_a_feed_nothing_is_asked_or_offered(
    make_controller: Any, anthropic_upstream: AnthropicUpstream, feed: Feed, qapp: Any
) -> None:
    controller = await _controller(make_controller, anthropic_upstream.url, None)
    await asyncio.sleep(0.2)
    menu = QMenu()
    build_menu(menu, controller)
    assert "Check for updates…" not in _texts(menu)
    assert feed.asked == 0
