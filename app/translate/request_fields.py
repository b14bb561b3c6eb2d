"""Reading an Anthropic request's fields where a translator needs one type: a wrong type is the
request's fault, refused on purpose (InvalidRequest, a 400), never an exception of ours."""

from __future__ import annotations

from typing import Any

from app.errors import InvalidRequest


def block_text(block: dict[str, Any], key: str = "text") -> str:
    """A block's string field ("" when absent)."""
    value = block.get(key)
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    raise InvalidRequest(f"the {block.get('type')} block's `{key}` must be a string")


def body_object(body: dict[str, Any], key: str) -> dict[str, Any]:
    """A top-level object field ({} when absent)."""
    value = body.get(key)
    if isinstance(value, dict):
        return value
    if value is None:
        return {}
    raise InvalidRequest(f"`{key}` must be an object")


def source_object(block: dict[str, Any]) -> dict[str, Any]:
    """An image or document block's `source`."""
    source = block.get("source")
    if not isinstance(source, dict):
        raise InvalidRequest(f"the {block.get('type')} block needs a `source` object")
    return source
