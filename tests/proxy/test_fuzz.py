"""Malformed and odd requests thrown at the running proxy: every answer is a well-formed Anthropic
error or a success; never a 500, a traceback or a hang."""

from __future__ import annotations

import http.client
import json
import logging
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.proxy.dialects import openai_chat
from app.proxy.server import ProxyServer
from tests.support.gemini_upstream import GeminiUpstream
from tests.support.proxy import TOKEN
from tests.support.responses_upstream import ResponsesUpstream
from tests.support.threaded import LoopThread, running_stack

SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
JSON = st.recursive(
    SCALARS | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
BLOCK_KEYS = (
    "text",
    "source",
    "id",
    "name",
    "input",
    "content",
    "tool_use_id",
    "is_error",
    "thinking",
    "signature",
    "cache_control",
)
BLOCK = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "text",
                "image",
                "tool_use",
                "tool_result",
                "thinking",
                "redacted_thinking",
                "document",
                "server_tool_use",
                "weird",
            ]
        )
    },
    optional={key: JSON | st.text(max_size=20) for key in BLOCK_KEYS},
)
MESSAGE = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["user", "assistant", "system", "tool"]) | JSON,
        "content": st.text(max_size=40) | st.lists(BLOCK | JSON, max_size=4) | JSON,
    },
)
TOOL = st.fixed_dictionaries(
    {"name": st.text(max_size=70) | JSON},
    optional={
        "description": JSON,
        "input_schema": JSON,
        "type": st.text(max_size=20),
        "defer_loading": JSON,
    },
)
REQUEST = st.fixed_dictionaries(
    {},
    optional={
        "model": st.sampled_from(["claude-sonnet-5-5", "ds/x", "", "nobody/x", "a@haiku"]) | JSON,
        "max_tokens": st.integers(-5, 2**40) | JSON,
        "messages": st.lists(MESSAGE, max_size=5) | JSON,
        "system": st.text(max_size=30) | st.lists(BLOCK | JSON, max_size=3) | JSON,
        "tools": st.lists(TOOL, max_size=3) | JSON,
        "stream": st.booleans() | JSON,
        "tool_choice": JSON,
        "thinking": JSON,
        "output_config": JSON,
        "stop_sequences": st.lists(st.text(max_size=5), max_size=3) | JSON,
        "temperature": JSON,
        "metadata": JSON,
    },
)
# Requests that pass the handler's envelope checks, so the odd values reach the translators.
ENVELOPE = st.fixed_dictionaries(
    {
        "model": st.sampled_from(["claude-sonnet-5-5", "ds/x", "a@haiku"]),
        "max_tokens": st.integers(1, 64),
        "messages": st.lists(
            st.fixed_dictionaries(
                {
                    "role": st.sampled_from(["user", "assistant", "system"]),
                    "content": st.text(max_size=20) | st.lists(BLOCK, max_size=4),
                }
            ),
            min_size=1,
            max_size=4,
        ),
    },
    optional={
        "system": st.text(max_size=30) | st.lists(BLOCK, max_size=3),
        "tools": st.lists(TOOL, max_size=3),
        "stream": st.booleans(),
        "tool_choice": JSON,
        "thinking": JSON,
        "output_config": JSON,
        "stop_sequences": st.lists(JSON, max_size=3),
    },
)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


def _config(
    anthropic_url: str, chat_url: str, gemini_url: str, responses_url: str
) -> dict[str, Any]:
    return {
        "providers": [
            {"name": "pass", "kind": "anthropic", "base_url": anthropic_url, "api_key": "k"},
            {"name": "ds", "kind": "openai-chat", "base_url": chat_url, "api_key": "k"},
            {"name": "gem", "kind": "gemini", "base_url": gemini_url, "api_key": "k"},
            {"name": "oai", "kind": "openai-responses", "base_url": responses_url, "api_key": "k"},
        ],
        "profiles": [
            {"name": "pass", "models": {"default": "pass/claude-upstream"}},
            {"name": "chat", "models": {"default": "ds/deepseek-chat"}},
            {"name": "gem", "models": {"default": "gem/gemini-3.8-flash"}},
            {"name": "oai", "models": {"default": "oai/gpt-5.5"}},
        ],
    }


PROFILES = st.sampled_from(["pass", "chat", "gem", "oai"])


