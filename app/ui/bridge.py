"""The proxy's observer events and the log, as Qt signals.

The proxy calls its observers on the event loop, which under qasync is the Qt thread, so the
signals are delivered at once. Log records may come from worker threads (keyring, terminal
reapers): a signal emitted there is queued to the Qt thread.
"""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, Signal

from app.proxy.observer import RequestRecord
from app.system.logs import RedactSecrets

LOG_TAIL_LINES = 400


class ProxyEvents(QObject):
    """A ProxyObserver that re-emits each event as a signal."""

    request = Signal(object)  # RequestRecord
    breaker = Signal(str, str, str)  # key, old, new
    reloaded = Signal(bool, str)  # ok, message

    def on_request(self, record: RequestRecord) -> None:
        self.request.emit(record)

    def on_config_reloaded(self, ok: bool, message: str) -> None:
        self.reloaded.emit(ok, message)

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        self.breaker.emit(key, old, new)


class LogTail(QObject):
    """The last lines of the app's log, for the dashboard (it may open long after them)."""

    line = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: deque[str] = deque(maxlen=LOG_TAIL_LINES)
        self.handler = _TailHandler(self)
        self.handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S")
        )

    def add(self, text: str) -> None:
        self.lines.append(text)
        self.line.emit(text)


class _TailHandler(logging.Handler):
    def __init__(self, tail: LogTail) -> None:
        super().__init__(logging.INFO)
        self.tail = tail
        self.addFilter(RedactSecrets())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.tail.add(self.format(record))
        except Exception:
            self.handleError(record)
