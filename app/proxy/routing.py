"""Pick the ordered candidates for one request: profile + requested model → [(provider, model)]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.config.schema import ModelRef, Profile, Provider
from app.config.slots import slot_for_model, strip_slot_suffix
from app.proxy.runtime import Runtime


@dataclass(frozen=True, slots=True)
class Candidate:
    provider: Provider
    model: str

    def __str__(self) -> str:
        return f"{self.provider.name}/{self.model}"


@dataclass(frozen=True, slots=True)
class Plan:
    slot: str
    rule: str  # which rule chose the route: "explicit", or the slot name
    candidates: tuple[Candidate, ...]


def plan(runtime: Runtime, profile: Profile, body: dict[str, Any]) -> Plan:
    requested = body.get("model", "")
    explicit = _explicit(runtime, requested)
    if explicit is not None:
        return Plan("explicit", "explicit", (explicit,))
    slot = slot_for_model(profile, requested)
    refs = profile.models.route(slot)
    return Plan(slot, slot, _candidates(runtime, refs, requested))


def _explicit(runtime: Runtime, requested: str) -> Candidate | None:
    """`provider/model` in the request's model field, naming a configured provider."""
    if "/" not in requested:
        return None
    ref = ModelRef.parse(requested)
    provider = runtime.providers.get(ref.provider)
    return Candidate(provider, ref.model) if provider is not None and provider.enabled else None


def _candidates(runtime: Runtime, refs: list[str], requested: str) -> tuple[Candidate, ...]:
    out = []
    for text in refs:
        ref = ModelRef.parse(text)
        provider = runtime.providers[ref.provider]
        if not provider.enabled:
            continue
        model = strip_slot_suffix(requested) if ref.model == "*" else ref.model
        out.append(Candidate(provider, model))
    return tuple(out)
