"""Every captured Claude Code request (tests/data/claude_code) translates into a request the
strict Chat Completions validator accepts, for each family of upstream quirks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from app.translate.chat_request import to_chat_request
from app.translate.quirks import GEMINI_SCHEMA_DROP, ChatQuirks
from tests.support.openai_strict import validate_chat_request

FIXTURES = sorted(
    path
    for path in (Path(__file__).parents[1] / "data" / "claude_code").glob("*.json")
    if not path.stem.endswith("count_tokens")  # a count body is not a Messages request
)

QUIRK_SETS = {
    "openai": ChatQuirks(),
    "openai-reasoning": ChatQuirks(
        max_tokens_field="max_completion_tokens", system_role="developer", reasoning_effort=True
    ),
    "deepseek": ChatQuirks(max_output_tokens=8192, reasoning_history_field="reasoning_content"),
    "gemini": ChatQuirks(schema_drop_keys=GEMINI_SCHEMA_DROP, schema_require_type=True),
}


def body_of(name: str) -> dict[str, Any]:
    body: dict[str, Any] = orjson.loads((FIXTURES[0].parent / name).read_bytes())["body"]
    return body


def translate(body: dict[str, Any], quirks: ChatQuirks | None = None) -> dict[str, Any]:
    return to_chat_request(
        body, model="up-model", quirks=quirks or ChatQuirks(), stream=body.get("stream") is True
    )


def test_the_fixtures_are_there() -> None:
    assert len(FIXTURES) >= 20


@pytest.mark.parametrize("quirks_name", list(QUIRK_SETS))
@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_every_fixture_passes_the_strict_validator(path: Path, quirks_name: str) -> None:
    quirks = QUIRK_SETS[quirks_name]
    body = orjson.loads(path.read_bytes())["body"]
    out = translate(body, quirks)
    validate_chat_request(out, extra_fields={quirks.reasoning_history_field or ""})
    sent = orjson.dumps(out)
    assert b"x-anthropic-billing-header" not in sent
    assert b"cache_control" not in sent
    assert b"$schema" not in sent
    assert b"DeferredToolPlaceholder" not in orjson.dumps(out.get("tools", []))
    assert out["messages"][0]["role"] == quirks.system_role


def test_tool_round_trip_keeps_the_pairing() -> None:
    out = translate(body_of("tool_bash_default__02_POST-v1_messages.json"))
    roles = [message["role"] for message in out["messages"]]
    assert roles == ["system", "user", "assistant", "tool"]
    call = out["messages"][2]["tool_calls"][0]
    assert call["function"] == {
        "name": "Bash",
        "arguments": '{"command":"echo hello-from-tool","description":"Print a greeting"}',
    }
    assert out["messages"][3] == {
        "role": "tool",
        "tool_call_id": call["id"],
        "content": "hello-from-tool",
    }
    # The `# Environment` system-role message is folded into the first user turn.
    assert "<system-reminder>\n# Environment" in out["messages"][1]["content"]
    assert [tool["function"]["name"] for tool in out["tools"]] == [
        "Agent",
        "Bash",
        "Edit",
        "ListAgents",
        "Read",
        "ReportFindings",
        "ScheduleWakeup",
        "Skill",
        "ToolSearch",
        "Workflow",
        "Write",
    ]


def test_system_prompt_starts_with_the_stable_identity_line() -> None:
    out = translate(body_of("plain_default__01_POST-v1_messages.json"))
    assert out["messages"][0]["content"].startswith(
        "You are a Claude agent, built on Anthropic's Claude Agent SDK.\n\n"
    )


def test_title_generation() -> None:
    out = translate(body_of("interactive__title_generation_haiku_json_schema.json"))
    assert "tools" not in out
    assert out["response_format"]["json_schema"]["schema"]["required"] == ["title"]
    assert out["stream"] is True


def test_automode_classifier() -> None:
    out = translate(body_of("interactive__automode_classifier_sonnet_nonstream.json"))
    assert out["stop"] == ["</block>"]
    assert "stream" not in out
    assert out["max_tokens"] == 2112


def test_all_21_tools_inline_when_experimental_betas_are_off() -> None:
    out = translate(body_of("plain_experimental_betas_disabled__01_POST-v1_messages.json"))
    assert len(out["tools"]) == 21


def test_max_tokens_clamped_for_deepseek() -> None:
    body = body_of("plain_default__01_POST-v1_messages.json")
    assert body["max_tokens"] == 128000
    assert translate(body, QUIRK_SETS["deepseek"])["max_tokens"] == 8192
