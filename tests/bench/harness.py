"""Start every process, run each scenario against each target, collect the figures.

Targets, all fed the same Claude Code request by the same load generator:
- `direct-anthropic` / `direct-chat`: the loopback upstream itself (the chat one gets the
  Chat Completions body Switchboard would send);
- `floor`: a plain aiohttp byte pass-through in front of the Anthropic upstream;
- `sb-anthropic` / `sb-chat` / `sb-responses` / `sb-gemini`: `switchboard serve` (token
  required, as users run it) with an Anthropic-kind, an openai-chat-kind, an
  openai-responses-kind and a gemini-kind provider (each answered by its own loopback upstream
  with the same content in its wire format).
"""

from __future__ import annotations

import os
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from app.config.presets import chat_quirks
from app.config.schema import Config
from app.translate.chat_request import to_chat_request
from tests.bench import answers
from tests.bench.procs import REPO, BenchError, Placement, Process, python

DATA = Path(__file__).with_name("data")
TOKEN = "sb-bench-local-token-0123456789abcdef"
UPSTREAM_KEY = "sk-bench-upstream-key"
CHAT_MODEL = "bench-model"
TINY_BODY = {
    "model": "claude-opus-5-5",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "Say hello."}],
}


@dataclass(frozen=True)
class Upstream:
    kind: str  # "chat" | "anthropic"
    process: Process
    port: int
    events: int  # SSE frames in one streamed answer


@dataclass(frozen=True)
class Target:
    key: str
    port: int
    path: str
    wire: str  # "anthropic" | "chat": what it is sent and what it answers
    proxy: Process | None
    upstream: Upstream


@dataclass(frozen=True)
class Scenario:
    key: str
    body: str  # "large" | "small"
    stream: bool
    clients: int
    paced: bool = False


SCENARIOS = (
    Scenario("small", "small", stream=False, clients=1),  # sequential, tiny body
    Scenario("large", "large", stream=False, clients=1),  # sequential, Claude Code body
    Scenario("stream", "large", stream=True, clients=1),
    Scenario("c64", "large", stream=False, clients=64),
    Scenario("c64-stream", "large", stream=True, clients=64),
    # one event per Sizes.pace_gap_ms, as a model streams: per-event cost with its wake-ups
    Scenario("paced", "large", stream=True, clients=1, paced=True),
)


@dataclass(frozen=True)
class Sizes:
    """How much each scenario runs (full run vs --quick)."""

    requests: int
    warmup: int
    seconds: float
    paced_requests: int
    pace_gap_ms: float
    microbench_seconds: float
    rounds: int  # sequential scenarios: interleaved rounds, the least disturbed one kept
    tray_idle_seconds: float  # the tray app sits this long before its idle RSS is read

    @classmethod
    def full(cls) -> Sizes:
        return cls(500, 50, 10.0, 20, 1.0, 4.0, 3, 3.0)

    @classmethod
    def quick(cls) -> Sizes:
        # enough for every client of every scenario to get answers checked, no more: the
        # figures of a quick run are not read (test_bench.py checks the harness)
        return cls(30, 5, 0.25, 2, 1.0, 0.4, 1, 1.0)


def _config_toml(ports: dict[str, int]) -> str:
    chat_port, anthropic_port = ports["chat"], ports["anthropic"]
    responses_port, gemini_port = ports["responses"], ports["gemini"]
    return f"""[settings]
require_token = true

[[providers]]
name = "chat"
kind = "openai-chat"
base_url = "http://127.0.0.1:{chat_port}/v1"
api_key = "env:BENCH_UPSTREAM_KEY"

[[providers]]
name = "anth"
kind = "anthropic"
base_url = "http://127.0.0.1:{anthropic_port}"
api_key = "env:BENCH_UPSTREAM_KEY"

[[providers]]
name = "resp"
kind = "openai-responses"
base_url = "http://127.0.0.1:{responses_port}/v1"
api_key = "env:BENCH_UPSTREAM_KEY"

[[providers]]
name = "gem"
kind = "gemini"
base_url = "http://127.0.0.1:{gemini_port}/v1beta"
api_key = "env:BENCH_UPSTREAM_KEY"

[[profiles]]
name = "chat"
models = {{ default = "chat/{CHAT_MODEL}" }}

[[profiles]]
name = "resp"
models = {{ default = "resp/{CHAT_MODEL}" }}

[[profiles]]
name = "gem"
models = {{ default = "gem/{CHAT_MODEL}" }}

[[profiles]]
name = "anth"
models = {{ default = "anth/*" }}
"""


