"""A real loopback Gemini API server (`generateContent`, `streamGenerateContent?alt=sse`,
`countTokens`), scripted per test.

Every request is checked by the strict validator (tests/support/gemini_strict.py) and against
the thought signatures this server handed out: a function call it made with a signature must
come back with exactly that signature, as Gemini 3 demands. A request the real API would refuse
is answered with a 400 and recorded in `invalid`, so tests fail on it.

A script entry is a list of stream chunks; a non-stream request gets them merged into one
answer, so one script serves both forms.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from tests.support.gemini_strict import InvalidGeminiRequest, validate_gemini_request

Chunk = dict[str, Any]


@dataclass(frozen=True)
class RawAnswer:
    """An answer sent exactly as given (status, content type, bytes): for broken upstreams."""

    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class CutStream:
    """Stream these chunks, then drop the connection (no finishReason was sent)."""

    chunks: list[Chunk]


def usage(prompt: int = 120, cached: int = 100, candidates: int = 25, thoughts: int = 5) -> Chunk:
    return {
        "promptTokenCount": prompt,
        "cachedContentTokenCount": cached,
        "candidatesTokenCount": candidates,
        "thoughtsTokenCount": thoughts,
        "totalTokenCount": prompt + candidates + thoughts,
    }


def chunk(parts: list[dict[str, Any]], finish: str | None = None, **extra: Any) -> Chunk:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": parts}, "index": 0}
    if finish:
        candidate["finishReason"] = finish
    out: Chunk = {"candidates": [candidate], "modelVersion": "gemini-up", "responseId": "r1"}
    if finish:
        out["usageMetadata"] = usage()
    out.update(extra)
    return out


def text_chunks(text: str, *, size: int = 3, signature: str | None = None) -> list[Chunk]:
    """A text answer in small pieces; the finishing chunk carries an empty signed text part
    when `signature` is given (as Gemini signs the end of an answer)."""
    chunks = [chunk([{"text": text[i : i + size]}]) for i in range(0, len(text), size)]
    last: list[dict[str, Any]] = [{"text": ""}]
    if signature:
        last[0]["thoughtSignature"] = signature
    chunks.append(chunk(last, finish="STOP"))
    return chunks


def call_chunks(
    calls: list[tuple[str, dict[str, Any]]],
    *,
    thoughts: Sequence[str] = (),
    text: str = "",
    signature: str | None = "c2lnLWNhbGwtMQ==",  # base64, as Gemini's are
) -> list[Chunk]:
    """Thought parts, optional text, then the function calls (the first signed, as Gemini 3
    signs parallel calls) in one chunk, then the finish."""
    chunks = [chunk([{"text": piece, "thought": True}]) for piece in thoughts]
    if text:
        chunks.append(chunk([{"text": text}]))
    parts: list[dict[str, Any]] = []
    for position, (name, args) in enumerate(calls):
        part: dict[str, Any] = {"functionCall": {"name": name, "args": args}}
        if position == 0 and signature:
            part["thoughtSignature"] = signature
        parts.append(part)
    chunks.append(chunk(parts))
    chunks.append(chunk([], finish="STOP"))
    return chunks


def merge(chunks: list[Chunk]) -> Chunk:
    """Stream chunks as the one whole answer `generateContent` gives."""
    parts: list[dict[str, Any]] = []
    whole: Chunk = {}
    candidate: dict[str, Any] = {"index": 0}
    for piece in chunks:
        for key, value in piece.items():
            if key != "candidates":
                whole[key] = value
        for found in piece.get("candidates") or ():
            for part in (found.get("content") or {}).get("parts") or ():
                previous = parts[-1] if parts else None
                if (
                    previous is not None
                    and "text" in part
                    and "text" in previous
                    and bool(part.get("thought")) == bool(previous.get("thought"))
                    and "thoughtSignature" not in previous
                ):
                    previous["text"] += part["text"]
                    if "thoughtSignature" in part:
                        previous["thoughtSignature"] = part["thoughtSignature"]
                else:
                    parts.append(dict(part))
            for key in ("finishReason", "finishMessage"):
                if key in found:
                    candidate[key] = found[key]
    if parts or "finishReason" in candidate:
        candidate["content"] = {"role": "model", "parts": parts}
        whole["candidates"] = [candidate]
    return whole


Answer = list[Chunk] | RawAnswer | CutStream


@dataclass
class GeminiUpstream:
    """Answers from `script` in order (a callable builds the answer from the request); with an
    empty script, a short text answer."""

    script: deque[Answer | Callable[[dict[str, Any]], Answer]] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)
    count_answer: int = 4321
    url: str = ""
    delay: float = 0.0
    # signature → the function call (name, args) it was handed out with
    issued: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post("/v1beta/models/{target}", self._handle)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1beta"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _refuse(self, message: str) -> web.Response:
        self.invalid.append(message)
        return web.json_response(
            {"error": {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}},
            status=400,
        )

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        model, _, method = request.match_info["target"].partition(":")
        body = orjson.loads(await request.read())
        self.paths.append(request.path_qs)
        self.headers.append(dict(request.headers))
        if not request.headers.get("x-goog-api-key"):
            return web.json_response(
                {"error": {"code": 403, "message": "no API key", "status": "PERMISSION_DENIED"}},
                status=403,
            )
        if method == "countTokens":
            self.counts.append(body)
            try:
                inner = dict(body["generateContentRequest"])
                if not str(inner.pop("model")).startswith("models/"):
                    raise InvalidGeminiRequest("generateContentRequest.model must be models/…")
                validate_gemini_request(inner)
            except (InvalidGeminiRequest, KeyError, TypeError) as exc:
                return self._refuse(str(exc))
            return web.json_response({"totalTokens": self.count_answer})
        self.requests.append(body)
        stream = method == "streamGenerateContent"
        if method not in ("generateContent", "streamGenerateContent") or not model:
            return web.json_response({"error": {"code": 404, "message": "no such method"}}, 404)
        if stream and request.query.get("alt") != "sse":
            return self._refuse("this server streams only with alt=sse")
        try:
            validate_gemini_request(body)
            self._check_signatures(body)
        except InvalidGeminiRequest as exc:
            return self._refuse(str(exc))
        answer = self.script.popleft() if self.script else None
        if callable(answer):
            answer = answer(body)
        if answer is None:
            answer = text_chunks("Hello!")
        if isinstance(answer, RawAnswer):
            return web.Response(
                status=answer.status,
                body=answer.body,
                headers={"Content-Type": answer.content_type},
            )
        chunks = answer.chunks if isinstance(answer, CutStream) else answer
        self._remember_signatures(chunks)
        if not stream:
            return web.json_response(merge(chunks))
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for piece in chunks:
            if self.delay:
                await asyncio.sleep(self.delay)
            await response.write(b"data: " + orjson.dumps(piece) + b"\r\n\r\n")
        if isinstance(answer, CutStream):
            assert request.transport is not None
            request.transport.close()  # drop the connection mid-answer
            return response
        await response.write_eof()
        return response

    def _remember_signatures(self, chunks: list[Chunk]) -> None:
        for piece in chunks:
            for candidate in piece.get("candidates") or ():
                for part in (candidate.get("content") or {}).get("parts") or ():
                    call = part.get("functionCall")
                    if call is not None and part.get("thoughtSignature"):
                        key = (
                            call["name"],
                            orjson.dumps(call.get("args") or {}, option=orjson.OPT_SORT_KEYS),
                        )
                        self.issued[part["thoughtSignature"]] = key

    def _check_signatures(self, body: dict[str, Any]) -> None:
        """A call this server signed must come back with its signature, unchanged."""
        signed = {key: signature for signature, key in self.issued.items()}
        for content in body["contents"]:
            for part in content["parts"]:
                call = part.get("functionCall")
                if call is None:
                    continue
                key = (
                    call["name"],
                    orjson.dumps(call.get("args") or {}, option=orjson.OPT_SORT_KEYS),
                )
                if key in signed and part.get("thoughtSignature") != signed[key]:
                    raise InvalidGeminiRequest(
                        f"Function call {call['name']} is missing its thought_signature "
                        f"(expected {signed[key]!r}, got {part.get('thoughtSignature')!r})"
                    )


def model_like(body: dict[str, Any]) -> Answer:
    """Answers each probe question (app/proxy/probe.py) the way a capable Gemini model does:
    a signed call of the add tool, then the sum; thoughts before the product."""
    last = body["contents"][-1]["parts"]
    text = orjson.dumps(last).decode()
    if body.get("tools") and not any("functionResponse" in part for part in last):
        return call_chunks([("add", {"a": 2, "b": 3})], thoughts=["Add them."])
    if any("functionResponse" in part for part in last):
        return text_chunks("The sum is 5.")
    if "inlineData" in text:
        return text_chunks("Red.")
    if "17 * 23" in text:
        return [
            chunk([{"text": "17 * 20 = 340, 17 * 3 = 51.", "thought": True}]),
            *text_chunks("391"),
        ]
    return text_chunks("OK")
