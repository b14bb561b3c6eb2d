"""to_anthropic_message: whole Chat Completions answers → Anthropic messages."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from app.errors import UpstreamProtocolError
from app.translate.chat_response import to_anthropic_message
from app.translate.quirks import ChatQuirks


def completion(
    message: dict[str, Any],
    finish: str | None = "stop",
    usage: dict[str, Any] | None = None,
    **choice: Any,
) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1763737200,
        "model": "up-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", **message},
                "finish_reason": finish,
                **choice,
            }
        ],
        "usage": usage or {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def translate(response: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    tool_ids = (f"toolu_{n}" for n in itertools.count(1))
    return to_anthropic_message(
        response,
        model="claude-test",
        quirks=kwargs.pop("quirks", ChatQuirks()),
        message_id=lambda: "msg_test",
        tool_id=lambda: next(tool_ids),
        **kwargs,
    )


def message(content: list[dict[str, Any]], stop_reason: str, **extra: Any) -> dict[str, Any]:
    usage = {"input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 0}
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": "claude-test",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": usage,
        **extra,
    }


def test_text() -> None:
    assert translate(completion({"content": "Hello!"})) == message(
        [{"type": "text", "text": "Hello!"}], "end_turn"
    )


def test_reasoning_then_text() -> None:
    answer = completion({"content": "4", "reasoning_content": "2+2"})
    assert translate(answer)["content"] == [
        {"type": "thinking", "thinking": "2+2", "signature": ""},
        {"type": "text", "text": "4"},
    ]


def test_think_tags_in_content() -> None:
    answer = completion({"content": "<think>hm</think>\n\nYes"})
    assert translate(answer, quirks=ChatQuirks(think_tags=True))["content"] == [
        {"type": "thinking", "thinking": "hm", "signature": ""},
        {"type": "text", "text": "Yes"},
    ]


def test_tool_calls_with_parsed_input() -> None:
    calls = [
        {
            "id": "call_a",
            "type": "function",
            "function": {"name": "Bash", "arguments": '{"command":"ls"}'},
        },
        {
            "id": "call_a",
            "type": "function",
            "function": {"name": "Read", "arguments": '{"file_path":"/x"}'},
        },
        {"id": "call_c", "type": "function", "function": {"name": "ListAgents", "arguments": ""}},
    ]
    answer = completion({"content": "Running.", "tool_calls": calls}, finish="tool_calls")
    assert translate(answer) == message(
        [
            {"type": "text", "text": "Running."},
            {"type": "tool_use", "id": "call_a", "name": "Bash", "input": {"command": "ls"}},
            {"type": "tool_use", "id": "toolu_1", "name": "Read", "input": {"file_path": "/x"}},
            {"type": "tool_use", "id": "call_c", "name": "ListAgents", "input": {}},
        ],
        "tool_use",
    )


def test_arguments_sent_as_an_object() -> None:
    calls = [
        {
            "id": "c",
            "type": "function",
            "function": {"name": "Bash", "arguments": {"command": "ls"}},
        }
    ]
    content = translate(completion({"content": None, "tool_calls": calls}, finish="tool_calls"))[
        "content"
    ]
    assert content == [{"type": "tool_use", "id": "c", "name": "Bash", "input": {"command": "ls"}}]


def test_invalid_arguments_are_a_protocol_error() -> None:
    calls = [
        {"id": "c", "type": "function", "function": {"name": "Bash", "arguments": '{"command": "l'}}
    ]
    with pytest.raises(UpstreamProtocolError, match="not a JSON object"):
        translate(completion({"tool_calls": calls}, finish="tool_calls"))


def test_usage_with_cached_tokens() -> None:
    usage = {
        "prompt_tokens": 1000,
        "completion_tokens": 20,
        "prompt_tokens_details": {"cached_tokens": 900},
    }
    assert translate(completion({"content": "x"}, usage=usage))["usage"] == {
        "input_tokens": 100,
        "output_tokens": 20,
        "cache_read_input_tokens": 900,
    }


@pytest.mark.parametrize(
    ("finish", "stop_reason"),
    [
        ("stop", "end_turn"),
        ("length", "max_tokens"),
        ("content_filter", "refusal"),
        ("tool_calls", "end_turn"),  # no call came: nothing for Claude Code to run
        (None, "end_turn"),
    ],
)
def test_every_finish_reason(finish: str | None, stop_reason: str) -> None:
    assert translate(completion({"content": "x"}, finish=finish))["stop_reason"] == stop_reason


def test_stop_sequence_reported_by_the_upstream() -> None:
    answer = completion({"content": "<block>no"}, stop_reason="</block>")
    out = translate(answer, stop_sequences=["</block>"])
    assert (out["stop_reason"], out["stop_sequence"]) == ("stop_sequence", "</block>")


def test_the_classifiers_stop_sequence_stripped_by_openai_comes_back() -> None:
    # Claude Code's auto-mode classifier expects "<block>no" + stop_sequence "</block>"
    answer = completion({"content": "<block>yes</block><category>x</category><block>no"})
    out = translate(answer, stop_sequences=["</block>"])
    assert (out["stop_reason"], out["stop_sequence"]) == ("stop_sequence", "</block>")
    assert out["content"] == [
        {"type": "text", "text": "<block>yes</block><category>x</category><block>no"}
    ]


def test_content_parts_are_joined() -> None:
    answer = completion({"content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]})
    assert translate(answer)["content"] == [{"type": "text", "text": "ab"}]


@pytest.mark.parametrize(
    ("response", "message_text"),
    [
        ({"error": {"message": "model not found"}}, "model not found"),
        ({"choices": []}, "no choices"),
    ],
)
def test_answers_without_choices(response: dict[str, Any], message_text: str) -> None:
    with pytest.raises(UpstreamProtocolError, match=message_text):
        translate(response)


def test_an_empty_answer_is_an_empty_message() -> None:
    out = translate(completion({"content": None}))
    assert (out["content"], out["stop_reason"]) == ([], "end_turn")
