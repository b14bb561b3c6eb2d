"""The one answer every bench upstream gives, in each wire format, and what a client must see.

Both upstreams answer with the same content (a short text, then one tool call), so the
Chat Completions and Anthropic paths carry comparable bytes. The load generator checks every
response against TEXT / TOOL_NAME / TOOL_INPUT: a proxy that drops or garbles a delta fails.
"""

from __future__ import annotations

from typing import Any

import orjson

_ANSWER = (
    "The parser now keeps quoted separators inside one field, and all fourteen tests pass. "
    "I changed parse_line to walk the line once, toggling a quoted flag on each quote and "
    "splitting only on separators outside quotes; an unterminated quote raises ValueError, "
    "which parse_lines already reports with its line number. Next I will run the full suite."
)
_WORDS = _ANSWER.split(" ")
# One text delta per word: about one token each, as real streams send them.
TEXT_DELTAS = [word + " " for word in _WORDS[:-1]] + [_WORDS[-1]]
TEXT = "".join(TEXT_DELTAS)
TOOL_NAME = "Bash"
TOOL_INPUT = {"command": "python -m pytest -q", "description": "Run the whole test suite"}
_ARGUMENTS = orjson.dumps(TOOL_INPUT).decode()
TOOL_ARGUMENT_DELTAS = [_ARGUMENTS[i : i + 6] for i in range(0, len(_ARGUMENTS), 6)]
USAGE = {"prompt_tokens": 14210, "completion_tokens": 96, "total_tokens": 14306}


# Chat Completions ------------------------------------------------------------------------------


def chat_completion() -> dict[str, Any]:
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "bench-model",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": TEXT,
                    "tool_calls": [
                        {
                            "id": "call_bench_1",
                            "type": "function",
                            "function": {"name": TOOL_NAME, "arguments": _ARGUMENTS},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": USAGE,
    }


def chat_stream_chunks(*, tool: bool = True) -> list[dict[str, Any]]:
    """The chunks of a streamed answer, in order (without the final `[DONE]`)."""
    chunks = [_chat_chunk({"role": "assistant", "content": ""})]
    chunks += [_chat_chunk({"content": piece}) for piece in TEXT_DELTAS]
    if tool:
        first = {"index": 0, "id": "call_bench_1", "type": "function"}
        first["function"] = {"name": TOOL_NAME, "arguments": ""}
        chunks.append(_chat_chunk({"tool_calls": [first]}))
        for piece in TOOL_ARGUMENT_DELTAS:
            chunks.append(
                _chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
            )
    chunks.append(_chat_chunk({}, finish="tool_calls" if tool else "stop"))
    usage_chunk = _chat_chunk({})
    usage_chunk["choices"] = []
    usage_chunk["usage"] = USAGE
    chunks.append(usage_chunk)
    return chunks


def chat_stream_frames(*, tool: bool = True) -> list[bytes]:
    """The SSE frames of a streamed answer, `data: [DONE]` last."""
    frames = [b"data: " + orjson.dumps(chunk) + b"\n\n" for chunk in chat_stream_chunks(tool=tool)]
    return [*frames, b"data: [DONE]\n\n"]


def _chat_chunk(delta: dict[str, Any], *, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "bench-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


# Gemini (native) -------------------------------------------------------------------------------

_GEMINI_USAGE = {"promptTokenCount": 14210, "candidatesTokenCount": 96, "totalTokenCount": 14306}


def gemini_stream_chunks(*, tool: bool = True) -> list[dict[str, Any]]:
    """The same answer as Gemini streams it: one chunk per text delta, usage on every chunk
    (as Gemini sends it), the function call whole and signed, finishReason on the last."""
    chunks = [_gemini_chunk([{"text": piece}]) for piece in TEXT_DELTAS]
    if tool:
        call = {"functionCall": {"name": TOOL_NAME, "args": TOOL_INPUT}}
        chunks.append(_gemini_chunk([{**call, "thoughtSignature": "Q2lRQmNzamFmRTEvdVhRdw=="}]))
    chunks.append(_gemini_chunk([{"text": ""}], finish="STOP"))
    return chunks


def gemini_stream_frames(*, tool: bool = True) -> list[bytes]:
    return [b"data: " + orjson.dumps(c) + b"\r\n\r\n" for c in gemini_stream_chunks(tool=tool)]


def gemini_response() -> dict[str, Any]:
    """The whole answer (`generateContent`)."""
    parts: list[dict[str, Any]] = [{"text": TEXT}]
    parts.append({"functionCall": {"name": TOOL_NAME, "args": TOOL_INPUT}})
    return _gemini_chunk(parts, finish="STOP")


def _gemini_chunk(parts: list[dict[str, Any]], *, finish: str | None = None) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"parts": parts, "role": "model"}, "index": 0}
    if finish:
        candidate["finishReason"] = finish
    return {
        "candidates": [candidate],
        "usageMetadata": _GEMINI_USAGE,
        "modelVersion": "bench-model",
        "responseId": "bench",
    }


# Anthropic Messages ----------------------------------------------------------------------------

