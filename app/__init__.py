"""Switchboard: run the Claude Code CLI on any model provider."""

__version__ = "0.1.0"
