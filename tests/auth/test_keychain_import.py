"""Claude Code's login from the macOS Keychain. macOS cannot run here: `security` is a stand-in
script that answers as the real one does for `find-generic-password -s SERVICE -w` (and records
how it was called); the command Switchboard builds is checked exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.auth import importers

ITEM = {
    "claudeAiOauth": {
        "accessToken": "sk-ant-oat01-from-keychain",
        "refreshToken": "sk-ant-ort01-from-keychain",
        "expiresAt": 4102444800000,
        "subscriptionType": "pro",
    }
}


def _security(tmp_path: Path, answer: str, code: int = 0) -> tuple[Path, Path]:
    calls = tmp_path / "calls.txt"
    script = tmp_path / "security"
    script.write_text(
        f'#!/bin/sh\necho "$@" >> "{calls}"\ncat <<\'JSON\'\n{answer}\nJSON\nexit {code}\n'
    )
    script.chmod(0o755)
    return script, calls


def test_the_keychain_command_asks_for_claude_codes_item() -> None:
    assert importers.keychain_command() == [
        "/usr/bin/security",
        "find-generic-password",
        "-s",
        "Claude Code-credentials",
        "-w",
    ]


def test_on_macos_the_keychain_login_is_found_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, calls = _security(tmp_path, json.dumps(ITEM))
    monkeypatch.setattr(importers, "SECURITY", str(script))
    monkeypatch.setattr(importers.sys, "platform", "darwin")
    (found,) = importers.find({"claude-max"}, home=tmp_path / "home")  # no .credentials.json
    assert (found.source, found.preset) == ("Claude Code", "claude-max")
    assert "Keychain item Claude Code-credentials" in str(found.path)
    credential = found.read("claude-max")
    assert credential.access_token == "sk-ant-oat01-from-keychain"
    assert credential.plan == "pro" and credential.expires_at == 4102444800.0
    assert (
        calls.read_text().splitlines()[0] == "find-generic-password -s Claude Code-credentials -w"
    )


@pytest.mark.parametrize(("answer", "code"), [("", 44), ("not json", 0), ('{"other": 1}', 0)])
def test_no_usable_keychain_item_means_nothing_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, code: int
) -> None:
    script, _ = _security(tmp_path, answer, code)
    monkeypatch.setattr(importers, "SECURITY", str(script))
    monkeypatch.setattr(importers.sys, "platform", "darwin")
    assert importers.find({"claude-max"}, home=tmp_path / "home") == []


def test_elsewhere_the_keychain_is_not_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, calls = _security(tmp_path, json.dumps(ITEM))
    monkeypatch.setattr(importers, "SECURITY", str(script))
    monkeypatch.setattr(importers.sys, "platform", "linux")
    assert importers.find({"claude-max"}, home=tmp_path / "home") == []
    assert not calls.exists()
