"""Chat Completions stream chunks → Anthropic stream events: a sans-IO state machine.

`feed(chunk)` takes one parsed upstream chunk and returns the events it completes; `finish()`
closes the message; `error()` ends it on an upstream failure. Invariants, for any input:
one `message_start` first; one content block open at a time, each stopped before the next
starts, indices 0, 1, 2…; `message_delta` (stop_reason, usage) right before the one
`message_stop`; nothing after `message_stop` or an `error` event.

Tool calls are the hard part. Upstreams send several calls in one chunk, interleave calls by
`index`, repeat id/name on later chunks, send arguments before the name, or send cumulative
argument snapshots instead of deltas. Each upstream call is buffered in a ToolCallBuffer; calls get
their block in order of first appearance, and a later call waits (buffered) until the open one
is complete, so Claude Code always receives start → `input_json_delta`s → stop per call.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import orjson

from app.errors import UpstreamProtocolError
from app.translate import events as ev
from app.translate.quirks import ChatQuirks
from app.translate.stop_sequences import StopSequences
from app.translate.stream_writer import CHARS_PER_TOKEN, StreamWriter
from app.translate.think_tags import ThinkTagScanner
from app.translate.tool_call_buffer import ToolCallBuffer
from app.translate.upstream_errors import error_text, is_overloaded_body
from app.wire.chat import ChatChunk, ChatUsage


def parse_chunk(data: str) -> ChatChunk:
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
    return cast(ChatChunk, chunk)  # an object: its fields are checked as read


class ChatStreamTranslator(StreamWriter[ChatChunk]):
    def __init__(
        self,
        *,
        model: str,
        quirks: ChatQuirks,
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
        self._stops = StopSequences(stop_sequences)
        self._think = ThinkTagScanner() if quirks.think_tags else None
        self._current: ToolCallBuffer | None = None  # the call whose block is open
        self._waiting: deque[ToolCallBuffer] = deque()  # calls not started yet, in order of arrival
        self._by_index: dict[int, ToolCallBuffer] = {}
        self._by_id: dict[str, ToolCallBuffer] = {}
        self._last_call: ToolCallBuffer | None = None
        self._finish_reason: str | None = None
        self._matched_stop: str | None = None
        self._upstream_usage: ChatUsage | None = None

    @property
    def finished(self) -> bool:
        """True once the upstream said why it stopped (a finish_reason)."""
        return self._finish_reason is not None

    @property
    def lacks_input_count(self) -> bool:
        """Neither the upstream's usage nor a hint says how many input tokens there were: the
        caller may give an estimate (`set_input_estimate`) before `finish()`."""
        usage = self._upstream_usage
        has_prompt = usage is not None and isinstance(usage.get("prompt_tokens"), int)
        return not has_prompt and not self._input_tokens_hint

    def set_input_estimate(self, tokens: int) -> None:
        """The input count to report when the upstream reports none (also after message_start:
        message_delta then carries it)."""
        self._input_tokens_hint = tokens

    @property
    def usage(self) -> dict[str, int]:
        """Anthropic usage: input excludes cached prompt tokens, which are counted apart."""
        usage = self._upstream_usage
        if usage is None:
            output = -(-self._output_chars // CHARS_PER_TOKEN)
            return {"input_tokens": self._input_tokens_hint, "output_tokens": output}
        prompt = usage.get("prompt_tokens")
        prompt = prompt if isinstance(prompt, int) else self._input_tokens_hint
        details = usage.get("prompt_tokens_details")
        cached = _int(details.get("cached_tokens")) if isinstance(details, dict) else 0
        cached = cached or _int(usage.get("prompt_cache_hit_tokens"))  # DeepSeek
        return {
            "input_tokens": max(prompt - cached, 0),
            "cache_read_input_tokens": cached,
            "output_tokens": _int(usage.get("completion_tokens")),
        }

    def _final_usage(self) -> dict[str, int]:
        usage = self.usage
        if not usage["input_tokens"] and self._upstream_usage is None:
            del usage["input_tokens"]  # nothing known: not a claim of 0
        return usage

    # Chunk handling --------------------------------------------------------------------------

    def _feed(self, chunk: ChatChunk, events: list[ev.Event]) -> None:
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self._upstream_usage = usage
        choices = chunk.get("choices")
        if not choices:
            if chunk.get("error") is not None:
                raise _stream_error(chunk)
            return
        choice = choices[0] if isinstance(choices, list) else None
        delta = choice.get("delta") or {} if isinstance(choice, dict) else None
        if not isinstance(choice, dict) or not isinstance(delta, dict):
            raise UpstreamProtocolError(f"the upstream sent a malformed chunk: {chunk}"[:300])
        if not self._started:
            self._start(events)
        reasoning = delta.get("reasoning_content") or delta.get("reasoning")
        if isinstance(reasoning, str) and reasoning:
            self._add_text("thinking", reasoning, events)
        content = content_text(delta.get("content"))
        if content:
            if self._think is None:
                self._add_text("text", content, events)
            else:
                for is_thinking, piece in self._think.feed(content):
                    self._add_text("thinking" if is_thinking else "text", piece, events)
        tool_calls = delta.get("tool_calls")
        if tool_calls:
            if not isinstance(tool_calls, list):
                raise UpstreamProtocolError(f"the upstream sent malformed tool_calls: {tool_calls}")
            for tool_call in tool_calls:
                self._add_tool_delta(tool_call, events)
        elif delta.get("function_call"):  # the deprecated single-function form
            self._add_tool_delta({"index": 0, "function": delta["function_call"]}, events)
        finish_reason = choice.get("finish_reason")
        if finish_reason:
            self._finish_reason = finish_reason
            matched = choice.get("stop_reason") or choice.get("matched_stop")  # vLLM, SGLang
            if isinstance(matched, str):
                self._matched_stop = matched
            self._close_blocks(events)

    def _add_text(self, kind: str, text: str, events: list[ev.Event]) -> None:
        if self._open_kind != kind:
            self._close_open_block(events)
            index = self._open_block(kind)
            start = ev.text_block_start if kind == "text" else ev.thinking_block_start
            events.append(start(index))
        if kind == "text":
            events.append(ev.text_delta(self._open_index, text))
            self._stops.feed(text)
        else:
            events.append(ev.thinking_delta(self._open_index, text))
        self._output_chars += len(text)

    # Tool calls ------------------------------------------------------------------------------

    def _add_tool_delta(self, delta: Any, events: list[ev.Event]) -> None:
        function = delta.get("function") or {} if isinstance(delta, dict) else None
        if not isinstance(function, dict):
            raise UpstreamProtocolError(f"the upstream sent a malformed tool call: {delta}"[:300])
        call = self._call_for(delta)
        name = function.get("name")
        if isinstance(name, str) and name and call.name is None:
            call.name = name
        arguments = function.get("arguments")
        if isinstance(arguments, dict):  # a few upstreams send the object itself
            arguments = orjson.dumps(arguments).decode()
        added = call.add_arguments(arguments) if isinstance(arguments, str) and arguments else ""
        if call is self._current:
            if added:
                events.append(ev.input_json_delta(self._open_index, added))
                self._output_chars += len(added)
        elif call.closed and added.strip():
            raise UpstreamProtocolError(
                f"the upstream sent more arguments for tool call {call.name!r} after it ended"
            )
        if self._waiting:
            self._start_waiting_calls(events)

    def _call_for(self, delta: dict[str, Any]) -> ToolCallBuffer:
        """The call a delta continues, or a new one. `index` decides; an index reused with a
        different id is a new call (some upstreams number every call 0); without an index,
        the id decides, and a delta with neither continues the latest call."""
        index = delta.get("index")
        upstream_id = delta.get("id")
        if not isinstance(upstream_id, str) or not upstream_id:
            upstream_id = None
        call: ToolCallBuffer | None
        if isinstance(index, int):
            call = self._by_index.get(index)
            if call is not None and upstream_id and call.upstream_id not in (None, upstream_id):
                call = None
        elif upstream_id:
            call = self._by_id.get(upstream_id)
        else:
            call = self._last_call
        if call is None:
            call = ToolCallBuffer(upstream_id)
            self._waiting.append(call)
        elif call.upstream_id is None:
            call.upstream_id = upstream_id
        if isinstance(index, int):
            self._by_index[index] = call
        if upstream_id:
            self._by_id.setdefault(upstream_id, call)
        self._last_call = call
        return call

    def _start_waiting_calls(self, events: list[ev.Event]) -> None:
        """Open blocks for waiting calls whose turn has come: a call needs its name, and the
        call before it must be complete (valid JSON so far), else it stays buffered."""
        while self._waiting:
            call = self._waiting[0]
            if call.name is None:
                return
            current = self._current
            if current is not None and not current.is_complete():
                return
            self._waiting.popleft()
            self._start_tool_block(call, events)

    def _start_tool_block(self, call: ToolCallBuffer, events: list[ev.Event]) -> None:
        self._close_open_block(events)
        index = self._open_block("tool_use")
        self._current = call
        self._emitted_tool_use = True
        name = call.name or ""
        events.append(
            ev.tool_use_block_start(index, self._block_id(call.upstream_id), self._tool_name(name))
        )
        arguments = call.arguments()
        if arguments:
            events.append(ev.input_json_delta(index, arguments))
            self._output_chars += len(arguments)

    # Blocks ----------------------------------------------------------------------------------

    def _close_open_block(self, events: list[ev.Event]) -> None:
        if not self._open_kind:
            return
        call = self._current
        if call is not None:
            if call.parsed_arguments() is None:
                raise UpstreamProtocolError(
                    f"the upstream's arguments for tool call {call.name!r} are not a JSON object:"
                    f" {call.arguments()[:200]!r}"
                )
            if not call.length:
                # Claude Code builds the input from the deltas alone: say "{}" explicitly.
                events.append(ev.input_json_delta(self._open_index, "{}"))
            call.closed = True
            self._current = None
        events.append(ev.block_stop(self._open_index))
        self._open_kind = ""

    def _close_blocks(self, events: list[ev.Event]) -> None:
        """The answer is complete: flush held text, then every call still open or waiting."""
        if self._think is not None:
            for is_thinking, piece in self._think.flush():
                self._add_text("thinking" if is_thinking else "text", piece, events)
        self._close_open_block(events)
        while self._waiting:
            call = self._waiting.popleft()
            if call.name is None:
                raise UpstreamProtocolError("the upstream sent a tool call without a name")
            self._start_tool_block(call, events)
            self._close_open_block(events)

    def _stop_reason(self) -> tuple[str, str | None]:
        reason = self._finish_reason
        if reason == "length":
            return "max_tokens", None
        if reason == "content_filter":
            return "refusal", None
        # Any emitted call means tool_use, whatever the upstream said ("stop", or nothing):
        # a lost tool_use stop reason silently stops Claude Code's tool execution. A
        # "tool_calls" reason without any call is an ordinary end of turn.
        if self._emitted_tool_use:
            return "tool_use", None
        matched = self._stops.matched(stopped=reason == "stop", reported=self._matched_stop)
        if matched is not None:
            return "stop_sequence", matched
        return "end_turn", None


def content_text(content: Any) -> str:
    """Message content as text: a string, or the text parts of a list (Mistral sends parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part["text"]
            for part in content
            if isinstance(part, dict)
            and part.get("type") == "text"
            and isinstance(part.get("text"), str)
        )
    return ""


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _stream_error(chunk: ChatChunk) -> UpstreamProtocolError:
    """An error object sent inside the stream; overloaded ones map to a 529."""
    text = error_text(chunk) or "the upstream reported an error in its stream"
    overloaded = is_overloaded_body(orjson.dumps(chunk))
    return UpstreamProtocolError(text, status=529 if overloaded else None)
