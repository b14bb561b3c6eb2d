"""What the handlers share for the life of the server; `runtime` is swapped on reload."""

from __future__ import annotations

import time
from pathlib import Path

from aiohttp import web

from app.auth.manager import Logins
from app.auth.store import TokenStore
from app.config.presets import model_spec
from app.config.schema import ModelSpec
from app.config.store import config_dir
from app.knowledge.index import ProjectIndex
from app.proxy.circuit import Breakers
from app.proxy.connections import ConnectionLimit
from app.proxy.credentials import ProviderAuth
from app.proxy.guard import allowed_hosts
from app.proxy.memory import Remembered
from app.proxy.metrics import Metrics
from app.proxy.observer import Observers
from app.proxy.runtime import Runtime
from app.proxy.upstream import Upstream


class ProxyState:
    def __init__(self, runtime: Runtime, *, bound_host: str, config_path: Path | None) -> None:
        self._runtime = runtime
        self.hosts = allowed_hosts(bound_host)
        self.config_path = config_path
        # the install's token, even when requests need none: /health proves it holds it
        self.proof_token: str | None = None
        self.connections: ConnectionLimit | None = None  # while listening
        self.client_idle = 60.0  # seconds a client may pause while sending a request body
        self.upstream = Upstream()
        self.upstream.network = runtime.config.settings.network
        store = TokenStore(config_path.parent if config_path is not None else config_dir())
        self.auth = ProviderAuth(Logins(store, lambda: self.upstream.session))
        self.observers = Observers()
        self.started = time.monotonic()
        self.inflight = 0
        # Breakers and metrics outlive reloads: keyed by provider name, not by config object.
        self.breakers = Breakers(
            runtime.config.settings.breaker, on_change=self.observers.breaker_change
        )
        self.metrics = Metrics(self._model_spec)
        self.auto_choices = Remembered(4096)  # the auto rule's route per conversation
        self.summaries = Remembered(256)  # compaction summaries, by the prefix they replace
        # project knowledge indexes, by (folders, passage lines, file size limit)
        self.knowledge: dict[tuple[tuple[Path, ...], int, int], ProjectIndex] = {}
        self.observers.add(self.metrics)

    @property
    def runtime(self) -> Runtime:
        return self._runtime

    @runtime.setter
    def runtime(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self.breakers.settings = runtime.config.settings.breaker
        self.upstream.network = runtime.config.settings.network
        self.breakers.retain(runtime.providers)

    def _model_spec(self, provider: str, model: str) -> ModelSpec | None:
        found = self._runtime.providers.get(provider)
        return model_spec(found, model) if found is not None else None


STATE = web.AppKey("state", ProxyState)
