"""Failover along a route, against real loopback upstreams scripted to fail in each way."""

from __future__ import annotations

import asyncio

import aiohttp
import anthropic
import orjson
import pytest

from app.translate.sse import MAX_UPSTREAM_BYTES
from tests.support.proxy import TOKEN, ProxyFactory
from tests.support.scripted_upstream import (
    BAD_REQUEST,
    OVERLOADED,
    Scripted,
    ask,
    two_provider_config,
    upstreams,
)

__all__ = ["upstreams"]  # a fixture

FAILURES = {
    "500": ("status", 500, b'{"type":"error","error":{"type":"api_error","message":"boom"}}', {}),
    "overloaded 529": ("status", 529, OVERLOADED, {}),
    "overloaded body on 400": ("status", 400, OVERLOADED, {}),
    "429 with Retry-After": ("status", 429, b"{}", {"Retry-After": "30"}),
    "hang before headers": "hang",
    "reset after headers": "reset",
}


# (a reset after the headers of a JSON answer is covered by the stream case: both read the
# body before sending anything)
CASES = [
    pytest.param(failure, stream, id=f"{failure}-{'stream' if stream else 'json'}")
    for failure in FAILURES
    for stream in (True, False)
    if stream or failure != "reset after headers"
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("failure", "stream"), CASES)
async def test_backup_answers_cleanly_when_the_primary_fails(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory, failure: str, stream: bool
) -> None:
    primary, backup = upstreams
    primary.script.append(FAILURES[failure])
    proxy = await start_proxy(two_provider_config(primary, backup))
    assert await ask(proxy, stream=stream) == "answer from backup"
    assert [b["model"] for b in primary.seen] == ["model-a"]
    assert [b["model"] for b in backup.seen] == ["model-b"]
    record = proxy.state.metrics.recent(1)[0]
    assert (record.provider, record.model, record.status, record.error) == ("b", "model-b", 200, "")
    assert record.attempts[0].startswith("a/model-a: ") and record.attempts[1] == "b/model-b: 200"


