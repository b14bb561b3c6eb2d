"""Tool-parameter JSON Schemas cleaned for upstreams that accept only part of JSON Schema.

Claude Code's tools carry full draft 2020-12 schemas (`$schema`, `additionalProperties`,
`exclusiveMinimum`, `propertyNames`, `allOf`, `format`…). Strict upstreams reject keywords
they do not know, and Gemini's OpenAPI-3.0 subset also wants one `type` per node.
"""

from __future__ import annotations

from typing import Any

# Keywords whose value is a map of names to subschemas (the names are not keywords).
_SUBSCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
# Keywords whose value is a list of subschemas.
_SUBSCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
# Keywords whose value is one subschema (`items` may also be a list, in the old tuple form).
_SUBSCHEMA_VALUES = frozenset(
    {
        "items",
        "additionalItems",
        "additionalProperties",
        "unevaluatedItems",
        "unevaluatedProperties",
        "propertyNames",
        "contains",
        "not",
        "if",
        "then",
        "else",
    }
)
_COMPOSITIONS = ("anyOf", "oneOf", "allOf", "$ref")


def clean_schema(schema: Any, *, drop_keys: frozenset[str], require_type: bool) -> Any:
    """A cleaned copy of `schema` (the input is never changed).

    `drop_keys` are removed from every schema node (never from `properties` names).
    `require_type` (Gemini-style): `const` becomes a one-value `enum`, a list-valued `type`
    becomes one type plus `nullable`, and every node without a type gets one.
    """
    if isinstance(schema, list):
        return [
            clean_schema(item, drop_keys=drop_keys, require_type=require_type) for item in schema
        ]
    if not isinstance(schema, dict):
        return schema  # `true` / `false` schemas, or a stray value
    cleaned: dict[str, Any] = {}
    for key, value in schema.items():
        if key in drop_keys:
            continue
        if key in _SUBSCHEMA_MAPS and isinstance(value, dict):
            value = {
                name: clean_schema(sub, drop_keys=drop_keys, require_type=require_type)
                for name, sub in value.items()
            }
        elif key in _SUBSCHEMA_LISTS or key in _SUBSCHEMA_VALUES:
            value = clean_schema(value, drop_keys=drop_keys, require_type=require_type)
        cleaned[key] = value
    if require_type:
        _give_single_type(cleaned, schema)
    return cleaned


def _give_single_type(node: dict[str, Any], original: dict[str, Any]) -> None:
    if "const" in original:
        node.pop("const", None)
        node.setdefault("enum", [original["const"]])
    kind = node.get("type")
    if isinstance(kind, list):
        concrete = [k for k in kind if k != "null"]
        if len(concrete) < len(kind):
            node["nullable"] = True
        kind = concrete[0] if concrete else "string"
        node["type"] = kind
    if kind is None and not any(key in node for key in _COMPOSITIONS):
        node["type"] = _inferred_type(node)


def _inferred_type(node: dict[str, Any]) -> str:
    if "properties" in node:
        return "object"
    if "items" in node:
        return "array"
    enum = node.get("enum")
    if isinstance(enum, list) and enum:
        first = enum[0]
        if isinstance(first, bool):
            return "boolean"
        if isinstance(first, int):
            return "integer"
        if isinstance(first, float):
            return "number"
    # An unconstrained value (Claude Code's `Workflow.args`): a string is what every model
    # can produce and what the tool's own validation accepts.
    return "string"
