"""Tool names strict upstreams accept, and back."""

from __future__ import annotations

import re

import pytest

from app.translate.tool_names import tool_name_map, upstream_tool_name

LONG = "mcp__claude_ai_Google_Workspace_Enterprise__search_shared_drive_documents_by_owner"
DOTTED = "mcp__docs.example.com__fetch"


@pytest.mark.parametrize("name", ["Bash", "mcp__github__create_issue", "a-b_c", "x" * 64])
def test_names_that_fit_are_kept(name: str) -> None:
    assert upstream_tool_name(name) == name


@pytest.mark.parametrize("name", [LONG, DOTTED, "x" * 65, "has space", "ünïcode"])
def test_names_that_do_not_fit_become_valid_and_distinct(name: str) -> None:
    short = upstream_tool_name(name)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", short)
    assert short == upstream_tool_name(name)  # stable across requests
    assert short != upstream_tool_name(name + "2")


def test_two_long_names_with_the_same_prefix_do_not_collide() -> None:
    a, b = LONG + "_alpha", LONG + "_beta"
    assert upstream_tool_name(a)[:40] == upstream_tool_name(b)[:40]
    assert upstream_tool_name(a) != upstream_tool_name(b)


def test_the_map_holds_only_changed_names() -> None:
    tools = [{"name": "Bash"}, {"name": LONG}, {"name": DOTTED}, "junk", {"name": 3}]
    assert tool_name_map(tools) == {
        upstream_tool_name(LONG): LONG,
        upstream_tool_name(DOTTED): DOTTED,
    }
    assert tool_name_map(None) == {}