@pytest.mark.asyncio
async def test_a_400_from_the_request_is_returned_not_retried(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(("status", 400, BAD_REQUEST, {}))
    proxy = await start_proxy(two_provider_config(primary, backup))
    with pytest.raises(anthropic.BadRequestError) as caught:
        await ask(proxy, stream=True)
    assert "bad field x" in str(caught.value)
    assert len(primary.seen) == 1 and backup.seen == []
    assert proxy.state.breakers.snapshot().get("a", "closed") == "closed"


@pytest.mark.asyncio
async def test_a_stall_mid_stream_ends_with_an_error_event(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append("stall")
    proxy = await start_proxy(two_provider_config(primary, backup))
    body = {
        "model": "x",
        "max_tokens": 5,
        "stream": True,
        "messages": [{"role": "user", "content": "hi"}],
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages",
            data=orjson.dumps(body),
            headers={"x-api-key": TOKEN},
        ) as response,
    ):
        assert response.status == 200
        text = (await response.read()).decode()
    events = [chunk for chunk in text.split("\n\n") if chunk.strip()]
    assert events[0].startswith("event: message_start")
    assert events[-1].startswith("event: error") and "a: stream interrupted" in events[-1]
    assert "message_stop" not in text
    assert backup.seen == []  # the first byte was out: no failover
    assert proxy.state.metrics.recent(1)[0].error.startswith("a: stream interrupted")


@pytest.mark.asyncio
async def test_when_every_candidate_fails_one_error_lists_what_was_tried(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.extend([("status", 500, b'{"error":{"message":"disk on fire"}}', {})] * 5)
    backup.script.extend([("status", 503, OVERLOADED, {})] * 5)
    proxy = await start_proxy(
        two_provider_config(primary, backup, failover={"max_attempts": 2, "backoff_initial": 0.01})
    )
    with pytest.raises(anthropic.APIStatusError) as caught:
        await ask(proxy, stream=True)
    error = caught.value
    assert error.status_code == 503
    body = error.body
    assert isinstance(body, dict) and body["type"] == "error"
    message = body["error"]["message"]
    assert "every candidate failed" in message
    assert "a: " in message and "disk on fire" in message and "b: " in message
    assert (len(primary.seen), len(backup.seen)) == (1, 1)  # the attempt budget: 2


@pytest.mark.asyncio
async def test_a_lone_candidate_is_retried_after_a_dropped_connection_only(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, _ = upstreams
    primary.script.append("reset")
    data = two_provider_config(primary, primary)
    data["profiles"][0]["models"]["default"] = ["a/model-a"]
    proxy = await start_proxy(data)
    assert await ask(proxy, stream=True) == "answer from primary"
    assert len(primary.seen) == 2
    assert proxy.state.metrics.recent(1)[0].attempts == ["a/model-a: 502", "a/model-a: 200"]
    primary.script.append(FAILURES["500"])  # an error answer: the client retries it itself
    with pytest.raises(anthropic.InternalServerError):
        await ask(proxy, stream=True)
    assert len(primary.seen) == 3


@pytest.mark.asyncio
async def test_retry_after_opens_the_model_breaker_instead_of_sleeping(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(FAILURES["429 with Retry-After"])
    proxy = await start_proxy(two_provider_config(primary, backup))
    started = asyncio.get_running_loop().time()
    assert await ask(proxy, stream=False) == "answer from backup"
    assert await ask(proxy, stream=False) == "answer from backup"
    assert asyncio.get_running_loop().time() - started < 5  # nobody waited 30 s
    assert len(primary.seen) == 1  # the second request skipped it: Retry-After still runs
    assert proxy.state.breakers.snapshot()["a/model-a"] == "open"


@pytest.mark.asyncio
async def test_an_answer_over_the_size_cap_fails_the_attempt_not_the_memory(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    """A 200 answer larger than the one upstream cap is refused once the cap is passed (not read
    to its end into memory), and the next candidate serves."""
    primary, backup = upstreams
    giant = b'{"type":"message","pad":"' + b"x" * MAX_UPSTREAM_BYTES + b'"}'
    primary.script.append(("status", 200, giant, {}))
    proxy = await start_proxy(two_provider_config(primary, backup))
    assert await ask(proxy, stream=False) == "answer from backup"
    last_error = proxy.state.breakers.health["a"].last_error
    assert "a: the answer is over the 32 MiB limit" in last_error


def _overflow(message: str) -> tuple[str, int, bytes, dict[str, str]]:
    error = {"message": message, "type": "invalid_request_error", "code": "context_length_exceeded"}
    return ("status", 400, orjson.dumps({"error": error}), {})


@pytest.mark.asyncio
async def test_a_context_overflow_reaches_claude_code_in_anthropics_exact_words(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(
        _overflow(
            "This model's maximum context length is 65536 tokens. However, your messages "
            "resulted in 70123 tokens. Please reduce the length of the messages."
        )
    )
    config = two_provider_config(primary, backup)
    config["profiles"][0]["models"]["default"] = ["a/model-a"]
    proxy = await start_proxy(config)
    with pytest.raises(anthropic.BadRequestError) as caught:
        await ask(proxy, stream=True)
    error = caught.value.body["error"]  # type: ignore[index]
    assert error == {
        "type": "invalid_request_error",
        "message": "prompt is too long: 70123 tokens > 65536 maximum",
    }
    # the prompt's size is no fault of the provider's
    assert proxy.state.breakers.snapshot().get("a", "closed") == "closed"


@pytest.mark.asyncio
async def test_an_overflow_without_numbers_gets_the_known_window_and_an_estimate(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(_overflow("Please reduce the length of the messages or completion."))
    config = two_provider_config(primary, backup)
    config["providers"][0]["models"] = {"model-a": {"context_window": 2}}
    config["profiles"][0]["models"]["default"] = ["a/model-a"]
    proxy = await start_proxy(config)
    with pytest.raises(anthropic.BadRequestError) as caught:
        await ask(proxy, stream=False)
    message = caught.value.body["error"]["message"]  # type: ignore[index]
    tokens = int(message.split()[4])
    assert message == f"prompt is too long: {tokens} tokens > 2 maximum" and tokens > 2


@pytest.mark.asyncio
async def test_an_overflow_moves_on_to_a_candidate_with_room(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(_overflow("Your input exceeds the context window of this model."))
    proxy = await start_proxy(two_provider_config(primary, backup))
    assert await ask(proxy, stream=True) == "answer from backup"
    record = proxy.state.metrics.recent(1)[0]
    assert record.attempts == ["a/model-a: 400 prompt too long", "b/model-b: 200"]


@pytest.mark.asyncio
async def test_when_the_backup_fails_too_the_overflow_is_what_claude_code_sees(
    upstreams: tuple[Scripted, Scripted], start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    primary.script.append(
        _overflow(
            "Prompt contains 40960 tokens and 0 draft tokens, too large for model with 32768 "
            "maximum context length"
        )
    )
    backup.script.append(("status", 503, OVERLOADED, {}))
    proxy = await start_proxy(two_provider_config(primary, backup))
    with pytest.raises(anthropic.BadRequestError) as caught:
        await ask(proxy, stream=True)
    assert (
        caught.value.body["error"]["message"] == "prompt is too long: 40960 tokens > 32768 maximum"
    )  # type: ignore[index]
