"""A real loopback OpenAI Responses server, scripted per test, strict like the real API.

Every request is checked by the strict validator (tests/support/responses_strict.py); one a
strict server would reject is answered 400 and recorded in `invalid`, so tests fail on it. A
scripted `Turn` is rendered the way the client asked: as the real event stream (items added,
their deltas in small pieces, items done, `response.completed` with usage) or as one Response
object. Reasoning items carry an encrypted_content the server remembers: a reasoning item that
comes back with content it never issued, or changed, is rejected as the real API rejects it.
`codex=True` serves the ChatGPT/Codex backend flavour (streaming only, its own refusals).
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from tests.support.chat_upstream import RawAnswer
from tests.support.responses_strict import validate_responses_request

Item = dict[str, Any]
_ids = itertools.count(1)


def message(text: str) -> Item:
    return {
        "type": "message",
        "id": f"msg_{next(_ids)}",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }


def function_call(name: str, arguments: str, call_id: str) -> Item:
    return {
        "type": "function_call",
        "id": f"fc_{next(_ids)}",
        "call_id": call_id,
        "name": name,
        "arguments": arguments,
        "status": "completed",
    }


def reasoning(*summary: str, encrypted: str | None = None) -> Item:
    """A reasoning item; its encrypted_content is made up unless given (`gAAAA…` like the
    real one, with characters a careless encoder would break)."""
    number = next(_ids)
    return {
        "type": "reasoning",
        "id": f"rs_{number}",
        "summary": [{"type": "summary_text", "text": text} for text in summary],
        "encrypted_content": encrypted or f"gAAAAB{number}x:y/z+w==" * 8,
    }


USAGE = {
    "input_tokens": 120,
    "input_tokens_details": {"cached_tokens": 100, "cache_write_tokens": 0},
    "output_tokens": 30,
    "output_tokens_details": {"reasoning_tokens": 12},
    "total_tokens": 150,
}


@dataclass
class Turn:
    """One answer: its output items, how it ended, its usage."""

    output: list[Item]
    status: str = "completed"  # "completed" | "incomplete" | "failed"
    incomplete_reason: str = "max_output_tokens"
    error: dict[str, Any] | None = None  # for "failed"
    usage: dict[str, Any] = field(default_factory=lambda: dict(USAGE))
    piece: int = 3  # characters per delta

    def response(self, model: str) -> dict[str, Any]:
        return {
            "id": "resp_1",
            "object": "response",
            "created_at": 1,
            "status": self.status,
            "model": model,
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
            "output": self.output,
            "usage": self.usage,
            "error": self.error,
            "incomplete_details": (
                {"reason": self.incomplete_reason} if self.status == "incomplete" else None
            ),
        }

    def events(self, model: str) -> list[dict[str, Any]]:
        """The stream of this answer, as the real API sends it."""
        skeleton = {**self.response(model), "status": "in_progress", "output": [], "usage": None}
        out: list[dict[str, Any]] = [
            {"type": "response.created", "response": skeleton},
            {"type": "response.in_progress", "response": skeleton},
        ]
        for index, item in enumerate(self.output):
            out += _item_events(index, item, self.piece)
        terminal = {
            "completed": "response.completed",
            "incomplete": "response.incomplete",
            "failed": "response.failed",
        }[self.status]
        out.append({"type": terminal, "response": self.response(model)})
        return out


def _pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _item_events(index: int, item: Item, size: int) -> list[dict[str, Any]]:
    kind = item["type"]
    where = {"output_index": index, "item_id": item["id"]}
    if kind == "message":
        added = {**item, "status": "in_progress", "content": []}
    elif kind == "function_call":
        added = {**item, "status": "in_progress", "arguments": ""}
    else:
        added = {**item, "summary": [], "encrypted_content": None}
    out: list[dict[str, Any]] = [
        {"type": "response.output_item.added", "output_index": index, "item": added}
    ]
    if kind == "message":
        for part_index, part in enumerate(item["content"]):
            part_where = {**where, "content_index": part_index}
            out.append(
                {"type": "response.content_part.added", **part_where, "part": {**part, "text": ""}}
            )
            out += [
                {"type": "response.output_text.delta", **part_where, "delta": piece, "logprobs": []}
                for piece in _pieces(part["text"], size)
            ]
            out.append(
                {
                    "type": "response.output_text.done",
                    **part_where,
                    "text": part["text"],
                    "logprobs": [],
                }
            )
            out.append({"type": "response.content_part.done", **part_where, "part": part})
    elif kind == "function_call":
        out += [
            {"type": "response.function_call_arguments.delta", **where, "delta": piece}
            for piece in _pieces(item["arguments"], size)
        ]
        out.append(
            {
                "type": "response.function_call_arguments.done",
                **where,
                "arguments": item["arguments"],
            }
        )
    else:
        for summary_index, part in enumerate(item["summary"]):
            summary_where = {**where, "summary_index": summary_index}
            out.append(
                {
                    "type": "response.reasoning_summary_part.added",
                    **summary_where,
                    "part": {**part, "text": ""},
                }
            )
            out += [
                {"type": "response.reasoning_summary_text.delta", **summary_where, "delta": piece}
                for piece in _pieces(part["text"], size)
            ]
            out.append(
                {
                    "type": "response.reasoning_summary_text.done",
                    **summary_where,
                    "text": part["text"],
                }
            )
            out.append(
                {"type": "response.reasoning_summary_part.done", **summary_where, "part": part}
            )
    out.append({"type": "response.output_item.done", "output_index": index, "item": item})
    return out


def frame(event: dict[str, Any], number: int = 0) -> bytes:
    event = {**event, "sequence_number": number}
    return b"event: %s\ndata: %s\n\n" % (event["type"].encode(), orjson.dumps(event))


@dataclass(frozen=True)
class Cut:
    """Stream these events, then cut the connection (no end of the chunked body); with no
    events, the connection is cut before the answer's status line."""

    events: list[dict[str, Any]]


