"""Circuit breakers: unit behaviour on a fake clock, then through the running proxy."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from app.config.schema import BreakerSettings, Config
from app.proxy.circuit import CLOSED, HALF_OPEN, MAX_BREAKERS, OPEN, Breakers
from app.proxy.observer import RequestRecord
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.scripted_upstream import Scripted, ask, two_provider_config, upstreams

__all__ = ["upstreams"]  # a fixture


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def breakers(**settings: Any) -> tuple[Breakers, Clock, list[tuple[str, str, str]]]:
    clock, changes = Clock(), []
    made = Breakers(
        BreakerSettings(**settings),
        on_change=lambda key, old, new: changes.append((key, old, new)),
        clock=clock,
    )
    return made, clock, changes


def test_opens_after_consecutive_failures_and_half_opens_for_one_probe() -> None:
    b, clock, changes = breakers(consecutive_failures=3, cooldown_seconds=10)
    keys = ("p", "p/m")
    for _ in range(2):
        b.failure("p", "HTTP 500")
    assert b.is_available(keys)
    b.failure("p", "HTTP 500")
    assert changes == [("p", CLOSED, OPEN)]
    assert not b.is_available(keys) and not b.acquire(keys)
    clock.now += 10
    assert b.state("p") == HALF_OPEN
    assert b.acquire(keys)  # the one probe
    assert not b.is_available(keys) and not b.acquire(keys)  # nobody else meanwhile
    b.success(keys)
    assert changes[-2:] == [("p", OPEN, HALF_OPEN), ("p", HALF_OPEN, CLOSED)]
    assert b.snapshot()["p"] == CLOSED


def test_a_failed_probe_opens_it_again_and_a_success_resets_the_count() -> None:
    b, clock, changes = breakers(consecutive_failures=2, cooldown_seconds=5)
    b.failure("p", "x")
    b.success(("p",))
    b.failure("p", "x")
    assert b.state("p") == CLOSED  # not two in a row
    b.failure("p", "x")
    clock.now += 5
    assert b.acquire(("p",))
    b.failure("p", "probe failed")
    assert b.state("p") == OPEN and changes[-1] == ("p", HALF_OPEN, OPEN)


def test_failure_rate_over_the_window_needs_the_minimum_requests() -> None:
    b, _, _ = breakers(
        consecutive_failures=100, failure_rate=0.5, min_requests=6, window_seconds=60
    )
    for _ in range(2):
        b.success(("p",))
        b.failure("p", "x")
    assert b.state("p") == CLOSED  # 2 of 4: under the minimum count
    b.success(("p",))
    b.failure("p", "x")
    assert b.state("p") == OPEN  # 3 of 6 failed
    b2, clock2, _ = breakers(consecutive_failures=100, min_requests=4, window_seconds=60)
    b2.failure("p", "x")
    b2.failure("p", "x")
    clock2.now += 61  # those two left the window
    b2.success(("p",))
    b2.failure("p", "x")
    assert b2.state("p") == CLOSED


def test_retry_after_opens_at_once_for_that_long_capped() -> None:
    b, clock, _ = breakers(max_cooldown_seconds=60)
    b.failure("p/m", "429", retry_after=20)
    assert b.state("p/m") == OPEN and b.state("p") == CLOSED
    clock.now += 19
    assert not b.is_available(("p", "p/m"))
    clock.now += 1
    assert b.is_available(("p", "p/m"))
    b.failure("p/x", "429", retry_after=3600)
    assert b.reopens_at(("p/x",)) == clock.now + 60


def test_forced_call_through_open_breakers_is_the_probe() -> None:
    b, _, _ = breakers(consecutive_failures=1)
    b.failure("p", "x")
    assert b.acquire(("p",), force=True)
    assert b.state("p") == HALF_OPEN and not b.is_available(("p",))
    b.release(("p",))
    assert b.is_available(("p",))


def test_reload_keeps_breakers_of_kept_providers_only() -> None:
    b, _, _ = breakers(consecutive_failures=1)
    b.failure("kept", "x")
    b.failure("kept/m", "x")
    b.failure("gone/m", "x")
    b.retain(["kept", "other"])
    assert b.snapshot() == {"kept": OPEN, "kept/m": OPEN}
    assert set(b.health_report()) == {"kept"}


def test_invented_model_names_cannot_grow_the_breakers_without_bound() -> None:
    """A client may name any model (`provider/anything`, or a `*` route): each name is a key."""
    b, _, _ = breakers(consecutive_failures=2, cooldown_seconds=60)
    b.failure("p/real-but-missing", "404")
    b.failure("p/real-but-missing", "404")  # open: it must outlive the flood of closed ones
    for i in range(5 * MAX_BREAKERS):
        keys = ("p", f"p/invented-{i}")
        b.acquire(keys)
        if i % 2:
            b.failure(keys[1], "404")
        else:
            b.success(keys)
    assert len(b.snapshot()) <= MAX_BREAKERS
    assert b.state("p/real-but-missing") == OPEN
    assert b.state("p") == CLOSED
    for i in range(2 * MAX_BREAKERS):  # even when every one of them is open
        b.failure(f"p/failing-{i}", "404")
        b.failure(f"p/failing-{i}", "404")
    assert len(b.snapshot()) <= MAX_BREAKERS


def test_disabled_breakers_never_block() -> None:
    b, _, changes = breakers(enabled=False, consecutive_failures=1)
    for _ in range(5):
        b.failure("p", "x")
    assert b.acquire(("p",)) and changes == []


class Transitions:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []

    def on_request(self, record: RequestRecord) -> None:
        pass

    def on_config_reloaded(self, ok: bool, message: str) -> None:
        pass

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        self.seen.append((key, old, new))


@pytest.mark.asyncio
async def test_breaker_through_the_proxy(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    failing = ("status", 500, b'{"error":{"message":"down"}}', {})
    primary.script.extend([failing] * 2)
    config = two_provider_config(
        primary, backup, breaker={"consecutive_failures": 2, "cooldown_seconds": 2.0}
    )
    config["settings"]["failover"]["max_attempts"] = 2
    proxy = await start_proxy(config)
    transitions = Transitions()
    proxy.state.observers.add(transitions)

    for _ in range(2):  # two failures in a row open the primary's breaker
        assert await ask(proxy, stream=True) == "answer from backup"
    assert transitions.seen == [("a", CLOSED, OPEN)]
    assert len(primary.seen) == 2

    for _ in range(3):  # open: skipped, nothing reaches it
        assert await ask(proxy, stream=False) == "answer from backup"
    assert len(primary.seen) == 2

    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{proxy.url}/health", headers={"x-api-key": TOKEN}) as response,
    ):
        health = (await response.json())["health"]
    assert health["a"]["state"] == OPEN and "down" in health["a"]["last_error"]
    assert health["a"]["breakers"]["a"] == OPEN and health["b"]["state"] == CLOSED
    assert health["b"]["last_ok_at"] is not None

    await asyncio.sleep(2.05)  # cool-down over: one probe, which succeeds
    assert await ask(proxy, stream=True) == "answer from primary"
    assert len(primary.seen) == 3
    assert transitions.seen[1:] == [("a", OPEN, HALF_OPEN), ("a", HALF_OPEN, CLOSED)]
    assert proxy.state.breakers.snapshot()["a"] == CLOSED


@pytest.mark.asyncio
async def test_when_all_are_open_the_soonest_is_tried_anyway(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    proxy = await start_proxy(two_provider_config(primary, backup))
    state = proxy.state
    state.breakers.failure("a", "x", retry_after=120)
    state.breakers.failure("b", "x", retry_after=60)
    assert await ask(proxy, stream=True) == "answer from backup"
    assert (len(primary.seen), len(backup.seen)) == (0, 1)
    assert state.breakers.snapshot() == {"a": OPEN, "b": CLOSED, "b/model-b": CLOSED}


@pytest.mark.asyncio
async def test_breakers_survive_a_reload_but_not_their_provider(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    config = two_provider_config(primary, backup, breaker={"consecutive_failures": 1})
    proxy = await start_proxy(config)
    proxy.state.breakers.failure("a", "x")
    proxy.state.breakers.failure("b", "x")
    proxy.apply(Config.model_validate(config))  # the same providers: state kept
    assert proxy.state.breakers.snapshot() == {"a": OPEN, "b": OPEN}
    config["providers"] = config["providers"][:1]
    config["profiles"][0]["models"]["default"] = ["a/model-a"]
    config["settings"]["breaker"] = {"consecutive_failures": 7}
    proxy.apply(Config.model_validate(config))
    assert proxy.state.breakers.snapshot() == {"a": OPEN}
    assert proxy.state.breakers.settings.consecutive_failures == 7
