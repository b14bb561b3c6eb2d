"""Logging setup: console and a rotating file, with secrets redacted from every record."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# Header-style secrets and our own / common key formats.
_SECRET = re.compile(
    r"(?i)((?:authorization|x-api-key|api-key)['\"]?\s*[:=]\s*['\"]?(?:bearer\s+)?)[^\s'\",}]+"
    r"|\b(sk-[A-Za-z0-9_\-]{8,}|sb-[A-Za-z0-9_\-]{16,})"
)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET.sub(_mask, message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def _mask(match: re.Match[str]) -> str:
    return (match.group(1) or "") + "[redacted]"


def setup_logging(level: str, directory: Path | None, *, console: bool = True) -> Path | None:
    """Configure the root logger once; returns the log file's path when one is written."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactSecrets()
    file_path = None
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        file_path = directory / "switchboard.log"
        rotating = logging.handlers.RotatingFileHandler(
            file_path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
        )
        rotating.setFormatter(formatter)
        rotating.addFilter(redact)
        root.addHandler(rotating)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        stream.addFilter(redact)
        root.addHandler(stream)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    return file_path
