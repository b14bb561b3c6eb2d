"""Gemini thought signatures, carried in thinking-block signatures (app/translate/carrier.py).

Gemini puts a `thoughtSignature` on the part it belongs to (a function call, or text) and wants
it back on that same part. The stream translator places a thinking block right before the block
of each signed part; its carrier payload maps anchors to signatures, as compact JSON: a tool id
for a function-call part, TEXT_ANCHOR for the answer text. The request translator reads them
back and puts each signature on the part its anchor names.
"""

from __future__ import annotations

import orjson

from app.translate.carrier import carried_payload, carry

KIND = "gemini"
TEXT_ANCHOR = ""  # the answer's text (Gemini signs the last text part); never a tool id


def carry_signatures(source: str, signatures: dict[str, str]) -> str:
    return carry(KIND, source, orjson.dumps(signatures).decode())


def read_signatures(signature: object, source: str) -> dict[str, str]:
    """Anchor → thought signature from a thinking block's signature, when `source` made it;
    empty for anything else (Anthropic's, another provider's or dialect's, none)."""
    payload = carried_payload(signature, KIND, source)
    if payload is None:
        return {}
    try:
        found = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str) and v}
