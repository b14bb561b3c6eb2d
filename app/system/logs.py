"""Logging setup: console and a rotating file, with secrets redacted from every record.

The log folder is the user's alone (0700) and so is every log file (0600): even redacted, a
log holds prompts' metadata and, at DEBUG with `log_bodies`, the user's code.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

from app.system.redact import redact_log

LOG_FILE = "switchboard.log"


class RedactSecrets(logging.Filter):
    """Redacts the message, the formatted traceback and the stack of every record it passes
    (once: the file and the console handler share the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "sb_redacted", False):
            return True
        record.sb_redacted = True
        message = record.getMessage()
        redacted = redact_log(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # formatted once here, redacted; every handler's Formatter then reuses exc_text
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_log(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_log(record.stack_info)
        return True


def private_dir(directory: Path) -> Path:
    """`directory`, created if need be, readable by the user alone."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours to change (a shared mount): leave it
        directory.chmod(0o700)
    return directory


def open_private(
    path: Path, *, append: bool = True, encoding: str | None = "utf-8", errors: str | None = None
) -> TextIOWrapper:
    """Open a log file for writing, created (or tightened) to 0600."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    if hasattr(os, "fchmod"):  # an older file may have been created with wider rights
        os.fchmod(fd, 0o600)
    return open(fd, "a" if append else "w", encoding=encoding, errors=errors)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, the first and each one after a rollover, is 0600.

    It counts the bytes it writes to know when to roll over: the stock handler formats each
    record twice and asks the file system three times per line, which made the one log line
    of a proxied request cost 5 % of the request's CPU. (Another process writing the same
    file is not counted: the file then grows past maxBytes before it rolls over.)
    """

    _size = 0

    def _open(self) -> TextIOWrapper:
        stream = open_private(
            Path(self.baseFilename),
            append="a" in self.mode,
            encoding=self.encoding,
            errors=self.errors,
        )
        self._size = os.fstat(stream.fileno()).st_size
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record) + self.terminator
            size = len(text) if text.isascii() else len(text.encode(self.encoding or "utf-8"))
            if self.stream is None:
                self.stream = self._open()
            if self._size > 0 and self._size + size > self.maxBytes > 0:
                self.doRollover()  # opens the next file, which resets the count
            self.stream.write(text)
            self.stream.flush()
            self._size += size
        except Exception:
            self.handleError(record)


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
        file_path = private_dir(directory) / LOG_FILE
        rotating = _PrivateRotatingFileHandler(
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
