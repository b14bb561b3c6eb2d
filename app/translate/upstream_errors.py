"""The provider's own words from an error answer, short enough to show in Claude Code.

Claude Code prints the message verbatim (`API Error: 400 <message>`), so the user should read
what the provider said, not a JSON dump or a whole HTML page.
"""

from __future__ import annotations

import contextlib
import html
import re
from http import HTTPStatus
from typing import Any

import orjson

_MAX_CHARS = 500
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"<[^>]+>")
_SPACE = re.compile(r"\s+")

# Lower-case markers of "the provider is out of capacity, try elsewhere or later" bodies:
# Anthropic `overloaded_error`, OpenAI "engine is currently overloaded", Gemini "The model is
# overloaded", Moonshot `engine_overloaded_error`, Mistral "capacity exceeded", DeepSeek
# "Server is busy", Zhipu "访问量过大" (traffic too high).
_OVERLOADED_MARKERS = (
    "overloaded",
    "capacity",
    "server is busy",
    "访问量过大",
)


def error_text(payload: Any) -> str | None:
    """The message inside a parsed error payload, in the shapes providers use:
    OpenAI/Anthropic `{"error": {"message"}}`, `{"error": "text"}`, `{"message"}`, FastAPI
    `{"detail"}`, and Gemini's list of one such object."""
    if isinstance(payload, list) and payload:
        payload = payload[0]
    if not isinstance(payload, dict):
        return None
    inner = payload.get("error")
    if isinstance(inner, str) and inner:
        return inner
    if isinstance(inner, dict):
        message = inner.get("message")
        if isinstance(message, str) and message:
            return message
        payload = inner
    for key in ("message", "detail", "msg"):
        value = payload.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _readable_text(body: bytes) -> str:
    """Plain text or an HTML page reduced to its title, or its visible text."""
    head = body[:1024].lower()
    if b"<html" in head or b"<!doctype html" in head:
        title = _TITLE.search(body)
        raw = title.group(1) if title else _TAG.sub(b" ", _SCRIPT_OR_STYLE.sub(b" ", body))
        text = html.unescape(raw.decode("utf-8", "replace"))
    else:
        text = body.decode("utf-8", "replace")
    return _SPACE.sub(" ", text).strip()


def _status_phrase(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def upstream_error_message(status: int, body: bytes) -> str:
    """A short, readable message for an upstream error answer."""
    text: str | None = None
    with contextlib.suppress(orjson.JSONDecodeError):
        text = error_text(orjson.loads(body))
    if text is None:
        text = _readable_text(body)
    text = text.strip()
    if not text:
        return _status_phrase(status)
    if len(text) > _MAX_CHARS:
        text = text[: _MAX_CHARS - 1] + "…"
    return text


def is_overloaded_body(body: bytes) -> bool:
    """Whether an error body says the provider is out of capacity (worth failing over)."""
    lowered = body[:4096].decode("utf-8", "replace").lower()
    return any(marker in lowered for marker in _OVERLOADED_MARKERS)
