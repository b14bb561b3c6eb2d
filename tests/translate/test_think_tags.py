"""ThinkTagScanner: <think>…</think> split anywhere across chunks."""

from __future__ import annotations

import pytest

from app.translate.think_tags import ThinkTagScanner


def scan(*chunks: str) -> list[tuple[bool, str]]:
    scanner = ThinkTagScanner()
    pieces = [piece for chunk in chunks for piece in scanner.feed(chunk)]
    pieces += scanner.flush()
    merged: list[tuple[bool, str]] = []
    for is_thinking, text in pieces:  # the split of pieces is not the point here
        if merged and merged[-1][0] == is_thinking:
            merged[-1] = (is_thinking, merged[-1][1] + text)
        else:
            merged.append((is_thinking, text))
    return merged


TEXT = "<think>\nreason < a </thin b\n</think>\n\nThe answer </think> <think>"


@pytest.mark.parametrize("cut", range(len(TEXT) + 1))
def test_any_single_split(cut: int) -> None:
    assert scan(TEXT[:cut], TEXT[cut:]) == [
        (True, "\nreason < a </thin b\n"),
        (False, "The answer </think> <think>"),
    ]


def test_one_character_at_a_time() -> None:
    assert scan(*TEXT) == scan(TEXT)


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        (("Plain answer",), [(False, "Plain answer")]),
        (("  \n", "<think>x</think>y"), [(True, "x"), (False, "y")]),
        (("Text then <think>x</think>",), [(False, "Text then <think>x</think>")]),
        (("<thi", "s is not a tag"), [(False, "<this is not a tag")]),
        (("<think>cut off",), [(True, "cut off")]),
        (("<think>ends in a partial </th",), [(True, "ends in a partial </th")]),
        (("<thin",), [(False, "<thin")]),
        (("<think></think>",), []),
        (("\n\n",), [(False, "\n\n")]),
    ],
)
def test_cases(chunks: tuple[str, ...], expected: list[tuple[bool, str]]) -> None:
    assert scan(*chunks) == expected


def test_held_characters_are_only_a_possible_tag() -> None:
    scanner = ThinkTagScanner()
    assert scanner.feed("<think>abc</") == [(True, "abc")]
    assert scanner.feed("b>") == [(True, "</b>")]
