"""The strict Responses validator refuses what the real API refuses: the loopback upstream is
only as good a check as this."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.responses_strict import validate_responses_request

USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}
CALL = {"type": "function_call", "call_id": "c1", "name": "Bash", "arguments": "{}"}
OUTPUT = {"type": "function_call_output", "call_id": "c1", "output": "ok"}
TOOL = {"type": "function", "name": "Bash", "parameters": {"type": "object"}, "strict": False}
GOOD: dict[str, Any] = {
    "model": "m",
    "input": [USER, CALL, OUTPUT],
    "tools": [TOOL],
    "store": False,
}


def test_a_good_request_passes() -> None:
    validate_responses_request(GOOD)
    validate_responses_request({**GOOD, "stream": True, "instructions": "x"}, codex=True)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"messages": [USER]}, "messages"),  # Chat-shaped body
        ({"max_tokens": 10}, "max_tokens"),
        ({"stop": ["x"]}, "stop"),
        ({"tools": [{"type": "function", "function": {"name": "Bash", "parameters": {}}}]}, "name"),
        ({"tools": [{**TOOL, "strict": True}]}, "strict"),
        ({"tools": [{**TOOL, "name": "a.b"}]}, "does not match"),
        ({"input": [USER, CALL]}, "No tool output"),
        ({"input": [USER, OUTPUT]}, "No tool call found"),
        ({"input": [USER, {**CALL, "arguments": "[1]"}, OUTPUT]}, "JSON object"),
        ({"input": [USER, {"type": "reasoning", "id": "rs", "summary": []}]}, "following item"),
        (
            {"input": [USER, {"type": "reasoning", "id": "rs", "summary": []}, USER]},
            "following item",
        ),
        (
            {
                "input": [
                    {
                        "type": "message",
                        "role": "assistant",
                        "content": [{"type": "input_text", "text": "x"}],
                    }
                ]
            },
            "assistant",
        ),
        ({"input": [{**USER, "id": "msg_1"}]}, "id"),
        ({"tool_choice": {"type": "function", "name": "Nope"}}, "unknown tool"),
        ({"include": ["reasoning.encrypted_content"], "store": True}, "store"),
    ],
)
def test_what_the_api_refuses_is_refused(change: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        validate_responses_request({**GOOD, **change})


@pytest.mark.parametrize("field", ["temperature", "max_output_tokens", "metadata", "top_p"])
def test_codex_refuses_its_unsupported_parameters(field: str) -> None:
    body = {**GOOD, "stream": True, "instructions": "x", field: {} if field == "metadata" else 1}
    validate_responses_request(body)
    with pytest.raises(ValueError, match="Unsupported"):
        validate_responses_request(body, codex=True)


def test_codex_requires_streaming() -> None:
    with pytest.raises(ValueError, match="Stream"):
        validate_responses_request({**GOOD, "instructions": "x"}, codex=True)