@pytest.fixture(scope="module")
def proxy() -> Iterator[ProxyServer]:
    thread = LoopThread()
    gemini, responses = GeminiUpstream(), ResponsesUpstream()
    thread.run(gemini.start())
    thread.run(responses.start())
    try:
        with running_stack(lambda a, c: _config(a, c, gemini.url, responses.url), TOKEN) as (
            server,
            *_,
        ):
            yield server
    finally:
        thread.run(responses.stop())
        thread.run(gemini.stop())
        thread.close()


def _send(proxy: ProxyServer, path: str, body: bytes, headers: dict[str, str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=15)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        status = response.status
        content_type = response.getheader("Content-Type", "")
    finally:
        connection.close()
    assert status < 500, f"{status}: {payload[:500]!r}"
    if content_type.startswith("text/event-stream"):
        events = [
            orjson.loads(line[6:]) for line in payload.split(b"\n") if line.startswith(b"data: ")
        ]
        assert events[0]["type"] == "message_start"
        assert events[-1]["type"] in ("message_stop", "error")
        return
    document = orjson.loads(payload)
    if status >= 400:
        assert document["type"] == "error", document
        assert isinstance(document["error"]["type"], str)
        assert isinstance(document["error"]["message"], str) and document["error"]["message"]
        assert "Traceback" not in document["error"]["message"]
    else:
        assert document.get("type") in ("message", None) or "input_tokens" in document


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(body=REQUEST, profile=PROFILES, count=st.booleans())
def test_odd_json_requests(
    proxy: ProxyServer, body: dict[str, Any], profile: str, count: bool
) -> None:
    path = f"/proxy/{profile}/v1/messages" + ("/count_tokens" if count else "")
    _send(
        proxy,
        path,
        json.dumps(body).encode(),
        {"x-api-key": TOKEN, "Content-Type": "application/json"},
    )


@FUZZ
@given(body=ENVELOPE, profile=PROFILES, count=st.booleans())
def test_odd_content_in_valid_envelopes(
    proxy: ProxyServer, body: dict[str, Any], profile: str, count: bool
) -> None:
    path = f"/proxy/{profile}/v1/messages" + ("/count_tokens" if count else "")
    _send(
        proxy,
        path,
        json.dumps(body).encode(),
        {"x-api-key": TOKEN, "Content-Type": "application/json"},
    )


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=100).map(str.encode), cut=st.integers(0, 80))
def test_raw_and_truncated_bodies(proxy: ProxyServer, raw: bytes, cut: int) -> None:
    valid = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hello"}]}
    )
    for body in (raw, valid[:cut]):
        _send(proxy, "/proxy/chat/v1/messages", body, {"x-api-key": TOKEN})


@FUZZ
@given(key=HEADER_TEXT, content_type=HEADER_TEXT, beta=HEADER_TEXT, extra=HEADER_TEXT)
def test_odd_headers(
    proxy: ProxyServer, key: str, content_type: str, beta: str, extra: str
) -> None:
    body = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hello"}]}
    )
    headers = {
        "x-api-key": key or TOKEN,
        "Content-Type": content_type,
        "anthropic-beta": beta,
        "X-Claude-Code-Session-Id": extra,
    }
    _send(
        proxy,
        "/proxy/pass/v1/messages?beta=" + beta.replace(" ", "%20").replace("#", ""),
        body,
        headers,
    )


def test_a_bug_of_ours_is_a_logged_500_that_the_fuzz_check_catches(
    proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A translator that crashes (a bug, not a bad request) must not pass for a 400 "malformed
    request": Claude Code would retry it six times with features stripped. It is a 500 that the
    fuzz tests' check above fails on, and a traceback in the log."""

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise KeyError("a bug in the translator")

    monkeypatch.setattr(openai_chat, "to_chat_request", broken)
    body = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hello"}]}
    )
    with (
        caplog.at_level(logging.ERROR, logger="app.proxy.handlers"),
        pytest.raises(AssertionError, match=r"^500: .*api_error"),
    ):
        _send(proxy, "/proxy/chat/v1/messages", body, {"x-api-key": TOKEN})
    logged = [r for r in caplog.records if r.name == "app.proxy.handlers" and r.exc_info]
    assert logged, "the unexpected error was not logged"
    assert "a bug in the translator" in caplog.text
