"""Black-box abuse suite: a real `switchboard serve` process, hostile loopback upstreams and
hostile local clients (issue 10's acceptance).

Every input is judged from outside only: the HTTP answers, /health, /metrics, /requests, the
process's console and log file, and what a third party reached by a redirect received. It prints
a table of inputs tried and, per row, crashes, 5xx that were not an upstream's fault, hangs,
secrets found in any output and wrong answers; every cell but "tried" must be 0.

Loopback only; the 1,000 stalled connections are opened by this process and closed by it.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.support.hostile_upstream import FLOOD, HostileUpstream
from tests.support.threaded import LoopThread

HANG_SECONDS = 15.0  # an answer slower than this counts as a hang
STALLED = 1000
# Peak resident memory of the serve process over the whole suite. The floods offer 256 MiB to a
# proxy that would read them whole; capped at 32 MiB they stay far below this.
PEAK_RSS_MB = 200

CHAT = ("redirect", "echo", "endless", "giant", "usageless", "noblank", "ok")
ANTHROPIC = ("redirect", "echo", "giant", "ok")
COLUMNS = ("tried", "crashes", "5xx not upstream", "hangs", "secrets", "wrong")


@dataclass
class Row:
    tried: int = 0
    crashes: int = 0
    internal_5xx: int = 0
    hangs: int = 0
    secrets: int = 0
    wrong: int = 0
    notes: list[str] = field(default_factory=list)

    def cells(self) -> tuple[int, ...]:
        return (self.tried, self.crashes, self.internal_5xx, self.hangs, self.secrets, self.wrong)


@dataclass
class Answer:
    status: int = 0
    body: bytes = b""
    failure: str = ""  # "hang", or how the connection broke
    content_type: str = ""

    def error(self) -> dict[str, Any]:
        """The Anthropic error of the answer: the JSON envelope, or a stream's error event."""
        for document in self.documents():
            if isinstance(document, dict) and document.get("type") == "error":
                error = document.get("error")
                return error if isinstance(error, dict) else {}
        return {}

    def documents(self) -> list[Any]:
        if self.content_type.startswith("text/event-stream"):
            return [
                orjson.loads(line[6:])
                for line in self.body.split(b"\n")
                if line.startswith(b"data: ")
            ]
        with contextlib.suppress(orjson.JSONDecodeError):
            return [orjson.loads(self.body)]
        return []

    def input_tokens(self) -> int:
        best = 0
        for document in self.documents():
            if not isinstance(document, dict):
                continue
            usage = document.get("usage") or (document.get("message") or {}).get("usage") or {}
            best = max(best, usage.get("input_tokens") or 0)
        return best


@dataclass
class Stack:
    url: str
    port: int
    token: str
    keys: dict[str, str]
    upstream: HostileUpstream
    process: subprocess.Popen[bytes]
    home: Path
    console: Path


def _config(upstream_url: str) -> str:
    lines = [
        "[settings]",
        'log_level = "DEBUG"',
        "[settings.breaker]",
        "enabled = false",  # every input meets the behaviour it is meant to meet
        "[settings.failover]",
        "max_attempts = 1",
        "",
    ]
    providers = [(f"c-{b}", "openai-chat", f"{upstream_url}/{b}/v1") for b in CHAT]
    providers += [(f"a-{b}", "anthropic", f"{upstream_url}/{b}") for b in ANTHROPIC]
    for name, kind, base_url in providers:
        variable = "ABUSE_KEY_" + name.replace("-", "_").upper()
        lines += [
            "[[providers]]",
            f'name = "{name}"',
            f'kind = "{kind}"',
            f'base_url = "{base_url}"',
            f'api_key = "env:{variable}"',
            "",
        ]
    for name, _, _ in providers:
        lines += ["[[profiles]]", f'name = "{name}"', "[profiles.models]", f'default = "{name}/m"']
        lines.append("")
    return "\n".join(lines)


