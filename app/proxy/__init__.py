"""The local aiohttp proxy: app factory, handlers, upstream dialects."""
