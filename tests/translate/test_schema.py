"""clean_schema: default and Gemini-style clean-up of tool-parameter schemas."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.translate.quirks import GEMINI_SCHEMA_DROP
from app.translate.schema import clean_schema

DEFAULT = frozenset({"$schema"})


def gemini(schema: dict[str, Any]) -> Any:
    return clean_schema(schema, drop_keys=GEMINI_SCHEMA_DROP, require_type=True)


def test_default_drops_only_dollar_schema_at_every_level() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "inner": {"$schema": "x", "type": "object", "additionalProperties": False},
            "$schema": {"type": "string"},  # a property *named* $schema stays
        },
        "additionalProperties": False,
    }
    assert clean_schema(schema, drop_keys=DEFAULT, require_type=False) == {
        "type": "object",
        "properties": {
            "inner": {"type": "object", "additionalProperties": False},
            "$schema": {"type": "string"},
        },
        "additionalProperties": False,
    }


def test_the_input_is_not_changed() -> None:
    schema = {"type": ["string", "null"], "const": "a", "$schema": "x", "properties": {"p": {}}}
    before = copy.deepcopy(schema)
    gemini(schema)
    assert schema == before


def test_gemini_keywords_are_removed_in_every_kind_of_subschema() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "count": {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
            "tags": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"k": {"type": "string"}},
                },
            },
            "answers": {
                "type": "object",
                "propertyNames": {"pattern": "^a"},
                "additionalProperties": {"type": "string"},
            },
            "either": {"anyOf": [{"type": "string", "exclusiveMinimum": 1}, {"type": "number"}]},
            "both": {
                "allOf": [
                    {
                        "type": "object",
                        "properties": {"x": {"type": "string"}},
                        "additionalProperties": False,
                    }
                ]
            },
        },
        "required": ["count"],
        "additionalProperties": False,
    }
    assert gemini(schema) == {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "tags": {
                "type": "array",
                "items": {"type": "object", "properties": {"k": {"type": "string"}}},
            },
            "answers": {"type": "object"},
            "either": {"anyOf": [{"type": "string"}, {"type": "number"}]},
            "both": {"allOf": [{"type": "object", "properties": {"x": {"type": "string"}}}]},
        },
        "required": ["count"],
    }


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"description": "Any value"}, {"description": "Any value", "type": "string"}),
        (
            {"properties": {"a": {"type": "string"}}},
            {"properties": {"a": {"type": "string"}}, "type": "object"},
        ),
        ({"items": {"type": "string"}}, {"items": {"type": "string"}, "type": "array"}),
        ({"enum": ["a", "b"]}, {"enum": ["a", "b"], "type": "string"}),
        ({"enum": [1, 2]}, {"enum": [1, 2], "type": "integer"}),
        ({"enum": [0.5]}, {"enum": [0.5], "type": "number"}),
        ({"enum": [True]}, {"enum": [True], "type": "boolean"}),
        ({"const": "fixed"}, {"enum": ["fixed"], "type": "string"}),
        ({"type": "string", "const": 3}, {"type": "string", "enum": [3]}),
        ({"type": ["string", "null"]}, {"type": "string", "nullable": True}),
        ({"type": ["integer", "string"]}, {"type": "integer"}),
        ({"type": ["null"]}, {"type": "string", "nullable": True}),
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        ),
    ],
)
def test_gemini_gives_every_node_one_type(node: dict[str, Any], expected: dict[str, Any]) -> None:
    assert gemini({"type": "object", "properties": {"p": node}}) == {
        "type": "object",
        "properties": {"p": expected},
    }


def test_const_is_converted_even_when_the_catalogue_drops_it() -> None:
    schema = {"type": "object", "properties": {"p": {"const": "x"}}}
    cleaned = clean_schema(schema, drop_keys=GEMINI_SCHEMA_DROP | {"const"}, require_type=True)
    assert cleaned["properties"]["p"] == {"enum": ["x"], "type": "string"}


def test_boolean_subschemas_and_tuple_items_are_kept() -> None:
    schema = {"type": "array", "items": [{"type": "string", "$schema": "x"}, True]}
    assert clean_schema(schema, drop_keys=DEFAULT, require_type=False) == {
        "type": "array",
        "items": [{"type": "string"}, True],
    }
