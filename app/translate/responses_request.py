"""Anthropic Messages request → OpenAI Responses request (PROTOCOL.md, "Anthropic ↔ OpenAI
Responses API").

Builds a new body and never changes the one it is given. Requests are stateless (`store:
false`): the whole history goes every time, and earlier reasoning goes back as the encrypted
reasoning items the upstream gave, which rode in Claude Code's history inside thinking-block
signatures (app/translate/carrier.py). Thinking blocks carried for another dialect or provider
mean nothing here and are dropped, as are Anthropic-signed ones.
"""

from __future__ import annotations

from typing import Any, cast

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
    source_object,
    system_text,
)
from app.translate.carrier import carried_payload, carry
from app.translate.quirks import ResponsesQuirks
from app.translate.schema import clean_schema
from app.translate.tool_names import upstream_tool_name
from app.wire.responses import (
    FunctionTool,
    InputContent,
    InputItem,
    InputText,
    Reasoning,
    ReasoningItem,
    ResponsesRequest,
    ToolChoice,
)

KIND = "openai-responses"  # the carrier kind of this dialect
_NO_RESULT = "(no result was returned for this tool call)"
_MAX_CACHE_KEY = 64


def reasoning_signature(source: str, item_id: str, encrypted_content: str) -> str:
    """The thinking-block signature that carries a reasoning item of provider `source`."""
    return carry(KIND, source, f"{item_id}:{encrypted_content}")


def _carried_reasoning(signature: object, source: str, summary: str) -> ReasoningItem | None:
    payload = carried_payload(signature, KIND, source)
    if payload is None:
        return None
    item_id, _, encrypted = payload.partition(":")
    if not item_id or not encrypted:
        return None
    return {
        "type": "reasoning",
        "id": item_id,
        "summary": [{"type": "summary_text", "text": summary}] if summary else [],
        "encrypted_content": encrypted,
    }


def to_responses_request(
    body: dict[str, Any], *, model: str, quirks: ResponsesQuirks, source: str, stream: bool
) -> ResponsesRequest:
    """`source` is the provider's name: only reasoning this provider produced goes back."""
    history = body.get("messages")
    if not isinstance(history, list):
        raise InvalidRequest("`messages` must be a list")
    items: list[InputItem] = []
    conversation = _Conversation(items, quirks, source)
    for message in history:
        conversation.add(message)
    conversation.end()
    request: ResponsesRequest = {"model": model, "input": items, "store": False}
    instructions = system_text(body.get("system")) or quirks.default_instructions
    if instructions:
        request["instructions"] = instructions

    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int):
        if quirks.max_output_tokens is not None:
            max_tokens = min(max_tokens, quirks.max_output_tokens)
        request["max_output_tokens"] = max_tokens
    if not quirks.reasoning:  # reasoning models refuse sampling parameters
        temperature, top_p = body.get("temperature"), body.get("top_p")
        if isinstance(temperature, int | float):
            request["temperature"] = float(temperature)
        if isinstance(top_p, int | float):
            request["top_p"] = float(top_p)

    tools = _tools(body.get("tools"), quirks)
    if tools:
        request["tools"] = tools
        choice = _tool_choice(body.get("tool_choice"))
        if choice is not None:
            request["tool_choice"] = choice
        tool_choice = body.get("tool_choice")
        if isinstance(tool_choice, dict) and tool_choice.get("disable_parallel_tool_use"):
            request["parallel_tool_calls"] = False

    output_config = body_object(body, "output_config")
    if quirks.reasoning:
        thinking = body_object(body, "thinking")
        reasoning: Reasoning = {}
        # Summaries only for thinking Claude Code will show: it says `display: "omitted"`
        # otherwise (`-p` runs), and sends no `thinking` on title or classifier calls. The
        # encrypted item comes either way, and goes back next turn.
        if thinking.get("type") in ("enabled", "adaptive") and thinking.get("display") != "omitted":
            reasoning["summary"] = "auto"
        effort = reasoning_effort(output_config, thinking)
        if effort is not None:
            reasoning["effort"] = effort
        if reasoning:  # else the model's defaults
            request["reasoning"] = reasoning
        request["include"] = ["reasoning.encrypted_content"]
    output_format = output_config.get("format")
    if isinstance(output_format, dict) and output_format.get("type") == "json_schema":
        schema = clean_schema(
            output_format.get("schema") or {}, drop_keys=quirks.schema_drop_keys, require_type=False
        )
        request["text"] = {
            "format": {"type": "json_schema", "name": "response", "schema": schema, "strict": False}
        }
    cache_key = _session_id(body.get("metadata"))
    if cache_key:
        # One key per Claude Code session: OpenAI routes requests with the same key to the
        # same prompt cache, so the long shared prefix (instructions, tools) hits more often.
        request["prompt_cache_key"] = cache_key
    if stream or quirks.stream_only:
        request["stream"] = True
    # `metadata` is dropped (Claude Code's user_id is a JSON blob with a device id), and so is
    # `stop_sequences`: the Responses API has no stop parameter (the answer is cut instead:
    # responses_stream.py).
    if quirks.drop_fields:
        plain: dict[str, Any] = dict(request)
        for field in quirks.drop_fields:
            plain.pop(field, None)
        return cast(ResponsesRequest, plain)  # the same shape, fewer optional keys
    return request


