"""In-process cost of translation: `python -m tests.bench.microbench [--seconds S]` → JSON.

Per streamed event: SSEDecoder.feed (one network chunk per event, as a paced upstream
delivers them) + parse_chunk (orjson) + ChatStreamTranslator.feed + encode_event, the same
steps as the proxy's Chat Completions stream loop. Per request: to_chat_request +
orjson.dumps of the large Claude Code body, and to_anthropic_message + orjson.dumps of the
whole answer. The same for the Responses dialect (ResponsesStreamTranslator,
to_responses_request, its to_anthropic_message) and the native Gemini dialect
(GeminiStreamTranslator, to_gemini_request, its to_anthropic_message) on the same answer in
each wire format.
Times are the thread's CPU time (time spent preempted by other processes does not
count), the best of several rounds.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from app.translate.chat_request import to_chat_request
from app.translate.chat_response import to_anthropic_message
from app.translate.chat_stream import ChatStreamTranslator, parse_chunk
from app.translate.gemini_request import GeminiOptions, to_gemini_request
from app.translate.gemini_response import to_anthropic_message as gemini_to_anthropic_message
from app.translate.gemini_stream import GeminiStreamTranslator
from app.translate.gemini_stream import parse_chunk as parse_gemini_chunk
from app.translate.quirks import ChatQuirks, ResponsesQuirks
from app.translate.responses_request import to_responses_request
from app.translate.responses_response import to_anthropic_message as responses_message
from app.translate.responses_stream import ResponsesStreamTranslator, parse_event
from app.translate.sse import SSEDecoder, encode_event
from tests.bench import answers

BODY_FILE = Path(__file__).with_name("data") / "claude_code_request.json"
_ROUNDS = 5


def translate_stream(frames: list[bytes]) -> int:
    """Run one upstream stream through the proxy's steps; returns the bytes produced."""
    decoder = SSEDecoder()
    translator = ChatStreamTranslator(model="claude-opus-5-5", quirks=ChatQuirks())
    produced = 0
    for chunk in frames:
        events: list[dict[str, Any]] = []
        for frame in decoder.feed(chunk):
            if frame.data == "[DONE]":
                break
            events.extend(translator.feed(parse_chunk(frame.data)))
        if events:
            produced += len(b"".join(encode_event(event) for event in events))
    return produced + len(b"".join(encode_event(event) for event in translator.finish()))


def translate_gemini_stream(frames: list[bytes]) -> int:
    """The proxy's Gemini stream loop (app/proxy/dialects/gemini.py) on one upstream stream."""
    decoder = SSEDecoder()
    translator = GeminiStreamTranslator(model="claude-opus-5-5", source="gemini")
    produced = 0
    for chunk in frames:
        events: list[dict[str, Any]] = []
        for frame in decoder.feed(chunk):
            events.extend(translator.feed(parse_gemini_chunk(frame.data)))
        if events:
            produced += len(b"".join(encode_event(event) for event in events))
    return produced + len(b"".join(encode_event(event) for event in translator.finish()))


def translate_responses_stream(frames: list[bytes]) -> int:
    """The proxy's Responses stream loop (app/proxy/dialects/openai_responses.py)."""
    decoder = SSEDecoder()
    translator = ResponsesStreamTranslator(model="claude-opus-5-5", source="bench")
    produced = 0
    for chunk in frames:
        events: list[dict[str, Any]] = []
        for frame in decoder.feed(chunk):
            events.extend(translator.feed(parse_event(frame.data)))
        if events:
            produced += len(b"".join(encode_event(event) for event in events))
    return produced + len(b"".join(encode_event(event) for event in translator.finish()))


def _best_us(action: Callable[[], object], seconds: float) -> float:
    """Microseconds per call: the best of _ROUNDS rounds of about seconds/_ROUNDS each."""
    best = float("inf")
    for _ in range(_ROUNDS):
        calls = 0
        started = time.thread_time_ns()
        deadline = started + seconds / _ROUNDS * 1e9
        while True:
            action()
            calls += 1
            now = time.thread_time_ns()
            if now >= deadline:
                break
        best = min(best, (now - started) / calls / 1000)
    return best


def measure(seconds: float) -> dict[str, float]:
    text_frames = answers.chat_stream_frames(tool=False)
    tool_frames = answers.chat_stream_frames(tool=True)
    body = orjson.loads(BODY_FILE.read_bytes())
    quirks = ChatQuirks()
    share = seconds / 8
    text_stream = _best_us(lambda: translate_stream(text_frames), share)
    tool_stream = _best_us(lambda: translate_stream(tool_frames), share)
    request = _best_us(
        lambda: orjson.dumps(to_chat_request(body, model="m", quirks=quirks, stream=True)), share
    )
    completion = answers.chat_completion()
    response = _best_us(
        lambda: orjson.dumps(to_anthropic_message(completion, model="m", quirks=quirks)), share
    )
    gemini_text = answers.gemini_stream_frames(tool=False)
    gemini_tool = answers.gemini_stream_frames(tool=True)
    options = GeminiOptions(source="gemini")
    gemini_answer = answers.gemini_response()
    gemini = {
        "gemini_stream_text_us_per_event": _best_us(
            lambda: translate_gemini_stream(gemini_text), share
        )
        / len(gemini_text),
        "gemini_stream_tool_us_per_event": _best_us(
            lambda: translate_gemini_stream(gemini_tool), share
        )
        / len(gemini_tool),
        "gemini_request_translation_us": _best_us(
            lambda: orjson.dumps(to_gemini_request(body, options=options)), share
        ),
        "gemini_response_translation_us": _best_us(
            lambda: orjson.dumps(
                gemini_to_anthropic_message(gemini_answer, model="m", source="gemini")  # type: ignore[arg-type]
            ),
            share,
        ),
    }
    r_text_frames = answers.responses_stream_frames(tool=False)
    r_tool_frames = answers.responses_stream_frames(tool=True)
    r_quirks = ResponsesQuirks(reasoning=True)
    r_answer = answers.responses_response()
    r_tool_stream = _best_us(lambda: translate_responses_stream(r_tool_frames), share)
    # The Responses API sends more events for the same answer (item and part open/close):
    # the cost of the whole streamed answer is reported beside the per-event one.
    responses = {
        "responses_stream_text_us_per_event": _best_us(
            lambda: translate_responses_stream(r_text_frames), share
        )
        / len(r_text_frames),
        "responses_stream_tool_us_per_event": r_tool_stream / len(r_tool_frames),
        "responses_stream_events": len(r_tool_frames),
        "responses_stream_tool_us_per_answer": r_tool_stream,
        "chat_stream_tool_us_per_answer": tool_stream,
        "responses_request_translation_us": _best_us(
            lambda: orjson.dumps(
                to_responses_request(body, model="m", quirks=r_quirks, source="bench", stream=True)
            ),
            share,
        ),
        "responses_response_translation_us": _best_us(
            lambda: orjson.dumps(responses_message(r_answer, model="m", source="bench")),  # type: ignore[arg-type]
            share,
        ),
    }
    # Events = upstream frames, [DONE] included: each is one decoder feed.
    return {
        **gemini,
        **responses,
        "stream_text_us_per_event": text_stream / len(text_frames),
        "stream_tool_us_per_event": tool_stream / len(tool_frames),
        "stream_events": len(tool_frames),
        "request_translation_us": request,
        "response_translation_us": response,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(orjson.dumps(measure(args.seconds)).decode())


if __name__ == "__main__":
    main()
