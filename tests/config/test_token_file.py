"""The local token's file (no keyring, as on a headless server): private from the first byte,
replaced atomically, never written through a link."""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from app.config.secrets import TOKEN_FILE, local_token


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """keyring's own 'fail' backend: what a server without a Secret Service has."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def _spy_on_writes(monkeypatch: pytest.MonkeyPatch, on_write: Callable[[int, str], None]) -> None:
    """Call `on_write(fd, text)` before each text write to a file opened with os.fdopen: the
    file's mode at the moment the token is written, and a full disk (which cannot be made
    here without root mounts), are only observable from inside the write."""
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        if not isinstance(handle, io.TextIOWrapper):
            return handle

        class Spied(io.TextIOWrapper):
            def write(self, text: str) -> int:
                on_write(fd, text)
                return super().write(text)

        return Spied(handle.detach(), encoding="utf-8", newline=kwargs.get("newline"))

    monkeypatch.setattr(os, "fdopen", fdopen)


def test_the_token_is_never_written_to_a_readable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_file = tmp_path / TOKEN_FILE
    token_file.write_text("sb-old-token-restored-from-a-backup\n")
    token_file.chmod(0o644)  # e.g. copied back by a backup tool
    modes: list[int] = []
    _spy_on_writes(monkeypatch, lambda fd, text: modes.append(stat.S_IMODE(os.fstat(fd).st_mode)))

    new = local_token(tmp_path, regenerate=True)

    assert modes and set(modes) == {0o600}  # private while the token is being written
    assert token_file.read_text().strip() == new
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600


def test_a_failed_write_keeps_the_old_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir = tmp_path / "config"
    old = local_token(config_dir)

    def disk_full(fd: int, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    _spy_on_writes(monkeypatch, disk_full)
    with pytest.raises(OSError, match="No space"):
        local_token(config_dir, regenerate=True)
    monkeypatch.undo()

    assert local_token(config_dir) == old  # the proxy and Claude Code still agree
    assert sorted(p.name for p in config_dir.iterdir()) == [TOKEN_FILE]  # no temp file left


def test_a_link_in_place_of_the_token_file_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "someone-elses-file"
    elsewhere.write_text("their content\n")
    elsewhere.chmod(0o644)
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / TOKEN_FILE).symlink_to(elsewhere)

    token = local_token(config_dir, regenerate=True)

    assert elsewhere.read_text() == "their content\n"
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644
    token_file = config_dir / TOKEN_FILE
    assert not token_file.is_symlink() and token_file.read_text().strip() == token
