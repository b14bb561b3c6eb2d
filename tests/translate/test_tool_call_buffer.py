"""ToolCallBuffer: argument pieces and cumulative snapshots."""

from __future__ import annotations

import pytest

from app.translate.tool_call_buffer import ToolCallBuffer


def feed(*pieces: str) -> tuple[list[str], ToolCallBuffer]:
    buffer = ToolCallBuffer("call_1")
    return [buffer.add_arguments(piece) for piece in pieces], buffer


@pytest.mark.parametrize(
    ("pieces", "added", "arguments"),
    [
        (('{"a"', ": 1", "}"), ['{"a"', ": 1", "}"], '{"a": 1}'),
        (('{"a', '{"a": 1', '{"a": 1}'), ['{"a', '": 1', "}"], '{"a": 1}'),
        (('{"a": 1}', '{"a": 1}'), ['{"a": 1}', ""], '{"a": 1}'),  # a repeated final snapshot
        (('{"a": ', "1}"), ['{"a": ', "1}"], '{"a": 1}'),
        (('{"x": "', '{"x": "'), ['{"x": "', ""], '{"x": "'),
    ],
)
def test_pieces_and_snapshots(pieces: tuple[str, ...], added: list[str], arguments: str) -> None:
    got, buffer = feed(*pieces)
    assert got == added
    assert buffer.arguments() == arguments
    assert buffer.length == len(arguments)


@pytest.mark.parametrize(
    ("pieces", "complete"),
    [
        ((), False),
        (('{"a": 1',), False),
        (('{"a": 1}',), True),
        (('{"a": 1}  \n',), True),
        (('{"a": "}',), False),  # ends with a brace, but inside a string
        (("[1]",), False),  # JSON, but not an object
    ],
)
def test_is_complete(pieces: tuple[str, ...], complete: bool) -> None:
    assert feed(*pieces)[1].is_complete() is complete


def test_parsed_arguments() -> None:
    assert feed()[1].parsed_arguments() == {}
    assert feed('{"a": [1, 2]}')[1].parsed_arguments() == {"a": [1, 2]}
    assert feed('{"a": ')[1].parsed_arguments() is None
