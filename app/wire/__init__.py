"""Typed shapes of the Anthropic, Chat Completions and Responses payloads."""
