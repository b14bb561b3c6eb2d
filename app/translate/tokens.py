"""Local token estimate for count_tokens (never 0).

A character-based bound: about four characters per token for English text and code, and a
flat cost per image. Cheap enough for every request.
"""

from __future__ import annotations

from typing import Any

import orjson

_CHARS_PER_TOKEN = 4
_IMAGE_TOKENS = 1600  # Anthropic's figure for a ~1.15 megapixel image


def estimate_tokens(body: dict[str, Any]) -> int:
    chars = 0
    images = 0
    system = body.get("system")
    if isinstance(system, str):
        chars += len(system)
    elif isinstance(system, list):
        chars += sum(len(b.get("text", "")) for b in system if isinstance(b, dict))
    tools = body.get("tools")
    if tools:
        chars += len(orjson.dumps(tools))
    for message in body.get("messages") or ():
        if not isinstance(message, dict):
            continue
        content = message.get("content")
        if isinstance(content, str):
            chars += len(content)
            continue
        for block in content or ():
            c, i = _block_size(block)
            chars += c
            images += i
    return max(1, chars // _CHARS_PER_TOKEN + images * _IMAGE_TOKENS)


def _block_size(block: Any) -> tuple[int, int]:
    if not isinstance(block, dict):
        return 0, 0
    kind = block.get("type")
    if kind == "image":
        return 0, 1
    if kind == "text":
        return len(block.get("text", "")), 0
    if kind == "tool_use":
        return len(orjson.dumps(block.get("input", {}))) + len(block.get("name", "")), 0
    if kind == "tool_result":
        content = block.get("content")
        if isinstance(content, str):
            return len(content), 0
        chars = images = 0
        for inner in content or ():
            c, i = _block_size(inner)
            chars += c
            images += i
        return chars, images
    if kind == "thinking":
        return len(block.get("thinking", "")), 0
    return len(orjson.dumps(block)), 0
