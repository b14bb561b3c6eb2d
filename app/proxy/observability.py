"""GET /metrics (JSON), /metrics/prometheus (text exposition 0.0.4) and /requests.

Like the proxy routes, they refuse browsers and require the local token.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable

import orjson
from aiohttp import web

from app.errors import InvalidRequest
from app.proxy.circuit import CLOSED, HALF_OPEN, OPEN
from app.proxy.guard import check_browser, check_token
from app.proxy.metrics import QUANTILES, GroupStats, percentiles
from app.proxy.state import STATE, ProxyState

_BREAKER_VALUES = {CLOSED: 0, HALF_OPEN: 1, OPEN: 2}
_MAX_RECENT = 1000
PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _state(request: web.Request) -> ProxyState:
    state: ProxyState = request.app[STATE]
    check_browser(request, state.hosts)
    check_token(request, state.runtime.token)
    return state


async def metrics_json(request: web.Request) -> web.StreamResponse:
    state = _state(request)
    payload = state.metrics.snapshot()
    payload["breakers"] = state.breakers.snapshot()
    payload["inflight"] = state.inflight
    payload["per_minute"] = state.metrics.per_minute(60)
    return web.Response(body=orjson.dumps(payload), content_type="application/json")


async def recent_requests(request: web.Request) -> web.StreamResponse:
    state = _state(request)
    text = request.query.get("limit", "100")
    if not text.isdigit() or not 0 < int(text) <= _MAX_RECENT:
        raise InvalidRequest(f"limit: a whole number from 1 to {_MAX_RECENT}")
    records = [dataclasses.asdict(r) for r in state.metrics.recent(int(text))]
    return web.Response(body=orjson.dumps({"requests": records}), content_type="application/json")


async def metrics_prometheus(request: web.Request) -> web.StreamResponse:
    state = _state(request)
    text = prometheus_text(
        state.metrics.groups(),
        state.breakers.snapshot(),
        inflight=state.inflight,
        uptime_s=time.monotonic() - state.started,
    )
    return web.Response(body=text.encode(), headers={"Content-Type": PROMETHEUS_CONTENT_TYPE})


def prometheus_text(
    groups: dict[tuple[str, str, str], GroupStats],
    breakers: dict[str, str],
    *,
    inflight: int,
    uptime_s: float,
) -> str:
    """The text exposition format: one HELP and TYPE line per family, then its samples."""
    out: list[str] = []
    rows = sorted(groups.items())

    def family(name: str, kind: str, help_text: str, samples: Iterable[str]) -> None:
        out.append(f"# HELP {name} {help_text}")
        out.append(f"# TYPE {name} {kind}")
        out.extend(samples)

    def labels(key: tuple[str, str, str], **extra: str) -> str:
        profile, provider, model = key
        pairs = {"profile": profile, "provider": provider, "model": model, **extra}
        return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in pairs.items()) + "}"

    family(
        "switchboard_requests_total",
        "counter",
        "Requests served, by profile, provider and model.",
        (f"switchboard_requests_total{labels(k)} {g.requests}" for k, g in rows),
    )
    family(
        "switchboard_errors_total",
        "counter",
        "Requests that ended in an error, by error type.",
        (
            f"switchboard_errors_total{labels(k, type=kind)} {n}"
            for k, g in rows
            for kind, n in sorted(g.errors.items())
        ),
    )
    for name, help_text, samples_attr, sum_attr, count_attr in (
        (
            "switchboard_request_duration_seconds",
            "Request duration.",
            "latency_ms",
            "latency_sum_ms",
            "requests",
        ),
        (
            "switchboard_time_to_first_byte_seconds",
            "Time until the first byte reached the client.",
            "ttfb_ms",
            "ttfb_sum_ms",
            "ttfb_count",
        ),
    ):
        samples = []
        for key, group in rows:
            quantiles = percentiles(getattr(group, samples_attr))
            for label, q in QUANTILES:
                value = quantiles[label]
                shown = "NaN" if value is None else _number(value / 1000)
                samples.append(f"{name}{labels(key, quantile=str(q))} {shown}")
            samples.append(f"{name}_sum{labels(key)} {_number(getattr(group, sum_attr) / 1000)}")
            samples.append(f"{name}_count{labels(key)} {getattr(group, count_attr)}")
        family(name, "summary", help_text + " Quantiles over recent requests.", samples)
    for name, attr, help_text in (
        ("switchboard_input_tokens_total", "input_tokens", "Input tokens (not cached)."),
        ("switchboard_output_tokens_total", "output_tokens", "Output tokens."),
        (
            "switchboard_cache_read_tokens_total",
            "cache_read_tokens",
            "Input tokens read from cache.",
        ),
        ("switchboard_cost_usd_total", "cost_usd", "Estimated cost from catalogue prices, USD."),
    ):
        family(
            name,
            "counter",
            help_text,
            (f"{name}{labels(k)} {_number(getattr(g, attr))}" for k, g in rows),
        )
    family(
        "switchboard_breaker_state",
        "gauge",
        "Circuit breaker state: 0 closed, 1 half-open, 2 open.",
        (
            f'switchboard_breaker_state{{key="{_escape(key)}"}} {_BREAKER_VALUES[state]}'
            for key, state in sorted(breakers.items())
        ),
    )
    family(
        "switchboard_inflight_requests",
        "gauge",
        "Requests being served now.",
        [f"switchboard_inflight_requests {inflight}"],
    )
    family(
        "switchboard_uptime_seconds",
        "gauge",
        "Seconds since the proxy started.",
        [f"switchboard_uptime_seconds {_number(uptime_s)}"],
    )
    return "\n".join(out) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return repr(float(value)) if isinstance(value, float) else str(value)
