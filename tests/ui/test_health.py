"""Reading the breakers' health report as the tray shows it."""

from __future__ import annotations

from app.config.schema import Config
from app.ui.health import HealthView, TrayState, profile_providers, summary_line

CONFIG = Config.model_validate(
    {
        "providers": [
            {"name": "a", "kind": "anthropic", "base_url": "http://a"},
            {"name": "b", "kind": "openai-chat", "base_url": "http://b"},
            {"name": "off", "kind": "openai-chat", "base_url": "http://c", "enabled": False},
        ],
        "profiles": [
            {"name": "main", "models": {"default": ["a/x", "b/y"], "haiku": "b/z"}},
            {
                "name": "solo",
                "models": {"default": "b/y"},
                "routing": {"long_context": {"route": "off/big"}},
            },
        ],
    }
)


def view(**entries: dict[str, object]) -> HealthView:
    return HealthView(entries)


def test_no_traffic_yet_reads_healthy() -> None:
    health = view()
    assert health.provider("a") == "ok"
    assert health.tray_state(CONFIG, running=True) is TrayState.OK
    assert health.tray_state(CONFIG, running=False) is TrayState.STOPPED


def test_an_error_newer_than_the_last_success_is_degraded_until_a_success() -> None:
    failing = view(
        a={"state": "closed", "last_error": "HTTP 503", "last_error_at": 20.0, "last_ok_at": 10.0}
    )
    assert failing.provider("a") == "degraded"
    assert failing.problem("a") == "HTTP 503"
    assert failing.tray_state(CONFIG, running=True) is TrayState.DEGRADED
    recovered = view(
        a={"state": "closed", "last_error": "HTTP 503", "last_error_at": 20.0, "last_ok_at": 30.0}
    )
    assert recovered.provider("a") == "ok"


def test_breakers_make_providers_degraded_or_down_and_profiles_follow() -> None:
    health = view(a={"state": "open"}, b={"state": "half-open"})
    assert (health.provider("a"), health.provider("b")) == ("down", "degraded")
    main = CONFIG.profiles[0]
    assert health.profile_status(main) == "degraded"  # b can still serve its default route
    assert view(a={"state": "open"}, b={"state": "open"}).profile_status(main) == "down"
    assert health.problems(CONFIG) == ["a: breaker open", "b: breaker half-open"]


def test_a_disabled_provider_does_not_turn_the_tray_amber() -> None:
    assert view(off={"state": "open"}).tray_state(CONFIG, running=True) is TrayState.OK


def test_profile_providers_include_routing_rule_routes() -> None:
    assert profile_providers(CONFIG.profiles[0]) == ["a", "b"]
    assert profile_providers(CONFIG.profiles[1]) == ["b", "off"]


def test_summary_line() -> None:
    ok = summary_line(view(), CONFIG, running=True, address="127.0.0.1:17355")
    assert ok == "Proxy on 127.0.0.1:17355 · 2 profiles · all providers healthy"
    bad = summary_line(
        view(a={"state": "open"}, b={"state": "open"}), CONFIG, running=True, address="h:1"
    )
    assert bad.endswith("· a: breaker open (+1 more)")
    stopped = summary_line(
        view(),
        CONFIG,
        running=False,
        address="h:1",
        failure="cannot listen on h:1: Address already in use",
    )
    assert stopped == "Proxy stopped: cannot listen on h:1: Address already in use"
    empty = summary_line(view(), Config(), running=True, address="h:1")
    assert empty == "Proxy on h:1 · 0 profiles · no providers yet"
