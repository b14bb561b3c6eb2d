"""The bench's Markdown: figures side by side, overhead ratios, and the performance targets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

Results = dict[str, dict[str, dict[str, Any]]]

COLUMNS = (
    "direct-anthropic",
    "floor",
    "sb-anthropic",
    "direct-chat",
    "sb-chat",
    "sb-responses",
    "sb-gemini",
)
HEADINGS = {
    "direct-anthropic": "direct (Anthropic upstream)",
    "floor": "floor: aiohttp pass-through",
    "sb-anthropic": "Switchboard anthropic",
    "direct-chat": "direct (Chat upstream)",
    "sb-chat": "Switchboard openai-chat",
    "sb-responses": "Switchboard openai-responses",
    "sb-gemini": "Switchboard gemini",
}
PROXIES = ("floor", "sb-anthropic", "sb-chat")
BASELINE = {
    "floor": "direct-anthropic",
    "sb-anthropic": "direct-anthropic",
    "sb-chat": "direct-chat",
}


def _number(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


def _pair(stats: dict[str, float] | None) -> str:
    if stats is None:
        return "-"
    return f"{_number(stats['p50'])} / {_number(stats['p99'])}"


def _cell(results: Results, scenario: str, target: str) -> dict[str, Any] | None:
    return results.get(scenario, {}).get(target)


def _row(label: str, values: list[str]) -> str:
    return "| " + " | ".join([label, *values]) + " |"


def _figures(results: Results, facts: dict[str, Any]) -> list[str]:
    def per_target(scenario: str, render: Any) -> list[str]:
        cells = []
        for target in COLUMNS:
            cell = _cell(results, scenario, target)
            cells.append("-" if cell is None else render(cell))
        return cells

    def rss(target: str) -> str:
        name = {
            "floor": "floor",
            **dict.fromkeys(
                ("sb-anthropic", "sb-chat", "sb-responses", "sb-gemini"), "switchboard"
            ),
        }
        if target not in name:
            return "-"
        key = name[target]
        idle, peak = facts.get(f"{key}_idle_rss_kb"), facts.get(f"{key}_peak_rss_kb")
        if idle is None or peak is None:
            return "-"
        return f"{idle / 1024:.0f} / {peak / 1024:.0f}"

    def connections(target: str) -> str:
        cells = [_cell(results, scenario, target) for scenario in ("c64", "paced")]
        values = [c.get("upstream_closed_per_100") if c else None for c in cells]
        if any(value is None for value in values):
            return "-"
        return " / ".join(f"{value:.0f}" for value in values)

    def proxy_cpu_ms(cell: dict[str, Any]) -> str:
        value = cell.get("proxy_cpu_us_per_request")
        return "-" if value is None else _number(value / 1000, 3)

    errors = []
    for target in COLUMNS:
        count = sum(
            _cell(results, s, target)["errors"] for s in results if _cell(results, s, target)
        )
        errors.append(str(count))
    lines = [
        _row("", [HEADINGS[target] for target in COLUMNS]),
        _row("---", ["---:"] * len(COLUMNS)),
        _row(
            "tiny body, non-stream: latency p50 / p99 ms",
            per_target("small", lambda c: _pair(c["latency_ms"])),
        ),
        _row(
            "Claude Code body, non-stream: latency p50 / p99 ms",
            per_target("large", lambda c: _pair(c["latency_ms"])),
        ),
        _row(
            "stream: time to first byte p50 / p99 ms",
            per_target("stream", lambda c: _pair(c["ttfb_ms"])),
        ),
        _row("stream: total p50 / p99 ms", per_target("stream", lambda c: _pair(c["latency_ms"]))),
        _row("64 clients, non-stream: req/s", per_target("c64", lambda c: _number(c["rps"], 0))),
        _row(
            "64 clients, non-stream: latency p50 / p99 ms",
            per_target("c64", lambda c: _pair(c["latency_ms"])),
        ),
        _row("64 clients, stream: req/s", per_target("c64-stream", lambda c: _number(c["rps"], 0))),
        _row(
            "64 clients, stream: latency p50 / p99 ms",
            per_target("c64-stream", lambda c: _pair(c["latency_ms"])),
        ),
        _row("proxy CPU per request, sequential non-stream, ms", per_target("large", proxy_cpu_ms)),
        _row("proxy CPU per request, 64 clients non-stream, ms", per_target("c64", proxy_cpu_ms)),
        _row("proxy CPU per request, sequential stream, ms", per_target("stream", proxy_cpu_ms)),
        _row(
            "proxy CPU per upstream event, paced stream, µs",
            per_target("paced", lambda c: _number(c.get("proxy_cpu_us_per_event"), 1)),
        ),
        _row(
            "proxy CPU busy, 64 clients non-stream",
            per_target(
                "c64", lambda c: f"{c['proxy_cpu_busy']:.0%}" if "proxy_cpu_busy" in c else "-"
            ),
        ),
        _row(
            "load side CPU (load generator + upstream) per request, 64 clients non-stream, ms",
            per_target(
                "c64",
                lambda c: _number(
                    (c["loadgen_cpu_us_per_request"] + c["upstream_cpu_us_per_request"]) / 1000, 3
                ),
            ),
        ),
        _row(
            "upstream connections closed per 100 requests, 64 clients / paced stream",
            [connections(target) for target in COLUMNS],
        ),
        _row("proxy RSS idle / peak, MB", [rss(target) for target in COLUMNS]),
        _row("errors (all scenarios)", errors),
    ]
    return lines


def _added(results: Results, scenario: str, target: str, field: str, quantile: str) -> float | None:
    cell, base = _cell(results, scenario, target), _cell(results, scenario, BASELINE[target])
    if cell is None or base is None:
        return None
    return float(cell[field][quantile] - base[field][quantile])


def _throughput(results: Results, scenario: str, target: str) -> float | None:
    cell, floor = _cell(results, scenario, target), _cell(results, scenario, "floor")
    if cell is None or floor is None or not floor["rps"]:
        return None
    return float(cell["rps"] / floor["rps"])


def _ratios(results: Results) -> list[str]:
    def added(scenario: str, field: str) -> list[str]:
        return [
            f"{_number(_added(results, scenario, t, field, 'p50'))} / "
            f"{_number(_added(results, scenario, t, field, 'p99'))}"
            for t in PROXIES
        ]

    def share(scenario: str) -> list[str]:
        values = [_throughput(results, scenario, t) for t in PROXIES]
        return ["-" if v is None else f"{v:.0%}" for v in values]

    return [
        _row("added over direct (p50 / p99, ms)", [HEADINGS[t] for t in PROXIES]),
        _row("---", ["---:"] * len(PROXIES)),
        _row("tiny body, non-stream", added("small", "latency_ms")),
        _row("Claude Code body, non-stream", added("large", "latency_ms")),
        _row("stream, time to first byte", added("stream", "ttfb_ms")),
        _row("stream, total", added("stream", "latency_ms")),
        _row("64 clients non-stream: throughput / floor's", share("c64")),
        _row("64 clients stream: throughput / floor's", share("c64-stream")),
    ]


@dataclass(frozen=True)
class Check:
    name: str
    value: float | None
    limit: float
    unit: str
    higher_is_better: bool = False

    @property
    def met(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def row(self) -> str:
        shown = "-" if self.value is None else f"{self.value:.3g} {self.unit}"
        bound = ("≥ " if self.higher_is_better else "≤ ") + f"{self.limit:g} {self.unit}"
        if self.met:
            verdict = "met"
        elif self.value is None:
            verdict = "not measured"
        else:
            verdict = f"MISSED by {abs(self.value - self.limit):.3g} {self.unit}"
        return _row(self.name, [shown, bound, verdict])


def checks(results: Results, facts: dict[str, Any], micro: dict[str, float]) -> list[Check]:
    seq = _cell(results, "large", "sb-chat")
    peak = facts.get("switchboard_peak_rss_kb")
    tray: dict[str, float] = facts.get("tray") or {}
    per_event = max(micro["stream_text_us_per_event"], micro["stream_tool_us_per_event"])
    gemini_per_event = max(
        micro["gemini_stream_text_us_per_event"], micro["gemini_stream_tool_us_per_event"]
    )
    responses_per_event = max(
        micro["responses_stream_text_us_per_event"], micro["responses_stream_tool_us_per_event"]
    )
    share = _throughput(results, "c64", "sb-chat")
    errors = sum(cell["errors"] for scenario in results.values() for cell in scenario.values())
    return [
        Check(
            "added latency p50, non-stream",
            _added(results, "large", "sb-chat", "latency_ms", "p50"),
            1.0,
            "ms",
        ),
        Check(
            "added latency p99, non-stream",
            _added(results, "large", "sb-chat", "latency_ms", "p99"),
            5.0,
            "ms",
        ),
        Check(
            "added time to first byte p50, stream",
            _added(results, "stream", "sb-chat", "ttfb_ms", "p50"),
            1.5,
            "ms",
        ),
        Check("translation cost per stream event (micro-benchmark)", per_event, 20.0, "µs"),
        Check(
            "Responses translation cost per stream event / Chat Completions'",
            responses_per_event / per_event,
            1.5,
            "x",
        ),
        Check(
            "Gemini translation cost per stream event / Chat Completions'",
            gemini_per_event / per_event,
            1.5,
            "x",
        ),
        Check(
            "proxy CPU per request, non-stream",
            None if seq is None else seq["proxy_cpu_us_per_request"] / 1000,
            1.0,
            "ms",
        ),
        Check(
            "64-client throughput / floor's, non-stream",
            None if share is None else share * 100,
            70.0,
            "%",
            higher_is_better=True,
        ),
        Check("errors, all scenarios and targets", float(errors), 0.0, ""),
        Check("headless proxy peak RSS", None if peak is None else peak / 1024, 80.0, "MB"),
        Check("tray app: start to icon (offscreen)", tray.get("time_to_icon_s"), 2.0, "s"),
        Check("tray app: idle RSS", tray.get("idle_rss_mb"), 150.0, "MB"),
    ]


def render(results: Results, facts: dict[str, Any], micro: dict[str, float]) -> str:
    meta = [
        f"- {facts['mode']} run, {facts['date']}, commit `{facts['commit']}`",
        f"- machine: {facts['machine']}",
        f"- load average before / after: {facts['load_before']} / {facts['load_after']} "
        "(after includes the bench's own 1-2 busy processes)",
        f"- CPU placement: {facts['placement']}",
        f"- event loop: Switchboard uvloop {'yes' if facts['switchboard_uvloop'] else 'NO'}, "
        f"floor uvloop {'yes' if facts['floor_uvloop'] else 'NO'}; aiohttp C parser: "
        f"{'yes' if facts['switchboard_aiohttp_c_parser'] else 'NO'}",
        f"- request: Claude Code body {facts['large_body_bytes'] / 1024:.1f} KiB "
        f"({facts['large_body_tools']} tools, {facts['large_body_messages']} messages); "
        f"answer: {facts['answer']}",
        f"- sizes: {facts['sizes']}",
        f"- count_tokens (local tokenizer) on the Claude Code body: first call "
        f"{facts['count_tokens_ms'][0]:.0f} ms, next {facts['count_tokens_ms'][1]:.1f} ms; "
        f"Switchboard RSS after it: "
        f"{facts['switchboard_rss_after_count_tokens_kb'] / 1024:.0f} MB",
    ]
    micro_lines = [
        f"- stream, text deltas: {micro['stream_text_us_per_event']:.1f} µs/event; "
        f"tool-call argument deltas: {micro['stream_tool_us_per_event']:.1f} µs/event "
        "(SSEDecoder + orjson + ChatStreamTranslator + encode_event)",
        f"- request translation (to_chat_request + orjson.dumps, Claude Code body): "
        f"{micro['request_translation_us']:.0f} µs; whole-answer translation "
        f"(to_anthropic_message + orjson.dumps): {micro['response_translation_us']:.0f} µs",
        f"- Responses, the same answer: text deltas "
        f"{micro['responses_stream_text_us_per_event']:.1f} µs/event; tool-call argument deltas "
        f"{micro['responses_stream_tool_us_per_event']:.1f} µs/event "
        "(SSEDecoder + orjson + ResponsesStreamTranslator + encode_event); the whole streamed "
        f"answer {micro['responses_stream_tool_us_per_answer']:.0f} µs "
        f"({micro['responses_stream_events']:.0f} upstream events) against Chat's "
        f"{micro['chat_stream_tool_us_per_answer']:.0f} µs ({micro['stream_events']:.0f} events); "
        "request translation (to_responses_request + orjson.dumps) "
        f"{micro['responses_request_translation_us']:.0f} µs; whole answer "
        f"{micro['responses_response_translation_us']:.0f} µs",
        f"- Gemini (native), the same answer: stream text deltas "
        f"{micro['gemini_stream_text_us_per_event']:.1f} µs/event, with the function call "
        f"{micro['gemini_stream_tool_us_per_event']:.1f} µs/event (SSEDecoder + orjson + "
        f"GeminiStreamTranslator + encode_event); request translation (to_gemini_request + "
        f"orjson.dumps) {micro['gemini_request_translation_us']:.0f} µs; whole answer "
        f"{micro['gemini_response_translation_us']:.0f} µs",
    ]
    target_lines = [
        _row("target (Switchboard openai-chat)", ["measured", "target", "verdict"]),
        _row("---", ["---:", "---:", "---"]),
    ]
    target_lines += [check.row() for check in checks(results, facts, micro)]
    return "\n".join(
        [
            "### Setup",
            *meta,
            "",
            "### Figures",
            *_figures(results, facts),
            "",
            "### Overhead",
            *_ratios(results),
            "",
            "### Translation micro-benchmark",
            *micro_lines,
            "",
            "### Targets",
            *target_lines,
            "",
        ]
    )
