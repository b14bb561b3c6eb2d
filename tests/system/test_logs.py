"""Secrets never reach the log file."""

from __future__ import annotations

import logging
from pathlib import Path

from app.system.logs import setup_logging


def test_secrets_are_redacted_in_the_log_file(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    try:
        _check_redaction(tmp_path)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
        root.setLevel(level)


def _check_redaction(tmp_path: Path) -> None:
    path = setup_logging("INFO", tmp_path, console=False)
    assert path is not None
    log = logging.getLogger("app.test")
    headers = {"x-api-key": "sk-ant-very-secret-value", "Authorization": "Bearer abc123xyz"}
    log.info("headers %s", headers)
    log.info("token sb-%s in use", "A" * 40)
    log.warning("plain message stays")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "sk-ant-very-secret-value" not in text
    assert "abc123xyz" not in text
    assert "A" * 40 not in text
    assert text.count("[redacted]") >= 3
    assert "plain message stays" in text
