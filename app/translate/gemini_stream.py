"""Gemini `streamGenerateContent` chunks → Anthropic stream events: a sans-IO state machine.

`feed(chunk)` takes one parsed chunk (a GenerateContentResponse) and returns the events it
completes; `finish()` closes the message; `error()` ends it on an upstream failure. The event
order invariants are those of ChatStreamTranslator (app/translate/chat_stream.py).

Parts map to blocks: thought parts (`thought: true`) to thinking, text to text, each
`functionCall` (always whole, never split) to a tool_use block with an id of ours (Gemini has
none). A part's `thoughtSignature` rides in the signature of a thinking block placed before the
signed part's block (the open thinking block when there is one), anchored to the tool id or to
the text (app/translate/gemini_signatures.py), so the next request can put it back in place.
Never after the answer's text: Claude Code takes the last block as the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import orjson

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.gemini_signatures import TEXT_ANCHOR, carry_signatures
from app.translate.stop_sequences import StopSequences
from app.translate.stream_writer import CHARS_PER_TOKEN, StreamWriter
from app.translate.upstream_errors import error_text, is_overloaded_body
from app.wire.gemini import Candidate, GenerateContentResponse, Part, UsageMetadata

_REFUSALS = frozenset(
    {
        "SAFETY",
        "RECITATION",
        "PROHIBITED_CONTENT",
        "BLOCKLIST",
        "SPII",
        "LANGUAGE",
        "IMAGE_SAFETY",
        "IMAGE_PROHIBITED_CONTENT",
        "IMAGE_RECITATION",
        "MODEL_ARMOR",
    }
)
# Finish reasons that mean the answer is broken: an error, never a normal end of turn.
_FAILURES = {
    "MALFORMED_FUNCTION_CALL": "the model produced a malformed function call",
    "UNEXPECTED_TOOL_CALL": "the model called a tool that was not offered",
    "TOO_MANY_TOOL_CALLS": "the model made too many tool calls in a row",
    "MISSING_THOUGHT_SIGNATURE": "a thought signature was missing from the history",
    "MALFORMED_RESPONSE": "the model produced a malformed answer",
}
_PROMPT_BLOCKED = "PROMPT_BLOCKED"  # our finish reason for a prompt Gemini refused to answer


def parse_chunk(data: str) -> GenerateContentResponse:
    """One SSE `data` payload as a chunk; anything but a JSON object is a protocol error."""
    try:
        chunk = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise UpstreamProtocolError(
            f"the upstream sent invalid JSON in its stream: {exc}"
        ) from None
    if not isinstance(chunk, dict):
        raise UpstreamProtocolError(
            f"the upstream sent a stream chunk that is not an object: {data[:80]!r}"
        )
    return chunk  # type: ignore[return-value]


class GeminiStreamTranslator(StreamWriter[GenerateContentResponse]):
    def __init__(
        self,
        *,
        model: str,
        source: str,
        input_tokens_hint: int = 0,
        message_id: Callable[[], str] = ev.new_message_id,
        tool_id: Callable[[], str] = ev.new_tool_id,
        stop_sequences: Sequence[str] = (),
        tool_names: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            model=model,
            input_tokens_hint=input_tokens_hint,
            message_id=message_id,
            tool_id=tool_id,
            tool_names=tool_names,
        )
        self._source = source  # the provider's name, stamped into carried signatures
        self._stops = StopSequences(stop_sequences)
        # tool_use blocks open and close at once: only text and thinking stay open
        self._signatures: dict[str, str] = {}  # for the open thinking block: anchor → signature
        self._finish_reason: str | None = None
        self._usage: UsageMetadata | None = None

    @property
    def finished(self) -> bool:
        """True once the upstream said why it stopped (a finishReason, or a blocked prompt)."""
        return self._finish_reason is not None

    @property
    def usage(self) -> dict[str, int]:
        """Anthropic usage: input excludes cached prompt tokens; output includes thoughts."""
        usage = self._usage
        if usage is None:
            output = -(-self._output_chars // CHARS_PER_TOKEN)
            return {"input_tokens": self._input_tokens_hint, "output_tokens": output}
        prompt = usage.get("promptTokenCount")
        prompt = prompt if isinstance(prompt, int) else self._input_tokens_hint
        cached = _int(usage.get("cachedContentTokenCount"))
        return {
            "input_tokens": max(prompt - cached, 0),
            "cache_read_input_tokens": cached,
            "output_tokens": _int(usage.get("candidatesTokenCount"))
            + _int(usage.get("thoughtsTokenCount")),
        }

    def _final_usage(self) -> dict[str, int]:
        usage = self.usage
        if self._usage is None:
            usage = {"output_tokens": usage["output_tokens"]}  # the input went in message_start
        return usage

    # Chunk handling --------------------------------------------------------------------------

    def _feed(self, chunk: GenerateContentResponse, events: list[ev.Event]) -> None:
        if "error" in chunk:
            raise _stream_error(chunk)
        usage = chunk.get("usageMetadata")
        if isinstance(usage, dict):
            self._usage = usage
        candidates = chunk.get("candidates")
        if not candidates:
            feedback = chunk.get("promptFeedback")
            if isinstance(feedback, dict) and feedback.get("blockReason"):
                if not self._started:
                    self._start(events)
                self._finish_reason = _PROMPT_BLOCKED
                self._close_blocks(events)
            return
        candidate = candidates[0] if isinstance(candidates, list) else None
        if not isinstance(candidate, dict):
            raise UpstreamProtocolError(f"the upstream sent a malformed chunk: {chunk}"[:300])
        if not self._started:
            self._start(events)
        content = candidate.get("content")
        parts = content.get("parts") if isinstance(content, dict) else None
        if parts:
            if not isinstance(parts, list):
                raise UpstreamProtocolError(f"the upstream sent malformed parts: {parts}"[:300])
            for part in parts:
                if not isinstance(part, dict):
                    raise UpstreamProtocolError(f"the upstream sent a malformed part: {part}")
                self._add_part(part, events)
        reason = candidate.get("finishReason")
        if reason:
            self._end_of_answer(candidate, str(reason), events)

    def _end_of_answer(self, candidate: Candidate, reason: str, events: list[ev.Event]) -> None:
        failure = _FAILURES.get(reason)
        if failure is not None:
            detail = candidate.get("finishMessage")
            text = f"Gemini stopped with {reason}: {failure}"
            raise UpstreamProtocolError(f"{text} ({detail})" if detail else text)
        self._finish_reason = reason
        self._close_blocks(events)

    def _add_part(self, part: Part, events: list[ev.Event]) -> None:
        signature = part.get("thoughtSignature")
        if not isinstance(signature, str):
            signature = None
        call = part.get("functionCall")
        if call is not None:
            self._add_call(call, signature, events)
            return
        text = part.get("text")
        if not isinstance(text, str):
            text = ""
        thought = bool(part.get("thought"))
        if text and thought:
            self._add_text("thinking", text, events)
        if signature and (
            self._open_kind == "thinking" or (text and not thought and not self._open_kind)
        ):
            # In the open thinking block, or in one of its own right before the text.
            self._sign(TEXT_ANCHOR, signature, events)
        # Any other text signature (Gemini signs the closing, often empty, part) is left out:
        # a thinking block after the answer would hide it from Claude Code, which reads the
        # last block, and Gemini does not require text signatures back.
        if text and not thought:
            self._add_text("text", text, events)
        # Other parts (inline images, executable code…) have no Anthropic block: left out.

    def _add_call(self, call: Any, signature: str | None, events: list[ev.Event]) -> None:
        if not isinstance(call, dict) or not isinstance(call.get("name"), str):
            raise UpstreamProtocolError(f"the upstream sent a malformed function call: {call}")
        arguments = call.get("args")
        if arguments is None:
            arguments = {}
        if not isinstance(arguments, dict):
            raise UpstreamProtocolError(
                f"the upstream's arguments for {call['name']!r} are not an object: {arguments!r}"
            )
        tool_id = self._block_id(call.get("id"))
        if signature:
            self._sign(tool_id, signature, events)
        self._close_blocks(events)
        index = self._open_block("")
        name = call["name"]
        events.append(ev.tool_use_block_start(index, tool_id, self._tool_name(name)))
        arguments_json = orjson.dumps(arguments).decode()
        events.append(ev.input_json_delta(index, arguments_json))
        events.append(ev.block_stop(index))
        self._output_chars += len(arguments_json)
        self._emitted_tool_use = True

    def _sign(self, anchor: str, signature: str, events: list[ev.Event]) -> None:
        """Carry a signature: in the open thinking block, else in a thinking block of its own."""
        if self._open_kind != "thinking":
            self._close_blocks(events)
            events.append(ev.thinking_block_start(self._open_block("thinking")))
        self._signatures[anchor] = signature

    def _add_text(self, kind: str, text: str, events: list[ev.Event]) -> None:
        if self._open_kind != kind:
            self._close_blocks(events)
            index = self._open_block(kind)
            start = ev.text_block_start if kind == "text" else ev.thinking_block_start
            events.append(start(index))
        if kind == "text":
            events.append(ev.text_delta(self._open_index, text))
            self._stops.feed(text)
        else:
            events.append(ev.thinking_delta(self._open_index, text))
        self._output_chars += len(text)

    # Blocks ----------------------------------------------------------------------------------

    def _close_blocks(self, events: list[ev.Event]) -> None:
        if not self._open_kind:
            return
        if self._signatures:
            signature = carry_signatures(self._source, self._signatures)
            events.append(ev.signature_delta(self._open_index, signature))
            self._signatures = {}
        events.append(ev.block_stop(self._open_index))
        self._open_kind = ""

    def _stop_reason(self) -> tuple[str, str | None]:
        reason = self._finish_reason
        if reason == "MAX_TOKENS":
            return "max_tokens", None
        if reason in _REFUSALS or reason == _PROMPT_BLOCKED:
            return "refusal", None
        if self._emitted_tool_use:
            return "tool_use", None
        matched = self._stops.matched(stopped=reason == "STOP")
        if matched is not None:
            return "stop_sequence", matched
        return "end_turn", None


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _stream_error(chunk: Any) -> UpstreamProtocolError:
    """An error object sent inside the stream; overloaded ones (503 UNAVAILABLE) map to 529."""
    text = error_text(chunk) or "the upstream reported an error in its stream"
    error = chunk.get("error") if isinstance(chunk, dict) else None
    status = error.get("code") if isinstance(error, dict) else None
    overloaded = status in (429, 503) or is_overloaded_body(orjson.dumps(chunk))
    return UpstreamProtocolError(text, status=529 if overloaded else None)
