"""Local token counts: a real BPE tokenizer (cl100k_base), bundled, offline, never 0."""

from __future__ import annotations

import base64
import gzip
import hashlib
import socket
import struct
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.system.resources import resource
from app.translate.tokens import VOCABULARY, TokenCounter, image_tokens, load_encoding

FIXTURES = Path(__file__).parents[1] / "data" / "claude_code"
# tiktoken's expected_hash for cl100k_base (tiktoken_ext/openai_public.py)
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"


@pytest.fixture(scope="module")
def counter() -> TokenCounter:
    return TokenCounter(load_encoding(resource(*VOCABULARY).read_bytes()))


def message(content: Any, role: str = "user") -> dict[str, Any]:
    return {"role": role, "content": content}


def test_bundled_vocabulary_is_openais_cl100k_base() -> None:
    data = gzip.decompress(resource(*VOCABULARY).read_bytes())
    assert hashlib.sha256(data).hexdigest() == CL100K_SHA256


def test_counts_with_the_network_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network is cut in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = TokenCounter(load_encoding(resource(*VOCABULARY).read_bytes()))
    assert fresh.count({"messages": [message("hello world")]}) == 4 + 2


def test_real_bpe_counts(counter: TokenCounter) -> None:
    # cl100k_base: "hello world" is 2 tokens, "tokenization" 2, 28 repeated words 28
    assert counter.text("hello world") == 2
    assert counter.text("tokenization") == 2
    assert counter.text(" the" * 28) == 28
    assert counter.text("") == 0


def test_never_zero(counter: TokenCounter) -> None:
    assert counter.count({"messages": []}) == 1
    assert counter.count({"messages": [message("")]}) >= 1


def test_every_part_of_a_request_counts(counter: TokenCounter) -> None:
    hello = message("hello world")
    base = counter.count({"messages": [hello]})
    assert base == 4 + 2  # the message's framing and its two tokens
    text, json = counter.text, counter.json
    schema = {"type": "object", "properties": {"command": {"type": "string"}}}
    tool = {"name": "Bash", "description": "Run a shell command", "input_schema": schema}
    call = {"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "ls"}}
    result = {"type": "tool_result", "tool_use_id": "t1", "content": "a.txt\nb.txt"}
    thought = {"type": "thinking", "thinking": "Let me think", "signature": "sig"}
    cases: list[tuple[dict[str, Any], int]] = [
        ({"system": "You are terse."}, text("You are terse.")),
        ({"system": [{"type": "text", "text": "You are terse."}]}, text("You are terse.")),
        ({"tools": [tool]}, 350 + text("Bash") + text("Run a shell command") + json(schema)),
        (
            {"messages": [hello, message([call], "assistant")]},
            4 + text("Bash") + json(call["input"]),
        ),
        ({"messages": [hello, message([result])]}, 4 + 3 + text("a.txt\nb.txt")),
        ({"messages": [hello, message([thought], "assistant")]}, 4 + text("Let me think")),
    ]
    for extra, added in cases:
        assert added > 0
        assert counter.count({"messages": [hello], **extra}) == base + added, extra


def _png(width: int, height: int) -> str:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", width, height)
    return base64.b64encode(header + b"\x08\x06\x00\x00\x00" + b"\x00" * 32).decode()


def _jpeg(width: int, height: int) -> str:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x01" * 9
    sof = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, height, width) + b"\x03" + b"\x00" * 9
    return base64.b64encode(b"\xff\xd8" + app0 + sof + b"\x00" * 16).decode()


def _gif(width: int, height: int) -> str:
    return base64.b64encode(b"GIF89a" + struct.pack("<HH", width, height) + b"\x00" * 8).decode()


def _webp(width: int, height: int) -> str:
    body = b"VP8X" + b"\x0a\x00\x00\x00" + b"\x00" * 4
    body += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return base64.b64encode(b"RIFF" + b"\x00" * 4 + b"WEBP" + body).decode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_png(200, 150), 40),  # 30000 px / 750
        (_jpeg(1000, 1000), 1334),
        (_gif(10, 10), 1),
        (_webp(750, 100), 100),
        (_png(4000, 3000), 1600),  # scaled to 1568 x 1176, then capped
        ("not an image at all", 1600),  # unknown format: the fixed cost
    ],
)
def test_image_cost_from_its_size(data: str, expected: int) -> None:
    assert image_tokens({"type": "base64", "media_type": "image/png", "data": data}) == expected


def test_images_count_also_inside_tool_results(counter: TokenCounter) -> None:
    image = {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png", "data": _png(750, 1000)},
    }
    url_image = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    plain = counter.count(
        {
            "messages": [
                message(
                    [
                        {
                            "type": "tool_result",
                            "tool_use_id": "t",
                            "content": [{"type": "text", "text": "x"}],
                        }
                    ]
                )
            ]
        }
    )
    with_images = counter.count(
        {
            "messages": [
                message(
                    [
                        {
                            "type": "tool_result",
                            "tool_use_id": "t",
                            "content": [{"type": "text", "text": "x"}, image],
                        },
                        url_image,
                    ]
                )
            ]
        }
    )
    assert with_images - plain == 1000 + 1600


def test_pinned_count_of_the_captured_count_tokens_request(counter: TokenCounter) -> None:
    """The body Claude Code sent to count_tokens after reading a 110 KB file."""
    fixture = "read_large_file_count_tokens__02_POST-v1_messages_count_tokens.json"
    body = orjson.loads((FIXTURES / fixture).read_bytes())["body"]
    assert counter.count(body) == 24835


def test_repeated_history_is_counted_from_the_cache(counter: TokenCounter) -> None:
    fixture = "read_large_file_count_tokens__03_POST-v1_messages.json"
    body = orjson.loads((FIXTURES / fixture).read_bytes())["body"]
    first = counter.count(body)
    encoded: list[int] = []
    encode = counter._encode  # spy on the tokenizer itself: what is tokenized again?

    def spy(text: str) -> list[int]:
        encoded.append(len(text))
        return encode(text)

    counter._encode = spy
    try:
        assert counter.count(body) == first
    finally:
        counter._encode = encode
    assert encoded and max(encoded) < 256  # only short strings: every long one was cached


def test_odd_field_types_are_counted_not_crashed_on(counter: TokenCounter) -> None:
    """An estimate counts what it is given: a number where text belongs is a bad request for the
    upstream to refuse, not an exception in count_tokens or the long-context rule."""
    body = {
        "system": [{"type": "text", "text": 12345}],
        "tools": [{"name": {"n": 1}, "description": ["d"], "input_schema": {}}],
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": True}]},
            {"role": "assistant", "content": [{"type": "thinking", "thinking": [1, 2]}]},
            {"role": "assistant", "content": [{"type": "tool_use", "name": 7, "input": {}}]},
            {
                "role": "user",
                "content": [{"type": "document", "source": {"type": "text", "data": 3}}],
            },
        ],
    }
    assert counter.count(body) > 0
