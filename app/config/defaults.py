"""Defaults the command line shows in its help before (and without) loading the schema."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 17355
