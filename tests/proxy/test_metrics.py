"""Metrics: the in-memory counters, and /metrics, /metrics/prometheus and /requests after a
scripted sequence of requests through the running proxy."""

from __future__ import annotations

import re
import time
from typing import Any

import aiohttp
import anthropic
import orjson
import pytest

from app.config.schema import ModelSpec
from app.proxy.metrics import MAX_GROUPS, OTHER, Metrics
from app.proxy.observer import RequestRecord
from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import MESSAGE
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.scripted_upstream import (
    BAD_REQUEST,
    Scripted,
    ask,
    two_provider_config,
    upstreams,
)

__all__ = ["upstreams"]  # a fixture

USAGE = MESSAGE["usage"]


def record(**fields: Any) -> RequestRecord:
    base: dict[str, Any] = {"started": 6000.0, "profile": "p", "requested_model": "m"}
    return RequestRecord(**{**base, **fields})


def test_groups_percentiles_cost_and_per_minute() -> None:
    prices = ModelSpec(input_price=2.0, output_price=10.0, cache_read_price=0.5)
    metrics = Metrics(lambda p, m: prices if (p, m) == ("x", "big") else None, clock=lambda: 6130.0)
    for ms in (100.0, 200.0, 300.0, 400.0):
        metrics.on_request(
            record(
                provider="x",
                model="big",
                status=200,
                duration_ms=ms,
                ttfb_ms=ms / 10,
                input_tokens=1000,
                output_tokens=100,
                cache_read_tokens=4000,
            )
        )
    metrics.on_request(
        record(
            started=6065.0,
            provider="y",
            model="small",
            status=529,
            duration_ms=50.0,
            error="y: Overloaded",
        )
    )
    metrics.on_request(record(started=6070.0, profile="q", status=400, duration_ms=1.0))
    snap = metrics.snapshot()
    totals = snap["totals"]
    assert totals["requests"] == 6
    assert totals["errors"] == {"invalid_request_error": 1, "overloaded_error": 1}
    assert totals["latency_ms"] == {"p50": 100.0, "p90": 400.0, "p99": 400.0}
    assert totals["ttfb_ms"] == {"p50": 20.0, "p90": 40.0, "p99": 40.0}
    assert (totals["input_tokens"], totals["output_tokens"], totals["cache_read_tokens"]) == (
        4000,
        400,
        16000,
    )
    assert totals["cost_usd"] == pytest.approx(4 * (1000 * 2 + 100 * 10 + 4000 * 0.5) / 1e6)
    assert snap["by_model"]["x/big"]["latency_ms"] == {"p50": 200.0, "p90": 400.0, "p99": 400.0}
    assert set(snap["by_provider"]) == {"x", "y"}  # the request that reached no provider: none
    assert snap["by_profile"]["q"]["requests"] == 1
    assert metrics.per_minute(3) == [(6000.0, 4), (6060.0, 2), (6120.0, 0)]
    assert [r.status for r in metrics.recent(2)] == [400, 529]


def test_invented_model_names_fold_into_one_group_past_the_bound() -> None:
    metrics = Metrics()
    metrics.on_request(record(provider="x", model="real", status=200, duration_ms=5.0))
    for i in range(3 * MAX_GROUPS):
        metrics.on_request(record(provider="x", model=f"invented-{i}", status=404))
        metrics.on_breaker_change(f"x/invented-{i}", "closed", "open")
    metrics.on_request(record(provider="x", model="real", status=200, duration_ms=5.0))
    groups = metrics.groups()
    assert len(groups) == MAX_GROUPS + 1  # the bound, and the one group of the excess
    assert groups[("p", "x", "real")].requests == 2  # a known group keeps counting
    snapshot = metrics.snapshot()
    assert snapshot["totals"]["requests"] == 3 * MAX_GROUPS + 2  # nothing is lost
    assert snapshot["by_model"][f"x/{OTHER}"]["requests"] == 2 * MAX_GROUPS + 1
    assert len(metrics.breaker_transitions) == MAX_GROUPS + 1
    assert metrics.breaker_transitions[(f"x/{OTHER}", "open")] == 2 * MAX_GROUPS


def test_stream_cut_and_cancelled_requests_count_as_errors() -> None:
    metrics = Metrics()
    metrics.on_request(record(provider="x", model="m", status=200, error="x: stream interrupted"))
    metrics.on_request(record(provider="x", model="m", status=0))
    assert metrics.snapshot()["totals"]["errors"] == {"cancelled": 1, "stream_error": 1}


async def _get(proxy: ProxyServer, path: str, **headers: str) -> tuple[int, bytes, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(proxy.url + path, headers={"x-api-key": TOKEN, **headers}) as response,
    ):
        return response.status, await response.read(), response.headers["Content-Type"]


