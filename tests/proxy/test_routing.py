"""Routing rules, each fed the request shape Claude Code really sends (captured fixtures)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.config.schema import Config
from app.proxy.routing import TAG_CLOSE, TAG_OPEN, Plan, plan
from app.proxy.runtime import Runtime
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory

FIXTURES = Path(__file__).parents[1] / "data" / "claude_code"


def fixture(name: str) -> dict[str, Any]:
    body: dict[str, Any] = orjson.loads((FIXTURES / f"{name}.json").read_bytes())["body"]
    return body


def config(**routing: Any) -> dict[str, Any]:
    return {
        "providers": [
            {
                "name": "main",
                "kind": "openai-chat",
                "base_url": "http://127.0.0.1:9/v1",
                "models": {"text-only": {"vision": False}, "seer": {"vision": True}},
            },
            {"name": "big", "kind": "anthropic", "base_url": "http://127.0.0.1:9"},
            {"name": "eyes", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"},
            {"name": "search", "kind": "anthropic", "base_url": "http://127.0.0.1:9"},
            {"name": "cheap", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"},
            {"name": "thinker", "kind": "openai-chat", "base_url": "http://127.0.0.1:9/v1"},
        ],
        "profiles": [
            {
                "name": "p",
                "models": {
                    "default": ["main/text-only", "big/backup"],
                    "haiku": "cheap/slot-haiku",
                    "sonnet": "main/seer",
                },
                "routing": routing,
            }
        ],
    }


ALL_RULES: dict[str, Any] = {
    "long_context": {"route": "big/long", "threshold": 30000},
    "image": {"route": ["eyes/vision-model", "big/vision-backup"]},
    "web_search": {"route": "search/searcher"},
    "background": {"route": "cheap/background"},
    "thinking": {"route": "thinker/deep", "modes": ["enabled"]},
}


def route(body: dict[str, Any], size: int | None = None, **routing: Any) -> Plan:
    runtime = Runtime(Config.model_validate(config(**(routing or ALL_RULES))), None)
    return asyncio.run(plan(runtime, runtime.profiles["p"], body, body_bytes=size))


def refs(chosen: Plan) -> list[str]:
    return [str(c) for c in chosen.candidates]


def no_rule(chosen: Plan) -> bool:
    """No rule fired: the route is the slot's (Claude Code's default model is the opus alias,
    so most fixtures land in the opus slot, which this profile leaves to the default route)."""
    return chosen.rule == chosen.slot


def test_plain_main_call_uses_the_default_slot() -> None:
    # adaptive thinking on every main call does not trigger the default thinking rule
    body = fixture("tool_bash_default__02_POST-v1_messages")
    assert body["thinking"]["type"] == "adaptive"
    chosen = route(body)
    assert (chosen.rule, chosen.slot) == ("opus", "opus")
    assert refs(chosen) == ["main/text-only", "big/backup"]


def test_explicit_provider_model_wins_over_every_rule() -> None:
    body = fixture("read_large_file_count_tokens__03_POST-v1_messages")
    body["model"] = "thinker/explicit-one"
    chosen = route(body)
    assert chosen.rule == "explicit" and refs(chosen) == ["thinker/explicit-one"]
    assert route(body, explicit_model=False, **ALL_RULES).rule == "long_context"


def test_subagent_tag_picks_its_model_and_is_stripped() -> None:
    # A custom subagent's definition becomes the third system block of its calls.
    body = fixture("subagent_explore_custom_tiers__02_POST-v1_messages")
    agent_prompt = body["system"][2]["text"]
    body["system"][2]["text"] = f"{TAG_OPEN}eyes/scout, main/seer{TAG_CLOSE}\n{agent_prompt}"
    chosen = route(body)
    assert chosen.rule == "subagent" and chosen.body_changed
    assert refs(chosen) == ["eyes/scout", "main/seer"]
    assert body["system"][2]["text"] == agent_prompt
    assert TAG_OPEN not in orjson.dumps(body).decode()


def test_a_tag_naming_an_unknown_provider_is_removed_and_ignored() -> None:
    body = fixture("subagent_explore_custom_tiers__02_POST-v1_messages")
    body["system"].append({"type": "text", "text": f"{TAG_OPEN}nowhere/x{TAG_CLOSE}"})
    chosen = route(body)
    assert no_rule(chosen) and chosen.body_changed
    assert len(body["system"]) == 3  # the block held only the tag: dropped, not left empty


def test_a_system_block_whose_text_is_not_a_string_is_no_tag() -> None:
    body = fixture("subagent_explore_custom_tiers__02_POST-v1_messages")
    body["system"].append({"type": "text", "text": True})
    assert no_rule(route(body))


def test_long_context_fires_on_the_large_read_fixture() -> None:
    body = fixture("read_large_file_count_tokens__03_POST-v1_messages")
    size = len(orjson.dumps(body))
    chosen = route(body, size)
    assert chosen.rule == "long_context" and refs(chosen) == ["big/long"]
    # ~31.8k tokens: counted exactly, since 143 KB is within the size band of both thresholds
    higher = {**ALL_RULES, "long_context": {"route": "big/long", "threshold": 35000}}
    assert no_rule(route(body, size, **higher))


def test_small_requests_are_decided_by_size_without_tokenizing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_tokenizing(body: dict[str, Any]) -> int:
        raise AssertionError("tokenized a request far from the threshold")

    monkeypatch.setattr("app.proxy.routing.estimate_tokens", no_tokenizing)
    body = fixture("tool_bash_default__02_POST-v1_messages")
    assert no_rule(route(body, len(orjson.dumps(body))))
    huge = {**ALL_RULES, "long_context": {"route": "big/long", "threshold": 1000}}
    assert route(body, len(orjson.dumps(body)), **huge).rule == "long_context"


def test_a_request_near_the_threshold_is_tokenized_off_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tray app runs Qt and the proxy on one thread: a count on it would stall both."""
    threads: list[threading.Thread] = []

    def count(body: dict[str, Any]) -> int:
        threads.append(threading.current_thread())
        return 31_000

    monkeypatch.setattr("app.proxy.routing.estimate_tokens", count)
    body = fixture("read_large_file_count_tokens__03_POST-v1_messages")
    size = len(orjson.dumps(body))  # within the band of a 30k threshold: it must be counted

    runtime = Runtime(Config.model_validate(config(**ALL_RULES)), None)

    async def on_the_loop() -> tuple[Plan, threading.Thread]:
        chosen = await plan(runtime, runtime.profiles["p"], body, body_bytes=size)
        return chosen, threading.current_thread()

    chosen, loop_thread = asyncio.run(on_the_loop())
    assert chosen.rule == "long_context"
    assert len(threads) == 1 and threads[0] is not loop_thread


