"""Circuit breakers per provider and per provider/model, and the passive health they give.

A breaker is **closed** (calls go through), **open** (calls are skipped until the cool-down
ends) or **half-open** (the cool-down ended: exactly one probe call goes through; its success
closes the breaker, its failure opens it again). It opens after `consecutive_failures` failures
in a row, or when at least `min_requests` calls in the last `window_seconds` failed at a rate of
`failure_rate` or more. A provider's `Retry-After` opens it at once for that long (capped).

Keys are `"provider"` for failures of the whole provider (connection, timeouts, 5xx) and
`"provider/model"` for failures of one model (404 model-not-found, 429 rate limits). Breakers
live for the life of the server: a config reload keeps them (keyed by name) but drops the keys
of providers that are gone. Their number is bounded (`MAX_BREAKERS`): a client can name any
model, so past the bound the least recently used closed breaker makes room (an open one only
when every breaker is open). Time comes from an injectable clock, so tests need not sleep.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.config.schema import BreakerSettings
from app.system import redact

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"
MAX_BREAKERS = 1024

ChangeListener = Callable[[str, str, str], None]  # (key, old state, new state)


@dataclass(slots=True)
class _Breaker:
    state: str = CLOSED
    consecutive: int = 0
    open_until: float = 0.0
    probing: bool = False  # half-open: the one probe call is under way
    window: deque[tuple[float, bool]] = field(default_factory=deque)  # (time, failed)
    window_failures: int = 0


@dataclass(slots=True)
class ProviderHealth:
    """What traffic told about one provider: its last error and last success."""

    last_error: str = ""
    last_error_at: float | None = None  # time.time()
    last_ok_at: float | None = None


class Breakers:
    """All breakers of one server. Single-threaded: called from the event loop only."""

    def __init__(
        self,
        settings: BreakerSettings,
        *,
        on_change: ChangeListener | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._on_change = on_change
        self._clock = clock
        self._breakers: dict[str, _Breaker] = {}
        self.health: dict[str, ProviderHealth] = {}

    def state(self, key: str) -> str:
        """The state as a caller would see it now (an open breaker past its cool-down reads
        half-open). Changes nothing."""
        breaker = self._breakers.get(key)
        if breaker is None:
            return CLOSED
        if breaker.state == OPEN and self._clock() >= breaker.open_until:
            return HALF_OPEN
        return breaker.state

    def is_available(self, keys: Iterable[str]) -> bool:
        """Would `acquire(keys)` let a call through? Changes nothing."""
        if not self.settings.enabled:
            return True
        now = self._clock()
        for key in keys:
            breaker = self._breakers.get(key)
            if breaker is None or breaker.state == CLOSED:
                continue
            if breaker.state == OPEN and now < breaker.open_until:
                return False
            if breaker.state == HALF_OPEN and breaker.probing:
                return False
        return True

    def acquire(self, keys: Iterable[str], *, force: bool = False) -> bool:
        """Let one call through all of `keys`, taking the half-open probe where due.
        `force` lets it through open breakers too (every candidate is open: try the one whose
        cool-down ends soonest rather than failing without trying); it then counts as the probe."""
        keys = tuple(keys)
        if not self.settings.enabled:
            return True
        if not force and not self.is_available(keys):
            return False
        now = self._clock()
        for key in keys:
            breaker = self._breakers.get(key)
            if breaker is None or breaker.state == CLOSED:
                continue
            if breaker.state == OPEN and (force or now >= breaker.open_until):
                self._move(key, breaker, HALF_OPEN)
            breaker.probing = True
        return True

    def reopens_at(self, keys: Iterable[str]) -> float:
        """When the last of `keys` ends its cool-down (clock time); now if none is open."""
        now = self._clock()
        ends = [b.open_until for k in keys if (b := self._breakers.get(k)) and b.state == OPEN]
        return max([now, *ends])

    def success(self, keys: Iterable[str]) -> None:
        now = self._clock()
        for key in keys:
            breaker = self._used(key)
            breaker.consecutive = 0
            breaker.probing = False
            self._remember(breaker, now, failed=False)
            if breaker.state != CLOSED:
                breaker.window.clear()
                breaker.window_failures = 0
                self._move(key, breaker, CLOSED)
        self._health(keys).last_ok_at = time.time()

    def failure(self, key: str, message: str, *, retry_after: float | None = None) -> None:
        """One failed call on `key`. `retry_after` (seconds) opens the breaker at once."""
        settings = self.settings
        now = self._clock()
        breaker = self._used(key)
        breaker.consecutive += 1
        breaker.probing = False
        self._remember(breaker, now, failed=True)
        health = self._health((key,))
        health.last_error, health.last_error_at = redact.scrub(message), time.time()
        if not settings.enabled:
            return
        counted = len(breaker.window)
        by_rate = (
            counted >= settings.min_requests
            and breaker.window_failures / counted >= settings.failure_rate
        )
        if retry_after is not None:
            cooldown = min(max(retry_after, 0.0), settings.max_cooldown_seconds)
        else:
            cooldown = settings.cooldown_seconds
        trips = (
            breaker.state == HALF_OPEN
            or retry_after is not None
            or breaker.consecutive >= settings.consecutive_failures
            or by_rate
        )
        if trips:
            breaker.open_until = max(breaker.open_until, now + cooldown)
            if breaker.state != OPEN:
                self._move(key, breaker, OPEN)

    def release(self, keys: Iterable[str]) -> None:
        """A call taken by `acquire` ended with no verdict (the client went away, or the
        request itself was at fault): free the half-open probe for the next call."""
        for key in keys:
            breaker = self._breakers.get(key)
            if breaker is not None:
                breaker.probing = False

    def retain(self, providers: Iterable[str]) -> None:
        """Drop the breakers and health of providers no longer configured."""
        names = set(providers)
        for key in [k for k in self._breakers if k.split("/", 1)[0] not in names]:
            del self._breakers[key]
        for name in [n for n in self.health if n not in names]:
            del self.health[name]

    def snapshot(self) -> dict[str, str]:
        """Every known breaker's state, by key (for the tray and /health)."""
        return {key: self.state(key) for key in sorted(self._breakers)}

    def health_report(self) -> dict[str, dict[str, object]]:
        """Per provider: the worst state of its breakers, its breakers, last error and success."""
        states = self.snapshot()
        report: dict[str, dict[str, object]] = {}
        for name in sorted({k.split("/", 1)[0] for k in states} | set(self.health)):
            own = {k: v for k, v in states.items() if k == name or k.startswith(name + "/")}
            health = self.health.get(name, ProviderHealth())
            worst = (
                OPEN if OPEN in own.values() else HALF_OPEN if HALF_OPEN in own.values() else CLOSED
            )
            report[name] = {
                "state": worst,
                "breakers": own,
                "last_error": health.last_error or None,
                "last_error_at": health.last_error_at,
                "last_ok_at": health.last_ok_at,
            }
        return report

    def _used(self, key: str) -> _Breaker:
        """The breaker of `key`, made the most recently used; made anew if it has none."""
        breakers = self._breakers
        breaker = breakers.pop(key, None)
        if breaker is None:
            breaker = _Breaker()
            if len(breakers) >= MAX_BREAKERS:
                self._evict()
        breakers[key] = breaker  # (re)inserted last: the dict's order is least recent first
        return breaker

    def _evict(self) -> None:
        breakers = self._breakers
        victim = next(
            (k for k, b in breakers.items() if b.state == CLOSED and not b.probing),
            next(iter(breakers)),
        )
        del breakers[victim]

    def _remember(self, breaker: _Breaker, now: float, *, failed: bool) -> None:
        window = breaker.window
        window.append((now, failed))
        breaker.window_failures += failed
        horizon = now - self.settings.window_seconds
        while window and (window[0][0] < horizon or len(window) > _WINDOW_CAP):
            breaker.window_failures -= window.popleft()[1]

    def _health(self, keys: Iterable[str]) -> ProviderHealth:
        provider = next(iter(keys)).split("/", 1)[0]
        return self.health.setdefault(provider, ProviderHealth())

    def _move(self, key: str, breaker: _Breaker, new: str) -> None:
        old, breaker.state = breaker.state, new
        if self._on_change is not None:
            self._on_change(key, old, new)


_WINDOW_CAP = 1000  # calls kept per breaker for the failure rate: bounded memory under load
