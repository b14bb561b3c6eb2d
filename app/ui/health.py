"""Provider and profile health as the tray shows it, from the proxy's observer events.

Pure: fed RequestRecords and breaker changes, it answers "is this provider fine?", the tray
icon's state and the tooltip's one-line summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from app.config.schema import SLOTS, Config, ModelRef, Profile
from app.proxy.observer import RequestRecord

Health = Literal["ok", "degraded", "down"]
_RANK: dict[str, int] = {"closed": 0, "half-open": 1, "open": 2}
# Statuses caused by the request itself: they say nothing about the provider.
_REQUEST_FAULTS = frozenset({400, 413})


class TrayState(Enum):
    OK = "ok"
    DEGRADED = "degraded"
    STOPPED = "stopped"


@dataclass
class ProviderHealth:
    breakers: dict[str, str] = field(default_factory=dict)  # key -> state, closed ones dropped
    last_error: str = ""
    last_error_at: float | None = None
    last_ok_at: float | None = None

    @property
    def breaker(self) -> str:
        """The worst breaker state among the provider's and its models' breakers."""
        return max(self.breakers.values(), key=_RANK.__getitem__, default="closed")

    @property
    def status(self) -> Health:
        if self.breaker == "open":
            return "down"
        if self.breaker == "half-open" or self.last_error:
            return "degraded"
        return "ok"


class HealthTracker:
    def __init__(self) -> None:
        self.providers: dict[str, ProviderHealth] = {}

    def provider(self, name: str) -> ProviderHealth:
        return self.providers.get(name) or ProviderHealth()

    def on_request(self, record: RequestRecord) -> None:
        now = record.started + record.duration_ms / 1000
        for index, attempt in enumerate(record.attempts):
            ref, _, outcome = attempt.rpartition(": ")
            provider = ref.partition("/")[0]
            if not provider or not outcome.isdigit():
                continue
            status, is_last = int(outcome), index == len(record.attempts) - 1
            if status >= 400:
                if status not in _REQUEST_FAULTS:
                    detail = record.error if is_last and record.error else f"HTTP {status}"
                    self._failed(provider, detail, now)
            elif is_last and record.error:
                self._failed(provider, record.error, now)  # e.g. a stream cut mid-way
            elif is_last:
                health = self.providers.setdefault(provider, ProviderHealth())
                health.last_ok_at, health.last_error = now, ""

    def on_breaker_change(self, key: str, new: str) -> None:
        health = self.providers.setdefault(key.partition("/")[0], ProviderHealth())
        if new == "closed":
            health.breakers.pop(key, None)
        else:
            health.breakers[key] = new

    def load_breakers(self, snapshot: dict[str, str]) -> None:
        for key, state in snapshot.items():
            self.on_breaker_change(key, state)

    def profile_status(self, profile: Profile) -> Health:
        """down: no candidate of the default route can serve; degraded: some provider is
        not ok; else ok."""
        statuses = {name: self.provider(name).status for name in profile_providers(profile)}
        default = [ModelRef.parse(ref).provider for ref in profile.models.default]
        if default and all(statuses.get(name) == "down" for name in default):
            return "down"
        return "degraded" if any(s != "ok" for s in statuses.values()) else "ok"

    def tray_state(self, config: Config, running: bool) -> TrayState:
        if not running:
            return TrayState.STOPPED
        used = {p.name for p in config.providers if p.enabled}
        if any(self.provider(name).status != "ok" for name in used):
            return TrayState.DEGRADED
        return TrayState.OK

    def problems(self, config: Config) -> list[str]:
        """One short phrase per provider that is not ok, e.g. "deepseek: breaker open"."""
        out = []
        for provider in config.providers:
            health = self.provider(provider.name)
            if health.status == "ok":
                continue
            if health.breaker != "closed":
                out.append(f"{provider.name}: breaker {health.breaker}")
            else:
                out.append(f"{provider.name}: {health.last_error}")
        return out

    def _failed(self, provider: str, error: str, when: float) -> None:
        health = self.providers.setdefault(provider, ProviderHealth())
        health.last_error, health.last_error_at = error, when


def profile_providers(profile: Profile) -> list[str]:
    """Every provider a profile's routes name, in first-seen order."""
    names: dict[str, None] = {}
    for slot in SLOTS:
        for ref in getattr(profile.models, slot) or ():
            names.setdefault(ModelRef.parse(ref).provider)
    return list(names)


def summary_line(
    tracker: HealthTracker, config: Config, *, running: bool, address: str, failure: str = ""
) -> str:
    """The tooltip's one line: where the proxy listens and whether anything is wrong."""
    if not running:
        return f"Proxy stopped: {failure}" if failure else "Proxy stopped"
    profiles = len(config.profiles)
    head = f"Proxy on {address} · {profiles} profile{'s' if profiles != 1 else ''}"
    if not config.providers:
        return f"{head} · no providers yet"
    problems = tracker.problems(config)
    if not problems:
        return f"{head} · all providers healthy"
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{head} · {problems[0]}{more}"
