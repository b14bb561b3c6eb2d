"""Secrets out of every text that leaves the process.

Two layers. By value: the proxy remembers each secret it actually holds (resolved provider keys,
the local token) and `scrub()` replaces them wherever a message leaves: error answers, the
requests ring buffer, breaker health, the settings window. By shape: `redact_log()` adds the
patterns a log line may carry from elsewhere (header dumps, `?key=` in a URL, `"api_key": …`,
the common key prefixes). Only error and log texts are scrubbed, never a successful answer, so
the hot path pays nothing.
"""

from __future__ import annotations

import re
import threading

REDACTED = "[redacted]"
_MIN_LENGTH = 8  # shorter values would blank out ordinary words

# Header-style and field-style secrets: the name stays, the value goes.
_NAMED = (
    r"(?i)((?:authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key)"
    r"['\"]?\s*[:=]\s*['\"]?(?:(?:bearer|token|basic)\s+)?"
    r"|\b(?:api_?key|access_token|refresh_token|client_secret|password|secret)"
    r"['\"]?\s*[:=]\s*['\"]?"
    r"|[?&](?:key|api_?key|token|access_token)=)"
    r"[^\s'\",}&]+"
)
# The common key formats: OpenAI/DeepSeek/Anthropic, Groq, Google, xAI, Hugging Face,
# Perplexity, GitHub, and our own local token.
_PREFIXED = r"\b(?:sk-|gsk_|AIza|xai-|hf_|pplx-|ghp_|github_pat_|sb-)[A-Za-z0-9_\-]{8,}"
_SHAPES = re.compile(f"{_NAMED}|({_PREFIXED})")


class KnownSecrets:
    """The secret values this process holds. Values are only added: forgetting an old key
    would let it through, and the set stays small (a few keys per config)."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()  # keys resolve in worker threads

    def remember(self, value: str | None) -> None:
        if not value or len(value) < _MIN_LENGTH or value in self._values:
            return
        with self._lock:
            self._values.add(value)
            ordered = sorted(self._values, key=len, reverse=True)  # the longest match wins
            self._pattern = re.compile("|".join(re.escape(v) for v in ordered))

    def scrub(self, text: str) -> str:
        pattern = self._pattern
        if pattern is None or not text:
            return text
        return pattern.sub(REDACTED, text)


KNOWN = KnownSecrets()


def remember(value: str | None) -> None:
    """Register a secret the process now holds, so no message carries it out."""
    KNOWN.remember(value)


def scrub(text: str) -> str:
    """`text` with every known secret value replaced."""
    return KNOWN.scrub(text)


def redact_log(text: str) -> str:
    """`text` with known secrets and anything shaped like a secret replaced."""
    return _SHAPES.sub(_mask, KNOWN.scrub(text))


def _mask(match: re.Match[str]) -> str:
    return (match.group(1) or "") + REDACTED
