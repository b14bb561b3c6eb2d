"""Request metrics in memory: an observer fed every finished request (ProxyState.observers).

Counts are kept per (profile, provider, model) and merged on demand into totals and per
profile, provider and model views. Memory is bounded: latency percentiles come from the last
`SAMPLES` requests of each group, the request log keeps the last `RECENT` records (no bodies),
and the per-minute counts the last day. A client can name any model, so past `MAX_GROUPS`
groups a new model is counted in its provider's `OTHER` group (and its breaker changes too).
"""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.config.schema import ModelSpec
from app.errors import error_type_for_status
from app.proxy.observer import RequestRecord

SAMPLES = 1024
RECENT = 500
MAX_GROUPS = 256
OTHER = "(other models)"
_MINUTES_KEPT = 24 * 60
QUANTILES = (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))

PriceLookup = Callable[[str, str], ModelSpec | None]  # (provider, model) -> catalogue entry
GroupKey = tuple[str, str, str]  # (profile, provider, model); provider "" = none was tried


@dataclass(slots=True)
class GroupStats:
    requests: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    latency_ms: deque[float] = field(default_factory=lambda: deque(maxlen=SAMPLES))
    ttfb_ms: deque[float] = field(default_factory=lambda: deque(maxlen=SAMPLES))
    latency_sum_ms: float = 0.0
    ttfb_sum_ms: float = 0.0
    ttfb_count: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cost_usd: float = 0.0

    def add(self, record: RequestRecord, cost: float) -> None:
        self.requests += 1
        kind = error_kind(record)
        if kind is not None:
            self.errors[kind] += 1
        self.latency_ms.append(record.duration_ms)
        self.latency_sum_ms += record.duration_ms
        if record.ttfb_ms is not None:
            self.ttfb_ms.append(record.ttfb_ms)
            self.ttfb_sum_ms += record.ttfb_ms
            self.ttfb_count += 1
        self.input_tokens += record.input_tokens
        self.output_tokens += record.output_tokens
        self.cache_read_tokens += record.cache_read_tokens
        self.cost_usd += cost

    def merge(self, other: GroupStats) -> None:
        self.requests += other.requests
        self.errors.update(other.errors)
        self.latency_ms.extend(other.latency_ms)
        self.ttfb_ms.extend(other.ttfb_ms)
        self.latency_sum_ms += other.latency_sum_ms
        self.ttfb_sum_ms += other.ttfb_sum_ms
        self.ttfb_count += other.ttfb_count
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_read_tokens += other.cache_read_tokens
        self.cost_usd += other.cost_usd

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "errors": dict(sorted(self.errors.items())),
            "latency_ms": percentiles(self.latency_ms),
            "ttfb_ms": percentiles(self.ttfb_ms),
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cache_read_tokens": self.cache_read_tokens,
            "cost_usd": round(self.cost_usd, 6),
        }


def _local_date(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(timestamp))


def _merged(groups: Iterable[GroupStats]) -> GroupStats:
    # Merged views hold every member's samples, not only the last SAMPLES of them.
    total = GroupStats(latency_ms=deque(), ttfb_ms=deque())
    for group in groups:
        total.merge(group)
    return total


def percentiles(samples: Iterable[float]) -> dict[str, float | None]:
    """Nearest-rank percentiles, in ms rounded to 0.1; None without samples."""
    ordered = sorted(samples)
    if not ordered:
        return {name: None for name, _ in QUANTILES}
    return {
        name: round(ordered[max(0, math.ceil(q * len(ordered)) - 1)], 1) for name, q in QUANTILES
    }


def error_kind(record: RequestRecord) -> str | None:
    """The Anthropic error type the client saw, `stream_error` for a stream cut after it began,
    `cancelled` when the client left first; None for a success."""
    if record.status >= 400:
        return error_type_for_status(record.status)
    if record.error:
        return "stream_error"
    if record.status == 0:
        return "cancelled"
    return None


