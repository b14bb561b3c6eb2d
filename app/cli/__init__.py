"""Command-line subcommands. Each module exposes `register(subparsers)`."""
