"""app/wire/responses.py describes what flows to and from Responses upstreams: translated
requests fit ResponsesRequest with no unknown key, and the stream events of
tests/data/responses_streams fit StreamEvent and the official openai SDK's event models (so
the streams are realistic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import ConfigDict, TypeAdapter

from app.translate.quirks import ResponsesQuirks
from app.translate.responses_request import reasoning_signature, to_responses_request
from app.translate.sse import SSEDecoder
from app.wire.responses import ResponsesRequest, StreamEvent
from tests.bench import answers
from tests.support.responses_upstream import Turn, function_call, message, reasoning

DATA = Path(__file__).parents[1] / "data"
FIXTURES = sorted((DATA / "claude_code").glob("*.json"))
STREAMS = sorted((DATA / "responses_streams").glob("*.sse"))

REQUEST = TypeAdapter(list[ResponsesRequest], config=ConfigDict(extra="forbid"))
EVENT = TypeAdapter(StreamEvent)  # loose on purpose: the API adds fields
OFFICIAL_EVENT: TypeAdapter[Any] = TypeAdapter(ResponseStreamEvent)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_translated_requests_fit_responses_request(path: Path) -> None:
    body = orjson.loads(path.read_bytes())["body"]
    quirks = ResponsesQuirks(reasoning=True)
    REQUEST.validate_python(
        [to_responses_request(body, model="m", quirks=quirks, source="oa", stream=True)]
    )


def test_a_request_with_carried_reasoning_and_images_fits() -> None:
    png = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "A"}}
    body = {
        "messages": [
            {"role": "user", "content": [png, {"type": "text", "text": "q"}]},
            {
                "role": "assistant",
                "content": [
                    {
                        "type": "thinking",
                        "thinking": "t",
                        "signature": reasoning_signature("oa", "rs", "e"),
                    },
                    {"type": "tool_use", "id": "c", "name": "Read", "input": {}},
                ],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "c", "content": [png]}],
            },
        ]
    }
    quirks = ResponsesQuirks(reasoning=True)
    REQUEST.validate_python(
        [to_responses_request(body, model="m", quirks=quirks, source="oa", stream=False)]
    )


@pytest.mark.parametrize("stream", STREAMS, ids=[p.stem for p in STREAMS])
def test_recorded_events_fit_stream_event_and_the_sdks_models(stream: Path) -> None:
    frames = SSEDecoder().feed(stream.read_bytes())
    assert frames
    for frame in frames:
        event = orjson.loads(frame.data)
        EVENT.validate_python(event)
        OFFICIAL_EVENT.validate_python(event)
        assert frame.event == event["type"]


def test_the_loopback_upstreams_whole_answers_fit_the_sdks_response_model() -> None:
    turn = Turn([reasoning("Plan."), message("Text."), function_call("Bash", "{}", "call_1")])
    Response.model_validate(turn.response("gpt-up"))
    Response.model_validate(answers.responses_response())  # the bench's answer too
