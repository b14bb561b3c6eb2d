"""The real Claude Code CLI (npm @anthropic-ai/claude-code, installed by `.ci/setup test`) for
end-to-end tests: run `claude -p` offline against a base URL and read its stream-json lines; and
a tap, a recording pass-through between the CLI and the proxy that shows what the CLI received.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiohttp
import orjson
import pytest_asyncio
from aiohttp import web

from tests.support.proxy import TOKEN

ROOT = Path(__file__).resolve().parents[2]
CLAUDE = os.environ.get("SWITCHBOARD_TEST_CLAUDE") or str(
    ROOT / ".cache" / "claude-code" / "node_modules" / ".bin" / "claude"
)
# The variables that keep the CLI on the base URL alone (CAPTURE.md §1-2).
OFFLINE_ENV = {
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_AUTOUPDATER": "1",
    "DISABLE_ERROR_REPORTING": "1",
}


def require_claude() -> str:
    assert shutil.which(CLAUDE), (
        f"Claude Code CLI not found at {CLAUDE}: run `bash .ci/setup test` (it installs it)"
    )
    return CLAUDE


def claude_env(base_url: str, home: Path, **extra: str) -> dict[str, str]:
    """An isolated, offline environment that points the CLI at `base_url` with the local token.
    No retries unless `extra` sets CLAUDE_CODE_MAX_RETRIES."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "CLAUDE_CONFIG_DIR": str(home / "claude"),
        "ANTHROPIC_BASE_URL": base_url,
        "ANTHROPIC_AUTH_TOKEN": TOKEN,
        "CLAUDE_CODE_MAX_RETRIES": "0",
        **OFFLINE_ENV,
        **extra,
    }


def claude_args(prompt: str, *, allowed_tools: Sequence[str] = (), max_turns: int = 4) -> list[str]:
    """`-p PROMPT` with stream-json output and no user settings or MCP servers."""
    args = ["-p", prompt, "--output-format", "stream-json", "--verbose"]
    if allowed_tools:
        args += ["--allowedTools", *allowed_tools]
    return [*args, "--max-turns", str(max_turns), "--setting-sources", "", "--strict-mcp-config"]


@dataclass(frozen=True)
class ClaudeRun:
    """One finished `claude -p … --output-format stream-json --verbose` run."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def lines(self) -> list[dict[str, Any]]:
        return [orjson.loads(line) for line in self.stdout.splitlines() if line.startswith("{")]

    def blocks(self, role: str, kind: str) -> list[dict[str, Any]]:
        """Content blocks of type `kind` in the `role` ("assistant"/"user") messages shown."""
        return [
            block
            for line in self.lines
            if line.get("type") == role and isinstance(line["message"]["content"], list)
            for block in line["message"]["content"]
            if block.get("type") == kind
        ]

    @property
    def tool_uses(self) -> list[dict[str, Any]]:
        return self.blocks("assistant", "tool_use")

    @property
    def tool_results(self) -> list[dict[str, Any]]:
        return self.blocks("user", "tool_result")

    @property
    def result(self) -> dict[str, Any]:
        """The final `result` line (subtype success/error_…, result text, summed usage)."""
        last = self.lines[-1] if self.lines else {}
        assert last.get("type") == "result", f"no result line:\n{self.describe()}"
        return last

    def describe(self) -> str:
        return (
            f"exit {self.returncode} after {self.seconds:.1f} s\n"
            f"stderr: {self.stderr[-2000:]}\nstdout: {self.stdout[-3000:]}"
        )


async def run_claude(
    args: Sequence[str], env: Mapping[str, str], *, cwd: Path, limit: float = 60
) -> ClaudeRun:
    """Run the CLI to completion (killed after `limit` seconds)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    process = await asyncio.create_subprocess_exec(
        require_claude(),
        *args,
        cwd=cwd,
        env=dict(env),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), limit)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return ClaudeRun(process.returncode, stdout.decode(), stderr.decode(), loop.time() - started)


async def ask_claude(
    base_url: str,
    tmp_path: Path,
    prompt: str,
    *,
    allowed_tools: Sequence[str] = (),
    max_turns: int = 4,
    env: Mapping[str, str] | None = None,
) -> ClaudeRun:
    """`claude -p PROMPT` in `tmp_path/work` with HOME `tmp_path/home`, offline, through
    `base_url` (e.g. `…/proxy/<profile>`); `env` adds or overrides variables."""
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    return await run_claude(
        claude_args(prompt, allowed_tools=allowed_tools, max_turns=max_turns),
        claude_env(base_url, tmp_path / "home", **(env or {})),
        cwd=workdir,
    )


def chat_config(upstream_url: str, **provider: Any) -> dict[str, Any]:
    """One OpenAI-compatible provider `ds` (key `k`), profile `e2e` routing every slot to
    `ds/deepseek-chat`; `provider` adds fields (quirks…) to the provider."""
    return {
        "providers": [
            {"name": "ds", "kind": "openai-chat", "base_url": upstream_url, "api_key": "k"}
            | provider
        ],
        "profiles": [{"name": "e2e", "models": {"default": "ds/deepseek-chat"}}],
    }


# Request headers the tap does not copy: hop-by-hop ones, and compression (to keep bodies
# readable; the proxy does not compress anyway).
_HOP = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "accept-encoding"}
)


@dataclass
class Exchange:
    """One request the CLI made through the tap, and the answer it got, byte for byte."""

    method: str
    path: str
    request_headers: dict[str, str]  # names in lower case
    request_body: bytes
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    at: float = 0.0  # loop time the request arrived

    def json(self) -> Any:
        return orjson.loads(self.request_body)

    def sse_events(self) -> list[dict[str, Any]]:
        """The `data:` payloads of an event-stream answer, parsed."""
        return [
            orjson.loads(line[5:])
            for line in self.response_body.splitlines()
            if line.startswith(b"data:") and line[5:].strip()
        ]


@dataclass
class ClientTap:
    """A loopback pass-through in front of `target` that records every exchange. Streams the
    answer through as it comes, so the CLI sees the proxy's timing and framing."""

    target: str
    exchanges: list[Exchange] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application(client_max_size=2**30)
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def to(self, path_end: str) -> list[Exchange]:
        """The exchanges whose path ends with `path_end` (e.g. "/v1/messages")."""
        return [e for e in self.exchanges if e.path.endswith(path_end)]

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        exchange = Exchange(
            request.method,
            request.path,
            {k.lower(): v for k, v in request.headers.items()},
            body,
            at=asyncio.get_running_loop().time(),
        )
        self.exchanges.append(exchange)
        async with self._session.request(
            request.method, self.target + request.path_qs, data=body, headers=headers
        ) as answer:
            exchange.status = answer.status
            exchange.response_headers = {k.lower(): v for k, v in answer.headers.items()}
            out = web.StreamResponse(
                status=answer.status,
                headers={k: v for k, v in answer.headers.items() if k.lower() not in _HOP},
            )
            await out.prepare(request)
            async for chunk in answer.content.iter_any():
                exchange.response_body += chunk
                await out.write(chunk)
            await out.write_eof()
            return out


class Server(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


S = TypeVar("S", bound=Server)


class Started:
    """`await started(server)` starts a loopback server (an upstream, a tap) and returns it."""

    def __init__(self) -> None:
        self.servers: list[Server] = []

    async def __call__(self, server: S) -> S:
        await server.start()
        self.servers.append(server)
        return server


@pytest_asyncio.fixture
async def started() -> AsyncIterator[Started]:
    """Servers started through this are stopped after the test, last started first."""
    servers = Started()
    yield servers
    for server in reversed(servers.servers):
        await server.stop()
