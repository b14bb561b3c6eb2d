"""Pure translation between API dialects: no I/O, no aiohttp, no Qt."""
