"""What the handlers share for the life of the server; `runtime` is swapped on reload."""

from __future__ import annotations

import time
from pathlib import Path

from aiohttp import web

from app.proxy.guard import allowed_hosts
from app.proxy.observer import Observers
from app.proxy.runtime import Runtime
from app.proxy.upstream import Upstream


class ProxyState:
    def __init__(self, runtime: Runtime, *, bound_host: str, config_path: Path | None) -> None:
        self.runtime = runtime
        self.hosts = allowed_hosts(bound_host)
        self.config_path = config_path
        self.upstream = Upstream()
        self.observers = Observers()
        self.started = time.monotonic()
        self.inflight = 0


STATE = web.AppKey("state", ProxyState)
