"""The dashboard's numbers as text: pure functions over Metrics snapshots, the breakers'
health report and RequestRecords, so they are tested without Qt."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.config.schema import Config
from app.proxy.observer import RequestRecord
from app.ui.health import HealthView

DASH = "\u2013"  # en dash: "no value"
PROVIDER_COLUMNS = (
    "Provider",
    "Health",
    "Requests",
    "Errors",
    "Latency p50",
    "TTFT p50",
    "Tokens in / out",
    "Cost",
    "Last error",
)
PROFILE_COLUMNS = ("Profile", "Health", "Requests", "Errors", "Latency p50", "TTFT p50", "Cost")
REQUEST_COLUMNS = (
    "Time",
    "Profile",
    "Slot / rule",
    "Served by",
    "Status",
    "Duration",
    "TTFT",
    "Tokens in / out",
    "Attempts",
    "Error",
)


def ms(value: float | None) -> str:
    if value is None:
        return DASH
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def tokens(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}M"
    if count >= 10_000:
        return f"{count / 1000:.0f}k"
    if count >= 1000:
        return f"{count / 1000:.1f}k"
    return str(count)


def cost(usd: float) -> str:
    if usd == 0:
        return "$0"
    return f"${usd:.4f}" if usd < 1 else f"${usd:,.2f}"


def error_count(stats: Mapping[str, Any]) -> int:
    return sum(stats.get("errors", {}).values())


def cards(snapshot: Mapping[str, Any], now: float | None = None) -> list[tuple[str, str]]:
    """The headline figures since the proxy started, and tokens and cost today: (title, value)."""
    totals = snapshot.get("totals", {})
    today = snapshot.get("today", {})
    requests = int(totals.get("requests", 0))
    errors = error_count(totals)
    rate = f" ({errors / requests:.0%})" if requests and errors else ""
    since = time.strftime("%H:%M", time.localtime(snapshot.get("started_at", now or time.time())))
    return [
        (f"Requests since {since}", str(requests)),
        ("Errors", f"{errors}{rate}"),
        ("Latency p50 / p90", _pair(totals.get("latency_ms", {}))),
        ("Time to first token p50", ms(totals.get("ttfb_ms", {}).get("p50"))),
        (
            "Tokens today in / out",
            f"{tokens(today.get('input_tokens', 0))} / {tokens(today.get('output_tokens', 0))}",
        ),
        ("Estimated cost today", cost(float(today.get("cost_usd", 0.0)))),
    ]


def _pair(latency: Mapping[str, float | None]) -> str:
    if latency.get("p50") is None:
        return DASH
    return f"{ms(latency.get('p50'))} / {ms(latency.get('p90'))}"


def provider_rows(
    snapshot: Mapping[str, Any], health: HealthView, config: Config
) -> list[list[str]]:
    by_provider = snapshot.get("by_provider", {})
    rows = []
    for provider in config.providers:
        stats = by_provider.get(provider.name, {})
        entry = health.report.get(provider.name, {})
        state = health.provider(provider.name)
        breaker = entry.get("state", "closed")
        word = state if breaker == "closed" else f"{state} (breaker {breaker})"
        if not provider.enabled:
            word = "disabled"
        rows.append(
            [
                provider.name,
                word,
                str(stats.get("requests", 0)),
                str(error_count(stats)),
                ms(stats.get("latency_ms", {}).get("p50")),
                ms(stats.get("ttfb_ms", {}).get("p50")),
                f"{tokens(stats.get('input_tokens', 0))} / {tokens(stats.get('output_tokens', 0))}",
                cost(float(stats.get("cost_usd", 0.0))),
                str(entry.get("last_error") or ""),
            ]
        )
    return rows


def profile_rows(
    snapshot: Mapping[str, Any], health: HealthView, config: Config
) -> list[list[str]]:
    by_profile = snapshot.get("by_profile", {})
    rows = []
    for profile in config.profiles:
        stats = by_profile.get(profile.name, {})
        rows.append(
            [
                profile.name,
                health.profile_status(profile),
                str(stats.get("requests", 0)),
                str(error_count(stats)),
                ms(stats.get("latency_ms", {}).get("p50")),
                ms(stats.get("ttfb_ms", {}).get("p50")),
                cost(float(stats.get("cost_usd", 0.0))),
            ]
        )
    return rows


def request_rows(records: Iterable[RequestRecord]) -> list[list[str]]:
    rows = []
    for record in records:
        served = f"{record.provider}/{record.model}" if record.provider else DASH
        rule = record.rule if record.rule != record.slot else ""  # no rule: the slot's route
        rows.append(
            [
                time.strftime("%H:%M:%S", time.localtime(record.started)),
                record.profile,
                (" / ".join(part for part in (record.slot, rule) if part) or DASH)
                + (f" ({record.decision})" if record.decision else ""),
                served,
                str(record.status) if record.status else "cancelled",
                ms(record.duration_ms),
                ms(record.ttfb_ms),
                f"{tokens(record.input_tokens)} / {tokens(record.output_tokens)}",
                " → ".join(record.attempts) or DASH,
                record.error,
            ]
        )
    return rows


def per_minute_caption(counts: Sequence[tuple[float, int]]) -> str:
    """Requests in the current minute: the figure matches the chart's newest point, which the
    user just watched move."""
    return f"{counts[-1][1]}/min" if counts else DASH


def chronological(records: Sequence[RequestRecord]) -> list[RequestRecord]:
    """Metrics.recent() is newest first; charts read left to right."""
    return list(reversed(records))
