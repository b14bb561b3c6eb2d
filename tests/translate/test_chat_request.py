"""to_chat_request: one table row per PROTOCOL.md request rule; every output must also pass the
strict Chat Completions validator."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from app.errors import InvalidRequest
from app.translate.carrier import carry
from app.translate.chat_request import dropped_server_tools, to_chat_request
from app.translate.quirks import GEMINI_SCHEMA_DROP, ChatQuirks
from tests.support.openai_strict import validate_chat_request

PNG = {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}
PNG_URL = "data:image/png;base64,iVBORw0KGgo="


def translate(
    quirks: ChatQuirks | None = None, *, stream: bool = False, **body: Any
) -> dict[str, Any]:
    request = {"model": "claude-opus-5-5", "max_tokens": 1000, **body}
    request.setdefault("messages", [{"role": "user", "content": "Hi"}])
    before = copy.deepcopy(request)
    quirks = quirks or ChatQuirks()
    out = to_chat_request(request, model="up-model", quirks=quirks, stream=stream)
    assert request == before, "to_chat_request changed its input"
    extra = set(quirks.extra_body) | {quirks.reasoning_history_field or ""}
    validate_chat_request(out, extra_fields=extra)
    return dict(out)


def tool_use(call_id: str, name: str = "Bash", **tool_input: Any) -> dict[str, Any]:
    return {"type": "tool_use", "id": call_id, "name": name, "input": tool_input}


def tool_result(call_id: str, content: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": call_id, "content": content, **extra}


def chat_call(call_id: str, name: str = "Bash", arguments: str = "{}") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def reminder(text: str) -> str:
    return f"<system-reminder>\n{text}\n</system-reminder>"


# System prompt -------------------------------------------------------------------------------


def test_system_string_becomes_the_leading_system_message() -> None:
    out = translate(system="Be brief.")
    assert out["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
    ]


def test_system_blocks_join_in_order_and_the_billing_header_is_dropped() -> None:
    system = [
        {
            "type": "text",
            "text": "x-anthropic-billing-header: cc_version=2.1.330.be0; cc_entrypoint=sdk-cli;",
        },
        {"type": "text", "text": "You are a Claude agent.", "cache_control": {"type": "ephemeral"}},
        {"type": "text", "text": "Main prompt.", "cache_control": {"type": "ephemeral"}},
    ]
    out = translate(system=system)
    # The header varies per conversation: kept at the front it would defeat prefix caches.
    assert out["messages"][0] == {
        "role": "system",
        "content": "You are a Claude agent.\n\nMain prompt.",
    }


def test_system_role_quirk() -> None:
    out = translate(ChatQuirks(system_role="developer"), system="Rules.")
    assert out["messages"][0] == {"role": "developer", "content": "Rules."}


# role "system" inside messages ---------------------------------------------------------------


def test_system_message_after_the_first_user_turn_is_folded_into_it() -> None:
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "<system-reminder>a</system-reminder>"},
                {"type": "text", "text": "Do it"},
            ],
        },
        {
            "role": "system",
            "content": [
                {"type": "text", "text": "# Environment", "cache_control": {"type": "ephemeral"}}
            ],
        },
    ]
    out = translate(messages=messages)
    assert out["messages"] == [
        {
            "role": "user",
            "content": "<system-reminder>a</system-reminder>\n\nDo it\n\n"
            + reminder("# Environment"),
        }
    ]


def test_system_message_after_tool_results_follows_the_tool_messages() -> None:
    messages = [
        {"role": "user", "content": "Run"},
        {"role": "assistant", "content": [tool_use("t1", command="ls")]},
        {"role": "user", "content": [tool_result("t1", "a.txt")]},
        {"role": "system", "content": "[Truncated: PARTIAL view]"},
    ]
    out = translate(messages=messages)
    assert out["messages"] == [
        {"role": "user", "content": "Run"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [chat_call("t1", arguments='{"command":"ls"}')],
        },
        {"role": "tool", "tool_call_id": "t1", "content": "a.txt"},
        {"role": "user", "content": reminder("[Truncated: PARTIAL view]")},
    ]


def test_system_message_between_a_call_and_its_result_waits_for_the_result() -> None:
    messages = [
        {"role": "user", "content": "Run"},
        {"role": "assistant", "content": [tool_use("t1")]},
        {"role": "system", "content": "note"},
        {"role": "user", "content": [tool_result("t1", "done"), {"type": "text", "text": "next"}]},
    ]
    out = translate(messages=messages)
    assert [m["role"] for m in out["messages"]] == ["user", "assistant", "tool", "user"]
    assert out["messages"][3]["content"] == f"{reminder('note')}\n\nnext"


def test_system_message_before_any_user_turn_opens_the_user_turn() -> None:
    out = translate(
        messages=[{"role": "system", "content": "env"}, {"role": "user", "content": "Hi"}]
    )
    assert out["messages"] == [{"role": "user", "content": f"{reminder('env')}\n\nHi"}]


# User content --------------------------------------------------------------------------------


def test_images_become_image_url_parts() -> None:
    content = [
        {"type": "text", "text": "What is this?"},
        {"type": "image", "source": PNG},
        {"type": "image", "source": {"type": "url", "url": "https://x.test/a.png"}},
    ]
    out = translate(messages=[{"role": "user", "content": content}])
    assert out["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": PNG_URL}},
                {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
            ],
        }
    ]


def test_images_for_a_model_without_vision_become_a_note() -> None:
    content = [{"type": "image", "source": PNG}, {"type": "text", "text": "Hi"}]
    out = translate(ChatQuirks(vision=False), messages=[{"role": "user", "content": content}])
    assert out["messages"][0]["content"].startswith("[image omitted")


PDF = {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK"}
NO_PDF = "the model behind this proxy cannot read PDFs]"
NO_DOCUMENT = "the model behind this proxy cannot read it]"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"source": PDF}, f"[PDF attached: {NO_PDF}"),
        ({"source": PDF, "title": "report.pdf"}, f"[PDF attached (report.pdf): {NO_PDF}"),
        ({"source": {"type": "text", "media_type": "text/plain", "data": "plain"}}, "plain"),
        (
            {"source": {"type": "text", "data": "plain"}, "title": "notes"},
            "[document: notes]\nplain",
        ),
        (
            {
                "source": {
                    "type": "content",
                    "content": [
                        {"type": "text", "text": "one"},
                        {"type": "image", "source": PNG},
                        {"type": "text", "text": "two"},
                    ],
                }
            },
            "one\n\ntwo",
        ),
        ({"source": {"type": "content", "content": "as a string"}}, "as a string"),
        (
            {"source": {"type": "url", "url": "https://x.test/a.PDF"}},
            f"[PDF attached (https://x.test/a.PDF): {NO_PDF}",
        ),
        ({"source": {"type": "file", "file_id": "file_1"}}, f"[document attached: {NO_DOCUMENT}"),
        ({"source": {"type": "text", "data": ""}}, f"[document attached: {NO_DOCUMENT}"),
        ({}, f"[document attached: {NO_DOCUMENT}"),
    ],
    ids=[
        "pdf", "pdf-title", "text", "text-title", "content", "content-string", "url-pdf",
        "file", "empty-text", "no-source",
    ],
)  # fmt: skip
def test_a_document_is_its_text_or_a_note(document: dict[str, Any], expected: str) -> None:
    """Chat Completions has no document part: never a 400 for a block the model cannot see."""
    content = [{"type": "text", "text": "Read this"}, {"type": "document", **document}]
    out = translate(messages=[{"role": "user", "content": content}])
    assert out["messages"] == [{"role": "user", "content": f"Read this\n\n{expected}"}]


def test_a_pdf_from_claude_codes_read_tool_stays_readable_history() -> None:
    """Read returns a PDF as a document block inside tool_result; every later turn of the
    session carries it in its history."""
    messages = [
        {"role": "user", "content": "Summarise spec.pdf"},
        {"role": "assistant", "content": [tool_use("r1", "Read", file_path="/w/spec.pdf")]},
        {
            "role": "user",
            "content": [
                tool_result("r1", [{"type": "document", "source": PDF}]),
                {"type": "text", "text": "go on"},
            ],
        },
        {"role": "assistant", "content": "I cannot see it."},
        {"role": "user", "content": "Then say hi"},
    ]
    out = translate(messages=messages)
    assert out["messages"][2] == {
        "role": "tool",
        "tool_call_id": "r1",
        "content": f"[PDF attached: {NO_PDF}",
    }
    assert out["messages"][3] == {"role": "user", "content": "go on"}
    assert out["messages"][-1] == {"role": "user", "content": "Then say hi"}


def test_consecutive_user_messages_merge() -> None:
    out = translate(messages=[{"role": "user", "content": "a"}, {"role": "user", "content": "b"}])
    assert out["messages"] == [{"role": "user", "content": "a\n\nb"}]


# Assistant history and tool results ----------------------------------------------------------


def test_assistant_text_and_tool_use_become_content_and_tool_calls() -> None:
    messages = [
        {"role": "user", "content": "Run"},
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "Sure."}, tool_use("t1", command="ls -la")],
        },
        {"role": "user", "content": [tool_result("t1", "total 0")]},
    ]
    out = translate(messages=messages)
    assert out["messages"][1] == {
        "role": "assistant",
        "content": "Sure.",
        "tool_calls": [chat_call("t1", arguments='{"command":"ls -la"}')],
    }


def test_parallel_results_go_back_in_call_order_before_the_user_text() -> None:
    messages = [
        {"role": "user", "content": "Go"},
        {
            "role": "assistant",
            "content": [tool_use("a"), tool_use("b", "Read"), tool_use("c", "Grep")],
        },
        # Claude Code returns parallel results in completion order.
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "Also check x"},
                tool_result("c", "C"),
                tool_result("a", "A"),
                tool_result("b", "B", cache_control={"type": "ephemeral"}),
            ],
        },
    ]
    out = translate(messages=messages)
    assert out["messages"][2:] == [
        {"role": "tool", "tool_call_id": "a", "content": "A"},
        {"role": "tool", "tool_call_id": "b", "content": "B"},
        {"role": "tool", "tool_call_id": "c", "content": "C"},
        {"role": "user", "content": "Also check x"},
    ]


def test_images_in_a_tool_result_follow_in_a_user_message() -> None:
    result = tool_result(
        "t1", [{"type": "text", "text": "Screenshot:"}, {"type": "image", "source": PNG}]
    )
    only_image = tool_result("t2", [{"type": "image", "source": PNG}])
    messages = [
        {"role": "user", "content": "Look"},
        {"role": "assistant", "content": [tool_use("t1", "Read"), tool_use("t2", "Read")]},
        {"role": "user", "content": [result, only_image]},
    ]
    out = translate(messages=messages)
    image = {"type": "image_url", "image_url": {"url": PNG_URL}}
    assert out["messages"][2:] == [
        {"role": "tool", "tool_call_id": "t1", "content": "Screenshot:"},
        {
            "role": "tool",
            "tool_call_id": "t2",
            "content": "(the result is the 1 image(s) in the next message)",
        },
        {"role": "user", "content": [image, image]},
    ]


def test_error_results_stay_visible() -> None:
    messages = [
        {"role": "user", "content": "Run"},
        {"role": "assistant", "content": [tool_use("t1")]},
        {
            "role": "user",
            "content": [tool_result("t1", [{"type": "text", "text": "exit 1"}], is_error=True)],
        },
    ]
    assert translate(messages=messages)["messages"][2]["content"] == "Error: exit 1"


def test_a_missing_result_gets_a_placeholder_and_an_unknown_one_becomes_text() -> None:
    messages = [
        {"role": "user", "content": "Run"},
        {"role": "assistant", "content": [tool_use("t1"), tool_use("t2")]},
        {"role": "user", "content": [tool_result("t1", "one"), tool_result("zz", "stray")]},
    ]
    out = translate(messages=messages)
    assert out["messages"][2:] == [
        {"role": "tool", "tool_call_id": "t1", "content": "one"},
        {
            "role": "tool",
            "tool_call_id": "t2",
            "content": "(no result was returned for this tool call)",
        },
        {"role": "user", "content": "[result of tool call zz]\nstray"},
    ]


THINKING_HISTORY = [
    {"role": "user", "content": "Q"},
    {
        "role": "assistant",
        "content": [
            {"type": "thinking", "thinking": "Let me see.", "signature": ""},
            {"type": "redacted_thinking", "data": "opaque"},
            {"type": "text", "text": "A"},
        ],
    },
    {"role": "user", "content": "Q2"},
]


def test_thinking_in_history_is_dropped_by_default() -> None:
    out = translate(messages=THINKING_HISTORY)
    assert out["messages"][1] == {"role": "assistant", "content": "A"}


def test_thinking_goes_back_in_the_reasoning_history_field() -> None:
    quirks = ChatQuirks(reasoning_history_field="reasoning_content")
    out = translate(quirks, messages=THINKING_HISTORY)
    assert out["messages"][1] == {
        "role": "assistant",
        "content": "A",
        "reasoning_content": "Let me see.",
    }


# Tools ---------------------------------------------------------------------------------------

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"command": {"type": "string", "description": "What to run"}},
    "required": ["command"],
    "additionalProperties": False,
}
BASH_TOOL = {"name": "Bash", "description": "Run a command", "input_schema": SCHEMA}


def test_tools_become_functions_with_cleaned_schemas() -> None:
    placeholder = {
        "name": "DeferredToolPlaceholder",
        "description": "never call this tool",
        "input_schema": {"type": "object", "properties": {}},
        "defer_loading": True,
    }
    search = {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}
    body: dict[str, Any] = {"tools": [BASH_TOOL, placeholder, search]}
    out = translate(**body)
    expected_schema = {key: value for key, value in SCHEMA.items() if key != "$schema"}
    assert out["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "Bash",
                "description": "Run a command",
                "parameters": expected_schema,
            },
        }
    ]
    assert dropped_server_tools(body) == ["web_search"]


def test_an_empty_tools_list_is_left_out() -> None:
    out = translate(tools=[], tool_choice={"type": "auto"})
    assert "tools" not in out
    assert "tool_choice" not in out


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"type": "auto"}, {"tool_choice": "auto"}),
        ({"type": "any"}, {"tool_choice": "required"}),
        ({"type": "none"}, {"tool_choice": "none"}),
        (
            {"type": "tool", "name": "Bash"},
            {"tool_choice": {"type": "function", "function": {"name": "Bash"}}},
        ),
        (
            {"type": "auto", "disable_parallel_tool_use": True},
            {"tool_choice": "auto", "parallel_tool_calls": False},
        ),
    ],
)
def test_tool_choice(choice: dict[str, Any], expected: dict[str, Any]) -> None:
    out = translate(tools=[BASH_TOOL], tool_choice=choice)
    assert {
        key: out[key] for key in ("tool_choice", "parallel_tool_calls") if key in out
    } == expected


def test_parallel_tool_calls_left_out_when_the_upstream_does_not_take_it() -> None:
    choice = {"type": "auto", "disable_parallel_tool_use": True}
    out = translate(ChatQuirks(parallel_tool_calls=False), tools=[BASH_TOOL], tool_choice=choice)
    assert "parallel_tool_calls" not in out


# Sampling and output options -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("quirks", "expected"),
    [
        (ChatQuirks(), {"max_tokens": 128000}),
        (ChatQuirks(max_output_tokens=8192), {"max_tokens": 8192}),
        (ChatQuirks(max_tokens_field="max_completion_tokens"), {"max_completion_tokens": 128000}),
        (
            ChatQuirks(max_tokens_field="max_completion_tokens", max_output_tokens=200000),
            {"max_completion_tokens": 128000},
        ),
    ],
)
def test_max_tokens_field_and_clamp(quirks: ChatQuirks, expected: dict[str, int]) -> None:
    out = translate(quirks, max_tokens=128000)
    assert {k: v for k, v in out.items() if "tokens" in k} == expected


def test_sampling_fields() -> None:
    out = translate(stop_sequences=["</block>"], temperature=0.2, top_p=0.9, top_k=40)
    assert (out["stop"], out["temperature"], out["top_p"]) == (["</block>"], 0.2, 0.9)
    assert "top_k" not in out


@pytest.mark.parametrize(
    ("body", "effort"),
    [
        ({"output_config": {"effort": "low"}}, "low"),
        ({"output_config": {"effort": "medium"}}, "medium"),
        ({"output_config": {"effort": "max"}}, "high"),
        ({"thinking": {"type": "enabled", "budget_tokens": 1024}}, "low"),
        ({"thinking": {"type": "enabled", "budget_tokens": 8000}}, "medium"),
        ({"thinking": {"type": "enabled", "budget_tokens": 32000}}, "high"),
        ({"thinking": {"type": "adaptive", "display": "omitted"}}, None),
    ],
)
def test_reasoning_effort(body: dict[str, Any], effort: str | None) -> None:
    assert translate(ChatQuirks(reasoning_effort=True), **body).get("reasoning_effort") == effort
    assert "reasoning_effort" not in translate(ChatQuirks(), **body)


TITLE_FORMAT = {
    "type": "json_schema",
    "schema": {
        "type": "object",
        "properties": {"title": {"type": "string"}},
        "required": ["title"],
        "additionalProperties": False,
    },
}


def test_json_schema_output_becomes_response_format() -> None:
    out = translate(output_config={"effort": "high", "format": TITLE_FORMAT})
    assert out["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "response", "schema": TITLE_FORMAT["schema"], "strict": False},
    }
    no_support = translate(
        ChatQuirks(json_schema_format=False), output_config={"format": TITLE_FORMAT}
    )
    assert "response_format" not in no_support


def test_anthropic_only_fields_are_dropped() -> None:
    out = translate(
        thinking={"type": "adaptive", "display": "updates"},
        context_management={"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
        safeguards=[{"type": "dangerous_tool_use"}],
        metadata={"user_id": '{"device_id":"abc","session_id":"s"}'},
        messages=[
            {
                "role": "user",
                "content": [
                    {
                        "type": "text",
                        "text": "Hi",
                        "cache_control": {"type": "ephemeral"},
                        "citations": None,
                    }
                ],
            }
        ],
    )
    assert out == {
        "model": "up-model",
        "messages": [{"role": "user", "content": "Hi"}],
        "max_tokens": 1000,
    }


@pytest.mark.parametrize(
    ("quirks", "stream", "expected"),
    [
        (ChatQuirks(), True, {"stream": True, "stream_options": {"include_usage": True}}),
        (ChatQuirks(stream_usage=False), True, {"stream": True}),
        (ChatQuirks(), False, {}),
    ],
)
def test_stream_flags(quirks: ChatQuirks, stream: bool, expected: dict[str, Any]) -> None:
    out = translate(quirks, stream=stream)
    assert {k: v for k, v in out.items() if k.startswith("stream")} == expected


def test_extra_body_is_merged() -> None:
    out = translate(ChatQuirks(extra_body={"enable_thinking": False}))
    assert out["enable_thinking"] is False


def test_gemini_style_quirks_clean_every_tool_schema() -> None:
    quirks = ChatQuirks(schema_drop_keys=GEMINI_SCHEMA_DROP, schema_require_type=True)
    workflow = {
        "name": "Workflow",
        "input_schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "args": {"description": "Any value"},
                "n": {"type": "integer", "exclusiveMinimum": 0},
            },
            "additionalProperties": False,
        },
    }
    out = translate(quirks, tools=[workflow])
    assert out["tools"][0]["function"]["parameters"] == {
        "type": "object",
        "properties": {
            "args": {"description": "Any value", "type": "string"},
            "n": {"type": "integer"},
        },
    }


def test_ids_from_other_providers_become_nine_alphanumerics_where_required() -> None:
    """Mistral accepts only 9-character alphanumeric tool-call ids; a history that came from
    another provider (after a failover) carries others."""
    body = {
        "model": "m",
        "max_tokens": 10,
        "messages": [
            {"role": "user", "content": "go"},
            {
                "role": "assistant",
                "content": [
                    {"type": "tool_use", "id": "toolu_01AbCdEf", "name": "Bash", "input": {}},
                    {"type": "tool_use", "id": "Ab3dE6gH9", "name": "Bash", "input": {}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "Ab3dE6gH9", "content": "b"},
                    {"type": "tool_result", "tool_use_id": "toolu_01AbCdEf", "content": "a"},
                ],
            },
        ],
    }
    strict = ChatQuirks(tool_call_ids="alnum9")
    sent = to_chat_request(body, model="m", quirks=strict, stream=False)["messages"]
    first, second = (call["id"] for call in sent[1]["tool_calls"])
    assert re.fullmatch(r"[A-Za-z0-9]{9}", first) and second == "Ab3dE6gH9"
    assert [(m["tool_call_id"], m["content"]) for m in sent[2:4]] == [(first, "a"), (second, "b")]
    again = to_chat_request(body, model="m", quirks=strict, stream=False)["messages"]
    assert again[1]["tool_calls"][0]["id"] == first  # the same id on every turn
    kept = to_chat_request(body, model="m", quirks=ChatQuirks(), stream=False)["messages"]
    assert kept[1]["tool_calls"][0]["id"] == "toolu_01AbCdEf"


# Request-shape errors: a 400 raised on purpose, never a crash --------------------------------


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"system": [{"type": "text", "text": 5}]}, "the text block's `text` must be a string"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": ["x"]}]}]},
            "the text block's `text` must be a string",
        ),
        (
            {"messages": [{"role": "system", "content": [{"type": "text", "text": True}]}]},
            "the text block's `text` must be a string",
        ),
        (
            {
                "messages": [
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": [{"type": "thinking", "thinking": {}}]},
                ]
            },
            "the thinking block's `thinking` must be a string",
        ),
        (
            {
                "messages": [
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": [tool_use("t1")]},
                    {"role": "user", "content": [tool_result("t1", [{"type": "text", "text": 1}])]},
                ]
            },
            "the text block's `text` must be a string",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "image", "source": "x.png"}]}]},
            "`source` object",
        ),
        ({"output_config": "high"}, "`output_config` must be an object"),
        ({"thinking": ["enabled"]}, "`thinking` must be an object"),
    ],
)
def test_wrong_types_are_invalid_requests(fields: dict[str, Any], fragment: str) -> None:
    with pytest.raises(InvalidRequest, match=re.escape(fragment)):
        translate(ChatQuirks(vision=True), **fields)


@pytest.mark.parametrize("field", [None, "reasoning_content"])
def test_carried_reasoning_signatures_never_reach_a_chat_upstream(field: str | None) -> None:
    """Thinking carried for another dialect (Responses, Gemini): at most its text goes on."""
    carried = carry("openai-responses", "oa", "rs_1:gAAAAsecret")
    history = [
        {"role": "user", "content": "q"},
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "summary", "signature": carried},
                {"type": "thinking", "thinking": "", "signature": carry("gemini", "g", "sig")},
                {"type": "text", "text": "A."},
            ],
        },
        {"role": "user", "content": "more"},
    ]
    out = translate(ChatQuirks(reasoning_history_field=field), messages=history)
    assert "switchboard:" not in str(out) and "gAAAAsecret" not in str(out)
    assistant = out["messages"][1]
    assert assistant["content"] == "A."
    if field:
        assert assistant[field] == "summary"
