"""Compaction's pure parts: where to cut, what the summarizer reads, the compacted body."""

from __future__ import annotations

from typing import Any

import orjson

from app.translate.compaction import (
    SUMMARY_TAG,
    choose_split,
    split_points,
    transcript,
    with_summary,
)


def _turns() -> list[dict[str, Any]]:
    return [
        {"role": "user", "content": "Fix the parser."},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Reading it."},
                {"type": "tool_use", "id": "t1", "name": "Read", "input": {"path": "p.py"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "t1", "content": "def parse(): ..."}
            ],
        },
        {"role": "assistant", "content": "Fixed."},
        {"role": "user", "content": [{"type": "text", "text": "Now add tests."}]},
        {"role": "assistant", "content": "Added."},
        {"role": "user", "content": "Thanks, and the docs?"},
    ]


def test_cuts_only_before_real_user_turns_never_between_a_call_and_its_result() -> None:
    assert split_points(_turns()) == [4, 6]


def test_the_earliest_cut_that_fits_keeps_the_most_turns_verbatim() -> None:
    turns = _turns()
    sizes = [len(orjson.dumps(m)) for m in turns]
    assert choose_split(turns, 0, sum(sizes[4:])) == 4
    assert choose_split(turns, 0, sum(sizes[4:]) - 1) == 6
    assert choose_split(turns, 0, sizes[6] - 1) is None  # even the last turn is too big
    assert choose_split(turns, 100, sum(sizes[6:]) + 99) is None  # the fixed part counts


def test_the_transcript_shows_calls_and_results_and_drops_the_oldest_when_long() -> None:
    text = transcript(_turns()[:4], 10_000)
    assert text.splitlines()[0] == "[user] Fix the parser."
    assert '(called tool Read with {"path":"p.py"})' in text
    assert "(tool result: def parse(): ...)" in text
    short = transcript(_turns()[:4], 20)
    assert short.startswith("…") and short.endswith("[assistant] Fixed.")


def test_the_summary_heads_the_first_kept_turn() -> None:
    body = {"model": "m", "system": "S", "messages": _turns()}
    out = with_summary(body, 4, " Earlier: fixed the parser. ")
    assert out["system"] == "S"
    assert out["messages"][0] == {
        "role": "user",
        "content": [
            {
                "type": "text",
                "text": f"<{SUMMARY_TAG}>\nEarlier: fixed the parser.\n</{SUMMARY_TAG}>",
            },
            {"type": "text", "text": "Now add tests."},
        ],
    }
    assert out["messages"][1:] == _turns()[5:]
    assert body["messages"] == _turns()  # the original is untouched
    plain = with_summary(body, 6, "s")
    assert plain["messages"][0]["content"][1] == {"type": "text", "text": "Thanks, and the docs?"}
