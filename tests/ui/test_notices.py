"""Notification texts and their throttle."""

from __future__ import annotations

from app.proxy.observer import RequestRecord
from app.ui.notices import Throttle, breaker_notice, failover_notice


def record(**fields: object) -> RequestRecord:
    return RequestRecord(started=0.0, profile="main", requested_model="m@default", **fields)  # type: ignore[arg-type]


def test_a_request_served_by_its_first_candidate_is_no_failover() -> None:
    assert failover_notice(record(attempts=["a/x: 200"], provider="a", model="x")) is None


def test_a_retry_on_the_same_candidate_is_no_failover() -> None:
    retried = record(attempts=["a/x: 503", "a/x: 200"], provider="a", model="x", status=200)
    assert failover_notice(retried) is None


def test_failover_names_what_failed_and_what_served() -> None:
    notice = failover_notice(
        record(attempts=["a/x: 503", "b/y: 200"], provider="b", model="y", status=200)
    )
    assert notice is not None
    assert notice.title == "Switchboard: failover"
    assert notice.body == "main: a/x: 503 — served by b/y instead"
    failed = failover_notice(record(attempts=["a/x: 503", "b/y: 529"], error="every candidate"))
    assert failed is not None
    assert failed.title == "Switchboard: request failed"


def test_breaker_notices_for_open_and_close_only() -> None:
    opened = breaker_notice("a", "closed", "open")
    assert opened is not None
    assert "a keeps failing" in opened.body
    closed = breaker_notice("a", "half-open", "closed")
    assert closed is not None
    assert closed.title == "Switchboard: provider back"
    assert breaker_notice("a", "open", "half-open") is None


def test_throttle_allows_one_notice_per_key_per_interval() -> None:
    throttle = Throttle(interval_s=60)
    assert throttle.allow("k", 0)
    assert not throttle.allow("k", 59)
    assert throttle.allow("other", 59)
    assert throttle.allow("k", 60)
