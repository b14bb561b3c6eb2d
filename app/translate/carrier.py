"""Opaque upstream reasoning state carried through Claude Code inside thinking-block signatures.

Claude Code sends earlier assistant thinking blocks back byte for byte, signature included. A
stateless proxy can therefore park an upstream's opaque state there (a Responses encrypted
reasoning item, Gemini thought signatures) and find it again on the next turn. The marker makes
such a signature recognizable: a real Anthropic signature is base64 and never contains ':'.

Format: ``switchboard:<kind>:<source>:<payload>`` where kind is the dialect that made it
(``openai-responses``, ``gemini``), source the provider name (names never contain ':'), and
payload the dialect's own string. A dialect only reads back state of its own kind from the same
source; every other dialect drops the block (the state means nothing elsewhere).
"""

from __future__ import annotations

from typing import NamedTuple

PREFIX = "switchboard:"


class Carried(NamedTuple):
    kind: str
    source: str
    payload: str


def carry(kind: str, source: str, payload: str) -> str:
    """The signature that carries `payload` made by provider `source` of dialect `kind`."""
    return f"{PREFIX}{kind}:{source}:{payload}"


def is_carried(signature: object) -> bool:
    """Was this signature made by Switchboard (not signed by Anthropic)?"""
    return isinstance(signature, str) and signature.startswith(PREFIX)


def read_carried(signature: object) -> Carried | None:
    """The parts of a carrier signature; None for anything else (a real or empty signature)."""
    if not is_carried(signature):
        return None
    assert isinstance(signature, str)
    parts = signature[len(PREFIX) :].split(":", 2)
    if len(parts) != 3:
        return None
    return Carried(*parts)


def carried_payload(signature: object, kind: str, source: str) -> str | None:
    """The payload when `signature` carries state of this dialect from this provider, else None."""
    found = read_carried(signature)
    if found is None or found.kind != kind or found.source != source:
        return None
    return found.payload