def _environment(home: Path, keys: dict[str, str]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.upper().endswith("_PROXY") and not k.startswith(("ANTHROPIC_", "SWITCHBOARD"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # the token file, not a keyring
    )
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, key in keys.items():
        env["ABUSE_KEY_" + name.replace("-", "_").upper()] = key
    return env


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home = tmp_path_factory.mktemp("abuse-home")
    thread = LoopThread()
    upstream = HostileUpstream()
    thread.run(upstream.start())
    names = [f"c-{b}" for b in CHAT] + [f"a-{b}" for b in ANTHROPIC]
    # shaped like real keys, so the log filter's shape rules are tried too, not only the values
    keys = {name: f"sk-abuse-{secrets.token_hex(20)}" for name in names}
    config = home / "config.toml"
    config.write_text(_config(upstream.url))
    env = _environment(home, keys)
    app = [sys.executable, "-m", "app", "--config", str(config)]
    token = subprocess.run(
        [*app, "token"], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout.strip()
    console = home / "serve-console.txt"
    with console.open("wb") as sink:
        process = subprocess.Popen(
            [*app, "serve", "--port", "0"], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        url = _wait_for_url(process, console)
        port = int(url.rsplit(":", 1)[1])
        yield Stack(url, port, token, keys, upstream, process, home, console)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        thread.run(upstream.stop())
        thread.close()


def _wait_for_url(process: subprocess.Popen[bytes], console: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if match := re.search(r"proxy on (http://\S+)", console.read_text(errors="replace")):
            return match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"serve did not start:\n{console.read_text(errors='replace')}")


def _request(
    stack: Stack,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    headers: dict[str, str | bytes] | None = None,
    method: str = "POST",
    host: str | None = "",
) -> Answer:
    """`host`: the Host header; "" (default) for the proxy's own address, None for none."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=HANG_SECONDS)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host or f"127.0.0.1:{stack.port}")
        payload = orjson.dumps(body) if body is not None else b""
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(payload)))
        connection.endheaders(payload)
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, data, "", response.getheader("Content-Type", ""))
    except TimeoutError:
        return Answer(failure="hang")
    except (OSError, http.client.HTTPException) as exc:
        return Answer(failure=f"connection broke ({type(exc).__name__}: {exc})")
    finally:
        connection.close()


def _message(*, stream: bool, model: str = "claude-sonnet-5-5") -> dict[str, Any]:
    return {
        "model": model,
        "max_tokens": 50,
        "stream": stream,
        "messages": [{"role": "user", "content": "Say something, please."}],
    }


class Judge:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.rows: dict[str, Row] = {}
        self._secrets = [stack.token, *stack.keys.values()]
        self._providers = tuple(f"{name}: " for name in stack.keys)

    def row(self, name: str) -> Row:
        return self.rows.setdefault(name, Row())

    def leaks(self, text: bytes | str) -> list[str]:
        data = text.encode(errors="replace") if isinstance(text, str) else text
        return [s[:12] + "…" for s in self._secrets if s.encode() in data]

    def answer(
        self, row_name: str, what: str, answer: Answer, expect: Callable[[Answer], bool]
    ) -> None:
        row = self.row(row_name)
        row.tried += 1
        if answer.failure == "hang":
            row.hangs += 1
            row.notes.append(f"{what}: no answer within {HANG_SECONDS:g} s")
            return
        if answer.failure:
            row.crashes += 1
            row.notes.append(f"{what}: {answer.failure}")
            return
        message = str(answer.error().get("message", ""))
        if answer.status >= 500 and not message.startswith(self._providers):
            row.internal_5xx += 1
            row.notes.append(f"{what}: {answer.status} {message[:200]}")
        if "internal error in the Switchboard proxy" in message:
            row.internal_5xx += answer.status < 500  # (an error event after the first byte)
        if leaked := self.leaks(answer.body):
            row.secrets += 1
            row.notes.append(f"{what}: the answer holds {leaked}")
        if not expect(answer):
            row.wrong += 1
            row.notes.append(f"{what}: unexpected {answer.status} {answer.body[:300]!r}")

    def output(self, row_name: str, what: str, text: bytes | str) -> None:
        row = self.row(row_name)
        row.tried += 1
        if leaked := self.leaks(text):
            row.secrets += 1
            row.notes.append(f"{what} holds {leaked}")

    def table(self) -> str:
        width = max(len(name) for name in self.rows)
        head = f"{'input':<{width}}  " + "  ".join(COLUMNS)
        lines = [head, "-" * len(head)]
        for name, row in self.rows.items():
            cells = "  ".join(
                f"{cell:>{len(c)}}" for c, cell in zip(COLUMNS, row.cells(), strict=True)
            )
            lines.append(f"{name:<{width}}  {cells}")
        notes = [f"  {name}: {note}" for name, row in self.rows.items() for note in row.notes]
        return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def _status(*codes: int) -> Callable[[Answer], bool]:
    return lambda answer: answer.status in codes


def _upstream_error(*fragments: str) -> Callable[[Answer], bool]:
    def check(answer: Answer) -> bool:
        message = str(answer.error().get("message", ""))
        return answer.status == 502 and all(f in message for f in fragments)

    return check


def _complete(answer: Answer) -> bool:
    documents = answer.documents()
    if answer.content_type.startswith("text/event-stream"):
        stops = [d for d in documents if d.get("type") == "message_delta"]
        return (
            answer.status == 200
            and documents[-1].get("type") == "message_stop"
            and stops[-1]["delta"]["stop_reason"] == "end_turn"
        )
    return answer.status == 200 and documents[0].get("stop_reason") == "end_turn"


def _peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory; None where /proc does not tell (macOS, Windows)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def _hostile_upstreams(judge: Judge, stack: Stack) -> None:
    auth = {"x-api-key": stack.token}
    for stream in (True, False):
        kind = "stream" if stream else "json"
        body = _message(stream=stream)
        for prefix in ("c", "a"):
            name = f"{prefix}-redirect"
            answer = _request(stack, f"/proxy/{name}/v1/messages", body=body, headers=auth)
            expect = _upstream_error("redirects", f"{stack.upstream.url}/thief/")
            judge.answer("redirecting upstream", f"{name} {kind}", answer, expect)

            name = f"{prefix}-echo"
            answer = _request(stack, f"/proxy/{name}/v1/messages", body=body, headers=auth)
            judge.answer("key-echoing upstream", f"{name} {kind}", answer, _status(401))

            name = f"{prefix}-giant"
            answer = _request(stack, f"/proxy/{name}/v1/messages", body=body, headers=auth)
            expect = _upstream_error("over the 32 MiB limit")
            judge.answer("giant-body upstream", f"{name} {kind}", answer, expect)

        answer = _request(stack, "/proxy/c-endless/v1/messages", body=body, headers=auth)
        expect = _upstream_error("over the 32 MiB limit")
        judge.answer("endless-line upstream", f"c-endless {kind}", answer, expect)

        answer = _request(stack, "/proxy/c-usageless/v1/messages", body=body, headers=auth)
        judge.answer(
            "usage-less upstream",
            f"c-usageless {kind}",
            answer,
            lambda a: _complete(a) and a.input_tokens() > 0,
        )

    answer = _request(
        stack, "/proxy/c-noblank/v1/messages", body=_message(stream=True), headers=auth
    )
    judge.answer("no-blank-line upstream", "c-noblank stream", answer, _complete)

    row = judge.row("redirecting upstream")
    for headers in stack.upstream.thief_saw:
        row.tried += 1
        row.secrets += bool(judge.leaks(orjson.dumps(headers)))
        row.wrong += 1  # the proxy followed a redirect at all
        row.notes.append(f"the redirect's target was called with {sorted(headers)}")
    for sent in stack.upstream.flooded:
        if sent >= FLOOD:
            judge.row("giant-body upstream").wrong += 1
            judge.row("giant-body upstream").notes.append("a flood was read to its end")


def _hostile_clients(judge: Judge, stack: Stack) -> None:
    body = _message(stream=False)
    paths = (
        "/proxy/c-ok/v1/messages",
        "/v1/messages",
        "/proxy/a-ok/v1/messages/count_tokens",
        "/metrics",
        "/requests",
        "/health",
    )
    tokens: dict[str, tuple[str, dict[str, str | bytes]]] = {
        "non-ASCII token": ("non-ASCII tokens", {"x-api-key": "tökén-ünïcode".encode()}),
        "non-UTF-8 token": ("non-ASCII tokens", {"x-api-key": b"\xff\xfe-latin-1-\xe9"}),
        "non-ASCII bearer": ("non-ASCII tokens", {"Authorization": "Bearer ключ".encode()}),
        "wrong token": ("missing/wrong tokens", {"x-api-key": "sb-" + "0" * 40}),
        "wrong bearer": ("missing/wrong tokens", {"Authorization": f"Bearer {stack.token[::-1]}"}),
        "the token plus one character": ("missing/wrong tokens", {"x-api-key": stack.token + "x"}),
    }
    for label, (row, headers) in tokens.items():
        for path in paths:
            method = "GET" if path in ("/metrics", "/requests", "/health") else "POST"
            answer = _request(stack, path, body=body, headers=headers, method=method)
            judge.answer(row, f"{label} {method} {path}", answer, _status(401))
    for path in paths[:5]:
        method = "GET" if path in ("/metrics", "/requests") else "POST"
        answer = _request(stack, path, body=body, method=method)
        judge.answer("missing/wrong tokens", f"no token {method} {path}", answer, _status(401))

    auth = {"x-api-key": stack.token}
    port = stack.port
    refused: list[tuple[str | None, dict[str, str | bytes]]] = [
        (f"127.0.0.1:{port}", {"Origin": "https://evil.example"}),
        (f"127.0.0.1:{port}", {"Origin": "null"}),
        (f"evil.example:{port}", {}),
        (f"127.0.0.1.nip.io:{port}", {}),
        (f"localhost.evil.example:{port}", {}),
        (" ", {}),
        (None, {}),  # no Host header at all (aiohttp itself answers 400)
    ]
    for host, extra in refused:
        for path, method in (("/proxy/c-ok/v1/messages", "POST"), ("/health", "GET")):
            answer = _request(
                stack, path, body=body, headers={**auth, **extra}, method=method, host=host
            )
            what = f"Host {host!r} {extra} {method} {path}"
            judge.answer("Origin/Host variants", what, answer, _status(403, 400))
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        answer = _request(stack, "/proxy/c-ok/v1/messages", body=body, headers=auth, host=host)
        judge.answer("Origin/Host variants", f"Host {host!r} (allowed)", answer, _complete)


def _allow_open_files(count: int) -> None:
    """Raise this process's descriptor limit for the stalled connections (macOS starts at 256)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < count:
            wanted = count if hard == resource.RLIM_INFINITY else min(count, hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _stalled_connections(judge: Judge, stack: Stack) -> None:
    _allow_open_files(STALLED + 512)
    row_name = f"{STALLED:,} stalled connections"
    row = judge.row(row_name)
    sockets: list[socket.socket] = []
    try:
        for i in range(STALLED):
            conn = socket.create_connection(("127.0.0.1", stack.port), timeout=5)
            sockets.append(conn)
            if i % 2:  # half send the start of a request and stop there
                conn.sendall(b"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-")
            row.tried += 1
        started = time.monotonic()
        answer = _request(
            stack,
            "/proxy/c-ok/v1/messages",
            body=_message(stream=True),
            headers={"x-api-key": stack.token},
            host=f"127.0.0.1:{stack.port}",
        )
        judge.answer(row_name, "a real request among them", answer, _complete)
        row.notes.append(f"the real request was served in {time.monotonic() - started:.2f} s")
    finally:
        for conn in sockets:
            conn.close()


def test_abuse_suite(stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    judge = Judge(stack)
    _hostile_upstreams(judge, stack)
    _hostile_clients(judge, stack)
    _stalled_connections(judge, stack)

    # What the proxy shows of itself, with and without the token.
    auth = {"x-api-key": stack.token}
    for path in ("/health", "/metrics", "/metrics/prometheus", "/requests?limit=500"):
        for headers in ({}, auth):
            answer = _request(stack, path, headers=headers, method="GET")
            judge.output("outputs: /health /metrics /requests", f"GET {path}", answer.body)
            if headers and answer.status != 200:
                judge.row("outputs: /health /metrics /requests").wrong += 1
    row = judge.row("serve process, console and log")
    row.tried += 1
    alive = stack.process.poll() is None
    peak = _peak_rss_mb(stack.process.pid) if alive else None
    time.sleep(0.3)  # the last log lines reach the file
    logs = [stack.console, *sorted(stack.home.rglob("*.log"))]
    texts = {path: path.read_bytes() for path in logs}
    for path, text in texts.items():
        judge.output("serve process, console and log", path.name, text)
        for marker in (b"Traceback", b" ERROR ", b"unexpected error"):
            if marker in text:
                row.crashes += 1
                at = text.index(marker)
                excerpt = text[at : at + 1500].decode(errors="replace")
                row.notes.append(f"{path.name} holds {marker.decode()!r}:\n{excerpt}")
    if not alive:
        row.crashes += 1
        row.notes.append(f"serve exited with {stack.process.returncode}")
    if peak is not None and peak > PEAK_RSS_MB:
        row.wrong += 1
        row.notes.append(f"peak RSS {peak:.0f} MB > {PEAK_RSS_MB} MB")
    assert len(logs) > 1, "the serve log file was not found"

    rss = f"{peak:.0f} MB" if peak is not None else "not measured on this OS"
    table = judge.table() + f"\n\nserve peak RSS: {rss} (bound {PEAK_RSS_MB} MB)"
    with capsys.disabled():
        print("\n" + table)
    failing = {name: row.cells()[1:] for name, row in judge.rows.items() if any(row.cells()[1:])}
    assert not failing, table