class Metrics:
    """The ProxyObserver behind GET /metrics, /metrics/prometheus, /requests and the dashboard."""

    def __init__(
        self, prices: PriceLookup | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._prices = prices
        self._clock = clock
        self.started_at = clock()
        self._groups: dict[GroupKey, GroupStats] = {}
        self._recent: deque[RequestRecord] = deque(maxlen=RECENT)
        self._minutes: dict[int, int] = {}
        self._today_date = _local_date(self.started_at)
        self._today = GroupStats()  # since local midnight: the dashboard's "today"
        self._today_by_profile: dict[str, list[float]] = {}  # profile → [tokens, cost]
        self.breaker_transitions: Counter[tuple[str, str]] = Counter()  # (key, new state)

    def on_request(self, record: RequestRecord) -> None:
        key = (record.profile, record.provider, record.model if record.provider else "")
        group = self._groups.get(key)
        if group is None:
            if len(self._groups) >= MAX_GROUPS:
                key = (record.profile, record.provider, OTHER)
                group = self._groups.get(key)
            if group is None:
                group = self._groups[key] = GroupStats()
        cost = self._cost(record)
        group.add(record, cost)
        day = _local_date(record.started)
        if day != self._today_date:
            self._today_date, self._today = day, GroupStats()
            self._today_by_profile = {}
        self._today.add(record, cost)
        used = self._today_by_profile.setdefault(record.profile, [0, 0.0])
        used[0] += record.input_tokens + record.output_tokens + record.cache_read_tokens
        used[1] += cost
        self._recent.append(record)
        minute = int(record.started // 60)
        self._minutes[minute] = self._minutes.get(minute, 0) + 1
        if len(self._minutes) > _MINUTES_KEPT:
            del self._minutes[min(self._minutes)]

    def on_config_reloaded(self, ok: bool, message: str) -> None:
        """Nothing to do: counts carry over a reload."""

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        transitions = self.breaker_transitions
        if (key, new) not in transitions and len(transitions) >= MAX_GROUPS:
            key = f"{key.split('/', 1)[0]}/{OTHER}" if "/" in key else key
        transitions[(key, new)] += 1

    def snapshot(self) -> dict[str, Any]:
        """totals, by_profile, by_provider and by_model, each with requests, errors by type,
        latency and time-to-first-token percentiles, tokens and estimated cost."""
        views: dict[str, dict[str, list[GroupStats]]] = {
            "by_profile": {},
            "by_provider": {},
            "by_model": {},
        }
        for (profile, provider, model), group in self._groups.items():
            views["by_profile"].setdefault(profile, []).append(group)
            if provider:
                views["by_provider"].setdefault(provider, []).append(group)
                views["by_model"].setdefault(f"{provider}/{model}", []).append(group)
        today = self._today if _local_date(self._clock()) == self._today_date else GroupStats()
        out: dict[str, Any] = {
            "started_at": self.started_at,
            "totals": _merged(self._groups.values()).as_dict(),
            "today": today.as_dict(),
        }
        for view, members in views.items():
            out[view] = {
                name: _merged(groups).as_dict() for name, groups in sorted(members.items())
            }
        return out

    def today_by_profile(self) -> dict[str, tuple[int, float]]:
        """Tokens and estimated cost (USD) per profile since local midnight."""
        if _local_date(self._clock()) != self._today_date:
            return {}
        return {name: (int(used[0]), used[1]) for name, used in self._today_by_profile.items()}

    def groups(self) -> dict[GroupKey, GroupStats]:
        """The raw per (profile, provider, model) counters, for the Prometheus exposition."""
        return dict(self._groups)

    def recent(self, limit: int = 100) -> list[RequestRecord]:
        """The last `limit` requests, newest first."""
        records = list(self._recent)[-limit:] if limit > 0 else []
        records.reverse()
        return records

    def per_minute(self, minutes: int = 60) -> list[tuple[float, int]]:
        """(minute start as a Unix time, requests started in it), oldest first, ending with the
        current minute; minutes without requests are 0."""
        now = int(self._clock() // 60)
        return [(m * 60.0, self._minutes.get(m, 0)) for m in range(now - minutes + 1, now + 1)]

    def _cost(self, record: RequestRecord) -> float:
        if self._prices is None or not record.provider:
            return 0.0
        spec = self._prices(record.provider, record.model)
        if spec is None:
            return 0.0
        input_price = spec.input_price or 0.0
        cache_price = spec.cache_read_price if spec.cache_read_price is not None else input_price
        return (
            record.input_tokens * input_price
            + record.output_tokens * (spec.output_price or 0.0)
            + record.cache_read_tokens * cache_price
        ) / 1_000_000
