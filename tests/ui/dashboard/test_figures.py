"""The dashboard's figures as text."""

from __future__ import annotations

from app.config.schema import Config
from app.proxy.metrics import Metrics
from app.proxy.observer import RequestRecord
from app.ui.dashboard import figures
from app.ui.health import HealthView

CONFIG = Config.model_validate(
    {
        "providers": [{"name": "up", "kind": "anthropic", "base_url": "http://u"}],
        "profiles": [{"name": "main", "models": {"default": "up/m"}}],
    }
)


def test_units() -> None:
    assert figures.ms(None) == figures.DASH
    assert (figures.ms(840.4), figures.ms(1530)) == ("840 ms", "1.5 s")
    assert [figures.tokens(n) for n in (999, 1234, 45_000, 2_500_000)] == [
        "999",
        "1.2k",
        "45k",
        "2.5M",
    ]
    assert [figures.cost(c) for c in (0, 0.01234, 12.5)] == ["$0", "$0.0123", "$12.50"]


def test_cards_and_rows_from_real_metrics() -> None:
    metrics = Metrics(clock=lambda: 115.0)
    ok = RequestRecord(
        100.0,
        "main",
        "m",
        slot="default",
        provider="up",
        model="m",
        status=200,
        duration_ms=900,
        ttfb_ms=300,
        input_tokens=1200,
        output_tokens=80,
        attempts=["up/m: 200"],
    )
    failed = RequestRecord(
        110.0,
        "main",
        "m",
        slot="haiku",
        rule="background",
        provider="up",
        model="m",
        status=503,
        error="overloaded",
        duration_ms=50,
        attempts=["up/m: 503"],
    )
    metrics.on_request(ok)
    metrics.on_request(failed)
    snapshot = metrics.snapshot()
    cards = dict(figures.cards(snapshot))
    assert cards["Errors"] == "1 (50%)"
    assert cards["Tokens today in / out"] == "1.2k / 80"
    health = HealthView({"up": {"state": "open", "last_error": "overloaded"}})
    (row,) = figures.provider_rows(snapshot, health, CONFIG)
    assert row[:4] == ["up", "down (breaker open)", "2", "1"]
    assert row[-1] == "overloaded"
    (profile,) = figures.profile_rows(snapshot, health, CONFIG)
    assert profile[:4] == ["main", "down", "2", "1"]
    newest, oldest = figures.request_rows(metrics.recent(10))
    assert newest[2:5] == ["haiku / background", "up/m", "503"]
    assert newest[-1] == "overloaded"
    assert oldest[5:8] == ["900 ms", "300 ms", "1.2k / 80"]
    assert figures.per_minute_caption(metrics.per_minute(2)) == "2/min"
