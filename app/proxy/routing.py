"""Pick the ordered candidates for one request: profile + rules + requested model → route.

Rules are checked in this order; the first that matches picks the route (each rule is optional
and is set per profile under `routing`):

1. **explicit** — the model field is `provider/model` naming a configured, enabled provider:
   exactly that model, no failover.
2. **subagent** — the system prompt holds `<switchboard-model>provider/model</switchboard-model>`
   (several references may be given, comma-separated, as a route). Put it in a subagent's
   definition to give that agent its own model. The tag is always removed before the request
   is sent; a tag naming an unknown provider is ignored (with a warning in the log).
3. **long_context** — the request's input (system + tools + messages, as sent) is over
   `threshold` tokens. The body's size decides when it can (2.5 to 6 bytes per token); only a
   request within that band is tokenized, in a worker thread: the event loop serves the other
   requests meanwhile.
4. **image** — an image block anywhere (also inside a tool result), when the first model of
   the route the request would otherwise use is not known (catalogue or provider config) to
   accept images.
5. **web_search** — the request offers a server tool `web_search_*`.
6. **background** — the requested model maps to the haiku slot (Claude Code's title and other
   background calls), or matches `model_pattern`.
7. **thinking** — `thinking.type` is one of `modes`. Claude Code sends `adaptive` on every main
   call, so the default (`["enabled"]`) matches only an explicit thinking budget; add
   `adaptive` to send all of Claude Code's main calls there.
8. **slot** — the route of the slot the requested model names (default/haiku/sonnet/opus).

Routing costs O(size of the system prompt + number of blocks) at most: no request is
serialized, and none is tokenized unless it is near the long-context threshold.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from app.config.presets import model_spec
from app.config.schema import ModelRef, Profile, Provider, Slot
from app.config.slots import slot_for_model, strip_slot_suffix
from app.proxy.runtime import Runtime
from app.system.resources import resource
from app.translate.tokens import VOCABULARY, estimate_tokens, use_vocabulary

log = logging.getLogger(__name__)

TAG_OPEN, TAG_CLOSE = "<switchboard-model>", "</switchboard-model>"
_TAG = re.compile(re.escape(TAG_OPEN) + r"\s*(.*?)\s*" + re.escape(TAG_CLOSE) + r"[ \t]*\n?")

# Bytes of JSON body per token for Claude Code-shaped requests with cl100k: ~4.2 measured on the
# captured fixtures; the band keeps a margin for code, prose and non-Latin text.
MIN_BYTES_PER_TOKEN = 2.5
MAX_BYTES_PER_TOKEN = 6.0


def _read_vocabulary() -> bytes:
    return resource(*VOCABULARY).read_bytes()


# The tokenizer's vocabulary is bundled data; it is read on the first exact count only.
use_vocabulary(_read_vocabulary)


@dataclass(frozen=True, slots=True)
class Candidate:
    provider: Provider
    model: str

    def __str__(self) -> str:
        return f"{self.provider.name}/{self.model}"

    @property
    def breaker_keys(self) -> tuple[str, str]:
        """The provider's breaker, then this model's."""
        name = self.provider.name
        return name, f"{name}/{self.model}"


@dataclass(frozen=True, slots=True)
class Plan:
    slot: str
    rule: str  # which rule chose the route: explicit, subagent, long_context, …, or the slot
    candidates: tuple[Candidate, ...]
    body_changed: bool = False  # the body was rewritten (tag removed): its raw bytes are stale


async def plan(
    runtime: Runtime, profile: Profile, body: dict[str, Any], *, body_bytes: int | None = None
) -> Plan:
    """The route for `body`. `body_bytes` is the size of the raw request, when known."""
    requested = body.get("model", "")
    rules = profile.routing
    if rules.explicit_model and (explicit := _explicit(runtime, requested)) is not None:
        return Plan("explicit", "explicit", (explicit,))
    slot = slot_for_model(profile, requested)
    changed = False
    if rules.subagent_tag:
        tagged, changed = _take_tag(runtime, body)
        if tagged is not None:
            return Plan(slot, "subagent", candidates(runtime, tagged, requested), changed)
    chosen = await _rule_route(runtime, profile, slot, body, body_bytes)
    if chosen is not None:
        return Plan(slot, chosen[0], candidates(runtime, chosen[1], requested), changed)
    return Plan(slot, slot, candidates(runtime, profile.models.route(slot), requested), changed)


def slot_candidates(runtime: Runtime, profile: Profile, requested: str) -> tuple[Candidate, ...]:
    """The candidates of the slot (or explicit model) alone, with no rule: for count_tokens."""
    explicit = _explicit(runtime, requested) if profile.routing.explicit_model else None
    if explicit is not None:
        return (explicit,)
    slot = slot_for_model(profile, requested)
    return candidates(runtime, profile.models.route(slot), requested)


async def _rule_route(
    runtime: Runtime, profile: Profile, slot: Slot, body: dict[str, Any], body_bytes: int | None
) -> tuple[str, list[str]] | None:
    rules = profile.routing
    requested: str = body.get("model", "")
    long_context = rules.long_context
    if (
        long_context
        and long_context.enabled
        and await _is_long(body, long_context.threshold, body_bytes)
    ):
        return "long_context", long_context.route
    image = rules.image
    if (
        image
        and image.enabled
        and has_image(body)
        and not _has_vision(runtime, profile.models.route(slot), requested)
    ):
        return "image", image.route
    web_search = rules.web_search
    if web_search and web_search.enabled and offers_web_search(body):
        return "web_search", web_search.route
    background = rules.background
    if (
        background
        and background.enabled
        and (
            (background.haiku_slot and slot == "haiku")
            or (background.model_pattern and _regex(background.model_pattern).search(requested))
        )
    ):
        return "background", background.route
    thinking = rules.thinking
    if thinking and thinking.enabled and thinking_mode(body) in thinking.modes:
        return "thinking", thinking.route
    return None


def _explicit(runtime: Runtime, requested: str) -> Candidate | None:
    """`provider/model` in the request's model field, naming a configured provider."""
    name, _, model = requested.partition("/")
    provider = runtime.providers.get(name) if model else None
    return Candidate(provider, model) if provider is not None and provider.enabled else None


