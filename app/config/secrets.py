"""Secrets: API keys behind `keyring:`/`env:` references, and the proxy's local token.

Secrets live in the OS keyring. The local token falls back to a 0600 file in the config dir
when no real keyring backend exists (headless servers, CI).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import time
from pathlib import Path

import keyring
import keyring.errors

from app.config.store import write_text_atomic

log = logging.getLogger(__name__)

SERVICE = "switchboard"
LOCAL_TOKEN_ENTRY = "local-token"
TOKEN_FILE = "local-token"
TOKEN_STAMP = "local-token.changed"


class SecretUnavailable(Exception):
    """A reference that names a secret which is not there."""


def has_real_keyring() -> bool:
    """True when the keyring backend stores secrets somewhere safe (not the 'fail' backend)."""
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    priority = getattr(backend, "priority", 0)
    return "fail" not in name and "null" not in name.lower() and priority > 0


def resolve_secret(reference: str | None) -> str | None:
    """The secret a reference names: `keyring:NAME`, `env:VAR`, or a literal value.
    `login:NAME` is not a secret but a login (app/auth): asking for it here is an error."""
    if not reference:
        return None
    kind, sep, name = reference.partition(":")
    if sep and kind == "keyring":
        try:
            value = keyring.get_password(SERVICE, name)
        except keyring.errors.KeyringError as exc:
            raise SecretUnavailable(f"the keyring cannot be read ({exc})") from exc
        if value is None:
            raise SecretUnavailable(f"no secret named {name!r} in the keyring")
        return value
    if sep and kind == "login":
        # a login's token changes as it is refreshed: app/auth resolves it, never this cache
        raise SecretUnavailable(f"{reference!r} is a login, resolved by the login manager")
    if sep and kind == "env":
        value = os.environ.get(name)
        if not value:
            raise SecretUnavailable(f"environment variable {name} is not set")
        return value
    return reference


def store_secret(name: str, value: str) -> str:
    """Put a secret in the keyring and return the reference to write in the config."""
    keyring.set_password(SERVICE, name, value)
    return f"keyring:{name}"


def delete_secret(name: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, name)


def local_token(config_dir: Path, *, regenerate: bool = False) -> str:
    """The per-install token Claude Code must present; created on first use.

    A regenerated token also touches TOKEN_STAMP, so a running proxy (which polls
    `token_stamp`) picks it up without a restart.
    """
    token = _read_or_make_token(config_dir, regenerate=regenerate)
    if regenerate:
        # no secret in it: only its change matters
        write_text_atomic(config_dir / TOKEN_STAMP, f"{time.time_ns()}\n")
    return token


def token_stamp(config_dir: Path) -> tuple[int, int] | None:
    """Changes whenever the local token is regenerated: cheap enough to poll each second
    (one stat, no keyring call)."""
    try:
        info = (config_dir / TOKEN_STAMP).stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def _read_or_make_token(config_dir: Path, *, regenerate: bool) -> str:
    file = config_dir / TOKEN_FILE
    if has_real_keyring():
        try:
            token = None if regenerate else keyring.get_password(SERVICE, LOCAL_TOKEN_ENTRY)
            if not token:
                token = _new_token()
                keyring.set_password(SERVICE, LOCAL_TOKEN_ENTRY, token)
            return token
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unavailable for the local token, using a file: %s", exc)
    if not regenerate and file.exists():
        token = file.read_text(encoding="utf-8").strip()
        if token:
            return token
    token = _new_token()
    # A private temp file renamed over the old one: the token is never readable by others,
    # not even for a moment, and a failed write leaves the old token whole.
    write_text_atomic(file, token + "\n")
    return token


def _new_token() -> str:
    return "sb-" + secrets.token_urlsafe(32)