PNG_1X1 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
    "rkJggg=="
)
IMAGE = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_1X1}}


def _with_screenshot(body: dict[str, Any]) -> dict[str, Any]:
    """Turn 2 of the Bash fixture with the tool result carrying an image, as Read returns one."""
    for message in body["messages"]:
        for block in message["content"] if isinstance(message["content"], list) else ():
            if block.get("type") == "tool_result":
                block["content"] = [{"type": "text", "text": "screenshot.png"}, IMAGE]
                return body
    raise AssertionError("fixture has no tool_result")


def test_image_inside_a_tool_result_goes_to_the_image_route() -> None:
    body = _with_screenshot(fixture("tool_bash_default__02_POST-v1_messages"))
    chosen = route(body)
    assert chosen.rule == "image" and refs(chosen) == ["eyes/vision-model", "big/vision-backup"]
    assert no_rule(route(fixture("tool_bash_default__02_POST-v1_messages")))


def test_image_rule_is_skipped_when_the_model_sees_images() -> None:
    body = fixture("interactive__automode_classifier_sonnet_nonstream")
    body["messages"][0]["content"] = [{"type": "text", "text": "look"}, IMAGE]
    # the sonnet slot (the classifier's) is main/seer, which has vision; (its 141 KB system
    # prompt is over this profile's long-context threshold: leave that rule out here)
    chosen = route(body, image=ALL_RULES["image"])
    assert (chosen.slot, chosen.rule) == ("sonnet", "sonnet")


