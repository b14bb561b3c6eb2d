"""Token count of an Anthropic request, for count_tokens and the long-context rule (never 0).

A real BPE tokenizer: tiktoken with OpenAI's `cl100k_base` vocabulary, bundled (gzipped, MIT)
in `resources/tokenizer/`. Claude's own tokenizer is not public; cl100k is a close, slightly
lower count for English and code, and matches what most OpenAI-compatible upstreams count.

Counted: system, tools (name, description, schema, plus the fixed prompt a provider adds for
tool use), and every message block: text, tool calls and results, thinking, documents and
images (from the image's pixel size, read from its header, as Anthropic prices them; a fixed
cost when the size is unknown). Text is counted once per distinct string: a conversation only
grows, so later requests find their history in the cache.

This module does no I/O: whoever starts the proxy names the vocabulary with `use_vocabulary`,
and it is read and built on first use.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import math
import struct
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import orjson
import tiktoken

VOCABULARY = ("tokenizer", "cl100k_base.tiktoken.gz")  # path under resources/
_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|"""
    r"""\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

_MESSAGE_OVERHEAD = 4  # role and turn markers around each message
_TOOLS_OVERHEAD = 350  # the tool-use instructions a provider adds once when tools are offered
_IMAGE_TOKENS = 1600  # an image of unknown size: Anthropic's figure for ~1.15 megapixels
_IMAGE_LONG_EDGE = 1568  # larger images are scaled down to this long edge
_PIXELS_PER_TOKEN = 750
_PDF_BYTES_PER_TOKEN = 10  # rough: a PDF page is ~1.5-3k tokens for ~20 KB of file
_CACHE_MIN_CHARS = 256  # shorter strings are cheaper to count than to look up
_CACHE_ENTRIES = 8192


def load_encoding(gzipped: bytes) -> tiktoken.Encoding:
    """A tiktoken encoding from a gzipped `.tiktoken` file (base64 token, space, rank)."""
    ranks: dict[bytes, int] = {}
    for line in gzip.decompress(gzipped).splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    encoding = tiktoken.Encoding(
        "cl100k_base", pat_str=_PATTERN, mergeable_ranks=ranks, special_tokens={}
    )
    # tiktoken keeps this dict only to pickle the encoding, which is never done here; the
    # tokenizer itself lives in its Rust core. Dropping it saves ~20 MB of resident memory.
    encoding._mergeable_ranks = {}
    return encoding


class TokenCounter:
    """Counts request bodies with one encoding; remembers counts of long strings it saw."""

    def __init__(self, encoding: tiktoken.Encoding) -> None:
        self._encode = encoding.encode_ordinary
        self._cache: OrderedDict[tuple[int, int], int] = OrderedDict()
        self._lock = threading.Lock()  # count_tokens may run in a worker thread

    def count(self, body: dict[str, Any]) -> int:
        total = self.content(body.get("system"))
        tools = body.get("tools")
        if isinstance(tools, list) and tools:
            total += _TOOLS_OVERHEAD + sum(self._tool(t) for t in tools)
        for message in body.get("messages") or ():
            if isinstance(message, dict):
                total += _MESSAGE_OVERHEAD + self.content(message.get("content"))
        return max(1, total)

    def text(self, text: str) -> int:
        if len(text) < _CACHE_MIN_CHARS:
            return len(self._encode(text)) if text else 0
        key = (len(text), hash(text))
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        count = len(self._encode(text))
        with self._lock:
            self._cache[key] = count
            if len(self._cache) > _CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return count

    def json(self, value: Any) -> int:
        return self.text(orjson.dumps(value).decode())

    def content(self, content: Any) -> int:
        if isinstance(content, str):
            return self.text(content)
        if isinstance(content, list):
            return sum(self.block(b) for b in content)
        return 0 if content is None else self.json(content)

    def block(self, block: Any) -> int:
        if not isinstance(block, dict):
            return self.content(block)
        kind = block.get("type")
        if kind == "text":
            return self.content(block.get("text"))
        if kind == "image":
            return image_tokens(block.get("source"))
        if kind == "tool_use" or kind == "server_tool_use":
            return self.content(block.get("name")) + self.json(block.get("input") or {})
        if kind == "tool_result":
            return 3 + self.content(block.get("content"))
        if kind == "thinking":
            return self.content(block.get("thinking"))
        if kind == "document":
            return self._document(block.get("source"))
        return self.json(block)

    def _tool(self, tool: Any) -> int:
        if not isinstance(tool, dict):
            return 0
        if "input_schema" not in tool:  # a server tool (web_search_…): its JSON
            return self.json(tool)
        return (
            self.content(tool.get("name"))
            + self.content(tool.get("description"))
            + self.json(tool.get("input_schema"))
        )

    def _document(self, source: Any) -> int:
        if not isinstance(source, dict):
            return _IMAGE_TOKENS
        if source.get("type") == "text":
            return self.content(source.get("data"))
        if source.get("type") == "content":
            return self.content(source.get("content"))
        data = source.get("data")
        if isinstance(data, str):
            return max(100, len(data) * 3 // 4 // _PDF_BYTES_PER_TOKEN)
        return _IMAGE_TOKENS


def image_tokens(source: Any) -> int:
    """Anthropic's image cost: pixels / 750 after scaling to a 1568-pixel long edge, at most
    ~1600; the fixed cost when the size cannot be read (URL images, unknown formats)."""
    size = image_size(source)
    if size is None:
        return _IMAGE_TOKENS
    width, height = size
    scale = min(1.0, _IMAGE_LONG_EDGE / max(width, height, 1))
    pixels = (width * scale) * (height * scale)
    return max(1, min(_IMAGE_TOKENS, math.ceil(pixels / _PIXELS_PER_TOKEN)))


def image_size(source: Any) -> tuple[int, int] | None:
    """Width and height from the header of a base64 PNG, GIF, WebP or JPEG image."""
    if not isinstance(source, dict) or source.get("type") != "base64":
        return None
    data = source.get("data")
    if not isinstance(data, str):
        return None
    try:
        head = base64.b64decode(data[:_HEAD_CHARS])
    except (binascii.Error, ValueError):
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return width, height
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        width, height = struct.unpack("<HH", head[6:10])
        return width, height
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(head)
    return None


_HEAD_CHARS = 64 * 1024  # base64 characters decoded to find a JPEG's frame header


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        return width, int.from_bytes(head[27:30], "little") + 1
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 9 <= len(head):
        if head[offset] != 0xFF:
            return None
        marker = head[offset + 1]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", head[offset + 5 : offset + 9])
            return width, height
        offset += 2 + int.from_bytes(head[offset + 2 : offset + 4], "big")
    return None


# Start-of-frame markers (SOF0-SOF15 without DHT, JPG and DAC), which carry the image size.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class _Default:
    """The process-wide counter: one tokenizer per process, built on first use."""

    def __init__(self) -> None:
        self.read: Callable[[], bytes] | None = None
        self.counter: TokenCounter | None = None
        self.lock = threading.Lock()


_default = _Default()


def use_vocabulary(read: Callable[[], bytes]) -> None:
    """Name where the gzipped vocabulary comes from; it is read on the first count."""
    with _default.lock:
        if read is not _default.read:
            _default.read, _default.counter = read, None


def default_counter() -> TokenCounter:
    """The process-wide counter, built on first use (~0.15 s, ~25 MB resident)."""
    with _default.lock:
        if _default.counter is None:
            if _default.read is None:
                raise RuntimeError("no tokenizer vocabulary: call use_vocabulary() first")
            _default.counter = TokenCounter(load_encoding(_default.read()))
        return _default.counter


def estimate_tokens(body: dict[str, Any]) -> int:
    """Input tokens of an Anthropic request body: system, tools and messages. Never 0."""
    return default_counter().count(body)
