"""The provider's own words from error answers, and overloaded detection."""

from __future__ import annotations

import pytest

from app.translate.upstream_errors import is_overloaded_body, upstream_error_message


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (
            400,
            b'{"error":{"message":"Invalid schema for function \'Bash\'",'
            b'"type":"invalid_request_error","param":"tools[0]","code":"invalid_function_parameters"}}',
            "Invalid schema for function 'Bash'",
        ),
        (
            529,
            b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
            "Overloaded",
        ),
        (
            400,
            b'[{"error":{"code":400,"message":"* GenerateContentRequest.tools[0]: missing type",'
            b'"status":"INVALID_ARGUMENT"}}]',
            "* GenerateContentRequest.tools[0]: missing type",
        ),
        (401, b'{"error":"invalid api key"}', "invalid api key"),
        (422, b'{"detail":"model field required"}', "model field required"),
        (429, b'{"message":"Rate limit reached","code":"1302"}', "Rate limit reached"),
        (
            502,
            b"upstream connect error or disconnect/reset before headers",
            "upstream connect error or disconnect/reset before headers",
        ),
        (
            503,
            b"<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title>"
            b"<style>body{color:red}</style></head><body><h1>503</h1></body></html>",
            "503 Service Temporarily Unavailable",
        ),
        (
            502,
            b"<html><head><script>var x = 1;</script></head>"
            b"<body><h1>Bad &amp; gateway</h1>\n<p>nginx</p></body></html>",
            "Bad & gateway nginx",
        ),
        (500, b"", "HTTP 500 Internal Server Error"),
        (599, b"   ", "HTTP 599"),
        (400, b'{"unexpected": true}', '{"unexpected": true}'),
    ],
)
def test_upstream_error_message(status: int, body: bytes, message: str) -> None:
    assert upstream_error_message(status, body) == message


def test_long_messages_are_shortened() -> None:
    message = upstream_error_message(400, b'{"error":{"message":"' + b"x" * 5000 + b'"}}')
    assert len(message) == 500
    assert message.endswith("…")


@pytest.mark.parametrize(
    ("body", "overloaded"),
    [
        (b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', True),
        (
            b'{"error":{"message":"The engine is currently overloaded, please try again later"}}',
            True,
        ),
        (
            b'{"error":{"code":503,"message":"The model is overloaded. Please try again later.",'
            b'"status":"UNAVAILABLE"}}',
            True,
        ),
        (b'{"error":{"type":"engine_overloaded_error","message":"busy"}}', True),
        (
            b'{"object":"error","message":"Service tier capacity exceeded for this model.",'
            b'"code":"3505"}',
            True,
        ),
        (b"Server is busy, please try again later.", True),
        ('{"error":{"code":"1305","message":"该模型当前访问量过大"}}'.encode(), True),
        (b'{"error":{"message":"Invalid API key"}}', False),
        (b'{"error":{"message":"Rate limit reached for requests"}}', False),
        (b"", False),
    ],
)
def test_is_overloaded_body(body: bytes, overloaded: bool) -> None:
    assert is_overloaded_body(body) is overloaded
