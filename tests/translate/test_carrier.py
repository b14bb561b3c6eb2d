"""The carrier signature: opaque upstream state parked in a thinking block's signature."""

from __future__ import annotations

import pytest

from app.translate.carrier import carried_payload, carry, is_carried, read_carried


def test_round_trip_keeps_the_payload_byte_for_byte() -> None:
    payload = "gAAAAAB:with:colons/and+base64=="
    signature = carry("openai-responses", "openai", payload)
    assert is_carried(signature)
    assert carried_payload(signature, "openai-responses", "openai") == payload


@pytest.mark.parametrize(
    ("kind", "source"), [("gemini", "openai"), ("openai-responses", "other-account")]
)
def test_state_from_another_dialect_or_provider_is_not_read_back(kind: str, source: str) -> None:
    signature = carry("openai-responses", "openai", "state")
    assert carried_payload(signature, kind, source) is None


@pytest.mark.parametrize("signature", ["", None, "EqQBCkgIARABGAIiQ2xhdWRl", 42, "switchboard:bad"])
def test_real_empty_or_broken_signatures_are_not_carried_state(signature: object) -> None:
    assert read_carried(signature) is None
    assert carried_payload(signature, "gemini", "g") is None
