"""Launching Claude Code with a profile: its environment, terminal launchers per OS, `run`.

The tray calls `launcher.launch_claude` and lists `terminals.available_terminals`; the CLI uses
`run` and `env`. This package file imports nothing, so `switchboard env --help` stays quick.
"""
