"""Capability probe: real requests to each candidate of a profile, through the proxy's own code.

A private proxy (loopback, a random token, no failover, no breakers) is started with one
profile per candidate, so each check exercises the real routing, translation and upstream
client exactly as Claude Code's requests do. Checks: plain text, streaming, a tool-call round
trip, image input (if the catalogue says the model accepts images) and thinking (if it says
the model reasons). Results are saved in `state_dir()/probe.json` for the settings window.
"""

from __future__ import annotations

import contextlib
import secrets
import struct
import time
import zlib
from base64 import b64encode
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import aiohttp
import orjson

from app.config.presets import model_spec
from app.config.schema import SLOTS, Config, ModelRef, Profile
from app.config.store import state_dir, write_text_atomic
from app.proxy.server import ProxyServer

Outcome = Literal["pass", "fail", "skip"]
CHECKS = ("text", "stream", "tools", "image", "thinking")
RESULTS_FILE = "probe.json"
_TIMEOUT = aiohttp.ClientTimeout(total=120)


@dataclass
class Check:
    name: str
    outcome: Outcome
    latency_ms: float | None = None
    detail: str = ""


@dataclass
class ProbeResult:
    profile: str
    candidate: str  # provider/model
    checked_at: float = field(default_factory=time.time)
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.outcome != "fail" for c in self.checks)


def profile_candidates(profile: Profile) -> list[str]:
    """Every distinct model reference of a profile's slots and rules, in first-seen order."""
    refs: dict[str, None] = {}
    for slot in SLOTS:
        for ref in getattr(profile.models, slot) or ():
            refs.setdefault(ref)
    for route in profile.routing.routes().values():
        for ref in route:
            refs.setdefault(ref)
    return list(refs)


async def probe_profile(config: Config, name: str) -> list[ProbeResult]:
    """Probe every candidate of profile `name` (KeyError if there is none)."""
    profile = config.profile(name)
    if profile is None:
        raise KeyError(name)
    refs = profile_candidates(profile)
    async with _private_proxy(config, refs) as call:
        return [await _probe(config, call, index, ref, name) for index, ref in enumerate(refs)]


async def probe_candidate(config: Config, ref: str, *, profile: str = "") -> ProbeResult:
    """Probe one `provider/model` of `config` (the settings window's Test button)."""
    async with _private_proxy(config, [ref]) as call:
        return await _probe(config, call, 0, ref, profile)


def save_results(results: list[ProbeResult], path: Path | None = None) -> Path:
    """Merge `results` into the results file (by profile, then candidate); return its path."""
    path = path or state_dir() / RESULTS_FILE
    saved = load_results(path)
    for result in results:
        entry = asdict(result)
        entry.pop("profile")
        saved.setdefault(result.profile, {})[result.candidate] = entry
    write_text_atomic(path, orjson.dumps(saved, option=orjson.OPT_INDENT_2).decode())
    return path


