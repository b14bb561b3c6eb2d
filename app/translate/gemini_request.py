"""Anthropic Messages request → Gemini `generateContent` request (PROTOCOL.md, Gemini).

Builds a new body and never changes the one it is given. Gemini has no tool-call ids: a call is
a `functionCall` part of a `model` turn, answered by a `functionResponse` part (same name, same
order) in the next `user` turn. So results are put back in call order, whatever order Claude
Code sends them in, and no `id` is ever sent. Thought signatures Gemini gave earlier come back
from the thinking blocks that carry them (app/translate/gemini_signatures.py) and go on the
very part they came with.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from app.errors import InvalidRequest
from app.translate.anthropic_request import block_text, source_object
from app.translate.gemini_signatures import TEXT_ANCHOR, read_signatures
from app.translate.quirks import GEMINI_SCHEMA_DROP
from app.translate.schema import clean_schema
from app.translate.tool_names import upstream_tool_name
from app.wire.gemini import (
    Content,
    FunctionDeclaration,
    GenerateContentRequest,
    GenerationConfig,
    Part,
    ThinkingConfig,
    ThinkingLevel,
    Tool,
    ToolConfig,
)

_BILLING_HEADER = "x-anthropic-billing-header:"
_MAX_STOP_SEQUENCES = 5  # Gemini rejects more
# Gemini's own documented value for function calls it did not make (history from another
# model): without a signature, Gemini 3 refuses the request.
FOREIGN_CALL_SIGNATURE = "skip_thought_signature_validator"
_NO_VISION = "[image omitted: the model behind this proxy does not accept images]"
_LEVELS: tuple[ThinkingLevel, ...] = ("minimal", "low", "medium", "high")
_EFFORT_LEVEL: dict[str, ThinkingLevel] = {
    "low": "low",
    "medium": "medium",
    "high": "high",
    "max": "high",
}
_EFFORT_BUDGET = {"low": 2048, "medium": 8192, "high": 24576, "max": 32768}
# JSON Schema keywords Gemini's function `parameters` (an OpenAPI 3.0 subset) refuses.
_SCHEMA_DROP = GEMINI_SCHEMA_DROP | {"$id", "$comment", "$ref", "$defs", "definitions"}
# `format` values Gemini accepts per type; others ("uri", "email"…) are refused with a 400.
_FORMATS = {
    "string": frozenset({"enum", "date-time"}),
    "number": frozenset({"float", "double"}),
    "integer": frozenset({"int32", "int64"}),
}


@dataclass(frozen=True, slots=True)
class GeminiOptions:
    """What one Gemini model accepts (from the catalogue), and who is asked."""

    source: str  # the provider's name: signatures are sent back only to the one that made them
    max_output_tokens: int | None = None  # clamp max_tokens to this
    vision: bool = True
    # "level": thinkingLevel (Gemini 3 and later); "budget": thinkingBudget (Gemini 2.5);
    # "none": a model without thinking (no thinkingConfig at all).
    thinking: Literal["level", "budget", "none"] = "level"
    thinking_levels: tuple[ThinkingLevel, ...] = ("low", "medium", "high")
    # Gemini Code Assist ("Login with Google"): the request travels in an envelope naming the
    # account's Cloud project (the login finds it), and each answer comes back wrapped.
    code_assist: bool = False
    code_assist_project: str | None = None

    @classmethod
    def from_quirks(cls, source: str, *layers: dict[str, Any]) -> GeminiOptions:
        """Defaults overlaid by each layer of quirks (catalogue, provider, model). Unknown
        keys or values raise ValueError so a typo in the config is reported, not ignored."""
        merged: dict[str, Any] = {}
        for layer in layers:
            unknown = set(layer) - _QUIRK_KEYS
            if unknown:
                raise ValueError(f"unknown Gemini quirk(s): {', '.join(sorted(unknown))}")
            merged.update(layer)
        if merged.get("thinking", "level") not in ("level", "budget", "none"):
            raise ValueError("quirk `thinking` must be level, budget or none")
        levels = merged.get("thinking_levels")
        if levels is not None:
            if not isinstance(levels, list | tuple) or not set(levels) <= set(_LEVELS):
                raise ValueError(f"quirk `thinking_levels` takes a list of {', '.join(_LEVELS)}")
            merged["thinking_levels"] = tuple(levels)
        return cls(source=source, **merged)


_QUIRK_KEYS = frozenset(
    {
        "max_output_tokens",
        "vision",
        "thinking",
        "thinking_levels",
        "code_assist",
        "code_assist_project",
    }
)


def code_assist_request(
    request: GenerateContentRequest, *, model: str, project: str | None, prompt_id: str
) -> dict[str, Any]:
    """The Code Assist envelope around a generateContent request."""
    envelope: dict[str, Any] = {"model": model, "user_prompt_id": prompt_id, "request": request}
    if project:
        envelope["project"] = project
    return envelope


def code_assist_answer(wrapped: dict[str, Any]) -> dict[str, Any]:
    """The generateContent answer inside a Code Assist reply (`{response: {...}, traceId}`)."""
    inner = wrapped.get("response")
    return inner if isinstance(inner, dict) else wrapped


def to_gemini_request(body: dict[str, Any], *, options: GeminiOptions) -> GenerateContentRequest:
    history = body.get("messages")
    if not isinstance(history, list):
        raise InvalidRequest("`messages` must be a list")
    conversation = _Conversation(options)
    for message in history:
        conversation.add(message)
    contents = conversation.end()
    if not contents:
        raise InvalidRequest("`messages` holds nothing to send")
    request: GenerateContentRequest = {"contents": contents}
    system = _system_text(body.get("system"))
    if system:
        request["systemInstruction"] = {"parts": [{"text": system}]}
    tools = _tools(body.get("tools"))
    if tools:
        request["tools"] = tools
        tool_config = _tool_config(body.get("tool_choice"))
        if tool_config is not None:
            request["toolConfig"] = tool_config
    config = _generation_config(body, options)
    if config:
        request["generationConfig"] = config
    return request


def _generation_config(body: dict[str, Any], options: GeminiOptions) -> GenerationConfig:
    config: GenerationConfig = {}
    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int):
        if options.max_output_tokens is not None:
            max_tokens = min(max_tokens, options.max_output_tokens)
        config["maxOutputTokens"] = max_tokens
    stop = body.get("stop_sequences")
    if isinstance(stop, list) and stop:
        config["stopSequences"] = [s for s in stop if isinstance(s, str)][:_MAX_STOP_SEQUENCES]
    for source, target in (("temperature", "temperature"), ("top_p", "topP"), ("top_k", "topK")):
        value = body.get(source)
        if isinstance(value, int | float) and not isinstance(value, bool):
            config[target] = value  # type: ignore[literal-required]
    thinking = _thinking_config(body, options)
    if thinking:
        config["thinkingConfig"] = thinking
    output_config = body.get("output_config")
    output_format = output_config.get("format") if isinstance(output_config, dict) else None
    if isinstance(output_format, dict) and output_format.get("type") == "json_schema":
        schema = output_format.get("schema")
        config["responseMimeType"] = "application/json"
        if isinstance(schema, dict):
            # responseJsonSchema takes JSON Schema as it is (unlike function parameters).
            config["responseJsonSchema"] = schema
    return config


def _thinking_config(body: dict[str, Any], options: GeminiOptions) -> ThinkingConfig:
    """Thoughts are included when the client asked for thinking it will show; the effort
    (Claude Code's `output_config.effort`, or a client's `budget_tokens`) sets the level or
    the budget."""
    if options.thinking == "none":
        return {}
    thinking = body.get("thinking")
    thinking = thinking if isinstance(thinking, dict) else {}
    output_config = body.get("output_config")
    effort = output_config.get("effort") if isinstance(output_config, dict) else None
    budget = thinking.get("budget_tokens")
    wanted = thinking.get("type") in ("enabled", "adaptive")
    config: ThinkingConfig = {}
    # Claude Code says `display: "omitted"` when it will not show thinking (`-p` text runs):
    # then the thoughts are not asked for (the model still thinks, and still signs).
    if wanted and thinking.get("display") != "omitted":
        config["includeThoughts"] = True
    if options.thinking == "budget":
        if isinstance(budget, int) and thinking.get("type") == "enabled":
            config["thinkingBudget"] = budget
        elif isinstance(effort, str) and effort in _EFFORT_BUDGET:
            config["thinkingBudget"] = _EFFORT_BUDGET[effort]
        elif wanted:
            config["thinkingBudget"] = -1  # dynamic: the model decides
        return config
    level: ThinkingLevel | None = None
    if isinstance(effort, str) and effort in _EFFORT_LEVEL:
        level = _EFFORT_LEVEL[effort]
    elif isinstance(budget, int) and thinking.get("type") == "enabled":
        level = "low" if budget < 4096 else "medium" if budget < 16384 else "high"
    if level is not None:
        config["thinkingLevel"] = _supported_level(level, options.thinking_levels)
    return config


def _supported_level(level: ThinkingLevel, supported: tuple[ThinkingLevel, ...]) -> ThinkingLevel:
    """The level itself when the model has it, else the next higher one it has (then lower)."""
    if level in supported or not supported:
        return level
    rank = _LEVELS.index(level)
    higher = [s for s in supported if _LEVELS.index(s) > rank]
    if higher:
        return min(higher, key=_LEVELS.index)
    return max(supported, key=_LEVELS.index)


def _system_text(system: Any) -> str:
    if isinstance(system, str):
        return system
    if not isinstance(system, list):
        return ""
    # The per-conversation billing line would only spoil Gemini's implicit prefix cache.
    return "\n\n".join(
        text
        for block in system
        if isinstance(block, dict)
        and isinstance(text := block.get("text"), str)
        and text
        and not text.startswith(_BILLING_HEADER)
    )


# Tools ---------------------------------------------------------------------------------------

# Claude Code sends the same tools with every request of a session: their translation is cached
# by their JSON. The cached lists are shared between requests: never mutate them.
_TOOLS_CACHE: dict[bytes, list[Tool]] = {}
_TOOLS_CACHE_SIZE = 8


def _tools(tools: Any) -> list[Tool]:
    if not tools or not isinstance(tools, list):
        return []
    key = orjson.dumps(tools)
    built = _TOOLS_CACHE.get(key)
    if built is None:
        built = _build_tools(tools)
        if len(_TOOLS_CACHE) >= _TOOLS_CACHE_SIZE:
            _TOOLS_CACHE.clear()
        _TOOLS_CACHE[key] = built
    return built


def _build_tools(tools: list[Any]) -> list[Tool]:
    declarations: list[FunctionDeclaration] = []
    for tool in tools:
        if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
            raise InvalidRequest("every tool needs a `name`")
        # Deferred tools need Anthropic's tool search; server tools run only at Anthropic.
        if tool.get("defer_loading") or tool.get("type") not in (None, "custom"):
            continue
        declaration: FunctionDeclaration = {"name": upstream_tool_name(tool["name"])}
        if tool.get("description"):
            declaration["description"] = tool["description"]
        schema = tool.get("input_schema") or {"type": "object", "properties": {}}
        parameters = gemini_schema(schema)
        if parameters != {"type": "object"}:  # else the function takes no parameters
            declaration["parameters"] = parameters
        declarations.append(declaration)
    return [{"functionDeclarations": declarations}] if declarations else []


def gemini_schema(schema: Any) -> dict[str, Any]:
    """A JSON Schema as Gemini's function `parameters` accept it: local `$ref`s inlined (MCP
    servers generate `$defs`), PROTOCOL.md's clean-up (keywords dropped, one `type` per node,
    `const` → `enum`), then `allOf` merged into its node and `format`s Gemini does not know
    left out."""
    if isinstance(schema, dict) and ("$defs" in schema or "definitions" in schema):
        definitions = {**schema.get("definitions", {}), **schema.get("$defs", {})}
        schema = _inline_refs(schema, definitions, 0)
    cleaned = clean_schema(schema, drop_keys=_SCHEMA_DROP, require_type=True)
    if not isinstance(cleaned, dict):
        return {"type": "object", "properties": {}}
    return _gemini_node(cleaned)


_REF_PREFIXES = ("#/$defs/", "#/definitions/")
_MAX_REF_DEPTH = 6  # a recursive definition stops here, as an untyped object


def _inline_refs(node: Any, definitions: dict[str, Any], depth: int) -> Any:
    if isinstance(node, list):
        return [_inline_refs(item, definitions, depth) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIXES):
        target = definitions.get(ref.split("/", 2)[2])
        rest = {k: v for k, v in node.items() if k != "$ref"}
        if not isinstance(target, dict) or depth >= _MAX_REF_DEPTH:
            return {"type": "object", **rest}
        return {**_inline_refs(target, definitions, depth + 1), **rest}
    return {
        key: value if key in ("$defs", "definitions") else _inline_refs(value, definitions, depth)
        for key, value in node.items()
    }


def _gemini_node(node: dict[str, Any]) -> dict[str, Any]:
    parts = node.pop("allOf", None)
    if isinstance(parts, list):
        for part in parts:  # the node's own keywords win; the first part wins among parts
            if isinstance(part, dict):
                for key, value in part.items():
                    node.setdefault(key, value)
    if node.get("type") == "null":
        node["type"], node["nullable"] = "string", True
    fmt = node.get("format")
    if fmt is not None and fmt not in _FORMATS.get(str(node.get("type")), ()):
        del node["format"]
    children = node.get("properties")
    if isinstance(children, dict):
        if children:
            node["properties"] = {
                name: _gemini_node(sub) if isinstance(sub, dict) else sub
                for name, sub in children.items()
            }
        else:  # Gemini refuses an empty `properties`: an object without named fields
            del node["properties"]
            node.pop("required", None)
    items = node.get("items")
    if isinstance(items, dict):
        node["items"] = _gemini_node(items)
    elif isinstance(items, list):  # the old tuple form: Gemini takes one item schema
        first = next((item for item in items if isinstance(item, dict)), {"type": "string"})
        node["items"] = _gemini_node(first)
    enum = node.get("enum")
    if isinstance(enum, list) and not all(isinstance(value, str) for value in enum):
        # Gemini takes enums of strings only: a string node keeps its values as text, any
        # other type loses the constraint (the description still tells the model).
        if node.get("type") == "string":
            node["enum"] = [v if isinstance(v, str) else orjson.dumps(v).decode() for v in enum]
        else:
            del node["enum"]
    one_of = node.pop("oneOf", None)
    any_of = node.get("anyOf") or one_of
    if isinstance(any_of, list):
        node["anyOf"] = [_gemini_node(sub) for sub in any_of if isinstance(sub, dict)]
    return node


def _tool_config(choice: Any) -> ToolConfig | None:
    if not isinstance(choice, dict):
        return None
    kind = choice.get("type")
    if kind == "auto":
        return {"functionCallingConfig": {"mode": "AUTO"}}
    if kind == "none":
        return {"functionCallingConfig": {"mode": "NONE"}}
    if kind == "any":
        return {"functionCallingConfig": {"mode": "ANY"}}
    if kind == "tool" and isinstance(choice.get("name"), str):
        name = upstream_tool_name(choice["name"])
        return {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": [name]}}
    return None


# Contents ------------------------------------------------------------------------------------


class _Conversation:
    """Appends Anthropic messages as Gemini contents. A model turn with function calls is
    followed by one user turn that answers every call, in call order, before anything else."""

    def __init__(self, options: GeminiOptions) -> None:
        self._options = options
        self._out: list[Content] = []
        self._open_calls: list[tuple[str, str]] = []  # (Claude Code's tool id, upstream name)
        self._held: list[Part] = []  # user-side parts that must wait for those answers

    def add(self, message: Any) -> None:
        if not isinstance(message, dict):
            raise InvalidRequest("every entry of `messages` must be an object")
        role = message.get("role")
        content = message.get("content")
        if role == "user":
            self._add_user(content)
        elif role == "assistant":
            self._add_model(content)
        elif role == "system":
            # Mid-conversation system text (Claude Code's reminders): Gemini has one system
            # instruction only, so it goes into the user turn, marked as Claude Code marks it.
            text = _plain_text(content)
            if text:
                self._add_user_parts([{"text": f"<system-reminder>\n{text}\n</system-reminder>"}])
        else:
            raise InvalidRequest(f"unknown message role {role!r}")

    def end(self) -> list[Content]:
        self._add_user_parts(self._answer_calls({}))
        return self._out

    def _add_model(self, content: Any) -> None:
        self._add_user_parts(self._answer_calls({}))
        blocks = _blocks(content)
        signatures: dict[str, str] = {}
        for block in blocks:
            if block.get("type") == "thinking":
                # Only signatures this provider made come back; other thinking (Anthropic's,
                # another provider's, unsigned) means nothing to Gemini and is left out.
                signatures.update(read_signatures(block.get("signature"), self._options.source))
        parts: list[Part] = []
        last_text = -1
        signed_call = False
        first_call = -1
        for block in blocks:
            kind = block.get("type")
            if kind == "text" and (text := block_text(block)):
                last_text = len(parts)
                parts.append({"text": text})
            elif kind == "tool_use":
                tool_id, name = block.get("id"), block.get("name")
                if not (isinstance(tool_id, str) and isinstance(name, str)):
                    raise InvalidRequest("a tool_use block needs an `id` and a `name`")
                arguments = block.get("input")
                upstream_name = upstream_tool_name(name)
                part: Part = {
                    "functionCall": {
                        "name": upstream_name,
                        "args": arguments if isinstance(arguments, dict) else {},
                    }
                }
                signature = signatures.get(tool_id)
                if signature is not None:
                    part["thoughtSignature"] = signature
                    signed_call = True
                elif first_call < 0:
                    first_call = len(parts)
                parts.append(part)
                self._open_calls.append((tool_id, upstream_name))
            # redacted_thinking, server tool blocks…: nothing Gemini can read.
        text_signature = signatures.get(TEXT_ANCHOR)
        if text_signature is not None:
            if last_text >= 0:
                parts[last_text]["thoughtSignature"] = text_signature
            else:
                parts.append({"text": "", "thoughtSignature": text_signature})
        if first_call >= 0 and not signed_call:
            parts[first_call]["thoughtSignature"] = FOREIGN_CALL_SIGNATURE
        if parts:
            self._append("model", parts)

    def _add_user(self, content: Any) -> None:
        results: dict[str, dict[str, Any]] = {}
        parts: list[Part] = []
        for block in _blocks(content):
            kind = block.get("type")
            if kind == "tool_result":
                results[str(block.get("tool_use_id"))] = block
            elif kind == "text":
                if text := block_text(block):
                    parts.append({"text": text})
            else:
                parts.append(self._media_part(block))
        self._add_user_parts(self._answer_calls(results) + parts)

    def _answer_calls(self, results: dict[str, dict[str, Any]]) -> list[Part]:
        """Function responses for the open calls, in call order; then images from the results,
        results that answer no open call (as text), and held parts."""
        answers: list[Part] = []
        follow: list[Part] = []
        for tool_id, name in self._open_calls:
            result = results.pop(tool_id, None)
            if result is None:
                response = {"error": "(no result was returned for this tool call)"}
            else:
                text, images = self._result_content(result)
                follow += images
                response = {"error" if result.get("is_error") else "output": text}
            answers.append({"functionResponse": {"name": name, "response": response}})
        self._open_calls = []
        for tool_id, result in results.items():
            text, images = self._result_content(result)
            follow.append({"text": f"[result of tool call {tool_id}]\n{text}"})
            follow += images
        follow += self._held
        self._held = []
        if answers:
            self._append("user", answers)
        return follow

    def _result_content(self, result: dict[str, Any]) -> tuple[str, list[Part]]:
        texts: list[str] = []
        images: list[Part] = []
        for block in _blocks(result.get("content")):
            if block.get("type") == "text":
                texts.append(block_text(block))
                continue
            part = self._media_part(block)
            if "text" in part:
                texts.append(part["text"])
            else:
                images.append(part)
        text = "\n\n".join(texts)
        if images and not text:
            text = f"(the result is the {len(images)} image(s) that follow)"
        return text, images

    def _media_part(self, block: dict[str, Any]) -> Part:
        kind = block.get("type")
        if kind == "image":
            if not self._options.vision:
                return {"text": _NO_VISION}
            return _image_part(block)
        if kind == "document":
            source = source_object(block)
            if (
                source.get("type") == "base64"
                and source.get("media_type") == "application/pdf"
                and isinstance(source.get("data"), str)
            ):
                return {"inlineData": {"mimeType": "application/pdf", "data": source["data"]}}
            if source.get("type") == "text" and isinstance(source.get("data"), str):
                return {"text": source["data"]}
            raise InvalidRequest(
                f"document source type {source.get('type')!r} cannot be sent to Gemini"
            )
        # Other blocks (search results, tool references…): show the model what they held.
        return {"text": orjson.dumps(block).decode()}

    def _add_user_parts(self, parts: list[Part]) -> None:
        if not parts:
            return
        if self._open_calls:
            self._held += parts
            return
        self._append("user", parts)

    def _append(self, role: Literal["user", "model"], parts: list[Part]) -> None:
        last = self._out[-1] if self._out else None
        if last is not None and last["role"] == role:
            last["parts"] += parts
        else:
            self._out.append({"role": role, "parts": parts})


def _plain_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n\n".join(
        block["text"]
        for block in content or ()
        if isinstance(block, dict) and isinstance(block.get("text"), str) and block["text"]
    )


def _blocks(content: Any) -> list[dict[str, Any]]:
    """Content as a list of blocks (a plain string is one text block)."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    if content is None:
        return []
    if not isinstance(content, list) or not all(isinstance(block, dict) for block in content):
        raise InvalidRequest("message content must be a string or a list of content blocks")
    return content


def _image_part(block: dict[str, Any]) -> Part:
    source = source_object(block)
    if source.get("type") == "base64" and isinstance(source.get("data"), str):
        return {"inlineData": {"mimeType": str(source.get("media_type")), "data": source["data"]}}
    if source.get("type") == "url" and isinstance(source.get("url"), str):
        url = source["url"]
        mime = mimetypes.guess_type(url.split("?", 1)[0])[0] or "image/jpeg"
        return {"fileData": {"mimeType": mime, "fileUri": url}}
    raise InvalidRequest(f"image source type {source.get('type')!r} is not supported")
