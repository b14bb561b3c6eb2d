"""Logins other tools already made, read (never changed) and turned into Credentials.

Each source names the catalogue preset it feeds; a source whose preset is not in the catalogue
is not offered. Sharing a login with another tool has one catch the user is told about: where
refresh tokens rotate, whichever tool refreshes second must log in again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from app.auth.credential import Credential


@dataclass(frozen=True, slots=True)
class Found:
    source: str  # "Claude Code", "Copilot (editor plugin)"…
    path: Path
    preset: str
    read: Callable[[str], Credential]  # login name -> credential (may still need a refresh)


def _json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def _claude_code(path: Path) -> Callable[[str], Credential]:
    return _claude_code_login(lambda: _json(path))


def _claude_code_login(load: Callable[[], Any]) -> Callable[[str], Credential]:
    def read(name: str) -> Credential:
        data = load().get("claudeAiOauth") or {}
        expires = data.get("expiresAt")
        return Credential(
            name=name,
            preset="claude-max",
            access_token=str(data["accessToken"]),
            refresh_token=data.get("refreshToken"),
            expires_at=expires / 1000 if isinstance(expires, int | float) else None,
            plan=data.get("subscriptionType"),
        )

    return read


def _copilot(path: Path) -> Callable[[str], Credential]:
    def read(name: str) -> Credential:
        data = _json(path)
        entries = [v for k, v in data.items() if k.startswith("github.com")]
        token = next(e["oauth_token"] for e in entries if isinstance(e, dict))
        user = next((e.get("user") for e in entries if isinstance(e, dict)), None)
        # the GitHub token is the refresh token; the Copilot token comes with the first refresh
        return Credential(
            name=name,
            preset="copilot",
            access_token="",
            refresh_token=str(token),
            expires_at=0.0,
            account=user if isinstance(user, str) else None,
        )

    return read


def _codex(path: Path) -> Callable[[str], Credential]:
    def read(name: str) -> Credential:
        from app.auth.claims import jwt_claims

        tokens = _json(path)["tokens"]
        claims = jwt_claims(tokens.get("id_token"))
        auth = claims.get("https://api.openai.com/auth") or {}
        exp = jwt_claims(tokens.get("access_token")).get("exp")
        account_id = tokens.get("account_id") or auth.get("chatgpt_account_id")
        return Credential(
            name=name,
            preset="chatgpt-codex",
            access_token=str(tokens["access_token"]),
            refresh_token=tokens.get("refresh_token"),
            expires_at=float(exp) if isinstance(exp, int | float) else time.time(),
            account=claims.get("email"),
            plan=auth.get("chatgpt_plan_type"),
            extra={"header:ChatGPT-Account-ID": str(account_id)} if account_id else {},
        )

    return read


def _gemini(path: Path) -> Callable[[str], Credential]:
    def read(name: str) -> Credential:
        data = _json(path)
        expiry = data.get("expiry_date")
        return Credential(
            name=name,
            preset="gemini-code-assist",
            access_token=str(data["access_token"]),
            refresh_token=data.get("refresh_token"),
            expires_at=expiry / 1000 if isinstance(expiry, int | float) else None,
        )

    return read


def sources(home: Path | None = None) -> list[tuple[str, Path, str, Callable[[Path], Any]]]:
    home = home or Path.home()
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    claude_dir = Path(os.environ.get("CLAUDE_CONFIG_DIR") or home / ".claude")
    codex_dir = Path(os.environ.get("CODEX_HOME") or home / ".codex")
    return [
        ("Claude Code", claude_dir / ".credentials.json", "claude-max", _claude_code),
        ("Copilot (editor plugin)", xdg / "github-copilot" / "apps.json", "copilot", _copilot),
        ("Copilot (editor plugin)", xdg / "github-copilot" / "hosts.json", "copilot", _copilot),
        ("Codex CLI", codex_dir / "auth.json", "chatgpt-codex", _codex),
        ("Gemini CLI", home / ".gemini" / "oauth_creds.json", "gemini-code-assist", _gemini),
    ]


# macOS: Claude Code keeps its login in the Keychain rather than in .credentials.json
KEYCHAIN_SERVICE = "Claude Code-credentials"
SECURITY = "/usr/bin/security"


def keychain_command(service: str = KEYCHAIN_SERVICE) -> list[str]:
    """Print the password of a generic Keychain item (macOS asks the user to allow it once)."""
    return [SECURITY, "find-generic-password", "-s", service, "-w"]


def _keychain_login() -> Callable[[], Any] | None:
    """Claude Code's Keychain item as a loader, or None when there is none (or no macOS)."""

    def load() -> Any:
        done = subprocess.run(
            keychain_command(), capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            raise OSError(f"the Keychain item {KEYCHAIN_SERVICE!r} could not be read")
        return orjson.loads(done.stdout.strip())

    try:
        data = load()
    except (OSError, orjson.JSONDecodeError, subprocess.TimeoutExpired):
        return None
    return load if isinstance(data, dict) and "claudeAiOauth" in data else None


def find(presets: set[str], home: Path | None = None) -> list[Found]:
    """The logins present on this machine whose preset Switchboard offers."""
    found: list[Found] = []
    taken: set[str] = set()
    for source, path, preset, reader in sources(home):
        if preset in presets and preset not in taken and path.is_file():
            found.append(Found(source, path, preset, reader(path)))
            taken.add(preset)
    if sys.platform == "darwin" and "claude-max" in presets and "claude-max" not in taken:
        load = _keychain_login()
        if load is not None:
            where = Path(f"Keychain item {KEYCHAIN_SERVICE}")
            found.append(Found("Claude Code", where, "claude-max", _claude_code_login(load)))
    return found