def load_results(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """{profile: {candidate: {checked_at, checks: [...]}}}; empty if nothing was saved."""
    path = path or state_dir() / RESULTS_FILE
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


Send = Callable[[int, dict[str, Any]], Awaitable[tuple[int, bytes]]]


@contextlib.asynccontextmanager
async def _private_proxy(config: Config, refs: list[str]) -> AsyncIterator[Send]:
    token = secrets.token_urlsafe(24)
    data = config.model_dump(mode="json", exclude_none=True)
    settings = data["settings"]
    settings.update(host="127.0.0.1", require_token=True)
    settings.pop("default_profile", None)
    settings["failover"] = {**settings.get("failover", {}), "max_attempts": 1}
    settings["breaker"] = {**settings.get("breaker", {}), "enabled": False}
    data["profiles"] = [
        {"name": f"c{index}", "models": {"default": [ref]}} for index, ref in enumerate(refs)
    ]
    server = ProxyServer(Config.model_validate(data), token=token, host="127.0.0.1", port=0)
    await server.start()
    try:
        async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:

            async def send(index: int, body: dict[str, Any]) -> tuple[int, bytes]:
                url = f"{server.url}/proxy/c{index}/v1/messages"
                headers = {"x-api-key": token, "anthropic-version": "2023-06-01"}
                async with session.post(url, data=orjson.dumps(body), headers=headers) as answer:
                    return answer.status, await answer.read()

            yield send
    finally:
        await server.stop()


async def _probe(config: Config, send: Send, index: int, ref: str, profile: str) -> ProbeResult:
    result = ProbeResult(profile, ref)
    parsed = ModelRef.parse(ref)
    provider = config.provider(parsed.provider)
    if parsed.model == "*" or provider is None:
        why = "the model is the one the client asks for" if provider else "unknown provider"
        result.checks = [Check(name, "skip", detail=why) for name in CHECKS]
        return result
    spec = model_spec(provider, parsed.model)

    async def run(name: str, check: Callable[[Send, int], Awaitable[str]]) -> None:
        started = time.perf_counter()
        try:
            detail = await check(send, index)
            outcome: Outcome = "pass"
        except _CheckFailed as exc:
            detail, outcome = str(exc), "fail"
        except (aiohttp.ClientError, TimeoutError) as exc:
            detail, outcome = f"no answer: {type(exc).__name__} {exc}", "fail"
        latency = (time.perf_counter() - started) * 1000
        result.checks.append(Check(name, outcome, round(latency, 1), detail))

    await run("text", _text)
    await run("stream", _stream)
    await run("tools", _tools)
    if spec is not None and spec.vision:
        await run("image", _image)
    else:
        result.checks.append(Check("image", "skip", detail="not known to accept images"))
    if spec is not None and spec.reasoning:
        await run("thinking", _thinking)
    else:
        result.checks.append(Check("thinking", "skip", detail="not known to reason"))
    return result


class _CheckFailed(Exception):
    pass


def _request(content: Any, **extra: Any) -> dict[str, Any]:
    return {
        "model": "switchboard-probe",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": content}],
        **extra,
    }


async def _message(send: Send, index: int, body: dict[str, Any]) -> dict[str, Any]:
    status, raw = await send(index, body)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _CheckFailed(f"HTTP {status}: not JSON") from exc
    if status != 200 or not isinstance(data, dict) or data.get("type") != "message":
        error = data.get("error", {}) if isinstance(data, dict) else {}
        raise _CheckFailed(
            f"HTTP {status}: {error.get('message', raw[:200].decode(errors='replace'))}"
        )
    return data


def _text_of(message: dict[str, Any]) -> str:
    return "".join(b.get("text", "") for b in message.get("content", []) if b.get("type") == "text")


async def _text(send: Send, index: int) -> str:
    answer = _text_of(await _message(send, index, _request("Reply with exactly: OK")))
    if not answer.strip():
        raise _CheckFailed("the answer held no text")
    return repr(answer.strip()[:40])


async def _stream(send: Send, index: int) -> str:
    started = time.perf_counter()
    status, raw = await send(index, _request("Count from 1 to 5.", stream=True))
    elapsed = (time.perf_counter() - started) * 1000
    events = [
        orjson.loads(line[6:])
        for line in raw.decode(errors="replace").splitlines()
        if line.startswith("data: ")
    ]
    kinds = [e.get("type") for e in events]
    if status != 200 or "error" in kinds:
        failure = next((e["error"].get("message") for e in events if e.get("type") == "error"), "")
        raise _CheckFailed(f"HTTP {status}: {failure or raw[:200].decode(errors='replace')}")
    if not kinds or kinds[0] != "message_start" or kinds[-1] != "message_stop":
        raise _CheckFailed(f"events out of order: {kinds[:3]} … {kinds[-2:]}")
    if not any(e.get("delta", {}).get("type") == "text_delta" for e in events):
        raise _CheckFailed("no text arrived")
    return f"{len(events)} events in {elapsed:.0f} ms"


_ADD_TOOL = {
    "name": "add",
    "description": "Add two integers and return the sum.",
    "input_schema": {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a", "b"],
    },
}


async def _tools(send: Send, index: int) -> str:
    question = "Use the add tool to add 2 and 3, then tell me the sum."
    first = await _message(
        send, index, _request(question, tools=[_ADD_TOOL], tool_choice={"type": "any"})
    )
    call = next((b for b in first["content"] if b.get("type") == "tool_use"), None)
    if call is None or call.get("name") != "add":
        raise _CheckFailed(f"no call of the add tool (stop_reason {first.get('stop_reason')})")
    if call.get("input") != {"a": 2, "b": 3}:
        raise _CheckFailed(f"wrong tool input {call.get('input')!r}")
    history = [
        {"role": "user", "content": question},
        {"role": "assistant", "content": first["content"]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": call["id"], "content": "5"}],
        },
    ]
    body = {**_request(""), "messages": history, "tools": [_ADD_TOOL]}
    answer = _text_of(await _message(send, index, body))
    if "5" not in answer:
        raise _CheckFailed(f"the tool result was not used: {answer[:60]!r}")
    return "called add(2, 3), answered with the result"


async def _image(send: Send, index: int) -> str:
    image = {"type": "base64", "media_type": "image/png", "data": _red_png()}
    content = [
        {"type": "image", "source": image},
        {"type": "text", "text": "What colour is this image? Answer with one word."},
    ]
    answer = _text_of(await _message(send, index, _request(content)))
    if "red" not in answer.lower():
        raise _CheckFailed(f"did not see the red square: {answer[:60]!r}")
    return repr(answer.strip()[:40])


async def _thinking(send: Send, index: int) -> str:
    body = _request(
        "What is 17 * 23? Think it through, then answer with the number.",
        max_tokens=4096,
        thinking={"type": "enabled", "budget_tokens": 2048},
    )
    message = await _message(send, index, body)
    if "391" not in _text_of(message):
        raise _CheckFailed(f"wrong or no answer: {_text_of(message)[:60]!r}")
    shown = any(b.get("type") == "thinking" and b.get("thinking") for b in message["content"])
    return "reasoning shown" if shown else "answered; the provider returned no reasoning text"


def _red_png(size: int = 16) -> str:
    """A solid red PNG, built here so the probe needs no image file."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
    return b64encode(png + chunk(b"IEND", b"")).decode()
