"""Every provider's "your prompt does not fit the context window" error, in Anthropic's words.

Claude Code compacts the conversation by itself when it sees Anthropic's exact
`invalid_request_error` "prompt is too long: N tokens > M maximum" (PROTOCOL.md, Context windows
and compaction). Providers say the same thing in many ways; this module recognizes them and
rewrites them to that sentence, keeping the numbers when the provider gave them.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

import orjson

from app.translate.upstream_errors import error_text

# Statuses a provider uses for an oversized prompt (a few local servers answer 500).
_STATUSES = frozenset({400, 413, 422, 500})

# (pattern, group of the prompt's token count, group of the maximum); 0 = not given.
_WITH_NUMBERS: tuple[tuple[re.Pattern[str], int, int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.DOTALL), tokens, maximum)
    for pattern, tokens, maximum in (
        # Anthropic itself (also after our own rewriting)
        (r"prompt is too long: (\d+) tokens > (\d+) maximum", 1, 2),
        # OpenAI, Azure OpenAI, DeepSeek, vLLM, OpenRouter ("This endpoint's …"), Together
        (
            r"maximum context length is (\d+) tokens.*?"
            r"(?:resulted in|requested(?: about)?|request has|your request has) (\d+)",
            2,
            1,
        ),
        # Gemini: "The input token count (1200000) exceeds the maximum number of tokens
        # allowed (1048576)."
        (
            r"input token count \(?(\d+)\)? exceeds the maximum number of tokens allowed"
            r" \(?(\d+)\)?",
            1,
            2,
        ),
        # Mistral: "Prompt contains 40000 tokens and 0 draft tokens, too large for model with
        # 32768 maximum context length"
        (r"prompt contains (\d+) tokens.*?too large for model with (\d+) maximum", 1, 2),
        # xAI: "This model's maximum prompt length is 131072 but the request contains 140000 tokens"
        (r"maximum prompt length is (\d+) but the request contains (\d+) tokens", 2, 1),
        # vLLM: "The decoder prompt (length 5000) is longer than the maximum model length of 4096"
        (r"prompt \(length (\d+)\) is longer than the maximum model length of (\d+)", 1, 2),
        # Cerebras: "… Current length is 9000 while limit is 8192"
        (r"current length is (\d+) while limit is (\d+)", 1, 2),
        # Moonshot/Kimi: "Your request exceeded model token limit: 131072"
        (r"exceeded model token limit: (\d+)", 0, 1),
        # Qwen (DashScope): "Range of input length should be [1, 30720]"
        (r"range of input length should be \[1, (\d+)\]", 0, 1),
        # OpenAI without numbers, e.g. the Responses API
        (r"maximum context length is (\d+) tokens", 0, 1),
    )
)

# Wordings without numbers (lower case). Rate limits ("tokens per minute") never match these.
_PHRASES = (
    "context_length_exceeded",
    "context length exceeded",
    "exceeds the context window",
    "exceeds the available context size",  # llama.cpp server
    "exceed_context_size_error",
    "input is too long",  # Bedrock: "Input is too long for requested model."
    "prompt is too long",
    "prompt exceeds max length",  # Zhipu GLM (code 1261)
    "reduce the length of the messages",  # Groq, Cerebras
)


@dataclass(frozen=True, slots=True)
class ContextOverflow:
    """A provider refused the prompt as too long; numbers when it said them."""

    tokens: int | None
    maximum: int | None
    said: str  # the provider's own words, for the log

    def with_defaults(self, *, tokens: int | None, maximum: int | None) -> ContextOverflow:
        """Fill what the provider left out (an estimate, the catalogue's window)."""
        return ContextOverflow(
            self.tokens if self.tokens is not None else tokens,
            self.maximum if self.maximum is not None else maximum,
            self.said,
        )

    @property
    def message(self) -> str:
        """Anthropic's wording. With both numbers (and the prompt really over the maximum) it
        is the exact sentence Claude Code parses; otherwise it still starts with the phrase
        Claude Code looks for, and keeps what is known."""
        tokens, maximum = self.tokens, self.maximum
        if tokens is not None and maximum is not None and tokens > maximum:
            return f"prompt is too long: {tokens} tokens > {maximum} maximum"
        if maximum is not None:
            return f"prompt is too long: it does not fit the {maximum}-token context window"
        return "prompt is too long for this model's context window"


def context_overflow(status: int, body: bytes) -> ContextOverflow | None:
    """The overflow an error answer reports, or None when it is about something else."""
    if status not in _STATUSES or not body:
        return None
    payload: Any = None
    with contextlib.suppress(orjson.JSONDecodeError):
        payload = orjson.loads(body)
    said = error_text(payload) if payload is not None else None
    text = said or body[:4096].decode("utf-8", "replace")
    found = _llama_cpp(payload) or _from_text(text)
    if found is None:
        lowered = (text + " " + _error_code(payload)).lower()
        if not any(phrase in lowered for phrase in _PHRASES):
            return None
        found = (None, None)
    return ContextOverflow(found[0], found[1], text.strip()[:500])


def _from_text(text: str) -> tuple[int | None, int | None] | None:
    for pattern, tokens_group, maximum_group in _WITH_NUMBERS:
        match = pattern.search(text)
        if match:
            tokens = int(match.group(tokens_group)) if tokens_group else None
            maximum = int(match.group(maximum_group)) if maximum_group else None
            return tokens, maximum
    return None


def _llama_cpp(payload: Any) -> tuple[int | None, int | None] | None:
    """llama.cpp's server puts the numbers in fields: n_prompt_tokens, n_ctx."""
    inner = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(inner, dict) or inner.get("type") != "exceed_context_size_error":
        return None
    tokens, maximum = inner.get("n_prompt_tokens"), inner.get("n_ctx")
    return (
        tokens if isinstance(tokens, int) else None,
        maximum if isinstance(maximum, int) else None,
    )


def _error_code(payload: Any) -> str:
    inner = payload.get("error") if isinstance(payload, dict) else None
    code = inner.get("code") if isinstance(inner, dict) else None
    return code if isinstance(code, str) else ""