def candidates(runtime: Runtime, refs: list[str], requested: str) -> tuple[Candidate, ...]:
    """The enabled candidates of a route; `*` stands for the requested model."""
    out = []
    for text in refs:
        ref = ModelRef.parse(text)
        provider = runtime.providers[ref.provider]
        if not provider.enabled:
            continue
        model = strip_slot_suffix(requested) if ref.model == "*" else ref.model
        out.append(Candidate(provider, model))
    return tuple(out)


def _take_tag(runtime: Runtime, body: dict[str, Any]) -> tuple[list[str] | None, bool]:
    """The route a subagent tag in the system prompt names, and whether a tag was removed."""
    system = body.get("system")
    found: list[str] = []
    if isinstance(system, str):
        if TAG_OPEN not in system:
            return None, False
        body["system"] = _strip_tags(system, found)
    elif isinstance(system, list):
        hits = [
            i
            for i, b in enumerate(system)
            if isinstance(b, dict) and isinstance(text := b.get("text"), str) and TAG_OPEN in text
        ]
        if not hits:
            return None, False
        blocks = list(system)
        for i in hits:
            blocks[i] = {**blocks[i], "text": _strip_tags(blocks[i]["text"], found)}
        # a block that held only the tag would be an empty text block, which APIs refuse
        body["system"] = [b for b in blocks if not (isinstance(b, dict) and b.get("text") == "")]
    else:
        return None, False
    refs = [r.strip() for r in found[0].split(",") if r.strip()] if found else []
    try:
        parsed = [ModelRef.parse(r) for r in refs]
    except ValueError as exc:
        log.warning("ignoring the %s tag: %s", TAG_OPEN, exc)
        return None, True
    unknown = [str(r) for r in parsed if r.provider not in runtime.providers]
    if not parsed or unknown:
        log.warning("ignoring the %s tag: unknown provider in %s", TAG_OPEN, unknown or "''")
        return None, True
    return refs, True


def _strip_tags(text: str, found: list[str]) -> str:
    found.extend(match.group(1) for match in _TAG.finditer(text))
    return _TAG.sub("", text)


async def _is_long(body: dict[str, Any], threshold: int, body_bytes: int | None) -> bool:
    size = body_bytes if body_bytes is not None else len(orjson.dumps(body))
    if size <= threshold * MIN_BYTES_PER_TOKEN:
        return False  # even at the densest text this is under the threshold
    if size > threshold * MAX_BYTES_PER_TOKEN and not has_image(body):
        return True  # images are big in bytes but cheap in tokens: only then count
    # milliseconds for a long conversation: never on the event loop
    return await asyncio.to_thread(estimate_tokens, body) > threshold


def _has_vision(runtime: Runtime, route: list[str], requested: str) -> bool:
    """Is the first enabled model of `route` known to accept images?"""
    first = next(iter(candidates(runtime, route, requested)), None)
    if first is None:
        return False
    spec = model_spec(first.provider, first.model)
    return spec is not None and spec.vision


def has_image(body: dict[str, Any]) -> bool:
    """An image block in any message, also inside tool results."""
    for message in body.get("messages") or ():
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list) and _blocks_have_image(content):
            return True
    return False


def _blocks_have_image(blocks: list[Any]) -> bool:
    for block in blocks:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "image":
            return True
        if kind == "tool_result":
            inner = block.get("content")
            if isinstance(inner, list) and _blocks_have_image(inner):
                return True
    return False


def offers_web_search(body: dict[str, Any]) -> bool:
    tools = body.get("tools")
    return isinstance(tools, list) and any(
        isinstance(t, dict) and str(t.get("type", "")).startswith("web_search") for t in tools
    )


def thinking_mode(body: dict[str, Any]) -> str | None:
    thinking = body.get("thinking")
    return thinking.get("type") if isinstance(thinking, dict) else None


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
