"""Every refusal and failure reaches the client as an Anthropic error with the right status."""

from __future__ import annotations

import io
from typing import Any

import aiohttp
import orjson
import pytest

from app.proxy.server import ProxyServer
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config

BODY = {
    "model": "claude-sonnet-5-5",
    "max_tokens": 5,
    "messages": [{"role": "user", "content": "hi"}],
}


async def _post(
    proxy: ProxyServer,
    path: str = "/proxy/main/v1/messages",
    *,
    body: Any = BODY,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    sent_headers = {"x-api-key": TOKEN, "Content-Type": "application/json"}
    sent_headers.update(headers or {})
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            proxy.url + path,
            data=io.BytesIO(raw if raw is not None else orjson.dumps(body)),
            headers={k: v for k, v in sent_headers.items() if v},
        ) as response,
    ):
        payload = await response.json(content_type=None)
        return response.status, payload


def _assert_error(payload: dict[str, Any], error_type: str) -> str:
    assert payload["type"] == "error"
    assert payload["error"]["type"] == error_type
    message: str = payload["error"]["message"]
    assert message
    return message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("headers", "status", "error_type"),
    [
        ({"x-api-key": ""}, 401, "authentication_error"),
        ({"x-api-key": "sb-wrong"}, 401, "authentication_error"),
        ({"x-api-key": "", "Authorization": "Bearer sb-wrong"}, 401, "authentication_error"),
        ({"Origin": "https://evil.example"}, 403, "permission_error"),
        ({"Host": "evil.example:17355"}, 403, "permission_error"),
    ],
)
async def test_access_is_refused(
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    headers: dict[str, str],
    status: int,
    error_type: str,
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    got_status, payload = await _post(proxy, headers=headers)
    assert got_status == status
    _assert_error(payload, error_type)
    assert anthropic_upstream.requests == []


@pytest.mark.asyncio
async def test_bearer_token_is_accepted_and_token_can_be_turned_off(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    status, _ = await _post(proxy, headers={"x-api-key": "", "Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    open_proxy = await start_proxy(
        anthropic_config(anthropic_upstream.url, require_token=False), token=TOKEN
    )
    status, _ = await _post(open_proxy, headers={"x-api-key": ""})
    assert status == 200


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b"", "empty"),
        (b"[1, 2]", "JSON object"),
        (b'{"max_tokens": 5, "messages": []}', "model"),
        (b'{"model": "m", "messages": [{"role": "user", "content": "x"}]}', "max_tokens"),
        (b'{"model": "m", "max_tokens": 5}', "messages"),
        (
            b'{"model": "m", "max_tokens": 5, "messages": [{"role": "robot", "content": "x"}]}',
            "role",
        ),
    ],
)
async def test_malformed_requests_get_400(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory, raw: bytes, fragment: str
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    status, payload = await _post(proxy, raw=raw)
    assert status == 400
    assert fragment in _assert_error(payload, "invalid_request_error")


@pytest.mark.asyncio
async def test_unknown_profile_is_404_naming_the_known_ones(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    status, payload = await _post(proxy, "/proxy/nope/v1/messages")
    assert status == 404
    message = _assert_error(payload, "not_found_error")
    assert "nope" in message and "main" in message


@pytest.mark.asyncio
async def test_oversize_body_is_413(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url, max_body_mb=1))
    big = dict(BODY, messages=[{"role": "user", "content": "x" * (1024 * 1024 + 10)}])
    status, payload = await _post(proxy, body=big)
    assert status == 413
    _assert_error(payload, "request_too_large")


@pytest.mark.asyncio
async def test_upstream_refusing_connections_is_502_naming_the_provider(
    start_proxy: ProxyFactory, unused_tcp_port: int
) -> None:
    proxy = await start_proxy(anthropic_config(f"http://127.0.0.1:{unused_tcp_port}"))
    status, payload = await _post(proxy)
    assert 500 <= status < 600
    message = _assert_error(payload, "api_error")
    assert "up" in message and "connect" in message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "body", "error_type", "fragment"),
    [
        (
            400,
            b'{"error":{"type":"invalid_request_error","message":"prompt too long"}}',
            "invalid_request_error",
            "prompt too long",
        ),
        (429, b'{"error":{"message":"slow down"}}', "rate_limit_error", "slow down"),
        (503, b"<html><body>Service Unavailable</body></html>", "overloaded_error", "Unavailable"),
    ],
)
async def test_upstream_errors_keep_status_and_message(
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    status: int,
    body: bytes,
    error_type: str,
    fragment: str,
) -> None:
    anthropic_upstream.mode = "error"
    anthropic_upstream.error_status, anthropic_upstream.error_body = status, body
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    got, payload = await _post(proxy)
    assert got == status
    message = _assert_error(payload, error_type)
    assert fragment in message and "up" in message


@pytest.mark.asyncio
async def test_health_and_telemetry(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    async with aiohttp.ClientSession() as session:
        async with session.get(proxy.url + "/health", headers={"x-api-key": TOKEN}) as response:
            health = await response.json()
        assert health["service"] == "switchboard"
        assert health["profiles"] == [{"name": "main", "default": True, "providers": ["up"]}]
        for path in ("/api/event_logging/batch", "/proxy/main/api/event_logging/v2/batch"):
            async with session.post(proxy.url + path, json={"events": [1]}) as response:
                assert response.status == 200
                assert await response.json() == {}
        async with session.head(proxy.url + "/proxy/main/api/hello") as response:
            assert response.status == 200
    assert anthropic_upstream.requests == []


@pytest.mark.asyncio
async def test_count_tokens_is_a_local_nonzero_estimate(
    anthropic_upstream: AnthropicUpstream, start_proxy: ProxyFactory
) -> None:
    proxy = await start_proxy(anthropic_config(anthropic_upstream.url))
    body = {"model": "claude-sonnet-5-5", "messages": [{"role": "user", "content": "hello " * 50}]}
    status, payload = await _post(
        proxy, "/proxy/main/v1/messages/count_tokens?beta=true", body=body
    )
    assert status == 200
    assert payload["input_tokens"] > 10
