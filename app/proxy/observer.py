"""How the proxy reports to whoever watches it (the tray, metrics), without knowing who that is."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from app.system import redact

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RequestRecord:
    """One request as the dashboard and /requests show it. Never holds a body."""

    started: float  # time.time()
    profile: str
    requested_model: str
    slot: str = ""
    rule: str = ""
    decision: str = ""  # why a classifier-made choice (the auto rule) was taken
    provider: str = ""
    model: str = ""
    stream: bool = False
    request_bytes: int = 0
    status: int = 0
    error: str = ""
    duration_ms: float = 0.0
    ttfb_ms: float | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    attempts: list[str] = field(default_factory=list)  # "provider/model: outcome" per candidate


class ProxyObserver(Protocol):
    def on_request(self, record: RequestRecord) -> None: ...

    def on_config_reloaded(self, ok: bool, message: str) -> None: ...

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        """A circuit breaker moved: key is "provider" or "provider/model"; states are
        "closed", "open" and "half-open"."""


class Observers:
    """Fans events out to every observer; one failing observer never breaks the proxy."""

    def __init__(self) -> None:
        self._observers: list[ProxyObserver] = []

    def add(self, observer: ProxyObserver) -> None:
        self._observers.append(observer)

    def remove(self, observer: ProxyObserver) -> None:
        if observer in self._observers:
            self._observers.remove(observer)

    def request(self, record: RequestRecord) -> None:
        # /requests, the dashboard and notices keep these texts: an upstream may have echoed
        # the key into them
        if record.error:
            record.error = redact.scrub(record.error)
        if record.decision:
            record.decision = redact.scrub(record.decision)
        for observer in self._observers:
            try:
                observer.on_request(record)
            except Exception:
                log.exception("observer %r failed on a request record", observer)

    def breaker_change(self, key: str, old: str, new: str) -> None:
        for observer in self._observers:
            try:
                observer.on_breaker_change(key, old, new)
            except Exception:
                log.exception("observer %r failed on a breaker change", observer)

    def config_reloaded(self, ok: bool, message: str) -> None:
        for observer in self._observers:
            try:
                observer.on_config_reloaded(ok, message)
            except Exception:
                log.exception("observer %r failed on a config reload", observer)
