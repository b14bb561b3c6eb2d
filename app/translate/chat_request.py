"""Anthropic Messages request → OpenAI Chat Completions request (PROTOCOL.md).

Builds a new body and never changes the one it is given. Anthropic-only fields (`thinking`,
`context_management`, `safeguards`, `cache_control`, `citations`, `top_k`) are left out by
construction: only what Chat Completions understands is copied.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal, cast

import orjson

from app.errors import InvalidRequest
from app.translate.anthropic_request import (
    NO_VISION,
    block_text,
    body_object,
    content_blocks,
    image_url,
    is_server_tool,
    plain_text,
    reasoning_effort,
    system_text,
)
from app.translate.quirks import ChatQuirks
from app.translate.schema import clean_schema
from app.translate.tool_names import upstream_tool_name
from app.wire.chat import (
    ChatMessage,
    ChatRequest,
    FunctionDefinition,
    FunctionTool,
    ImagePart,
    NamedToolChoice,
    TextPart,
    ToolCall,
)

_MAX_STOP_SEQUENCES = 4  # OpenAI rejects more
_ALNUM9 = re.compile(r"[A-Za-z0-9]{9}")
_NO_PDF = "[PDF attached{title}: the model behind this proxy cannot read PDFs]"
_NO_DOCUMENT = "[document attached{title}: the model behind this proxy cannot read it]"

Part = dict[str, Any]  # a content part being built (TextPart or ImagePart once sent)


def to_chat_request(
    body: dict[str, Any], *, model: str, quirks: ChatQuirks, stream: bool
) -> ChatRequest:
    messages: list[ChatMessage] = []
    system = system_text(body.get("system"))
    if system:
        messages.append({"role": quirks.system_role, "content": system})
    history = body.get("messages")
    if not isinstance(history, list):
        raise InvalidRequest("`messages` must be a list")
    conversation = _Conversation(messages, quirks)
    for message in history:
        conversation.add(message)
    conversation.end()
    request: ChatRequest = {"model": model, "messages": messages}

    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int):
        if quirks.max_output_tokens is not None:
            max_tokens = min(max_tokens, quirks.max_output_tokens)
        request[quirks.max_tokens_field] = max_tokens
    for field in ("temperature", "top_p"):
        if body.get(field) is not None:
            request[field] = body[field]
    stop = body.get("stop_sequences")
    if isinstance(stop, list) and stop:
        request["stop"] = stop[:_MAX_STOP_SEQUENCES]

    tools = _tools(body.get("tools"), quirks)
    if tools:  # OpenAI rejects an empty list; Claude Code sends one for title generation
        request["tools"] = tools
        _add_tool_choice(request, body.get("tool_choice"), quirks)

    output_config = body_object(body, "output_config")
    effort = reasoning_effort(output_config, body_object(body, "thinking"))
    if effort and quirks.reasoning_effort:
        request["reasoning_effort"] = effort
    output_format = output_config.get("format")
    if (
        quirks.json_schema_format
        and isinstance(output_format, dict)
        and output_format.get("type") == "json_schema"
    ):
        schema = _clean(output_format.get("schema") or {}, quirks)
        request["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "response", "schema": schema, "strict": False},
        }
    if stream:
        request["stream"] = True
        if quirks.stream_usage:
            request["stream_options"] = {"include_usage": True}
    # `metadata` is dropped: Claude Code's user_id is a JSON blob with a device id, which
    # third-party providers have no use for.
    cast(dict[str, Any], request).update(quirks.extra_body)  # provider extensions, untyped
    return request


def dropped_server_tools(body: dict[str, Any]) -> list[str]:
    """Names of the Anthropic server tools (`web_search_*`…) a Chat Completions upstream
    cannot run; to_chat_request leaves them out, the proxy logs a warning."""
    return [
        str(tool.get("name") or tool.get("type"))
        for tool in body.get("tools") or ()
        if isinstance(tool, dict) and is_server_tool(tool)
    ]


def _clean(schema: Any, quirks: ChatQuirks) -> Any:
    return clean_schema(
        schema, drop_keys=quirks.schema_drop_keys, require_type=quirks.schema_require_type
    )


# Claude Code sends the same tools with every request of a session: their translation is
# cached by their JSON (serializing takes ~6 µs, rebuilding 15 tools ~40 µs). The cached lists
# are shared between requests and go straight to orjson: never mutate them.
_TOOLS_CACHE: dict[tuple[bytes, frozenset[str], bool], list[FunctionTool]] = {}
_TOOLS_CACHE_SIZE = 8


def _tools(tools: Any, quirks: ChatQuirks) -> list[FunctionTool]:
    if not tools or not isinstance(tools, list):
        return _build_tools(tools, quirks)
    key = (orjson.dumps(tools), quirks.schema_drop_keys, quirks.schema_require_type)
    functions = _TOOLS_CACHE.get(key)
    if functions is None:
        functions = _build_tools(tools, quirks)
        if len(_TOOLS_CACHE) >= _TOOLS_CACHE_SIZE:
            _TOOLS_CACHE.clear()
        _TOOLS_CACHE[key] = functions
    return functions


def _build_tools(tools: Any, quirks: ChatQuirks) -> list[FunctionTool]:
    functions: list[FunctionTool] = []
    for tool in tools or ():
        if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
            raise InvalidRequest("every tool needs a `name`")
        # Deferred tools (DeferredToolPlaceholder) only work with Anthropic's tool search.
        if tool.get("defer_loading") or is_server_tool(tool):
            continue
        function: FunctionDefinition = {"name": upstream_tool_name(tool["name"])}
        if tool.get("description"):
            function["description"] = tool["description"]
        schema = tool.get("input_schema") or {"type": "object", "properties": {}}
        function["parameters"] = _clean(schema, quirks)
        functions.append({"type": "function", "function": function})
    return functions


def _add_tool_choice(request: ChatRequest, choice: Any, quirks: ChatQuirks) -> None:
    if not isinstance(choice, dict):
        return
    kind = choice.get("type")
    if kind == "tool":
        name = choice.get("name")
        if isinstance(name, str):
            name = upstream_tool_name(name)
        # a name that is not a string goes as it came: the upstream reports it
        named: NamedToolChoice = {"type": "function", "function": {"name": cast(str, name)}}
        request["tool_choice"] = named
    elif kind in ("auto", "any", "none"):
        request["tool_choice"] = _TOOL_CHOICES[kind]
    if choice.get("disable_parallel_tool_use") and quirks.parallel_tool_calls:
        request["parallel_tool_calls"] = False


_TOOL_CHOICES: dict[str, Literal["auto", "required", "none"]] = {
    "auto": "auto",
    "any": "required",
    "none": "none",
}


class _Conversation:
    """Appends Anthropic messages to the Chat Completions list, keeping the pairing rule
    strict upstreams enforce: an assistant message with tool_calls is followed by exactly one
    tool message per call, in call order, before any other message."""

    def __init__(self, out: list[ChatMessage], quirks: ChatQuirks) -> None:
        self._out = out
        self._quirks = quirks
        self._open_calls: list[str] = []  # ids of the last assistant's calls, not yet answered
        self._held: list[Part] = []  # user-side text that must wait for those answers

    def add(self, message: Any) -> None:
        if not isinstance(message, dict):
            raise InvalidRequest("every entry of `messages` must be an object")
        role = message.get("role")
        content = message.get("content")
        if role == "user":
            self._add_user(content)
        elif role == "assistant":
            self._add_assistant(content)
        elif role == "system":
            # Folded into the user turn as Claude Code itself folds them when an upstream
            # refuses mid-conversation system messages: Qwen/Llama chat templates (vLLM,
            # Ollama, llama.cpp) reject a system message that is not first, Mistral-style
            # templates want strictly alternating turns; user text is accepted everywhere.
            text = plain_text(content)
            if text:
                reminder = {
                    "type": "text",
                    "text": f"<system-reminder>\n{text}\n</system-reminder>",
                }
                self._add_user_parts([reminder])
        else:
            raise InvalidRequest(f"unknown message role {role!r}")

    def end(self) -> None:
        self._add_user_parts(self._answer_calls({}))
        for message in self._out:
            content = message.get("content")
            # Text-only content goes as one string: several upstreams (older vLLM, some local
            # servers) accept no content-part arrays, and no upstream refuses a string.
            if (
                message["role"] == "user"
                and isinstance(content, list)
                and all(part["type"] == "text" for part in content)
            ):
                texts = cast(list[TextPart], content)
                message["content"] = "\n\n".join(part["text"] for part in texts)

    def _add_assistant(self, content: Any) -> None:
        self._add_user_parts(self._answer_calls({}))
        texts: list[str] = []
        thinking: list[str] = []
        calls: list[ToolCall] = []
        for block in content_blocks(content):
            kind = block.get("type")
            if kind == "text" and (text := block_text(block)):
                texts.append(text)
            elif kind == "tool_use":
                call_id, name = block.get("id"), block.get("name")
                if not (isinstance(call_id, str) and isinstance(name, str)):
                    raise InvalidRequest("a tool_use block needs an `id` and a `name`")
                arguments = orjson.dumps(block.get("input") or {}).decode()
                calls.append(
                    {
                        "id": call_id,  # Claude Code's id here; _wire_id maps it on output
                        "type": "function",
                        "function": {"name": upstream_tool_name(name), "arguments": arguments},
                    }
                )
            elif kind == "thinking":
                thinking.append(block_text(block, "thinking"))
            # redacted_thinking, server tool blocks…: nothing an OpenAI-style model can read.
        message: ChatMessage = {"role": "assistant", "content": "\n\n".join(texts) or None}
        if calls:
            message["tool_calls"] = calls
            self._open_calls = [call["id"] for call in calls]
            for call in calls:
                call["id"] = self._wire_id(call["id"])
        elif message["content"] is None:
            message["content"] = ""
        field = self._quirks.reasoning_history_field
        if field:
            # Sent on every assistant message: DeepSeek refuses tool-call history without it.
            cast(dict[str, Any], message)[field] = "".join(thinking)
        self._out.append(message)

    def _add_user(self, content: Any) -> None:
        results: dict[str, dict[str, Any]] = {}
        parts: list[Part] = []
        for block in content_blocks(content):
            kind = block.get("type")
            if kind == "tool_result":
                results[str(block.get("tool_use_id"))] = block
            elif kind == "text":
                if text := block_text(block):
                    parts.append({"type": "text", "text": text})
            else:
                parts.append(self._media_part(block))
        self._add_user_parts(self._answer_calls(results) + parts)

    def _wire_id(self, call_id: str) -> str:
        if self._quirks.tool_call_ids == "alnum9" and not _ALNUM9.fullmatch(call_id):
            return hashlib.sha1(call_id.encode(), usedforsecurity=False).hexdigest()[:9]
        return call_id

    def _answer_calls(self, results: dict[str, dict[str, Any]]) -> list[Part]:
        """Tool messages for the open calls, in call order (Claude Code sends parallel results
        in completion order). Returns what goes in the user message right after: images
        from the results, held text, and results that answer no open call, as text."""
        follow: list[Part] = []
        for call_id in self._open_calls:
            result = results.pop(call_id, None)
            if result is None:
                text = "(no result was returned for this tool call)"
            else:
                text, images = self._result_content(result)
                follow += images
            self._out.append(
                {"role": "tool", "tool_call_id": self._wire_id(call_id), "content": text}
            )
        self._open_calls = []
        for call_id, result in results.items():
            text, images = self._result_content(result)
            follow.append({"type": "text", "text": f"[result of tool call {call_id}]\n{text}"})
            follow += images
        follow += self._held
        self._held = []
        return follow

    def _result_content(self, result: dict[str, Any]) -> tuple[str, list[Part]]:
        texts: list[str] = []
        images: list[Part] = []
        for block in content_blocks(result.get("content")):
            if block.get("type") == "text":
                texts.append(block_text(block))
                continue
            part = self._media_part(block)
            if part["type"] == "image_url":
                images.append(part)
            else:
                texts.append(part["text"])
        text = "\n\n".join(texts)
        if images and not text:
            text = f"(the result is the {len(images)} image(s) in the next message)"
        if result.get("is_error"):
            text = f"Error: {text}" if text else "Error"
        return text, images

    def _media_part(self, block: dict[str, Any]) -> Part:
        kind = block.get("type")
        if kind == "image":
            if not self._quirks.vision:
                return {"type": "text", "text": NO_VISION}
            return _image_part(block)
        if kind == "document":
            return {"type": "text", "text": _document_text(block)}
        # Other blocks (search results, tool references…): show the model what they held.
        return {"type": "text", "text": orjson.dumps(block).decode()}

    def _add_user_parts(self, parts: list[Part]) -> None:
        if not parts:
            return
        if self._open_calls:
            self._held += parts
            return
        sent = cast(list[TextPart | ImagePart], parts)
        last = self._out[-1] if self._out else None
        if last is not None and last["role"] == "user":
            # a user message built here: its content is still a list of parts
            cast(list[TextPart | ImagePart], last["content"]).extend(sent)
        else:
            self._out.append({"role": "user", "content": sent})


def _document_text(block: dict[str, Any]) -> str:
    """A document as text: what it holds when that is text, else a note that it is there.

    Chat Completions has no document part (a PDF is what Claude Code's Read returns for a
    .pdf): a model that cannot see a document is told so, as for images without vision.
    """
    source = block.get("source")
    source = source if isinstance(source, dict) else {}
    kind, title = source.get("type"), block.get("title")
    if kind == "text":
        texts = [source.get("data")]
    elif kind == "content":
        texts = [part.get("text") for part in content_blocks(source.get("content"))]
    else:
        texts = []
    text = "\n\n".join(t for t in texts if isinstance(t, str) and t)
    label = title if isinstance(title, str) and title else None
    if text:
        return f"[document: {label}]\n{text}" if label else text
    url = source.get("url") if kind == "url" else None
    if isinstance(url, str):
        label = f"{label}, {url}" if label else url
    is_pdf = source.get("media_type") == "application/pdf" or (
        isinstance(url, str) and url.lower().endswith(".pdf")
    )
    return (_NO_PDF if is_pdf else _NO_DOCUMENT).format(title=f" ({label})" if label else "")


def _image_part(block: dict[str, Any]) -> Part:
    return {"type": "image_url", "image_url": {"url": image_url(block)}}
