"""Secrets never reach the log file, and the log is the user's alone."""

from __future__ import annotations

import logging
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.system import redact
from app.system.logs import setup_logging


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    saved, level = list(root.handlers), root.level
    yield root
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved:
        root.addHandler(handler)
    root.setLevel(level)


def _text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text()


def test_secrets_are_redacted_in_the_log_file(tmp_path: Path, root_logger: logging.Logger) -> None:
    path = setup_logging("INFO", tmp_path, console=False)
    assert path is not None
    log = logging.getLogger("app.test")
    headers = {"x-api-key": "sk-ant-very-secret-value", "Authorization": "Bearer abc123xyz"}
    log.info("headers %s", headers)
    log.info("token sb-%s in use", "A" * 40)
    log.warning("plain message stays")
    text = _text(path)
    assert "sk-ant-very-secret-value" not in text
    assert "abc123xyz" not in text
    assert "A" * 40 not in text
    assert text.count("[redacted]") >= 3
    assert "plain message stays" in text


SHAPED = [
    (
        "GET https://generativelanguage.googleapis.com/v1/models?key=AIzaPlainQuery0123456789",
        "AIzaPlainQuery0123456789",
    ),
    ('{"api_key": "qwerty-field-secret-77"}', "qwerty-field-secret-77"),
    ("api_key=qwerty-kwarg-secret-88 sent", "qwerty-kwarg-secret-88"),
    ("Authorization: Token tok-abcdef-secret-99", "tok-abcdef-secret-99"),
    ("refused sk-proj-abcdefghijklmnop", "sk-proj-abcdefghijklmnop"),
    ("refused gsk_abcdefghijklmnop", "gsk_abcdefghijklmnop"),
    ("refused AIzaSyAbcdefghijklmnop", "AIzaSyAbcdefghijklmnop"),
    ("refused xai-abcdefghijklmnop", "xai-abcdefghijklmnop"),
    ("refused hf_abcdefghijklmnop", "hf_abcdefghijklmnop"),
    ("refused pplx-abcdefghijklmnop", "pplx-abcdefghijklmnop"),
    ("refused ghp_abcdefghijklmnop", "ghp_abcdefghijklmnop"),
]


@pytest.mark.parametrize(("line", "secret"), SHAPED)
def test_secret_shapes_are_redacted(
    tmp_path: Path, root_logger: logging.Logger, line: str, secret: str
) -> None:
    path = setup_logging("INFO", tmp_path, console=False)
    assert path is not None
    logging.getLogger("app.test").info("upstream said: %s", line)
    text = _text(path)
    assert secret not in text
    assert "[redacted]" in text


def test_tracebacks_and_stacks_are_redacted(tmp_path: Path, root_logger: logging.Logger) -> None:
    path = setup_logging("INFO", tmp_path, console=False)
    assert path is not None
    known = "known-by-value-secret-5150"
    redact.remember(known)
    log = logging.getLogger("app.test")
    try:
        raise RuntimeError(f"Invalid API key provided: gsk_traceback0123456789 and {known}")
    except RuntimeError:
        log.exception("the upstream call failed")
    log.info("here", stack_info=True, extra={"unused": known})
    log.warning("and %s by value", known)
    text = _text(path)
    assert "RuntimeError: Invalid API key provided: [redacted]" in text  # the traceback is kept
    assert "gsk_traceback0123456789" not in text
    assert known not in text
    assert "Stack (most recent call last)" in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_log_folder_is_0700_and_every_log_file_0600(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # an older install's folder, made before the fix
    (folder / "switchboard.log").write_text("old\n")
    (folder / "switchboard.log").chmod(0o644)
    path = setup_logging("INFO", folder, console=False)
    assert path is not None
    handler = next(h for h in root_logger.handlers if isinstance(h, logging.FileHandler))
    handler.maxBytes = 200  # type: ignore[attr-defined]
    for index in range(20):  # several rollovers: each new file must be private too
        logging.getLogger("app.test").warning("line %d %s", index, "x" * 40)
    handler.flush()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert len(files) >= 3
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_the_log_rolls_over_at_its_size_and_loses_no_line(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "switchboard.log").write_text("x" * 950 + "\n")  # a previous run's lines count
    setup_logging("INFO", folder, console=False)
    handler = next(h for h in root_logger.handlers if isinstance(h, logging.FileHandler))
    handler.maxBytes, handler.backupCount = 1000, 50  # type: ignore[attr-defined]
    for index in range(60):
        logging.getLogger("app.test").warning("line %02d é %s", index, "y" * 30)
    handler.flush()
    files = sorted(folder.iterdir())
    assert all(f.stat().st_size <= 1000 for f in files), [f.stat().st_size for f in files]
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert sorted(re.findall(r"line (\d\d) é", text)) == [f"{i:02d}" for i in range(60)]
    # the old file was full: the first new line went to a fresh file
    oldest = folder / f"switchboard.log.{len(files) - 1}"
    assert oldest.read_text(encoding="utf-8") == "x" * 950 + "\n"