# A scripted answer: a Turn, raw event dicts/bytes to stream as they are, a RawAnswer, a Cut,
# or a callable that builds one of these from the request body.
Answer = Turn | list[dict[str, Any] | bytes] | RawAnswer | Cut


@dataclass
class ResponsesUpstream:
    script: deque[Answer | Callable[[dict[str, Any]], Answer]] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)  # input_tokens requests
    invalid: list[str] = field(default_factory=list)
    codex: bool = False
    prefix: str = "/v1"
    input_tokens: int = 4321
    delay: float = 0.0  # seconds between streamed events (so they arrive in separate reads)
    issued: dict[str, str] = field(default_factory=dict)  # reasoning id → encrypted_content
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=2**30)
        app.router.add_post(f"{self.prefix}/responses", self._respond)
        if not self.codex:
            app.router.add_post(f"{self.prefix}/responses/input_tokens", self._count)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}{self.prefix}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _reject(self, problem: str) -> web.Response:
        self.invalid.append(problem)
        error = {"message": f"strict validator: {problem}", "type": "invalid_request_error"}
        return web.json_response({"error": error}, status=400)

    def _check_reasoning(self, body: dict[str, Any]) -> str | None:
        for item in body.get("input") or ():
            if (
                isinstance(item, dict)
                and item.get("type") == "reasoning"
                and self.issued.get(item.get("id")) != item.get("encrypted_content")
            ):
                return f"The encrypted content for item {item.get('id')} could not be verified."
        return None

    async def _cut(self, request: web.Request, cut: Cut) -> web.StreamResponse:
        assert request.transport is not None
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        if cut.events:
            await response.prepare(request)
            await response.write(b"".join(frame(e, n) for n, e in enumerate(cut.events)))
        request.transport.close()
        return response

    async def _count(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        self.counts.append(body)
        try:
            validate_responses_request(body, count=True)
        except ValueError as exc:
            return self._reject(str(exc))
        return web.json_response(
            {"object": "response.input_tokens", "input_tokens": self.input_tokens}
        )

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        try:
            validate_responses_request(body, codex=self.codex)
        except ValueError as exc:
            return self._reject(str(exc))
        problem = self._check_reasoning(body)
        if problem:
            return self._reject(problem)
        answer = self.script.popleft() if self.script else Turn([message("Hello!")])
        if callable(answer):
            answer = answer(body)
        if isinstance(answer, RawAnswer):
            return web.Response(
                status=answer.status,
                body=answer.body,
                headers={"Content-Type": answer.content_type},
            )
        model = str(body.get("model"))
        if isinstance(answer, Cut):
            return await self._cut(request, answer)
        if isinstance(answer, Turn):
            for item in answer.output:
                if item["type"] == "reasoning":
                    self.issued[item["id"]] = item["encrypted_content"]
            if body.get("stream") is not True:
                return web.json_response(answer.response(model))
            events: list[dict[str, Any] | bytes] = list(answer.events(model))
        else:
            events = answer
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for number, event in enumerate(events):
            if self.delay:
                await asyncio.sleep(self.delay)
            await response.write(event if isinstance(event, bytes) else frame(event, number))
        await response.write_eof()
        return response


def model_like(body: dict[str, Any]) -> Turn:
    """Answers each probe question (app/proxy/probe.py) the way a capable model does."""
    items = body["input"]
    last = items[-1]
    text = str(last)
    if body.get("tools") and last.get("role") == "user":
        return Turn([function_call("add", '{"a": 2, "b": 3}', "call_add")])
    if last.get("type") == "function_call_output":
        return Turn([message("The sum is 5.")])
    if "input_image" in text:
        return Turn([message("Red.")])
    if "17 * 23" in text:
        return Turn([reasoning("17 * 20 = 340, 17 * 3 = 51."), message("391")])
    return Turn([message("OK")])
