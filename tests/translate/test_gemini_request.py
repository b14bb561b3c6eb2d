"""to_gemini_request: Anthropic Messages requests → Gemini `generateContent` bodies, each checked
exactly, and every one of them (and every captured Claude Code request) accepted by the strict
validator built on the google-genai SDK's types (tests/support/gemini_strict.py)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.errors import InvalidRequest
from app.translate.carrier import carry
from app.translate.gemini_request import (
    FOREIGN_CALL_SIGNATURE,
    GeminiOptions,
    gemini_schema,
    to_gemini_request,
)
from app.translate.gemini_signatures import carry_signatures
from tests.support.gemini_strict import InvalidGeminiRequest, validate_gemini_request

SOURCE = "gem"
FIXTURES = sorted(
    path
    for path in (Path(__file__).parents[1] / "data" / "claude_code").glob("*.json")
    if not path.stem.endswith("count_tokens")
)


def translate(body: dict[str, Any], **options: Any) -> dict[str, Any]:
    original = copy.deepcopy(body)
    request = to_gemini_request(
        {"max_tokens": 1000, **body}, options=GeminiOptions(source=SOURCE, **options)
    )
    assert body == original, "the input body was changed"
    validate_gemini_request(request)
    return dict(request)


def user(content: Any) -> dict[str, Any]:
    return {"role": "user", "content": content}


def assistant(content: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": content}


def tool_use(tool_id: str, name: str = "Bash", **tool_input: Any) -> dict[str, Any]:
    return {"type": "tool_use", "id": tool_id, "name": name, "input": tool_input}


def tool_result(tool_id: str, content: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": tool_id, "content": content, **extra}


def thinking(signature: str, text: str = "") -> dict[str, Any]:
    return {"type": "thinking", "thinking": text, "signature": signature}


def call(name: str, signature: str | None = None, **args: Any) -> dict[str, Any]:
    part: dict[str, Any] = {"functionCall": {"name": name, "args": args}}
    if signature is not None:
        part["thoughtSignature"] = signature
    return part


def answer(name: str, output: str, key: str = "output") -> dict[str, Any]:
    return {"functionResponse": {"name": name, "response": {key: output}}}


# System, roles, text -----------------------------------------------------------------------------


def test_system_blocks_become_the_system_instruction_without_the_billing_line() -> None:
    request = translate(
        {
            "system": [
                {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.330;"},
                {"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "x"}},
                {"type": "text", "text": "Be brief."},
            ],
            "messages": [user("Hi")],
        }
    )
    assert request["systemInstruction"] == {
        "parts": [{"text": "You are Claude Code.\n\nBe brief."}]
    }
    assert request["contents"] == [{"role": "user", "parts": [{"text": "Hi"}]}]


def test_roles_alternate_user_and_model_and_consecutive_turns_merge() -> None:
    request = translate(
        {
            "messages": [
                user("One"),
                user([{"type": "text", "text": "Two"}]),
                assistant("Three"),
                assistant([{"type": "text", "text": "Four"}]),
                user("Five"),
            ]
        }
    )
    assert request["contents"] == [
        {"role": "user", "parts": [{"text": "One"}, {"text": "Two"}]},
        {"role": "model", "parts": [{"text": "Three"}, {"text": "Four"}]},
        {"role": "user", "parts": [{"text": "Five"}]},
    ]


def test_system_messages_in_the_history_are_folded_into_the_user_turn() -> None:
    request = translate({"messages": [user("Hi"), {"role": "system", "content": "Env: linux"}]})
    assert request["contents"] == [
        {
            "role": "user",
            "parts": [
                {"text": "Hi"},
                {"text": "<system-reminder>\nEnv: linux\n</system-reminder>"},
            ],
        }
    ]


def test_images_become_inline_data_or_file_data() -> None:
    request = translate(
        {
            "messages": [
                user(
                    [
                        {
                            "type": "image",
                            "source": {"type": "base64", "media_type": "image/png", "data": "iVBO"},
                        },
                        {"type": "image", "source": {"type": "url", "url": "https://x/a.webp?s=1"}},
                        {"type": "text", "text": "What is this?"},
                    ]
                )
            ]
        }
    )
    assert request["contents"][0]["parts"] == [
        {"inlineData": {"mimeType": "image/png", "data": "iVBO"}},
        {"fileData": {"mimeType": "image/webp", "fileUri": "https://x/a.webp?s=1"}},
        {"text": "What is this?"},
    ]


def test_images_for_a_model_without_vision_become_a_note() -> None:
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "A"}}
    request = translate({"messages": [user([image])]}, vision=False)
    assert "image omitted" in request["contents"][0]["parts"][0]["text"]


def test_a_pdf_document_goes_as_inline_data() -> None:
    pdf = {
        "type": "document",
        "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"},
    }
    request = translate({"messages": [user([pdf])]})
    assert request["contents"][0]["parts"] == [
        {"inlineData": {"mimeType": "application/pdf", "data": "JVBE"}}
    ]


# Tool calls and results --------------------------------------------------------------------------


def test_parallel_results_go_back_in_call_order_whatever_order_they_came_in() -> None:
    signature = carry_signatures(SOURCE, {"toolu_a": "c2lnQQ=="})
    request = translate(
        {
            "messages": [
                user("List and read."),
                assistant(
                    [
                        {"type": "text", "text": "Both."},
                        thinking(signature),
                        tool_use("toolu_a", command="ls"),
                        tool_use("toolu_b", "Read", file_path="/a"),
                    ]
                ),
                user(
                    [
                        tool_result("toolu_b", [{"type": "text", "text": "file text"}]),
                        tool_result("toolu_a", "a.txt"),
                        {"type": "text", "text": "Go on."},
                    ]
                ),
            ]
        }
    )
    assert request["contents"][1:] == [
        {
            "role": "model",
            "parts": [
                {"text": "Both."},
                call("Bash", "c2lnQQ==", command="ls"),
                call("Read", file_path="/a"),
            ],
        },
        {
            "role": "user",
            "parts": [answer("Bash", "a.txt"), answer("Read", "file text"), {"text": "Go on."}],
        },
    ]


def test_errors_missing_results_and_unknown_results_stay_visible() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant([tool_use("t1", command="x"), tool_use("t2", command="y")]),
                user(
                    [
                        tool_result("t1", "boom", is_error=True),
                        tool_result("t9", "stray"),
                    ]
                ),
            ]
        }
    )
    assert request["contents"][2]["parts"] == [
        answer("Bash", "boom", key="error"),
        answer("Bash", "(no result was returned for this tool call)", key="error"),
        {"text": "[result of tool call t9]\nstray"},
    ]


def test_images_in_a_tool_result_follow_the_function_responses() -> None:
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "QQ"}}
    request = translate(
        {
            "messages": [
                user("Shot"),
                assistant([tool_use("t1", "Read", file_path="/s.png")]),
                user([tool_result("t1", [image])]),
            ]
        }
    )
    assert request["contents"][2]["parts"] == [
        answer("Read", "(the result is the 1 image(s) that follow)"),
        {"inlineData": {"mimeType": "image/png", "data": "QQ"}},
    ]


def test_a_reminder_between_a_call_and_its_result_waits_for_the_result() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant([tool_use("t1", command="x")]),
                {"role": "system", "content": "Reminder"},
                user([tool_result("t1", "done")]),
            ]
        }
    )
    assert request["contents"][2]["parts"] == [
        answer("Bash", "done"),
        {"text": "<system-reminder>\nReminder\n</system-reminder>"},
    ]


def test_never_an_id_inside_a_function_call() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant([tool_use("call_abc", command="x")]),
                user([tool_result("call_abc", "ok")]),
            ]
        }
    )
    assert "id" not in request["contents"][1]["parts"][0]["functionCall"]
    assert b"call_abc" not in orjson.dumps(request)


# Thought signatures ------------------------------------------------------------------------------


def test_signatures_go_back_on_their_parts_and_foreign_thinking_is_dropped() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant(
                    [
                        thinking(carry_signatures(SOURCE, {"toolu_1": "c2lnMQ=="}), "Plan."),
                        thinking("EqQBCkgIARABGAIiQKnthropicSignature==", "Anthropic's"),
                        thinking(carry_signatures("other-gemini", {"toolu_1": "OTHER"})),
                        thinking(carry("openai-responses", SOURCE, "gAAAAencrypted")),
                        thinking(""),
                        tool_use("toolu_1", command="ls"),
                    ]
                ),
                user([tool_result("toolu_1", "ok")]),
                assistant(
                    [
                        {"type": "text", "text": "Done "},
                        {"type": "text", "text": "now."},
                        thinking(carry_signatures(SOURCE, {"": "c2lnVA=="})),
                    ]
                ),
                user("Thanks"),
            ]
        }
    )
    assert request["contents"][1] == {
        "role": "model",
        "parts": [call("Bash", "c2lnMQ==", command="ls")],
    }
    assert request["contents"][3] == {
        "role": "model",
        "parts": [{"text": "Done "}, {"text": "now.", "thoughtSignature": "c2lnVA=="}],
    }
    text = orjson.dumps(request)
    for foreign in (b"Plan.", b"Anthropic", b"OTHER", b"gAAAA"):
        assert foreign not in text


def test_calls_from_another_provider_get_gemini_s_documented_placeholder_signature() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant(
                    [
                        thinking("EqQBCkgIARABGAIiQKnthropicSignature=="),
                        tool_use("toolu_01Abc", command="a"),
                        tool_use("toolu_01Def", command="b"),
                    ]
                ),
                user([tool_result("toolu_01Def", "b"), tool_result("toolu_01Abc", "a")]),
            ]
        }
    )
    assert request["contents"][1]["parts"] == [
        call("Bash", FOREIGN_CALL_SIGNATURE, command="a"),
        call("Bash", command="b"),
    ]
    assert [p["functionResponse"]["response"] for p in request["contents"][2]["parts"]] == [
        {"output": "a"},
        {"output": "b"},
    ]


def test_a_text_signature_without_text_goes_on_an_empty_text_part() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant([thinking(carry_signatures(SOURCE, {"": "Uw=="}))]),
                user("Again"),
            ]
        }
    )
    assert request["contents"][1] == {
        "role": "model",
        "parts": [{"text": "", "thoughtSignature": "Uw=="}],
    }


def test_a_malformed_carrier_payload_is_ignored() -> None:
    request = translate(
        {
            "messages": [
                user("Go"),
                assistant(
                    [thinking(carry("gemini", SOURCE, "{not json")), {"type": "text", "text": "x"}]
                ),
                user("Again"),
            ]
        }
    )
    assert request["contents"][1] == {"role": "model", "parts": [{"text": "x"}]}


# Tools -------------------------------------------------------------------------------------------


def test_tools_become_function_declarations_with_gemini_schemas() -> None:
    request = translate(
        {
            "messages": [user("Hi")],
            "tools": [
                {
                    "name": "Bash",
                    "description": "Run",
                    "input_schema": {
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "command": {"type": "string"},
                            "timeout": {"type": "number", "exclusiveMinimum": 0},
                            "mode": {"const": "fast"},
                            "maybe": {"type": ["string", "null"]},
                            "url": {"type": "string", "format": "uri"},
                            "when": {"type": "string", "format": "date-time"},
                            "to": {
                                "type": "string",
                                "allOf": [{"pattern": "^a"}, {"maxLength": 3}],
                            },
                            "args": {"description": "anything"},
                            "map": {"type": "object", "propertyNames": {"type": "string"}},
                            "level": {"type": "integer", "enum": [1, 2, 3]},
                            "flag": {"const": True},
                            "pick": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                        },
                        "required": ["command"],
                    },
                },
                {"name": "CronList", "input_schema": {"type": "object", "properties": {}}},
                {"name": "Deferred", "defer_loading": True, "input_schema": {}},
                {"type": "web_search_20250305", "name": "web_search"},
                {"name": "mcp__srv__do.it", "input_schema": {"type": "object"}},
            ],
        }
    )
    declarations = request["tools"][0]["functionDeclarations"]
    assert [d["name"] for d in declarations][:2] == ["Bash", "CronList"]
    assert len(declarations) == 3 and declarations[2]["name"].startswith("mcp__srv__do_it_")
    assert declarations[0]["parameters"] == {
        "type": "object",
        "properties": {
            "command": {"type": "string"},
            "timeout": {"type": "number"},
            "mode": {"enum": ["fast"], "type": "string"},
            "maybe": {"type": "string", "nullable": True},
            "url": {"type": "string"},
            "when": {"type": "string", "format": "date-time"},
            "to": {"type": "string", "pattern": "^a", "maxLength": 3},
            "args": {"description": "anything", "type": "string"},
            "map": {"type": "object"},
            "level": {"type": "integer"},
            "flag": {"type": "boolean"},
            "pick": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        },
        "required": ["command"],
    }
    assert "parameters" not in declarations[1]  # a function without parameters


def test_local_refs_are_inlined_for_gemini() -> None:
    """MCP servers (pydantic models) describe nested types with $defs and $ref."""
    schema = {
        "type": "object",
        "$defs": {
            "Point": {"type": "object", "properties": {"x": {"type": "number"}}},
            "Tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Tree"}}},
        },
        "properties": {
            "where": {"$ref": "#/$defs/Point", "description": "the spot"},
            "points": {"type": "array", "items": {"$ref": "#/$defs/Point"}},
            "tree": {"$ref": "#/$defs/Tree"},
            "elsewhere": {"$ref": "https://example.com/schema.json"},
        },
    }
    declared = translate(
        {"messages": [user("Hi")], "tools": [{"name": "mcp__geo__locate", "input_schema": schema}]}
    )["tools"][0]["functionDeclarations"][0]["parameters"]
    point = {"type": "object", "properties": {"x": {"type": "number"}}}
    assert declared["properties"]["where"] == {**point, "description": "the spot"}
    assert declared["properties"]["points"] == {"type": "array", "items": point}
    depth, node = 0, declared["properties"]["tree"]
    while "properties" in node:  # a recursive type ends as a plain object
        node, depth = node["properties"]["child"], depth + 1
    assert node == {"type": "object"} and depth == 6
    assert declared["properties"]["elsewhere"] == {"type": "string"}
    assert "$defs" not in declared


def test_no_tools_means_no_tools_key() -> None:
    assert "tools" not in translate({"messages": [user("Hi")], "tools": []})


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"type": "auto"}, {"mode": "AUTO"}),
        ({"type": "any"}, {"mode": "ANY"}),
        ({"type": "none"}, {"mode": "NONE"}),
        ({"type": "tool", "name": "Bash"}, {"mode": "ANY", "allowedFunctionNames": ["Bash"]}),
    ],
)
def test_tool_choice(choice: dict[str, Any], expected: dict[str, Any]) -> None:
    tools = [
        {
            "name": "Bash",
            "input_schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        }
    ]
    request = translate({"messages": [user("Hi")], "tools": tools, "tool_choice": choice})
    assert request["toolConfig"] == {"functionCallingConfig": expected}


# Generation config -------------------------------------------------------------------------------


def test_generation_config_clamps_and_copies_sampling_fields() -> None:
    request = translate(
        {
            "messages": [user("Hi")],
            "max_tokens": 128000,
            "stop_sequences": ["a", "b", "c", "d", "e", "f"],
            "temperature": 0.2,
            "top_p": 0.9,
            "top_k": 40,
            "metadata": {"user_id": "{}"},
            "context_management": {"edits": []},
            "safeguards": {"x": 1},
        },
        max_output_tokens=65536,
    )
    assert request["generationConfig"] == {
        "maxOutputTokens": 65536,
        "stopSequences": ["a", "b", "c", "d", "e"],
        "temperature": 0.2,
        "topP": 0.9,
        "topK": 40,
    }
    assert set(request) == {"contents", "generationConfig"}


@pytest.mark.parametrize(
    ("body", "options", "expected"),
    [
        ({"thinking": {"type": "adaptive"}}, {}, {"includeThoughts": True}),
        (
            {"thinking": {"type": "adaptive", "display": "updates"}},
            {},
            {"includeThoughts": True},
        ),
        (
            {
                "thinking": {"type": "adaptive", "display": "omitted"},
                "output_config": {"effort": "medium"},
            },
            {},
            {"thinkingLevel": "medium"},
        ),
        (
            {"thinking": {"type": "adaptive"}, "output_config": {"effort": "medium"}},
            {},
            {"includeThoughts": True, "thinkingLevel": "medium"},
        ),
        (
            {"thinking": {"type": "adaptive"}, "output_config": {"effort": "medium"}},
            {"thinking_levels": ("low", "high")},
            {"includeThoughts": True, "thinkingLevel": "high"},
        ),
        ({"output_config": {"effort": "max"}}, {}, {"thinkingLevel": "high"}),
        (
            {"thinking": {"type": "enabled", "budget_tokens": 2000}},
            {},
            {"includeThoughts": True, "thinkingLevel": "low"},
        ),
        (
            {"thinking": {"type": "enabled", "budget_tokens": 5000}},
            {"thinking": "budget"},
            {"includeThoughts": True, "thinkingBudget": 5000},
        ),
        (
            {"thinking": {"type": "adaptive"}},
            {"thinking": "budget"},
            {"includeThoughts": True, "thinkingBudget": -1},
        ),
        (
            {"thinking": {"type": "adaptive"}, "output_config": {"effort": "low"}},
            {"thinking": "budget"},
            {"includeThoughts": True, "thinkingBudget": 2048},
        ),
        ({"thinking": {"type": "adaptive"}}, {"thinking": "none"}, None),
        ({}, {}, None),
    ],
)
def test_thinking_config(
    body: dict[str, Any], options: dict[str, Any], expected: dict[str, Any] | None
) -> None:
    request = translate({"messages": [user("Hi")], **body}, **options)
    assert request["generationConfig"].get("thinkingConfig") == expected


def test_a_json_schema_output_format_becomes_a_response_json_schema() -> None:
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}},
        "additionalProperties": False,
    }
    request = translate(
        {
            "messages": [user("Title?")],
            "output_config": {"format": {"type": "json_schema", "schema": schema}},
        }
    )
    assert request["generationConfig"]["responseMimeType"] == "application/json"
    assert request["generationConfig"]["responseJsonSchema"] == schema


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"messages": "hi"},
        {"messages": []},
        {"messages": [{"role": "robot", "content": "x"}]},
        {"messages": [user(42)]},
        {"messages": [assistant([{"type": "tool_use", "name": "Bash"}])]},
        {"messages": [user([{"type": "image", "source": {"type": "file", "file_id": "f"}}])]},
        {"messages": [user("x")], "tools": [{"description": "nameless"}]},
    ],
)
def test_malformed_requests_are_invalid_requests(body: dict[str, Any]) -> None:
    with pytest.raises(InvalidRequest):
        to_gemini_request(body, options=GeminiOptions(source=SOURCE))


# Captured Claude Code requests -------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_every_captured_claude_code_request_is_valid_for_gemini(path: Path) -> None:
    body = orjson.loads(path.read_bytes())["body"]
    request = translate(body, max_output_tokens=65536)
    names = [d["name"] for tool in request.get("tools", ()) for d in tool["functionDeclarations"]]
    offered = [t["name"] for t in body.get("tools", ()) if not t.get("defer_loading")]
    assert names == offered


def test_all_21_claude_code_tools_pass_the_schema_clean_up() -> None:
    body = orjson.loads(
        (
            Path(__file__).parents[1]
            / "data"
            / "claude_code"
            / "plain_experimental_betas_disabled__01_POST-v1_messages.json"
        ).read_bytes()
    )["body"]
    assert len(body["tools"]) == 21
    for tool in body["tools"]:
        schema = gemini_schema(tool["input_schema"])
        text = orjson.dumps(schema)
        for keyword in (
            b'"$schema"',
            b'"additionalProperties"',
            b'"exclusiveMinimum"',
            b'"propertyNames"',
            b'"const"',
            b'"allOf"',
        ):
            assert keyword not in text, (tool["name"], keyword)


# The strict validator refuses what the real API refuses ------------------------------------------


@pytest.mark.parametrize(
    ("request_body", "words"),
    [
        ({"contents": [{"role": "user", "parts": [{"text": "x"}]}], "model": "m"}, "Unknown name"),
        ({"contents": [{"role": "user", "parts": [{"text": "x", "cache": 1}]}]}, "cache"),
        (
            {
                "contents": [
                    {"role": "user", "parts": [{"text": "x"}]},
                    {
                        "role": "model",
                        "parts": [
                            {
                                "functionCall": {"id": "c1", "name": "f", "args": {}},
                                "thoughtSignature": "cw==",
                            }
                        ],
                    },
                    {"role": "user", "parts": [answer("f", "y")]},
                ]
            },
            "'id'",
        ),
        (
            {
                "contents": [{"role": "user", "parts": [{"text": "x"}]}],
                "tools": [
                    {
                        "functionDeclarations": [
                            {
                                "name": "f",
                                "parameters": {
                                    "type": "object",
                                    "properties": {"a": {"type": "string"}},
                                    "additionalProperties": False,
                                },
                            }
                        ]
                    }
                ],
            },
            "additionalProperties",
        ),
        (
            {
                "contents": [{"role": "user", "parts": [{"text": "x"}]}],
                "tools": [
                    {
                        "functionDeclarations": [
                            {
                                "name": "f",
                                "parameters": {
                                    "type": "object",
                                    "properties": {"a": {"const": "x"}},
                                },
                            }
                        ]
                    }
                ],
            },
            "const",
        ),
        (
            {
                "contents": [
                    {"role": "user", "parts": [{"text": "x"}]},
                    {"role": "model", "parts": [call("f", a=1)]},
                    {"role": "user", "parts": [answer("f", "y")]},
                ]
            },
            "thought_signature",
        ),
        (
            {
                "contents": [
                    {"role": "user", "parts": [{"text": "x"}]},
                    {"role": "model", "parts": [call("f", "cw=="), call("g")]},
                    {"role": "user", "parts": [answer("g", "y"), answer("f", "y")]},
                ]
            },
            "in order",
        ),
        (
            {
                "contents": [
                    {"role": "user", "parts": [{"text": "x"}]},
                    {"role": "model", "parts": [{"text": "y"}]},
                    {"role": "model", "parts": [call("f", "cw==")]},
                    {"role": "user", "parts": [answer("f", "y")]},
                ]
            },
            "immediately after a user turn",
        ),
        (
            {
                "contents": [{"role": "user", "parts": [{"text": "x"}]}],
                "generationConfig": {
                    "thinkingConfig": {"thinkingLevel": "low", "thinkingBudget": 5}
                },
            },
            "both",
        ),
        (
            {
                "contents": [{"role": "user", "parts": [{"text": "x"}]}],
                "generationConfig": {"max_tokens": 5},
            },
            "max_tokens",
        ),
    ],
)
def test_the_strict_validator_refuses_what_gemini_refuses(
    request_body: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidGeminiRequest, match=words):
        validate_gemini_request(request_body)


@pytest.mark.parametrize(
    ("messages", "fragment"),
    [
        ([user([{"type": "text", "text": 5}])], "the text block's `text` must be a string"),
        (
            [user("Hi"), assistant([{"type": "text", "text": ["x"]}])],
            "the text block's `text` must be a string",
        ),
        (
            [
                user("Hi"),
                assistant([tool_use("t1")]),
                user([tool_result("t1", [{"type": "text", "text": {}}])]),
            ],
            "the text block's `text` must be a string",
        ),
        ([user([{"type": "image", "source": "x.png"}])], "the image block needs a `source`"),
        ([user([{"type": "document", "source": 3}])], "the document block needs a `source`"),
    ],
)
def test_wrong_types_are_invalid_requests(messages: list[Any], fragment: str) -> None:
    """A wrong type is the request's fault, refused on purpose: never a crash (a 500)."""
    with pytest.raises(InvalidRequest, match=re.escape(fragment)):
        translate({"messages": messages}, vision=True)