# Claude Code sends the same tools with every request of a session: their translation is cached
# by their JSON, as in chat_request. The cached lists go straight to orjson: never mutate them.
_TOOLS_CACHE: dict[tuple[bytes, frozenset[str]], list[FunctionTool]] = {}
_TOOLS_CACHE_SIZE = 8


def _tools(tools: Any, quirks: ResponsesQuirks) -> list[FunctionTool]:
    if not tools or not isinstance(tools, list):
        return _build_tools(tools, quirks)
    key = (orjson.dumps(tools), quirks.schema_drop_keys)
    built = _TOOLS_CACHE.get(key)
    if built is None:
        built = _build_tools(tools, quirks)
        if len(_TOOLS_CACHE) >= _TOOLS_CACHE_SIZE:
            _TOOLS_CACHE.clear()
        _TOOLS_CACHE[key] = built
    return built


def _build_tools(tools: Any, quirks: ResponsesQuirks) -> list[FunctionTool]:
    out: list[FunctionTool] = []
    for tool in tools or ():
        if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
            raise InvalidRequest("every tool needs a `name`")
        if tool.get("defer_loading") or is_server_tool(tool):
            continue
        schema = tool.get("input_schema") or {"type": "object", "properties": {}}
        function: FunctionTool = {
            "type": "function",
            "name": upstream_tool_name(tool["name"]),
            "parameters": clean_schema(
                schema, drop_keys=quirks.schema_drop_keys, require_type=False
            ),
            # Left out, the API tries strict mode, which Claude Code's schemas do not satisfy.
            "strict": False,
        }
        if tool.get("description"):
            function["description"] = tool["description"]
        out.append(function)
    return out


def _session_id(metadata: Any) -> str | None:
    """Claude Code's session id, from `metadata.user_id` (a string holding JSON)."""
    user_id = metadata.get("user_id") if isinstance(metadata, dict) else None
    if not isinstance(user_id, str) or not user_id.startswith("{"):
        return None
    try:
        found = orjson.loads(user_id)
    except orjson.JSONDecodeError:
        return None
    session = found.get("session_id") if isinstance(found, dict) else None
    return session if isinstance(session, str) and 0 < len(session) <= _MAX_CACHE_KEY else None


def _tool_choice(choice: Any) -> ToolChoice | None:
    if not isinstance(choice, dict):
        return None
    kind = choice.get("type")
    if kind == "tool" and isinstance(choice.get("name"), str):
        return {"type": "function", "name": upstream_tool_name(choice["name"])}
    if kind == "auto":
        return "auto"
    if kind == "any":
        return "required"
    if kind == "none":
        return "none"
    return None


