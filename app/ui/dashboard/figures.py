"""The dashboard's numbers as text: pure functions over Metrics snapshots, the breakers'
health report and RequestRecords, so they are tested without widgets. Texts are translated
(context "figures"); the column names in code stay English keys."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.config.schema import Config
from app.proxy.observer import RequestRecord
from app.ui.health import HealthView, health_word
from app.ui.language import QT_TRANSLATE_NOOP

DASH = "\u2013"  # en dash: "no value"
PROVIDER_COLUMNS = (
    QT_TRANSLATE_NOOP("figures", "Provider"),
    QT_TRANSLATE_NOOP("figures", "Health"),
    QT_TRANSLATE_NOOP("figures", "Requests"),
    QT_TRANSLATE_NOOP("figures", "Errors"),
    QT_TRANSLATE_NOOP("figures", "Latency p50"),
    QT_TRANSLATE_NOOP("figures", "TTFT p50"),
    QT_TRANSLATE_NOOP("figures", "Tokens in / out"),
    QT_TRANSLATE_NOOP("figures", "Cost"),
    QT_TRANSLATE_NOOP("figures", "Last error"),
)
PROFILE_COLUMNS = (
    QT_TRANSLATE_NOOP("figures", "Profile"),
    QT_TRANSLATE_NOOP("figures", "Health"),
    QT_TRANSLATE_NOOP("figures", "Requests"),
    QT_TRANSLATE_NOOP("figures", "Errors"),
    QT_TRANSLATE_NOOP("figures", "Latency p50"),
    QT_TRANSLATE_NOOP("figures", "TTFT p50"),
    QT_TRANSLATE_NOOP("figures", "Cost"),
)
REQUEST_COLUMNS = (
    QT_TRANSLATE_NOOP("figures", "Time"),
    QT_TRANSLATE_NOOP("figures", "Profile"),
    QT_TRANSLATE_NOOP("figures", "Slot / rule"),
    QT_TRANSLATE_NOOP("figures", "Served by"),
    QT_TRANSLATE_NOOP("figures", "Status"),
    QT_TRANSLATE_NOOP("figures", "Duration"),
    QT_TRANSLATE_NOOP("figures", "TTFT"),
    QT_TRANSLATE_NOOP("figures", "Tokens in / out"),
    QT_TRANSLATE_NOOP("figures", "Attempts"),
    QT_TRANSLATE_NOOP("figures", "Error"),
)
# What chose a request's route (RequestRecord.slot / .rule): in English as the config names it,
# translated for others; the slots haiku, sonnet and opus keep their names everywhere, a route
# of the auto rule is "auto:NAME".
ROUTE_WORDS = frozenset(
    (
        QT_TRANSLATE_NOOP("figures", "default"),
        QT_TRANSLATE_NOOP("figures", "explicit"),
        QT_TRANSLATE_NOOP("figures", "subagent"),
        QT_TRANSLATE_NOOP("figures", "long_context"),
        QT_TRANSLATE_NOOP("figures", "image"),
        QT_TRANSLATE_NOOP("figures", "web_search"),
        QT_TRANSLATE_NOOP("figures", "background"),
        QT_TRANSLATE_NOOP("figures", "thinking"),
        QT_TRANSLATE_NOOP("figures", "compaction"),
        QT_TRANSLATE_NOOP("figures", "auto-classifier"),
    )
)


def column_titles(columns: tuple[str, ...]) -> list[str]:
    return [QCoreApplication.translate("figures", name) for name in columns]


def route_word(name: str) -> str:
    """A slot or rule name as the user reads it."""
    if name.startswith("auto:"):
        route = name.removeprefix("auto:")
        return QCoreApplication.translate("figures", "auto:{route}").format(route=route)
    return QCoreApplication.translate("figures", name) if name in ROUTE_WORDS else name


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
        (
            QCoreApplication.translate("figures", "Requests since {time}").format(time=since),
            str(requests),
        ),
        (QCoreApplication.translate("figures", "Errors"), f"{errors}{rate}"),
        (
            QCoreApplication.translate("figures", "Latency p50 / p90"),
            _pair(totals.get("latency_ms", {})),
        ),
        (
            QCoreApplication.translate("figures", "Time to first token p50"),
            ms(totals.get("ttfb_ms", {}).get("p50")),
        ),
        (
            QCoreApplication.translate("figures", "Tokens today in / out"),
            f"{tokens(today.get('input_tokens', 0))} / {tokens(today.get('output_tokens', 0))}",
        ),
        (
            QCoreApplication.translate("figures", "Estimated cost today"),
            cost(float(today.get("cost_usd", 0.0))),
        ),
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
        word = health_word(state)
        breaker = entry.get("state", "closed")
        if breaker == "open":
            word = QCoreApplication.translate("figures", "{health} (breaker open)").format(
                health=word
            )
        elif breaker == "half-open":
            word = QCoreApplication.translate("figures", "{health} (breaker half-open)").format(
                health=word
            )
        if not provider.enabled:
            word = health_word("disabled")
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
                health_word(health.profile_status(profile)),
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
        route = " / ".join(route_word(part) for part in (record.slot, rule) if part) or DASH
        if record.decision:  # the proxy's own words (the auto rule's reason)
            route = f"{route} ({record.decision})"
        rows.append(
            [
                time.strftime("%H:%M:%S", time.localtime(record.started)),
                record.profile,
                route,
                served,
                str(record.status)
                if record.status
                else QCoreApplication.translate("figures", "cancelled"),
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
    if not counts:
        return DASH
    return QCoreApplication.translate("figures", "{count}/min").format(count=counts[-1][1])


def chronological(records: Sequence[RequestRecord]) -> list[RequestRecord]:
    """Metrics.recent() is newest first; charts read left to right."""
    return list(reversed(records))
