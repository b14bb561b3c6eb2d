"""OS notification texts for failovers and circuit breakers, and the throttle that keeps a
flapping provider from flooding the desktop. Pure: the tray shows what these return."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.proxy.observer import RequestRecord

DEFAULT_INTERVAL_S = 60.0


@dataclass(frozen=True)
class Notice:
    key: str  # what the throttle de-duplicates on
    title: str
    body: str


@dataclass
class Throttle:
    """At most one notice per key per `interval_s`."""

    interval_s: float = DEFAULT_INTERVAL_S
    _last: dict[str, float] = field(default_factory=dict)

    def allow(self, key: str, now: float) -> bool:
        last = self._last.get(key)
        if last is not None and now - last < self.interval_s:
            return False
        self._last[key] = now
        return True


def failover_notice(record: RequestRecord) -> Notice | None:
    """A request that needed more than one candidate; None when the first one served it."""
    if len(record.attempts) < 2:
        return None
    first = record.attempts[0]
    failed = first.rpartition(": ")[0]
    if record.error:
        body = f"{record.profile}: every candidate failed ({'; '.join(record.attempts)})"
        return Notice(f"failover:{record.profile}:failed", "Switchboard: request failed", body)
    served = f"{record.provider}/{record.model}"
    if failed == served:
        return None  # retried on the same candidate: no other provider stepped in
    body = f"{record.profile}: {first} — served by {served} instead"
    return Notice(f"failover:{failed}->{served}", "Switchboard: failover", body)


def breaker_notice(key: str, old: str, new: str) -> Notice | None:
    """A breaker that opened or closed again; half-open probes are not worth a notice."""
    if new == "open":
        body = f"{key} keeps failing: requests skip it for a while"
        return Notice(f"breaker:{key}:open", "Switchboard: provider paused", body)
    if new == "closed" and old != "closed":
        return Notice(f"breaker:{key}:closed", "Switchboard: provider back", f"{key} works again")
    return None
