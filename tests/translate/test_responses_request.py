"""Anthropic request → Responses request: each case is what the strict validator (the official
SDK's types) accepts, and what the model must see."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.errors import InvalidRequest
from app.translate.carrier import carry
from app.translate.quirks import ResponsesQuirks
from app.translate.responses_request import reasoning_signature, to_responses_request
from tests.support.responses_strict import validate_responses_request

PLAIN = ResponsesQuirks()
REASONING = ResponsesQuirks(reasoning=True, max_output_tokens=128_000)
CODEX = ResponsesQuirks(
    reasoning=True,
    stream_only=True,
    drop_fields=frozenset({"temperature", "top_p", "max_output_tokens", "metadata"}),
    count_endpoint=False,
    default_instructions="Be helpful.",
)
FIXTURES = Path(__file__).parents[1] / "data" / "claude_code"


def translate(body: dict[str, Any], quirks: ResponsesQuirks = PLAIN, **kw: Any) -> dict[str, Any]:
    kw.setdefault("stream", False)
    request = dict(to_responses_request(body, model="gpt-up", quirks=quirks, source="oa", **kw))
    validate_responses_request(request, codex=quirks.stream_only)
    return request


def user(text: str) -> dict[str, Any]:
    return {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}


def test_system_becomes_instructions_without_the_billing_line() -> None:
    body = {
        "system": [
            {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.330; cch=9;"},
            {"type": "text", "text": "You are Claude Code."},
            {"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}},
        ],
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 32000,
    }
    request = translate(body)
    assert request["instructions"] == "You are Claude Code.\n\nBe brief."
    assert request["input"] == [user("hi")]
    assert request["store"] is False
    assert request["max_output_tokens"] == 32000
    assert "reasoning" not in request and "include" not in request  # not a reasoning model


def test_tool_history_in_call_order_before_the_user_text_of_the_turn() -> None:
    body = {
        "messages": [
            {"role": "user", "content": "run both"},
            {
                "role": "assistant",
                "content": [
                    {"type": "text", "text": "Running."},
                    {
                        "type": "tool_use",
                        "id": "toolu_1",
                        "name": "Bash",
                        "input": {"command": "a"},
                    },
                    {"type": "tool_use", "id": "call_2", "name": "Bash", "input": {"command": "b"}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "call_2", "content": "B"},
                    {
                        "type": "tool_result",
                        "tool_use_id": "toolu_1",
                        "content": [{"type": "text", "text": "boom"}],
                        "is_error": True,
                    },
                    {"type": "text", "text": "and now?"},
                ],
            },
        ]
    }
    assert translate(body)["input"] == [
        user("run both"),
        {"type": "message", "role": "assistant", "content": "Running."},
        {
            "type": "function_call",
            "call_id": "toolu_1",
            "name": "Bash",
            "arguments": '{"command":"a"}',
        },
        {
            "type": "function_call",
            "call_id": "call_2",
            "name": "Bash",
            "arguments": '{"command":"b"}',
        },
        {"type": "function_call_output", "call_id": "toolu_1", "output": "Error: boom"},
        {"type": "function_call_output", "call_id": "call_2", "output": "B"},
        user("and now?"),
    ]


def test_a_call_without_result_gets_one_and_images_in_results_stay_images() -> None:
    png = {"type": "base64", "media_type": "image/png", "data": "AAAA"}
    body = {
        "messages": [
            {"role": "user", "content": "look"},
            {
                "role": "assistant",
                "content": [
                    {"type": "tool_use", "id": "a", "name": "Read", "input": {}},
                    {"type": "tool_use", "id": "b", "name": "Read", "input": {}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {
                        "type": "tool_result",
                        "tool_use_id": "a",
                        "content": [
                            {"type": "text", "text": "pic:"},
                            {"type": "image", "source": png},
                        ],
                    }
                ],
            },
        ]
    }
    items = translate(body)["input"]
    assert items[3] == {
        "type": "function_call_output",
        "call_id": "a",
        "output": [
            {"type": "input_text", "text": "pic:"},
            {"type": "input_image", "image_url": "data:image/png;base64,AAAA", "detail": "auto"},
        ],
    }
    assert items[4]["call_id"] == "b" and "no result" in items[4]["output"]


def test_tools_are_flat_functions_with_strict_false_and_tool_choice_maps() -> None:
    body = {
        "messages": [{"role": "user", "content": "x"}],
        "tools": [
            {
                "name": "Bash",
                "description": "Run",
                "input_schema": {"$schema": "x", "type": "object", "properties": {}},
            },
            {"name": "mcp__srv__a.b", "input_schema": {"type": "object"}},
            {"name": "DeferredToolPlaceholder", "defer_loading": True, "input_schema": {}},
            {"type": "web_search_20250305", "name": "web_search"},
        ],
        "tool_choice": {"type": "tool", "name": "Bash", "disable_parallel_tool_use": True},
    }
    request = translate(body)
    assert request["tools"][0] == {
        "type": "function",
        "name": "Bash",
        "parameters": {"type": "object", "properties": {}},
        "strict": False,
        "description": "Run",
    }
    assert request["tools"][1]["name"].startswith("mcp__srv__a_b_")  # a name the API accepts
    assert len(request["tools"]) == 2
    assert request["tool_choice"] == {"type": "function", "name": "Bash"}
    assert request["parallel_tool_calls"] is False
    for kind, expected in (("auto", "auto"), ("any", "required"), ("none", "none")):
        assert translate({**body, "tool_choice": {"type": kind}})["tool_choice"] == expected


def test_empty_tools_are_left_out() -> None:
    request = translate({"messages": [{"role": "user", "content": "x"}], "tools": []})
    assert "tools" not in request and "tool_choice" not in request


SHOWN = {"type": "adaptive", "display": "updates"}


@pytest.mark.parametrize(
    ("extra", "reasoning"),
    [
        (
            {"thinking": SHOWN, "output_config": {"effort": "low"}},
            {"summary": "auto", "effort": "low"},
        ),
        (
            {"thinking": SHOWN, "output_config": {"effort": "max"}},
            {"summary": "auto", "effort": "high"},
        ),
        (
            {"thinking": {"type": "enabled", "budget_tokens": 2000}},
            {"summary": "auto", "effort": "low"},
        ),
        (
            {"thinking": {"type": "enabled", "budget_tokens": 10000}},
            {"summary": "auto", "effort": "medium"},
        ),
        (
            {"thinking": {"type": "enabled", "budget_tokens": 50000}},
            {"summary": "auto", "effort": "high"},
        ),
        ({"thinking": {"type": "adaptive"}}, {"summary": "auto"}),
        # Claude Code will not show it (-p runs), or did not ask (title, classifier calls):
        (
            {
                "thinking": {"type": "adaptive", "display": "omitted"},
                "output_config": {"effort": "medium"},
            },
            {"effort": "medium"},
        ),
        ({"output_config": {"effort": "high"}}, {"effort": "high"}),
        ({}, {}),
    ],
)
def test_reasoning_effort_and_summaries_follow_what_claude_code_asks(
    extra: dict[str, Any], reasoning: dict[str, str]
) -> None:
    request = translate({"messages": [{"role": "user", "content": "x"}], **extra}, REASONING)
    assert request.get("reasoning", {}) == reasoning
    assert request["include"] == ["reasoning.encrypted_content"] and request["store"] is False


def test_sampling_parameters_only_for_models_that_take_them() -> None:
    body = {"messages": [{"role": "user", "content": "x"}], "temperature": 1, "top_p": 0.5}
    assert translate(body)["temperature"] == 1.0
    assert "temperature" not in translate(body, REASONING)


def test_json_schema_output_format_goes_to_text_format() -> None:
    schema = {"$schema": "x", "type": "object", "properties": {"title": {"type": "string"}}}
    body = {
        "messages": [{"role": "user", "content": "x"}],
        "output_config": {"format": {"type": "json_schema", "schema": schema}},
    }
    fmt = translate(body)["text"]["format"]
    assert fmt["type"] == "json_schema" and fmt["strict"] is False
    assert fmt["schema"] == {"type": "object", "properties": {"title": {"type": "string"}}}


def test_carried_reasoning_of_this_provider_goes_back_in_place() -> None:
    signature = reasoning_signature("oa", "rs_9", "gAAAA:enc/+=")
    body = {
        "messages": [
            {"role": "user", "content": "q"},
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "Let me see.", "signature": signature},
                    {"type": "tool_use", "id": "c1", "name": "Bash", "input": {}},
                ],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "c1", "content": "ok"}],
            },
        ]
    }
    items = translate(body, REASONING)["input"]
    assert items[1] == {
        "type": "reasoning",
        "id": "rs_9",
        "summary": [{"type": "summary_text", "text": "Let me see."}],
        "encrypted_content": "gAAAA:enc/+=",
    }
    assert items[2]["type"] == "function_call"


@pytest.mark.parametrize(
    "signature",
    [
        "EqQBCkYIBxgCKkB1c2VyLXNpZ25lZA==",  # Anthropic's own
        carry("gemini", "oa", "sig"),  # another dialect
        reasoning_signature("other-provider", "rs_1", "enc"),  # another provider
        carry("openai-responses", "oa", "no-separator"),  # damaged
        "",
    ],
)
def test_thinking_this_upstream_cannot_read_is_dropped(signature: str) -> None:
    body = {
        "messages": [
            {"role": "user", "content": "q"},
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": "t", "signature": signature},
                    {"type": "redacted_thinking", "data": "xyz"},
                    {"type": "text", "text": "A."},
                ],
            },
            {"role": "user", "content": "more"},
        ]
    }
    assert [i["type"] for i in translate(body, REASONING)["input"]] == ["message"] * 3


def test_system_messages_in_the_history_fold_into_the_user_turn() -> None:
    body = {
        "messages": [
            {"role": "user", "content": "hi"},
            {"role": "system", "content": "env: linux"},
        ]
    }
    text = translate(body)["input"][0]["content"][1]["text"]
    assert text == "<system-reminder>\nenv: linux\n</system-reminder>"


def test_images_without_vision_become_a_note() -> None:
    png = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "A"}}
    body = {"messages": [{"role": "user", "content": [png]}]}
    part = translate(body, ResponsesQuirks(vision=False))["input"][0]["content"][0]
    assert part["type"] == "input_text" and "does not accept images" in part["text"]


def test_documents_go_as_file_parts_also_inside_tool_results() -> None:
    pdf = {
        "type": "document",
        "title": "spec.pdf",
        "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"},
    }
    text_doc = {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": "hi"},
    }
    linked = {"type": "document", "source": {"type": "url", "url": "https://x.test/a.pdf"}}
    body = {
        "messages": [
            {"role": "user", "content": [pdf, text_doc, linked]},
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "r", "name": "Read", "input": {}}],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "r", "content": [pdf]}],
            },
        ]
    }
    items = translate(body)["input"]
    file_part = {
        "type": "input_file",
        "filename": "spec.pdf",
        "file_data": "data:application/pdf;base64,JVBERi0x",
    }
    assert items[0]["content"] == [
        file_part,
        {"type": "input_text", "text": "hi"},
        {"type": "input_file", "file_url": "https://x.test/a.pdf"},
    ]
    assert items[2]["output"] == [file_part]
    with pytest.raises(InvalidRequest, match="document source"):
        translate({"messages": [{"role": "user", "content": [{"type": "document", "source": {}}]}]})


def test_codex_flavour_streams_and_drops_what_the_backend_refuses() -> None:
    body = {
        "system": "Be brief.",
        "messages": [{"role": "user", "content": "x"}],
        "max_tokens": 1000,
        "temperature": 0.2,
        "metadata": {"user_id": "{}"},
    }
    request = translate(body, CODEX, stream=False)
    assert request["stream"] is True and request["store"] is False
    assert request["instructions"] == "Be brief."
    del body["system"]
    assert translate(body, CODEX)["instructions"] == "Be helpful."  # the backend requires them
    assert not {"max_output_tokens", "temperature", "metadata"} & set(request)


def test_bad_requests_are_invalid_request_errors() -> None:
    with pytest.raises(InvalidRequest):
        translate({"messages": "nope"})
    with pytest.raises(InvalidRequest):
        translate({"messages": [{"role": "robot", "content": "x"}]})
    with pytest.raises(InvalidRequest):
        translate({"messages": [{"role": "assistant", "content": [{"type": "tool_use"}]}]})


CAPTURES = sorted(p for p in FIXTURES.glob("*.json") if not p.stem.endswith("count_tokens"))


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("quirks", [REASONING, CODEX], ids=["openai", "codex"])
def test_every_captured_claude_code_request_translates_to_a_valid_request(
    path: Path, quirks: ResponsesQuirks
) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))["body"]
    request = translate(body, quirks, stream=body.get("stream") is True)
    tools = [
        t for t in body.get("tools") or () if not t.get("defer_loading") and "input_schema" in t
    ]
    assert len(request.get("tools", [])) == len(tools)


def test_the_claude_code_session_is_the_prompt_cache_key() -> None:
    session = "c74ab153-7ce3-4721-a4a6-2ec7fc3ee530"
    user_id = json.dumps({"device_id": "d" * 64, "account_uuid": "", "session_id": session})
    body: dict[str, Any] = {
        "messages": [{"role": "user", "content": "x"}],
        "metadata": {"user_id": user_id},
    }
    assert translate(body)["prompt_cache_key"] == session
    assert translate(body, CODEX)["prompt_cache_key"] == session  # the Codex CLI sends one too
    for user_id in ("plain-user", "{not json", json.dumps({"session_id": "x" * 65})):
        body["metadata"] = {"user_id": user_id}
        assert "prompt_cache_key" not in translate(body)


def test_reasoning_without_the_answer_it_led_to_is_not_sent() -> None:
    """A turn cut after its reasoning (max tokens): the API refuses a lone reasoning item."""
    signature = reasoning_signature("oa", "rs_cut", "enc")
    body = {
        "messages": [
            {"role": "user", "content": "q"},
            {
                "role": "assistant",
                "content": [{"type": "thinking", "thinking": "", "signature": signature}],
            },
            {"role": "user", "content": "go on"},
        ]
    }
    assert [i["type"] for i in translate(body, REASONING)["input"]] == ["message", "message"]


def test_a_system_message_between_a_call_and_its_result_waits_for_the_output() -> None:
    body = {
        "messages": [
            {"role": "user", "content": "run"},
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": "c1", "name": "Bash", "input": {}}],
            },
            {"role": "system", "content": "a reminder"},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "c1", "content": "ok"}],
            },
        ]
    }
    items = translate(body)["input"]
    assert [i["type"] for i in items] == [
        "message",
        "function_call",
        "function_call_output",
        "message",
    ]
    assert items[2]["output"] == "ok"
    assert "a reminder" in items[3]["content"][0]["text"]


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"system": [{"type": "text", "text": 5}]}, "the text block's `text` must be a string"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": ["x"]}]}]},
            "the text block's `text` must be a string",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "document", "source": 3}]}]},
            "the document block needs a `source`",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "image", "source": "x"}]}]},
            "the image block needs a `source`",
        ),
        ({"output_config": "high"}, "`output_config` must be an object"),
    ],
)
def test_wrong_types_are_invalid_requests(fields: dict[str, Any], fragment: str) -> None:
    """A wrong type is the request's fault, refused on purpose: never a crash (a 500)."""
    body = {"max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}], **fields}
    with pytest.raises(InvalidRequest, match=re.escape(fragment)):
        translate(body, ResponsesQuirks(vision=True))
