"""Run the production proxy and loopback upstreams on an event loop in a background thread, for
tests that drive them synchronously (hypothesis, subprocess clients)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from app.config.schema import Config
from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.chat_upstream import ChatUpstream

T = TypeVar("T")


class LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


@contextmanager
def running_stack(
    make_config: Callable[[str, str], dict[str, Any]], token: str | None
) -> Iterator[tuple[ProxyServer, AnthropicUpstream, ChatUpstream, LoopThread]]:
    """`make_config(anthropic_url, chat_url)` → config dict; yields the running pieces."""
    thread = LoopThread()
    anthropic = AnthropicUpstream()
    chat = ChatUpstream()

    async def start() -> ProxyServer:
        await anthropic.start()
        await chat.start()
        config = Config.model_validate(make_config(anthropic.url, chat.url))
        server = ProxyServer(config, token=token, port=0)
        await server.start()
        return server

    server = thread.run(start())
    try:
        yield server, anthropic, chat, thread
    finally:

        async def stop() -> None:
            await server.stop()
            await chat.stop()
            await anthropic.stop()

        thread.run(stop())
        thread.close()