@pytest.mark.asyncio
async def test_endpoints_reflect_a_scripted_sequence(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    data = two_provider_config(primary, backup)
    data["providers"][0]["models"] = {
        "model-a": {"input_price": 3.0, "output_price": 15.0, "cache_read_price": 0.3}
    }
    proxy = await start_proxy(data)
    assert await ask(proxy, stream=True) == "answer from primary"
    assert await ask(proxy, stream=False) == "answer from primary"
    primary.script.append(("status", 400, BAD_REQUEST, {}))
    with pytest.raises(anthropic.BadRequestError):
        await ask(proxy, stream=True)
    primary.script.append(("status", 500, b"{}", {}))
    assert await ask(proxy, stream=True) == "answer from backup"

    status, body, _ = await _get(proxy, "/metrics")
    assert status == 200
    snap = orjson.loads(body)
    totals = snap["totals"]
    assert totals["requests"] == 4
    assert totals["errors"] == {"invalid_request_error": 1}
    assert totals["input_tokens"] == 3 * USAGE["input_tokens"]
    assert totals["output_tokens"] == 3 * USAGE["output_tokens"]
    assert totals["cache_read_tokens"] == 3 * USAGE["cache_read_input_tokens"]
    one = (1234 * 3.0 + 56 * 15.0 + 1000 * 0.3) / 1e6
    assert totals["cost_usd"] == pytest.approx(2 * one)
    assert {k: v["requests"] for k, v in snap["by_model"].items()} == {
        "a/model-a": 3,
        "b/model-b": 1,
    }
    assert snap["by_provider"]["a"]["errors"] == {"invalid_request_error": 1}
    assert snap["by_profile"]["main"]["requests"] == 4
    assert all(v is not None for v in snap["by_provider"]["b"]["ttfb_ms"].values())
    assert sum(count for _, count in snap["per_minute"]) == 4

    status, body, _ = await _get(proxy, "/requests?limit=3")
    records = orjson.loads(body)["requests"]
    assert [(r["provider"], r["status"]) for r in records] == [("b", 200), ("a", 400), ("a", 200)]
    assert records[0]["attempts"] == ["a/model-a: 500", "b/model-b: 200"]
    assert records[0]["input_tokens"] == USAGE["input_tokens"]
    assert "messages" not in records[0] and records[0]["rule"] == "default"

    status, body, content_type = await _get(proxy, "/metrics/prometheus")
    assert status == 200 and content_type.startswith("text/plain")
    text = body.decode()
    a = 'profile="main",provider="a",model="model-a"'
    assert f"switchboard_requests_total{{{a}}} 3" in text
    assert f'switchboard_errors_total{{{a},type="invalid_request_error"}} 1' in text
    assert f"switchboard_input_tokens_total{{{a}}} {2 * USAGE['input_tokens']}" in text
    assert f"switchboard_request_duration_seconds_count{{{a}}} 3" in text
    assert f'switchboard_request_duration_seconds{{{a},quantile="0.5"}} ' in text
    cost = re.search(rf"^switchboard_cost_usd_total{{{a}}} (\S+)$", text, re.MULTILINE)
    assert cost is not None and float(cost.group(1)) == pytest.approx(2 * one)
    families = re.findall(r"^# TYPE (\S+) (\S+)$", text, re.MULTILINE)
    assert len(families) == len({name for name, _ in families})  # each family once
    assert ("switchboard_request_duration_seconds", "summary") in families
    helped = set(re.findall(r"^# HELP (\S+) ", text, re.MULTILINE))
    assert helped == {name for name, _ in families}
    for line in text.splitlines():  # every sample belongs to the family declared above it
        if line and not line.startswith("#"):
            name = re.split(r"[{ ]", line, maxsplit=1)[0]
            assert any(name == f or name in (f + "_sum", f + "_count") for f, _ in families), line


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/metrics", "/metrics/prometheus", "/requests"])
async def test_endpoints_need_the_token_and_refuse_browsers(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory, path: str
) -> None:
    proxy = await start_proxy(two_provider_config(*upstreams))
    assert (await _get(proxy, path, **{"x-api-key": ""}))[0] == 401
    assert (await _get(proxy, path, Origin="https://evil.example"))[0] == 403
    assert (await _get(proxy, path))[0] == 200


def test_today_starts_over_at_local_midnight() -> None:
    day = time.mktime((2026, 11, 21, 23, 59, 0, 0, 0, -1))
    now = [day]
    metrics = Metrics(clock=lambda: now[0])

    def finished(started: float, tokens: int) -> RequestRecord:
        return RequestRecord(
            started,
            "p",
            "m",
            provider="up",
            model="m",
            status=200,
            input_tokens=tokens,
            output_tokens=1,
        )

    metrics.on_request(finished(day, 100))
    assert metrics.snapshot()["today"]["input_tokens"] == 100
    assert metrics.today_by_profile() == {"p": (101, 0.0)}  # the tray's per-profile figure
    now[0] = day + 120  # past midnight, nothing new yet: today is empty, the totals are not
    assert metrics.snapshot()["today"]["input_tokens"] == 0
    assert metrics.today_by_profile() == {}
    assert metrics.snapshot()["totals"]["input_tokens"] == 100
    metrics.on_request(finished(day + 121, 7))
    assert metrics.snapshot()["today"]["input_tokens"] == 7
    assert metrics.today_by_profile() == {"p": (8, 0.0)}
    assert metrics.snapshot()["totals"]["input_tokens"] == 107