_ANTHROPIC_USAGE = {
    "input_tokens": 210,
    "output_tokens": 96,
    "cache_creation_input_tokens": 0,
    "cache_read_input_tokens": 14000,
}


def anthropic_message() -> dict[str, Any]:
    return {
        "id": "msg_01BenchAnswer",
        "type": "message",
        "role": "assistant",
        "model": "claude-bench",
        "content": [
            {"type": "text", "text": TEXT},
            {"type": "tool_use", "id": "toolu_01Bench", "name": TOOL_NAME, "input": TOOL_INPUT},
        ],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": _ANTHROPIC_USAGE,
    }


def anthropic_stream_frames() -> list[bytes]:
    message = {**anthropic_message(), "content": [], "stop_reason": None}
    message["usage"] = {**_ANTHROPIC_USAGE, "output_tokens": 1}
    events: list[dict[str, Any]] = [{"type": "message_start", "message": message}, {"type": "ping"}]
    events.append(
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    )
    events += [
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}
        for piece in TEXT_DELTAS
    ]
    events.append({"type": "content_block_stop", "index": 0})
    tool_block = {"type": "tool_use", "id": "toolu_01Bench", "name": TOOL_NAME, "input": {}}
    events.append({"type": "content_block_start", "index": 1, "content_block": tool_block})
    events += [
        {
            "type": "content_block_delta",
            "index": 1,
            "delta": {"type": "input_json_delta", "partial_json": piece},
        }
        for piece in TOOL_ARGUMENT_DELTAS
    ]
    events.append({"type": "content_block_stop", "index": 1})
    events.append(
        {
            "type": "message_delta",
            "delta": {"stop_reason": "tool_use", "stop_sequence": None},
            "usage": {"output_tokens": 96},
        }
    )
    events.append({"type": "message_stop"})
    return [
        b"event: %s\ndata: %s\n\n" % (event["type"].encode(), orjson.dumps(event))
        for event in events
    ]


# OpenAI Responses ------------------------------------------------------------------------------

_RESPONSES_USAGE = {
    "input_tokens": 14210,
    "input_tokens_details": {"cached_tokens": 14000, "cache_write_tokens": 0},
    "output_tokens": 96,
    "output_tokens_details": {"reasoning_tokens": 0},
    "total_tokens": 14306,
}
_MESSAGE_ITEM = {
    "id": "msg_bench",
    "type": "message",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "output_text", "text": TEXT, "annotations": [], "logprobs": []}],
}
_CALL_ITEM = {
    "id": "fc_bench",
    "type": "function_call",
    "status": "completed",
    "call_id": "call_bench_1",
    "name": TOOL_NAME,
    "arguments": _ARGUMENTS,
}


def responses_response(*, tool: bool = True) -> dict[str, Any]:
    return {
        "id": "resp_bench",
        "object": "response",
        "created_at": 1700000000,
        "status": "completed",
        "model": "bench-model",
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "output": [_MESSAGE_ITEM, _CALL_ITEM] if tool else [_MESSAGE_ITEM],
        "usage": _RESPONSES_USAGE,
    }


def responses_stream_events(*, tool: bool = True) -> list[dict[str, Any]]:
    """The events of a streamed answer, in order, as the Responses API sends them."""
    start = {**responses_response(tool=tool), "status": "in_progress", "output": [], "usage": None}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": start},
        {"type": "response.in_progress", "response": start},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**_MESSAGE_ITEM, "status": "in_progress", "content": []},
        },
    ]
    where = {"item_id": "msg_bench", "output_index": 0, "content_index": 0}
    part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    events.append({"type": "response.content_part.added", **where, "part": part})
    events += [
        {"type": "response.output_text.delta", **where, "delta": piece, "logprobs": []}
        for piece in TEXT_DELTAS
    ]
    events.append({"type": "response.output_text.done", **where, "text": TEXT, "logprobs": []})
    events.append(
        {"type": "response.content_part.done", **where, "part": _MESSAGE_ITEM["content"][0]}
    )
    events.append({"type": "response.output_item.done", "output_index": 0, "item": _MESSAGE_ITEM})
    if tool:
        call = {"item_id": "fc_bench", "output_index": 1}
        added = {**_CALL_ITEM, "status": "in_progress", "arguments": ""}
        events.append({"type": "response.output_item.added", "output_index": 1, "item": added})
        events += [
            {"type": "response.function_call_arguments.delta", **call, "delta": piece}
            for piece in TOOL_ARGUMENT_DELTAS
        ]
        events.append(
            {"type": "response.function_call_arguments.done", **call, "arguments": _ARGUMENTS}
        )
        events.append({"type": "response.output_item.done", "output_index": 1, "item": _CALL_ITEM})
    events.append({"type": "response.completed", "response": responses_response(tool=tool)})
    return [{**event, "sequence_number": n} for n, event in enumerate(events)]


def responses_stream_frames(*, tool: bool = True) -> list[bytes]:
    return [
        b"event: %s\ndata: %s\n\n" % (event["type"].encode(), orjson.dumps(event))
        for event in responses_stream_events(tool=tool)
    ]
