"""Reading Claude Code's Anthropic Messages request the same way in every translating dialect:
its system text, content blocks, images, server tools and reasoning effort.

Where a translator needs one type, a wrong one is the request's fault and is refused on purpose
(InvalidRequest, a 400): never an exception of ours, which the proxy answers as a 500."""

from __future__ import annotations

from typing import Any, Literal

from app.errors import InvalidRequest

Effort = Literal["low", "medium", "high"]

# Claude Code's first system block, e.g. "x-anthropic-billing-header: cc_version=2.1.330.be0;".
BILLING_HEADER = "x-anthropic-billing-header:"
NO_VISION = "[image omitted: the model behind this proxy does not accept images]"
_EFFORTS: dict[str, Effort] = {"low": "low", "medium": "medium", "high": "high", "max": "high"}


def system_text(system: Any) -> str:
    if isinstance(system, str):
        return system
    if not isinstance(system, list):
        return ""
    # The billing header changes with every conversation. Upstream prefix caches (OpenAI,
    # DeepSeek, Kimi…) only hit when the start of the prompt is stable, and the line means
    # nothing to other models: drop it.
    return "\n\n".join(
        text
        for block in system
        if isinstance(block, dict)
        and (text := block_text(block))
        and not text.startswith(BILLING_HEADER)
    )


def plain_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n\n".join(text for block in content_blocks(content) if (text := block_text(block)))


def content_blocks(content: Any) -> list[dict[str, Any]]:
    """Content as a list of blocks (a plain string is one text block)."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if content is None:
        return []
    if not isinstance(content, list) or not all(isinstance(block, dict) for block in content):
        raise InvalidRequest("message content must be a string or a list of content blocks")
    return content


def image_url(block: dict[str, Any]) -> str:
    """An image block's picture as a URL: a data URI for base64 data."""
    source = source_object(block)
    if source.get("type") == "base64":
        return f"data:{source.get('media_type')};base64,{source.get('data')}"
    if source.get("type") == "url" and isinstance(source.get("url"), str):
        return str(source["url"])
    raise InvalidRequest(f"image source type {source.get('type')!r} is not supported")


def is_server_tool(tool: dict[str, Any]) -> bool:
    """An Anthropic server tool (`web_search_*`…), which only Anthropic can run."""
    return tool.get("type") not in (None, "custom")


def reasoning_effort(output_config: dict[str, Any], thinking: dict[str, Any]) -> Effort | None:
    """Claude Code's per-turn `output_config.effort`, else one from a client's thinking budget."""
    effort = output_config.get("effort")
    if isinstance(effort, str) and effort in _EFFORTS:
        return _EFFORTS[effort]
    budget = thinking.get("budget_tokens")
    if thinking.get("type") == "enabled" and isinstance(budget, int):
        return "low" if budget < 4096 else "medium" if budget < 16384 else "high"
    return None


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
