"""Compaction of a conversation for a model with a smaller window: the pure parts.

The oldest turns are replaced by a summary; the system prompt, the tools and the most recent
turns stay verbatim. The cut is made only before a real user turn (one that is not a tool
result), so a `tool_use` is never separated from its `tool_result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

SUMMARY_TAG = "earlier-conversation-summary"
SUMMARY_INSTRUCTIONS = (
    "Below is the earlier part of a conversation between a user and a coding assistant. Write "
    "a summary the assistant can continue from: the user's goals and instructions, decisions "
    "made, files and code touched (exact paths and names), commands run and their outcomes, "
    "errors met, and what remains to do. Be concise; keep exact names, paths and values. "
    "Answer with the summary only."
)
_TOOL_TEXT_CHARS = 1500  # of each tool input or result in the transcript


def split_points(messages: Sequence[Any]) -> list[int]:
    """Indices where the recent part may start: real user turns after the first message."""
    return [
        k
        for k in range(1, len(messages))
        if isinstance(messages[k], dict)
        and messages[k].get("role") == "user"
        and not _has_tool_result(messages[k])
    ]


def choose_split(messages: Sequence[Any], fixed_bytes: int, budget_bytes: int) -> int | None:
    """The earliest cut after which the recent turns plus `fixed_bytes` (system, tools, the
    summary's room) fit `budget_bytes`; None when even the last turn alone does not."""
    sizes = [len(orjson.dumps(m)) for m in messages]
    suffix = [0] * (len(sizes) + 1)
    for i in range(len(sizes) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + sizes[i]
    for k in split_points(messages):
        if fixed_bytes + suffix[k] <= budget_bytes:
            return k
    return None


def transcript(messages: Sequence[Any], max_chars: int) -> str:
    """The turns as plain text for the summarizer (tool calls and results shortened); when
    too long, the oldest text goes first."""
    parts = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        role = str(message.get("role", "user"))
        for text in _texts(message.get("content")):
            parts.append(f"[{role}] {text}")
    text = "\n\n".join(parts)
    return text if len(text) <= max_chars else "…" + text[-max_chars:]


def with_summary(body: dict[str, Any], cut: int, summary: str) -> dict[str, Any]:
    """The body with messages before `cut` replaced by `summary`, set at the head of the
    first kept user turn."""
    messages = body["messages"]
    first = messages[cut]
    content = first.get("content")
    blocks = [{"type": "text", "text": content}] if isinstance(content, str) else list(content)
    note = {"type": "text", "text": f"<{SUMMARY_TAG}>\n{summary.strip()}\n</{SUMMARY_TAG}>"}
    return {**body, "messages": [{**first, "content": [note, *blocks]}, *messages[cut + 1 :]]}


def _has_tool_result(message: dict[str, Any]) -> bool:
    content = message.get("content")
    return isinstance(content, list) and any(
        isinstance(b, dict) and b.get("type") == "tool_result" for b in content
    )


def _texts(content: Any) -> list[str]:
    if isinstance(content, str):
        return [content]
    out = []
    for block in content if isinstance(content, list) else ():
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "text" and isinstance(block.get("text"), str):
            out.append(block["text"])
        elif kind == "tool_use":
            arguments = orjson.dumps(block.get("input")).decode()[:_TOOL_TEXT_CHARS]
            out.append(f"(called tool {block.get('name')} with {arguments})")
        elif kind == "tool_result":
            inner = block.get("content")
            shown = " ".join(_texts(inner)) if isinstance(inner, list) else str(inner or "")
            error = " (an error)" if block.get("is_error") else ""
            out.append(f"(tool result{error}: {shown[:_TOOL_TEXT_CHARS]})")
        elif kind in ("image", "document"):
            out.append(f"({kind} attached)")
    return out
