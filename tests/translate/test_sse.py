"""SSEDecoder against the WHATWG event-stream parsing rules, and encode_event."""

from __future__ import annotations

import orjson
import pytest

from app.errors import UpstreamProtocolError
from app.translate.sse import MAX_UPSTREAM_BYTES, SSEDecoder, SSEEvent, encode_event


def decode(*chunks: bytes, flush: bool = True) -> list[SSEEvent]:
    decoder = SSEDecoder()
    events = [event for chunk in chunks for event in decoder.feed(chunk)]
    return events + decoder.flush() if flush else events


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        (b"data: hi\n\n", [SSEEvent(None, "hi")]),
        (b"event: ping\ndata: {}\n\n", [SSEEvent("ping", "{}")]),
        (b"data: a\ndata: b\n\n", [SSEEvent(None, "a\nb")]),
        (b"data: a\r\ndata: b\r\n\r\n", [SSEEvent(None, "a\nb")]),
        (b"data: a\rdata: b\r\r", [SSEEvent(None, "a\nb")]),
        (b"data: a\r\n\ndata: b\n\r\n", [SSEEvent(None, "a"), SSEEvent(None, "b")]),
        (b": keep-alive\n\n: another\ndata: x\n\n", [SSEEvent(None, "x")]),
        (b"data:x\n\n", [SSEEvent(None, "x")]),
        (b"data:  x\n\n", [SSEEvent(None, " x")]),  # only one space is removed
        (b"data\n\n", [SSEEvent(None, "")]),  # a field name alone has an empty value
        (b"data:\ndata:\n\n", [SSEEvent(None, "\n")]),
        (b"event: x\n\ndata: y\n\n", [SSEEvent(None, "y")]),  # no data: nothing, type reset
        (b"retry: 10\nfoo: bar\ndata: z\n\n", [SSEEvent(None, "z")]),
        (b"data: a:b: c\n\n", [SSEEvent(None, "a:b: c")]),
        (b"\xef\xbb\xbfdata: bom\n\n", [SSEEvent(None, "bom")]),
        (b"data: \xef\xbb\xbfkept\n\n", [SSEEvent(None, "\ufeffkept")]),
        (b"data: caf\xc3\xa9 \xe2\x9c\x93\n\n", [SSEEvent(None, "café ✓")]),
        (b"data: bad \xff\n\n", [SSEEvent(None, "bad \ufffd")]),
    ],
)
def test_whatwg_parsing(stream: bytes, expected: list[SSEEvent]) -> None:
    assert decode(stream) == expected


def test_last_event_id_persists_and_ids_with_nul_are_ignored() -> None:
    stream = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\x00\ndata: c\n\nid\ndata: d\n\n"
    assert decode(stream) == [
        SSEEvent(None, "a", "1"),
        SSEEvent(None, "b", "1"),
        SSEEvent(None, "c", "1"),
        SSEEvent(None, "d", ""),
    ]


STREAM = (
    b'\xef\xbb\xbf: hello\r\nevent: message_start\r\ndata: {"a":\r\ndata: 1}\r\n\r\n'
    b"data: caf\xc3\xa9\r\rdata: [DONE]\n\n"
)


def test_frames_split_at_every_byte_give_the_same_events() -> None:
    whole = decode(STREAM)
    assert whole == [
        SSEEvent("message_start", '{"a":\n1}'),
        SSEEvent(None, "café"),
        SSEEvent(None, "[DONE]"),
    ]
    for cut in range(1, len(STREAM)):
        assert decode(STREAM[:cut], STREAM[cut:]) == whole, cut
    assert decode(*(STREAM[i : i + 1] for i in range(len(STREAM)))) == whole


def test_a_cr_at_the_end_of_a_chunk_waits_for_a_possible_lf() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\n") == []  # "\r\n" is one line break, not two
    assert decoder.feed(b"\r\n") == [SSEEvent(None, "a")]


def test_events_come_out_as_soon_as_their_blank_line_arrives() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: one\n\ndata: tw") == [SSEEvent(None, "one")]
    assert decoder.feed(b"o\n") == []
    assert decoder.feed(b"\n") == [SSEEvent(None, "two")]


def test_flush_dispatches_an_event_missing_its_final_blank_line() -> None:
    assert decode(b"data: last\n") == [SSEEvent(None, "last")]
    assert decode(b"data: cut mid-li") == [SSEEvent(None, "cut mid-li")]
    assert decode(b"data: last\n", flush=False) == []
    assert decode(b": only a comment") == []


def test_encode_event() -> None:
    event = {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": "é\n"},
    }
    frame = encode_event(event)
    assert frame == b"event: content_block_delta\ndata: " + orjson.dumps(event) + b"\n\n"
    [decoded] = decode(frame)
    assert decoded.event == "content_block_delta"
    assert orjson.loads(decoded.data) == event


def test_a_huge_line_in_many_chunks() -> None:
    data = '{"x": "' + "y" * 200_000 + '"}'
    raw = f"data: {data}\n\n".encode()
    assert decode(*(raw[i : i + 1000] for i in range(0, len(raw), 1000))) == [SSEEvent(None, data)]


@pytest.mark.parametrize(
    "chunks",
    [
        [b"data: " + b"x" * 100],  # one chunk, no line end yet
        [b"data: ", *[b"x" * 10] * 10],  # a line that never ends, in many chunks
        [b"data: " + b"x" * 60 + b"\n", b"data: " + b"y" * 60 + b"\n"],  # one event, many lines
        [b"data: " + b"x" * 200 + b"\n\n"],  # a whole frame in one chunk
    ],
)
def test_an_endless_line_or_event_is_a_protocol_error_at_the_cap(chunks: list[bytes]) -> None:
    decoder = SSEDecoder(max_event=100)
    for chunk in chunks[:-1]:
        decoder.feed(chunk)
    with pytest.raises(UpstreamProtocolError, match="over the 100 bytes limit"):
        decoder.feed(chunks[-1])


def test_the_cap_counts_one_event_not_the_stream() -> None:
    decoder = SSEDecoder(max_event=100)
    frame = b"data: " + b"x" * 90 + b"\n\n"
    events = [e for _ in range(50) for e in decoder.feed(frame[:7]) + decoder.feed(frame[7:])]
    assert len(events) == 50


def test_the_default_cap_is_the_one_upstream_limit() -> None:
    decoder = SSEDecoder()
    piece = b"x" * (1024 * 1024)
    decoder.feed(b"data: ")
    for _ in range(MAX_UPSTREAM_BYTES // len(piece) - 1):
        assert decoder.feed(piece) == []
    with pytest.raises(UpstreamProtocolError, match="over the 32 MiB limit"):
        decoder.feed(piece)
