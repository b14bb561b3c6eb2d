"""The `auto` rule: a classifier model picks one of a profile's named routes per conversation.

The classifier reads the latest user turn and answers with a route name; the choice sticks to
the conversation (keyed by its first user turn, which Claude Code resends unchanged on every
call), so a session does not flip models mid-task. The classifier runs under a time budget:
past it, or when it fails or names no route, the slot's own route serves. Its call goes through
the same failover and dialects as any request and is recorded as a request of its own, so its
tokens and cost are counted.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from typing import Any

import orjson
from aiohttp import web

from app.config.schema import AutoRule, Profile
from app.proxy import failover
from app.proxy.asking import NoAnswer, ask_model
from app.proxy.observer import RequestRecord
from app.proxy.routing import Plan, candidates
from app.proxy.runtime import Runtime
from app.proxy.state import ProxyState

log = logging.getLogger(__name__)

CLASSIFIER_RULE = "auto-classifier"
_MAX_TURN_CHARS = 4000  # of the latest user turn, sent to the classifier
_CLASSIFIER_MAX_TOKENS = 16


async def decide(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    profile: Profile,
    body: dict[str, Any],
    route: Plan,
    record: RequestRecord,
) -> Plan:
    """The plan for a request no other rule took: a named route, or `route` unchanged."""
    rule = profile.routing.auto
    if rule is None or not rule.enabled or route.slot not in rule.slots:
        return route
    key = conversation_key(profile.name, body)
    name = state.auto_choices.get(key)
    if name is not None and name in rule.routes:
        record.decision = f"kept {name!r} for this conversation"
    else:
        name, record.decision = await _classify(state, runtime, request, profile, rule, body)
        if name is None:
            return route
        state.auto_choices.put(key, name)
    requested = str(body.get("model", ""))
    chosen = candidates(runtime, rule.routes[name], requested)
    return Plan(route.slot, f"auto:{name}", chosen, route.body_changed)


def conversation_key(profile: str, body: dict[str, Any]) -> bytes:
    """A conversation's identity: its profile and first user turn."""
    messages = body.get("messages") or []
    first = next((m for m in messages if isinstance(m, dict) and m.get("role") == "user"), None)
    digest = hashlib.blake2b(orjson.dumps(first), digest_size=16, key=profile.encode()[:64])
    return digest.digest()


def classifier_prompt(rule: AutoRule) -> str:
    lines = [
        "You route requests of a coding assistant to the model best suited for them.",
        "Read the user's message and answer with exactly one of these route names, nothing else:",
    ]
    for name in rule.routes:
        description = rule.descriptions.get(name)
        lines.append(f"- {name}" + (f": {description}" if description else ""))
    return "\n".join(lines)


def latest_user_text(body: dict[str, Any]) -> str:
    """The text of the newest user message that has any (tool results alone are skipped)."""
    for message in reversed(body.get("messages") or []):
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            text = content
        elif isinstance(content, list):
            text = "\n".join(
                b["text"]
                for b in content
                if isinstance(b, dict)
                and b.get("type") == "text"
                and isinstance(b.get("text"), str)
            )
        else:
            text = ""
        if text.strip():
            return text[-_MAX_TURN_CHARS:]
    return ""


def route_named(answer: str, names: list[str]) -> str | None:
    """The first route name the classifier's answer mentions, as a whole word."""
    found: tuple[int, str] | None = None
    for name in names:
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", answer, re.IGNORECASE)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), name)
    return found[1] if found else None


async def _classify(
    state: ProxyState,
    runtime: Runtime,
    request: web.Request,
    profile: Profile,
    rule: AutoRule,
    body: dict[str, Any],
) -> tuple[str | None, str]:
    """(route name or None, the reason shown in /requests)."""
    text = latest_user_text(body)
    if not text:
        return None, "no user text to classify: the slot's route"
    started = time.monotonic()
    try:
        async with asyncio.timeout(rule.timeout):
            answer = await ask_model(
                state,
                runtime,
                request,
                failover.serve,
                profile=profile.name,
                rule=CLASSIFIER_RULE,
                route=rule.classifier,
                system=classifier_prompt(rule),
                text=text,
                max_tokens=_CLASSIFIER_MAX_TOKENS,
            )
    except TimeoutError:
        return None, f"classifier took longer than {rule.timeout:g} s: the slot's route"
    except NoAnswer as exc:
        log.info("auto route: %s; the slot's route serves", exc.message)
        return None, f"{exc.message}: the slot's route"
    elapsed = (time.monotonic() - started) * 1000
    name = route_named(answer, list(rule.routes))
    if name is None:
        return None, f"classifier answered {answer[:40]!r}, no route name: the slot's route"
    return name, f"classifier chose {name!r} in {elapsed:.0f} ms"
