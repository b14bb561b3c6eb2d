"""Providers' context-length errors become Anthropic's exact "prompt is too long" sentence.

The bodies are the providers' real error answers (wording as their APIs send it; numbers vary).
"""

from __future__ import annotations

import re

import orjson
import pytest

from app.translate.context_errors import ContextOverflow, context_overflow

# What Claude Code 2.1.330 matches to compact reactively (PROTOCOL.md).
CLAUDE_CODE_EXACT = re.compile(r"^prompt is too long: \d+ tokens > \d+ maximum$")


def _openai_shape(message: str, code: str | None = "context_length_exceeded") -> bytes:
    error = {"message": message, "type": "invalid_request_error", "param": "messages", "code": code}
    return orjson.dumps({"error": error})


REAL_ERRORS = [
    pytest.param(
        400,
        _openai_shape(
            "This model's maximum context length is 65536 tokens. However, your messages "
            "resulted in 70123 tokens. Please reduce the length of the messages."
        ),
        "prompt is too long: 70123 tokens > 65536 maximum",
        id="openai",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "error": {
                    "message": "This model's maximum context length is 128000 tokens. However, "
                    "your messages resulted in 140001 tokens. Please reduce the length of the "
                    "messages.",
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": "context_length_exceeded",
                    "innererror": None,
                }
            }
        ),
        "prompt is too long: 140001 tokens > 128000 maximum",
        id="azure-openai",
    ),
    pytest.param(
        400,
        _openai_shape(
            "This model's maximum context length is 131072 tokens. However, you requested "
            "139000 tokens (131000 in the messages, 8000 in the completion). Please reduce the "
            "length of the messages or completion.",
            code="invalid_request_error",
        ),
        "prompt is too long: 139000 tokens > 131072 maximum",
        id="deepseek",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "error": {
                    "code": 400,
                    "message": "The input token count (1200000) exceeds the maximum number of "
                    "tokens allowed (1048576).",
                    "status": "INVALID_ARGUMENT",
                }
            }
        ),
        "prompt is too long: 1200000 tokens > 1048576 maximum",
        id="gemini",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "object": "error",
                "message": "Prompt contains 40960 tokens and 0 draft tokens, too large for "
                "model with 32768 maximum context length",
                "type": "invalid_request_message_error",
                "param": None,
                "code": "3051",
            }
        ),
        "prompt is too long: 40960 tokens > 32768 maximum",
        id="mistral",
    ),
    pytest.param(
        400,
        _openai_shape("Please reduce the length of the messages or completion."),
        "prompt is too long for this model's context window",
        id="groq",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "object": "error",
                "message": "This model's maximum context length is 4096 tokens. However, you "
                "requested 5000 tokens (4000 in the messages, 1000 in the completion). Please "
                "reduce the length of the messages or completion.",
                "type": "BadRequestError",
                "param": None,
                "code": 400,
            }
        ),
        "prompt is too long: 5000 tokens > 4096 maximum",
        id="vllm",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "error": {
                    "code": 400,
                    "message": "the request exceeds the available context size, try increasing it",
                    "type": "exceed_context_size_error",
                    "n_prompt_tokens": 9000,
                    "n_ctx": 8192,
                }
            }
        ),
        "prompt is too long: 9000 tokens > 8192 maximum",
        id="llama.cpp-ollama",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "error": {
                    "message": "This endpoint's maximum context length is 163840 tokens. "
                    "However, you requested about 170000 tokens (160000 of text input, 10000 in "
                    'the output). Please reduce the length of either one, or use the "middle-out"'
                    " transform to compress your prompt automatically.",
                    "code": 400,
                }
            }
        ),
        "prompt is too long: 170000 tokens > 163840 maximum",
        id="openrouter",
    ),
    pytest.param(
        400,
        _openai_shape(
            "Your input exceeds the context window of this model. Please adjust your input and "
            "try again."
        ),
        "prompt is too long for this model's context window",
        id="openai-responses",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "error": {
                    "message": "Invalid request: Your request exceeded model token limit: 262144",
                    "type": "invalid_request_error",
                }
            }
        ),
        "prompt is too long: it does not fit the 262144-token context window",
        id="moonshot-kimi",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "code": "Client specified an invalid argument",
                "error": "This model's maximum prompt length is 131072 but the request contains "
                "140000 tokens.",
            }
        ),
        "prompt is too long: 140000 tokens > 131072 maximum",
        id="xai",
    ),
    pytest.param(
        400,
        orjson.dumps({"message": "Input is too long for requested model."}),
        "prompt is too long for this model's context window",
        id="bedrock",
    ),
    pytest.param(
        400,
        orjson.dumps(
            {
                "type": "error",
                "error": {
                    "type": "invalid_request_error",
                    "message": "prompt is too long: 210000 tokens > 200000 maximum",
                },
            }
        ),
        "prompt is too long: 210000 tokens > 200000 maximum",
        id="anthropic",
    ),
]


@pytest.mark.parametrize(("status", "body", "expected"), REAL_ERRORS)
def test_real_context_errors_become_anthropics_sentence(
    status: int, body: bytes, expected: str
) -> None:
    overflow = context_overflow(status, body)
    assert overflow is not None
    assert overflow.message == expected


def test_exact_sentences_are_the_form_claude_code_parses() -> None:
    exact = [p.values[2] for p in REAL_ERRORS if "tokens >" in p.values[2]]
    assert len(exact) >= 8
    assert all(CLAUDE_CODE_EXACT.match(m) for m in exact)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        # Groq's per-minute token limit says "Request too large": a rate limit, not a window
        (
            413,
            _openai_shape(
                "Request too large for model `llama-3.3-70b` in organization `org_1` on tokens "
                "per minute (TPM): Limit 6000, Requested 7000, please reduce your message size "
                "and try again.",
                code="rate_limit_exceeded",
            ),
        ),
        (429, _openai_shape("maximum context length is 10 tokens; resulted in 20")),
        (400, _openai_shape("Invalid 'messages[2].content': empty string", code=None)),
        (401, _openai_shape("Incorrect API key provided", code="invalid_api_key")),
        (400, b""),
    ],
)
def test_other_errors_are_not_overflows(status: int, body: bytes) -> None:
    assert context_overflow(status, body) is None


def test_missing_numbers_are_filled_from_the_catalogue_and_an_estimate() -> None:
    overflow = context_overflow(400, _openai_shape("Please reduce the length of the messages."))
    assert overflow is not None
    filled = overflow.with_defaults(tokens=70000, maximum=65536)
    assert filled.message == "prompt is too long: 70000 tokens > 65536 maximum"
    # what the provider said wins over our guesses
    said = ContextOverflow(9000, 8192, "").with_defaults(tokens=1, maximum=2)
    assert said.message == "prompt is too long: 9000 tokens > 8192 maximum"


def test_a_prompt_that_fits_but_leaves_no_room_for_output_is_not_reported_as_over() -> None:
    # vLLM: "… your request has 3500 input tokens (1000 > 4096 - 3500)": the output budget
    # overflowed, not the prompt; "3500 > 4096" would be a false sentence.
    body = _openai_shape(
        "'max_tokens' or 'max_completion_tokens' is too large: 1000. This model's maximum "
        "context length is 4096 tokens and your request has 3500 input tokens (1000 > 4096 - "
        "3500).",
        code=None,
    )
    overflow = context_overflow(400, body)
    assert overflow is not None
    assert overflow.message == "prompt is too long: it does not fit the 4096-token context window"
