"""Where logins live: the OS keyring, or — only when the user agreed — a 0600 file.

Every call here may block (Secret Service over D-Bus, Keychain prompts): async code calls them
through `asyncio.to_thread`, never on the event loop.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

import keyring
import keyring.errors

from app.auth.credential import Credential
from app.config.secrets import SERVICE, has_real_keyring

log = logging.getLogger(__name__)

LOGINS_DIR = "logins"
_ENTRY = "login:{}"


class NoKeyring(Exception):
    """No usable keyring backend, and the user has not agreed to a file."""

    def __init__(self, file: Path) -> None:
        backend = type(keyring.get_keyring()).__name__
        super().__init__(
            f"there is no usable OS keyring here (keyring backend: {backend}). On Linux, run a "
            "Secret Service such as gnome-keyring or KWallet in your session; or agree to keep "
            f"the tokens in a file readable only by you ({file}) with --store-in-file "
            "(in Settings: 'Store in a file')"
        )
        self.file = file


class TokenStore:
    def __init__(self, config_dir: Path) -> None:
        self.dir = config_dir / LOGINS_DIR

    @staticmethod
    def keyring_usable() -> bool:
        return has_real_keyring()

    def file_for(self, name: str) -> Path:
        return self.dir / f"{name}.json"

    def load(self, name: str) -> Credential | None:
        """The stored login, from the keyring first, then the consented file."""
        if self.keyring_usable():
            try:
                text = keyring.get_password(SERVICE, _ENTRY.format(name))
            except keyring.errors.KeyringError as exc:
                log.warning("keyring unreadable for login %s: %s", name, type(exc).__name__)
                text = None
            if text:
                return _parse(name, text, "keyring")
        file = self.file_for(name)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return _parse(name, text, "file")

    def save(self, credential: Credential, *, allow_file: bool = False) -> Credential:
        """Store where it lives already; a new login goes to the keyring, or to a file only
        with `allow_file` (the user's consent). Raises NoKeyring otherwise."""
        to_file = credential.storage == "file" or (allow_file and not self.keyring_usable())
        if not to_file:
            if not self.keyring_usable():
                raise NoKeyring(self.file_for(credential.name))
            credential.storage = "keyring"
            keyring.set_password(SERVICE, _ENTRY.format(credential.name), credential.to_json())
            return credential
        credential.storage = "file"
        _write_private(self.file_for(credential.name), credential.to_json())
        return credential

    def delete(self, name: str) -> bool:
        """Forget the login wherever it is; True when something was removed."""
        removed = False
        if self.keyring_usable():
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(SERVICE, _ENTRY.format(name))
                removed = True
        file = self.file_for(name)
        if file.exists():
            file.unlink()
            removed = True
        return removed

    def file_names(self) -> list[str]:
        """Logins kept in files (the keyring cannot be listed portably)."""
        if not self.dir.is_dir():
            return []
        return sorted(p.stem for p in self.dir.glob("*.json"))


def _parse(name: str, text: str, storage: str) -> Credential | None:
    try:
        credential = Credential.from_json(text, storage="file" if storage == "file" else "keyring")
    except (ValueError, TypeError):
        log.error("the stored login %s is unreadable (in the %s); log in again", name, storage)
        return None
    credential.name = name
    return credential


def _write_private(path: Path, text: str) -> None:
    """Atomic write of a file only its owner can read (the directory too)."""
    path.parent.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    with contextlib.suppress(OSError):  # O_CREAT's mode is ignored for an existing file
        os.chmod(temp, stat.S_IRUSR | stat.S_IWUSR)
    os.replace(temp, path)