def _disturbance(result: dict[str, Any]) -> float:
    """How much other load disturbed a run: the proxy's CPU per request, else the latency."""
    return float(result.get("proxy_cpu_us_per_request", result["latency_ms"]["p50"]))


def _http_request(port: int, path: str, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [f"Content-Length: {len(body)}", "", ""]
    return "\r\n".join(lines).encode() + body


class Bench:
    def __init__(
        self, work: Path, sizes: Sizes, placement: Placement, *, app_root: Path = REPO
    ) -> None:
        self.work = work
        self.app_root = app_root
        self.sizes = sizes
        self.placement = placement
        self.processes: list[Process] = []
        self.targets: dict[str, Target] = {}
        self.facts: dict[str, Any] = {}
        self._loadgen: Process | None = None
        self._payloads: dict[tuple[str, str, bool], Path] = {}

    # Processes ---------------------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], *, cpu: int | None, **kw: Any) -> Process:
        process = Process(name, argv, cpu=cpu, log=self.work / f"{name}.log", **kw)
        self.processes.append(process)
        return process

    def start(self) -> None:
        load_cpu, proxy_cpu = self.placement.load_cpu, self.placement.proxy_cpu
        upstreams: dict[str, Upstream] = {}
        frames = {
            "chat": answers.chat_stream_frames,
            "anthropic": answers.anthropic_stream_frames,
            "responses": answers.responses_stream_frames,
            "gemini": answers.gemini_stream_frames,
        }
        for kind, stream_frames in frames.items():
            process = self._spawn(
                f"upstream-{kind}", python("tests.bench.upstream", "--kind", kind), cpu=load_cpu
            )
            port = int(process.read_line(r"listening (\d+)").group(1))
            upstreams[kind] = Upstream(kind, process, port, len(stream_frames()))
        chat, anthropic = upstreams["chat"], upstreams["anthropic"]
        responses, gemini = upstreams["responses"], upstreams["gemini"]
        floor = self._spawn(
            "floor",
            python("tests.bench.floor", "--upstream", f"http://127.0.0.1:{anthropic.port}"),
            cpu=proxy_cpu,
        )
        floor_port = int(floor.read_line(r"listening (\d+)").group(1))
        switchboard = self._start_switchboard({k: u.port for k, u in upstreams.items()})
        sb_port = int(switchboard.read_line(r"proxy on http://[^:]+:(\d+)", from_log=True).group(1))
        self._loadgen = self._spawn(
            "loadgen", python("tests.bench.loadgen"), cpu=load_cpu, stdin=-1
        )
        messages, sb_messages = "/v1/messages?beta=true", "/proxy/{}/v1/messages?beta=true"
        targets = (
            Target("direct-anthropic", anthropic.port, messages, "anthropic", None, anthropic),
            Target("floor", floor_port, messages, "anthropic", floor, anthropic),
            Target("sb-anthropic", sb_port, sb_messages.format("anth"), "anthropic",
                   switchboard, anthropic),
            Target("direct-chat", chat.port, "/v1/chat/completions", "chat", None, chat),
            Target("sb-chat", sb_port, sb_messages.format("chat"), "anthropic",
                   switchboard, chat),
            Target("sb-responses", sb_port, sb_messages.format("resp"), "anthropic",
                   switchboard, responses),
            Target("sb-gemini", sb_port, sb_messages.format("gem"), "anthropic",
                   switchboard, gemini),
        )  # fmt: skip
        self.targets = {target.key: target for target in targets}
        time.sleep(0.5)  # let start-up garbage settle before reading idle memory
        for name, process in (("floor", floor), ("switchboard", switchboard)):
            self.facts[f"{name}_idle_rss_kb"] = process.memory_kb("VmRSS")
            self.facts[f"{name}_uvloop"] = process.maps_contain("uvloop/loop.")
            self.facts[f"{name}_aiohttp_c_parser"] = process.maps_contain("aiohttp/_http_parser")
        self._switchboard, self._floor = switchboard, floor
        self._write_payloads()

    def _start_switchboard(self, ports: dict[str, int]) -> Process:
        home = self.work / "home"
        config_dir = self.work / "config"
        config_dir.mkdir(parents=True)
        config = config_dir / "config.toml"
        config.write_text(_config_toml(ports))
        token_file = config_dir / "local-token"
        token_file.write_text(TOKEN + "\n")
        token_file.chmod(0o600)
        env = dict(os.environ)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local/state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_DATA_HOME=str(home / ".local/share"),
            # No keyring: the local token comes from the file written above.
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            BENCH_UPSTREAM_KEY=UPSTREAM_KEY,
        )
        argv = python("app", "--config", str(config), "serve", "--port", "0", "--no-log-file")
        return self._spawn(
            "switchboard", argv, cpu=self.placement.proxy_cpu, env=env, cwd=self.app_root
        )

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    # Requests ----------------------------------------------------------------------------------

    def _write_payloads(self) -> None:
        large = orjson.loads((DATA / "claude_code_request.json").read_bytes())
        bodies = {"large": large, "small": TINY_BODY}
        claude_headers = orjson.loads((DATA / "claude_code_headers.json").read_bytes())
        claude_headers["x-api-key"] = TOKEN
        config = Config.model_validate(
            {"providers": [{"name": "chat", "kind": "openai-chat", "base_url": "http://x/v1"}]}
        )
        quirks = chat_quirks(config.providers[0], CHAT_MODEL)
        chat_headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {UPSTREAM_KEY}",
        }
        for target in self.targets.values():
            for body_name, body in bodies.items():
                for stream in (False, True):
                    anthropic_body = {**body, "stream": stream}
                    if target.wire == "chat":
                        chat = to_chat_request(
                            anthropic_body, model=CHAT_MODEL, quirks=quirks, stream=stream
                        )
                        accept = "text/event-stream" if stream else "application/json"
                        headers = {**chat_headers, "Accept": accept}
                        data = _http_request(target.port, target.path, headers, orjson.dumps(chat))
                    else:
                        data = _http_request(
                            target.port, target.path, claude_headers, orjson.dumps(anthropic_body)
                        )
                    file = self.work / f"request-{target.key}-{body_name}-{stream}.http"
                    file.write_bytes(data)
                    self._payloads[target.key, body_name, stream] = file
        self.facts["large_body_bytes"] = len(orjson.dumps(large))
        self.facts["large_body_tools"] = len(large["tools"])
        self.facts["large_body_messages"] = len(large["messages"])

    def _control(self, target: Target, action: str, data: dict[str, Any]) -> dict[str, Any]:
        """Talk to the target's upstream (pacing, connection count)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{target.upstream.port}/_bench/{action}",
            data=orjson.dumps(data),
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            answer: dict[str, Any] = orjson.loads(response.read())
        return answer

    def run(self, target: Target, scenario: Scenario) -> dict[str, Any]:
        assert self._loadgen is not None
        sizes = self.sizes
        command: dict[str, Any] = {
            "op": "run",
            "port": target.port,
            "payload": str(self._payloads[target.key, scenario.body, scenario.stream]),
            "check": target.wire + ("-stream" if scenario.stream else ""),
            "clients": scenario.clients,
            "requests": sizes.paced_requests if scenario.paced else sizes.requests,
            "warmup": 2 if scenario.clients > 1 or scenario.paced else sizes.warmup,
            "seconds": sizes.seconds,
        }
        if scenario.paced:
            self._control(target, "pace", {"gap_ms": sizes.pace_gap_ms})
        watched = {
            "proxy": target.proxy,
            "upstream": target.upstream.process,
            "loadgen": self._loadgen,
        }
        closed = self._control(target, "stats", {})["closed"]
        before = {name: p.cpu_ns() for name, p in watched.items() if p is not None}
        assert self._loadgen.popen.stdin is not None and self._loadgen.popen.stdout is not None
        self._loadgen.popen.stdin.write(orjson.dumps(command) + b"\n")
        self._loadgen.popen.stdin.flush()
        line = self._loadgen.popen.stdout.readline()
        if not line:
            raise BenchError(f"the load generator died:\n{self._loadgen.log.read_text()[-2000:]}")
        result: dict[str, Any] = orjson.loads(line)
        sent = max(result["sent"], 1)
        if target.proxy is not None:
            closed = self._control(target, "stats", {})["closed"] - closed
            result["upstream_closed_per_100"] = closed * 100 / sent
        for name, process in watched.items():
            if process is not None:
                used_ns = process.cpu_ns() - before[name]
                result[f"{name}_cpu_us_per_request"] = used_ns / sent / 1000
                result[f"{name}_cpu_busy"] = used_ns / 1e9 / max(result["seconds"], 1e-9)
        if scenario.paced:
            self._control(target, "pace", {"gap_ms": 0})
            if target.proxy is not None:
                per_event = result["proxy_cpu_us_per_request"] / target.upstream.events
                result["proxy_cpu_us_per_event"] = per_event
        return result

    def run_all(self) -> dict[str, dict[str, dict[str, Any]]]:
        results: dict[str, dict[str, dict[str, Any]]] = {}
        for scenario in SCENARIOS:
            rounds = self.sizes.rounds if scenario.clients == 1 and not scenario.paced else 1
            runs: dict[str, list[dict[str, Any]]] = {}
            for _ in range(rounds):
                for target in self.targets.values():
                    if not (scenario.paced and target.proxy is None):
                        runs.setdefault(target.key, []).append(self.run(target, scenario))
            results[scenario.key] = {}
            for key, outcomes in runs.items():
                kept = min(outcomes, key=_disturbance)
                kept["errors"] = sum(outcome["errors"] for outcome in outcomes)  # all rounds'
                kept["error_samples"] = [s for o in outcomes for s in o["error_samples"]][:5]
                results[scenario.key][key] = kept
        for name, process in (("floor", self._floor), ("switchboard", self._switchboard)):
            self.facts[f"{name}_peak_rss_kb"] = process.memory_kb("VmHWM")
            self.facts[f"{name}_end_rss_kb"] = process.memory_kb("VmRSS")
        self._count_tokens()
        return results

    def _count_tokens(self) -> None:
        """One count_tokens call (Claude Code makes them): its latency, and what the local
        tokenizer it loads adds to resident memory. After the peak reading on purpose."""
        target = self.targets["sb-chat"]
        body = orjson.loads((DATA / "claude_code_request.json").read_bytes())
        request = urllib.request.Request(
            f"http://127.0.0.1:{target.port}{target.path.split('?')[0]}/count_tokens",
            data=orjson.dumps({k: body[k] for k in ("model", "system", "tools", "messages")}),
            headers={"Content-Type": "application/json", "x-api-key": TOKEN},
            method="POST",
        )
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                count = orjson.loads(response.read())["input_tokens"]
            timings.append((time.perf_counter() - started) * 1000)
            if type(count) is not int or count < 1000:
                raise BenchError(f"count_tokens answered {count!r} for the Claude Code body")
        self.facts["count_tokens_ms"] = timings
        self.facts["switchboard_rss_after_count_tokens_kb"] = self._switchboard.memory_kb("VmRSS")
