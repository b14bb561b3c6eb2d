"""Launching Claude Code with a profile: its environment, terminal launchers per OS, `run`.

The tray calls `launch_claude` and lists `available_terminals`; the CLI uses `run` and `env`.
"""

from app.launch.claude import ClaudeNotFound, LaunchError
from app.launch.env import LaunchEnvironment, profile_environment
from app.launch.launcher import launch_claude
from app.launch.terminals import available_terminals

__all__ = [
    "ClaudeNotFound",
    "LaunchEnvironment",
    "LaunchError",
    "available_terminals",
    "launch_claude",
    "profile_environment",
]
