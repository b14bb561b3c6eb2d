"""Fixtures for the end-to-end tests with the real Claude Code CLI."""

from tests.support.claude_cli import started  # noqa: F401  (fixture)