class _Conversation:
    """Appends Anthropic messages as input items, keeping each call's output right after the
    calls of its turn, in call order (Claude Code sends parallel results in completion order),
    before the user text of the same turn."""

    def __init__(self, out: list[InputItem], quirks: ResponsesQuirks, source: str) -> None:
        self._out = out
        self._quirks = quirks
        self._source = source
        self._open_calls: list[str] = []
        self._user: list[InputContent] = []  # the user message being built
        self._held: list[InputContent] = []  # user-side text waiting for the open calls' outputs

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
            # Folded into the user turn, as the Chat dialect does: accepted everywhere.
            text = plain_text(content)
            if text:
                reminder: InputContent = {
                    "type": "input_text",
                    "text": f"<system-reminder>\n{text}\n</system-reminder>",
                }
                if self._open_calls:  # it waits for the calls' outputs, which come first
                    self._held.append(reminder)
                else:
                    self._user.append(reminder)
        else:
            raise InvalidRequest(f"unknown message role {role!r}")

    def end(self) -> None:
        self._answer_calls({})
        self._flush_user()

    def _add_assistant(self, content: Any) -> None:
        self._answer_calls({})
        self._flush_user()
        texts: list[str] = []
        # Reasoning goes out only in front of the answer it led to: the API refuses a
        # reasoning item without its following item (a turn cut after its reasoning).
        reasoning: list[ReasoningItem] = []
        for block in content_blocks(content):
            kind = block.get("type")
            if kind == "text":
                if text := block_text(block):
                    self._out += reasoning
                    reasoning.clear()
                    texts.append(text)
                continue
            self._flush_text(texts)
            if kind == "tool_use":
                call_id, name = block.get("id"), block.get("name")
                if not (isinstance(call_id, str) and isinstance(name, str)):
                    raise InvalidRequest("a tool_use block needs an `id` and a `name`")
                self._out += reasoning
                reasoning.clear()
                self._out.append(
                    {
                        "type": "function_call",
                        "call_id": call_id,
                        "name": upstream_tool_name(name),
                        "arguments": orjson.dumps(block.get("input") or {}).decode(),
                    }
                )
                self._open_calls.append(call_id)
            elif kind == "thinking":
                item = _carried_reasoning(
                    block.get("signature"), self._source, block_text(block, "thinking")
                )
                if item is not None:
                    reasoning.append(item)
            # Other thinking (Anthropic-signed, or carried for another upstream), redacted
            # thinking, server tool blocks: nothing this upstream can read.
        self._flush_text(texts)

    def _flush_text(self, texts: list[str]) -> None:
        if texts:
            self._out.append(
                {"type": "message", "role": "assistant", "content": "\n\n".join(texts)}
            )
            texts.clear()

    def _add_user(self, content: Any) -> None:
        results: dict[str, dict[str, Any]] = {}
        parts: list[InputContent] = []
        for block in content_blocks(content):
            kind = block.get("type")
            if kind == "tool_result":
                results[str(block.get("tool_use_id"))] = block
            elif kind == "text":
                if text := block_text(block):
                    parts.append({"type": "input_text", "text": text})
            else:
                parts.append(self._media_part(block))
        self._answer_calls(results)
        self._user += parts

    def _answer_calls(self, results: dict[str, dict[str, Any]]) -> None:
        """An output item per open call, in call order; results that answer no open call
        become user text."""
        if not self._open_calls and not results:
            return
        self._flush_user()
        for call_id in self._open_calls:
            result = results.pop(call_id, None)
            output = _NO_RESULT if result is None else self._result_output(result)
            self._out.append({"type": "function_call_output", "call_id": call_id, "output": output})
        self._open_calls = []
        for call_id, result in results.items():
            output = self._result_output(result)
            if isinstance(output, str):
                output = [{"type": "input_text", "text": output}]
            self._user.append({"type": "input_text", "text": f"[result of tool call {call_id}]"})
            self._user += output
        self._user += self._held
        self._held = []

    def _result_output(self, result: dict[str, Any]) -> str | list[InputContent]:
        parts: list[InputContent] = []
        for block in content_blocks(result.get("content")):
            if block.get("type") == "text":
                parts.append({"type": "input_text", "text": block_text(block)})
            else:
                parts.append(self._media_part(block))
        prefix = "Error: " if result.get("is_error") else ""
        if all(part["type"] == "input_text" for part in parts):
            text = "\n\n".join(cast(InputText, part)["text"] for part in parts)
            return f"{prefix}{text}" if text or not prefix else "Error"
        if prefix:
            parts.insert(0, {"type": "input_text", "text": "Error:"})
        return parts

    def _media_part(self, block: dict[str, Any]) -> InputContent:
        kind = block.get("type")
        if kind == "image":
            if not self._quirks.vision:
                return {"type": "input_text", "text": NO_VISION}
            return _image_part(block)
        if kind == "document":
            return _document_part(block)
        return {"type": "input_text", "text": orjson.dumps(block).decode()}

    def _flush_user(self) -> None:
        if self._user:
            self._out.append({"type": "message", "role": "user", "content": self._user})
            self._user = []


def _document_part(block: dict[str, Any]) -> InputContent:
    """A document block (a PDF Claude Code's Read tool returns, or plain text) as a file part."""
    source = source_object(block)
    kind = source.get("type")
    filename = str(block.get("title") or "document.pdf")
    if kind == "base64" and isinstance(source.get("data"), str):
        media_type = source.get("media_type") or "application/pdf"
        data_uri = f"data:{media_type};base64,{source['data']}"
        return {"type": "input_file", "filename": filename, "file_data": data_uri}
    if kind == "url" and isinstance(source.get("url"), str):
        return {"type": "input_file", "file_url": source["url"]}
    if kind == "text" and isinstance(source.get("data"), str):
        return {"type": "input_text", "text": source["data"]}
    raise InvalidRequest(f"document source type {kind!r} is not supported")


def _image_part(block: dict[str, Any]) -> InputContent:
    return {"type": "input_image", "image_url": image_url(block), "detail": "auto"}
