"""A loopback provider for the bench: `python -m tests.bench.upstream --kind KIND` (chat,
anthropic, responses or gemini).

A minimal HTTP/1.1 server on a raw asyncio protocol (keep-alive, Content-Length request bodies,
chunked streamed answers): it shares a CPU with the load generator, so it must cost as little
as a server can while still answering like a provider. Every answer is pre-encoded.

A streamed answer goes out as a provider's does: its first event at once, the rest after a
short gap (the first token comes before the others), or one event per `gap` when paced.
`POST /_bench/pace {"gap_ms": x}` sets the pacing; the harness uses it for the per-event run.
`POST /_bench/stats` answers how many connections were closed by the client within a second of
an answer (a pool's idle timeout closes much later): a proxy that keeps its upstream
connections alive closes none.
Every 16th request body is parsed and checked, so a proxy that sends broken JSON is caught
without paying a full parse per request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import cast

import orjson

from tests.bench import answers

_PATHS = {
    "chat": b"/v1/chat/completions",
    "anthropic": b"/v1/messages",
    "responses": b"/v1/responses",
    "gemini": b"/v1beta/models/bench-model:generateContent",
}
# Gemini says "stream" in the path, the others in the body.
_STREAM_PATHS = {"gemini": b"/v1beta/models/bench-model:streamGenerateContent"}
_WHOLE = {
    "chat": answers.chat_completion,
    "anthropic": answers.anthropic_message,
    "responses": answers.responses_response,
    "gemini": answers.gemini_response,
}
_FRAMES = {
    "chat": answers.chat_stream_frames,
    "anthropic": answers.anthropic_stream_frames,
    "responses": answers.responses_stream_frames,
    "gemini": answers.gemini_stream_frames,
}
_CHECK_EVERY = 16
_FIRST_TOKEN_GAP = 0.001  # seconds between a stream's first event and the rest
_PROMPT_CLOSE = 1.0  # seconds: a close this soon after an answer is the client's doing


def _chunked(frame: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(frame), frame)


class Answers:
    """The pre-encoded responses of one upstream kind."""

    def __init__(self, kind: str) -> None:
        self.path = _PATHS[kind]
        self.stream_path = _STREAM_PATHS.get(kind)
        extra = b"request-id: req_bench\r\n" if kind == "anthropic" else b""
        whole = orjson.dumps(_WHOLE[kind]())
        self.whole = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s"
            % (extra, len(whole), whole)
        )
        self.stream_head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            b"%sTransfer-Encoding: chunked\r\n\r\n" % extra
        )
        frames = _FRAMES[kind]()
        self.frames = [_chunked(frame) for frame in frames] + [b"0\r\n\r\n"]
        self.rest = b"".join(self.frames[1:])
        self.gap = 0.0  # seconds between events when paced; 0: first event, then the rest
        self.closed = 0  # connections closed soon after an answer (see the docstring)


def _response(status: str, body: bytes) -> bytes:
    return b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
        status.encode(),
        len(body),
        body,
    )


def _content_length(head: bytes) -> int:
    """The request's Content-Length; -1 for a chunked body (not supported here)."""
    lower = head.lower()
    if b"\r\ntransfer-encoding:" in lower:
        return -1
    start = lower.find(b"\r\ncontent-length:")
    if start < 0:
        return 0
    start += len(b"\r\ncontent-length:")
    end = lower.find(b"\r\n", start)
    return int(lower[start : end if end >= 0 else None])


def _is_valid(body: bytes) -> bool:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    if isinstance(data, dict) and "contents" in data:  # Gemini: the model is in the path
        return bool(data["contents"])
    if not isinstance(data, dict) or not data.get("model"):
        return False
    return bool(data.get("messages") or data.get("input"))  # Chat/Anthropic, or Responses


class _Connection(asyncio.Protocol):
    def __init__(self, answers_: Answers, counter: list[int]) -> None:
        self._answers = answers_
        self._counter = counter
        self._buffer = bytearray()
        self._head: bytes | None = None
        self._length = 0
        self._writer: asyncio.Task[None] | None = None
        self._transport: asyncio.Transport | None = None
        self._served = False  # carried a request (not a /_bench one)
        self._answered_at = 0.0  # loop time when the last answer was complete, or is begun

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def connection_lost(self, exc: Exception | None) -> None:
        now = asyncio.get_running_loop().time()
        if self._served and now - self._answered_at < _PROMPT_CLOSE:
            self._answers.closed += 1
        if self._writer is not None:
            self._writer.cancel()

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        self._process()

    def _process(self) -> None:
        while self._writer is None:
            if self._head is None:
                end = self._buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                self._head = bytes(self._buffer[:end])
                del self._buffer[: end + 4]
                self._length = _content_length(self._head)
                if self._length < 0:
                    self._send(_response("501 Not Implemented", b'{"error":"chunked body"}'))
                    self._close()
                    return
            if len(self._buffer) < self._length:
                return
            body = bytes(self._buffer[: self._length])
            del self._buffer[: self._length]
            head, self._head = self._head, None
            self._answer(head, body)

    def _answer(self, head: bytes, body: bytes) -> None:
        line = head[: head.find(b"\r\n")].split(b" ")
        path = line[1].split(b"?", 1)[0] if len(line) > 1 else b""
        answers_ = self._answers
        if path == b"/_bench/pace":
            answers_.gap = float(orjson.loads(body)["gap_ms"]) / 1000
            self._send(_response("200 OK", b"{}"))
            return
        if path == b"/_bench/stats":
            stats = {"closed": answers_.closed}
            self._send(_response("200 OK", orjson.dumps(stats)))
            return
        streamed_by_path = path == answers_.stream_path
        if line[0] != b"POST" or (path != answers_.path and not streamed_by_path):
            self._send(_response("404 Not Found", b'{"error":"unknown path"}'))
            return
        self._served = True
        self._answered_at = asyncio.get_running_loop().time()
        self._counter[0] += 1
        if self._counter[0] % _CHECK_EVERY == 1 and not _is_valid(body):
            self._send(_response("400 Bad Request", b'{"error":"invalid request body"}'))
            return
        if not streamed_by_path and body.rfind(b'"stream":true') < 0:
            self._send(answers_.whole)
            return
        self._send(answers_.stream_head + answers_.frames[0])
        self._writer = asyncio.get_running_loop().create_task(self._stream_rest())

    async def _stream_rest(self) -> None:
        answers_ = self._answers
        if answers_.gap:
            for frame in answers_.frames[1:]:
                await asyncio.sleep(answers_.gap)
                self._send(frame)
        else:
            await asyncio.sleep(_FIRST_TOKEN_GAP)
            self._send(answers_.rest)
        self._writer = None
        self._answered_at = asyncio.get_running_loop().time()
        self._process()

    def _send(self, data: bytes) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(data)

    def _close(self) -> None:
        if self._transport is not None:
            self._transport.close()


async def serve(kind: str, port: int) -> None:
    answers_ = Answers(kind)
    counter = [0]
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(answers_, counter), "127.0.0.1", port, backlog=1024
    )
    bound = server.sockets[0].getsockname()[1]
    print(f"listening {bound}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=sorted(_PATHS), required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    run = serve(args.kind, args.port)
    with contextlib.suppress(KeyboardInterrupt):
        try:
            import uvloop
        except ImportError:
            asyncio.run(run)
        else:
            uvloop.run(run)
    sys.exit(0)


if __name__ == "__main__":
    main()
