"""The auto rule: a classifier picks a named route per conversation, within a time budget."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

from app.config.schema import AutoRule
from app.proxy.auto_route import (
    CLASSIFIER_RULE,
    classifier_prompt,
    conversation_key,
    latest_user_text,
    route_named,
)
from tests.support.chat_upstream import ChatUpstream, completion
from tests.support.claude_cli import Started, started
from tests.support.proxy import ProxyFactory
from tests.support.scripted_upstream import (
    Scripted,
    answer_text,
    client,
    two_provider_config,
    upstreams,
)

__all__ = ["started", "upstreams"]  # fixtures


class SlowUpstream:
    """A Chat Completions upstream that never answers in time."""

    url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._slow)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(10)
        return web.json_response(completion("code"))


@pytest_asyncio.fixture
async def classifier(started: Started) -> AsyncIterator[ChatUpstream]:
    yield await started(ChatUpstream())


def _config(
    primary: Scripted, backup: Scripted, classifier_url: str, **auto: Any
) -> dict[str, Any]:
    config = two_provider_config(primary, backup)
    config["providers"].append(
        {"name": "clf", "kind": "openai-chat", "base_url": classifier_url, "api_key": "k"}
    )
    profile = config["profiles"][0]
    profile["models"]["default"] = ["a/model-a"]
    profile["routing"] = {
        "auto": {
            "classifier": "clf/tiny",
            "routes": {"code": "a/model-a", "reasoning": "b/model-b"},
            "descriptions": {"reasoning": "hard problems that need careful thought"},
            **auto,
        }
    }
    return config


async def _ask(proxy: Any, *turns: str) -> str:
    messages: list[dict[str, Any]] = []
    for i, text in enumerate(turns):
        if i:
            messages.append({"role": "assistant", "content": "ok"})
        messages.append({"role": "user", "content": text})
    return await answer_text(proxy, messages)


@pytest.mark.asyncio
async def test_the_classifier_picks_the_route(
    upstreams: tuple[Scripted, Scripted], classifier: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    classifier.script.append(completion("reasoning"))
    proxy = await start_proxy(_config(primary, backup, classifier.url))
    assert await _ask(proxy, "Prove that the algorithm terminates.") == "answer from backup"
    request, asked = proxy.state.metrics.recent(2)
    assert (request.rule, request.provider) == ("auto:reasoning", "b")
    assert request.decision.startswith("classifier chose 'reasoning' in ")
    # the classifier's call is a request of its own: its tokens count
    assert (asked.rule, asked.provider, asked.model) == (CLASSIFIER_RULE, "clf", "tiny")
    assert (asked.input_tokens, asked.output_tokens) == (50, 7)
    sent = classifier.requests[0]
    assert sent["messages"][-1]["content"] == "Prove that the algorithm terminates."
    assert "reasoning: hard problems" in sent["messages"][0]["content"]


@pytest.mark.asyncio
async def test_the_choice_holds_for_the_conversation(
    upstreams: tuple[Scripted, Scripted], classifier: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    classifier.script.extend([completion("reasoning"), completion("code")])
    proxy = await start_proxy(_config(primary, backup, classifier.url))
    assert await _ask(proxy, "Prove it.") == "answer from backup"
    # a later turn of the same conversation, which the classifier would call `code`
    assert await _ask(proxy, "Prove it.", "Now write the code.") == "answer from backup"
    assert len(classifier.requests) == 1
    assert proxy.state.metrics.recent(1)[0].decision == "kept 'reasoning' for this conversation"
    # another conversation is classified afresh
    assert await _ask(proxy, "Write a parser.") == "answer from primary"
    assert len(classifier.requests) == 2


@pytest.mark.asyncio
async def test_a_hanging_classifier_falls_back_within_its_budget(
    upstreams: tuple[Scripted, Scripted], started: Started, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    slow = await started(SlowUpstream())
    proxy = await start_proxy(_config(primary, backup, slow.url, timeout=0.3))
    began = time.monotonic()
    assert await _ask(proxy, "Prove it.") == "answer from primary"  # the slot's own route
    assert time.monotonic() - began < 3
    record = proxy.state.metrics.recent(1)[0]
    assert record.rule == "default"
    assert record.decision == "classifier took longer than 0.3 s: the slot's route"


@pytest.mark.asyncio
async def test_an_answer_naming_no_route_leaves_the_slots_route(
    upstreams: tuple[Scripted, Scripted], classifier: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    classifier.script.append(completion("I cannot decide."))
    proxy = await start_proxy(_config(primary, backup, classifier.url))
    assert await _ask(proxy, "Hello") == "answer from primary"
    assert "no route name" in proxy.state.metrics.recent(1)[0].decision


@pytest.mark.asyncio
async def test_the_haiku_slot_is_not_classified(
    upstreams: tuple[Scripted, Scripted], classifier: ChatUpstream, start_proxy: ProxyFactory
) -> None:
    primary, backup = upstreams
    proxy = await start_proxy(_config(primary, backup, classifier.url))
    async with client(proxy) as sdk:
        await sdk.messages.create(
            model="claude-haiku-4-5", max_tokens=10, messages=[{"role": "user", "content": "t"}]
        )
    assert classifier.requests == []


def test_route_names_are_found_as_words() -> None:
    names = ["code", "reasoning", "quick-fix"]
    assert route_named("Reasoning.", names) == "reasoning"
    assert route_named("route: code (then reasoning)", names) == "code"
    assert route_named("quick-fix", names) == "quick-fix"
    assert route_named("codes and unreasoning", names) is None


def test_the_latest_user_text_skips_tool_results() -> None:
    body = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "Fix the bug"}]},
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "t", "name": "x", "input": {}}],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "t", "content": "ok"}],
            },
        ]
    }
    assert latest_user_text(body) == "Fix the bug"


def test_a_conversation_key_is_its_first_user_turn_per_profile() -> None:
    first = {"role": "user", "content": "start"}
    one = {"messages": [first]}
    later = {
        "messages": [first, {"role": "assistant", "content": "a"}, {"role": "user", "content": "b"}]
    }
    assert conversation_key("p", one) == conversation_key("p", later)
    assert conversation_key("p", one) != conversation_key("q", one)


def test_the_prompt_lists_every_route() -> None:
    rule = AutoRule(classifier=["c/m"], routes={"code": ["a/b"], "long": ["a/c"]})
    prompt = classifier_prompt(rule)
    assert "- code" in prompt and "- long" in prompt