def test_web_search_server_tool_goes_to_the_search_route() -> None:
    body = fixture("tool_bash_default__01_POST-v1_messages")
    body["tools"].append({"type": "web_search_20250305", "name": "web_search", "max_uses": 8})
    chosen = route(body)
    assert chosen.rule == "web_search" and refs(chosen) == ["search/searcher"]


def test_title_generation_on_the_haiku_slot_is_background() -> None:
    body = fixture("interactive__title_generation_haiku_json_schema")
    body["model"] = "small-fast-x@haiku"  # the name Switchboard's launcher hands out
    chosen = route(body)
    assert (chosen.slot, chosen.rule) == ("haiku", "background")
    assert refs(chosen) == ["cheap/background"]
    without = {k: v for k, v in ALL_RULES.items() if k != "background"}
    assert refs(route(body, **without)) == ["cheap/slot-haiku"]


def test_background_by_model_name_pattern() -> None:
    body = fixture("interactive__title_generation_haiku_json_schema")
    rules = {
        **ALL_RULES,
        "background": {
            "route": "cheap/background",
            "haiku_slot": False,
            "model_pattern": "^small-",
        },
    }
    assert route(body, **rules).rule == "background"
    body["model"] = "big-opus-x"
    assert no_rule(route(body, **rules))


def test_thinking_rule_enabled_vs_adaptive() -> None:
    body = fixture("plain_default__01_POST-v1_messages")
    assert no_rule(route(body))  # adaptive: not matched by default
    adaptive = {**ALL_RULES, "thinking": {"route": "thinker/deep", "modes": ["adaptive"]}}
    assert route(body, **adaptive).rule == "thinking"
    body["thinking"] = {"type": "enabled", "budget_tokens": 8000}
    chosen = route(body)
    assert chosen.rule == "thinking" and refs(chosen) == ["thinker/deep"]


def test_disabled_rule_keeps_its_route_but_does_not_fire() -> None:
    body = fixture("plain_default__01_POST-v1_messages")
    body["thinking"] = {"type": "enabled", "budget_tokens": 8000}
    off = {"thinking": {"route": "thinker/deep", "enabled": False}}
    assert no_rule(route(body, **off))


def test_routing_cost_on_a_claude_code_sized_body() -> None:
    """Not a benchmark (tests/bench/ measures): a guard that all rules stay far below 1 ms."""
    body = fixture("tool_bash_default__02_POST-v1_messages")
    size = len(orjson.dumps(body))
    runtime = Runtime(Config.model_validate(config(**ALL_RULES)), None)
    profile = runtime.profiles["p"]

    async def route_200() -> float:
        started = time.perf_counter()
        for _ in range(200):
            await plan(runtime, profile, body, body_bytes=size)
        return time.perf_counter() - started

    per_call = asyncio.run(route_200()) / 200
    assert per_call < 0.001, f"routing took {per_call * 1e6:.0f} µs"


@pytest.mark.asyncio
async def test_decision_reaches_the_record_and_the_tag_never_leaves(
    anthropic_upstream: AnthropicUpstream,
    start_proxy: ProxyFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="app.proxy.handlers")
    import aiohttp

    data = {
        "providers": [
            {"name": "up", "kind": "anthropic", "base_url": anthropic_upstream.url},
        ],
        "profiles": [{"name": "main", "models": {"default": "up/claude-default-upstream"}}],
    }
    proxy = await start_proxy(data)
    body = fixture("subagent_explore_custom_tiers__02_POST-v1_messages")
    body["system"][2]["text"] = f"{TAG_OPEN}up/agent-model{TAG_CLOSE}\n" + body["system"][2]["text"]
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{proxy.url}/proxy/main/v1/messages",
            data=orjson.dumps(body),
            headers={"x-api-key": TOKEN, "Content-Type": "application/json"},
        ) as response,
    ):
        assert response.status == 200
        await response.read()
    seen = anthropic_upstream.requests[-1].body
    assert seen["model"] == "agent-model"
    assert TAG_OPEN not in orjson.dumps(seen).decode()
    record = proxy.state.metrics.recent(1)[0]
    assert (record.rule, record.provider, record.model) == ("subagent", "up", "agent-model")
    assert record.attempts == ["up/agent-model: 200"]
    assert "main big-opus-x -> up/agent-model 200" in caplog.text
    assert "[rule subagent]" in caplog.text
