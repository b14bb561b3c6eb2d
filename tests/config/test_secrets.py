"""Secret references and the local token, against a real keyring backend and the file fallback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from app.config.secrets import (
    SecretUnavailable,
    has_real_keyring,
    local_token,
    resolve_secret,
    store_secret,
)


def test_env_and_literal_references(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SB_TEST_KEY", "from-env")
    assert resolve_secret("env:SB_TEST_KEY") == "from-env"
    assert resolve_secret("plain-literal") == "plain-literal"
    assert resolve_secret(None) is None
    with pytest.raises(SecretUnavailable, match="SB_MISSING"):
        resolve_secret("env:SB_MISSING")


def test_keyring_reference_round_trip() -> None:
    assert has_real_keyring(), (
        f"the suite needs a real Secret Service (run it under .ci/with_keyring); "
        f"backend is {keyring.get_keyring()!r}"
    )
    reference = store_secret("sb-test-provider", "sk-stored-in-keyring")
    assert reference == "keyring:sb-test-provider"
    assert resolve_secret(reference) == "sk-stored-in-keyring"
    with pytest.raises(SecretUnavailable, match="no secret named"):
        resolve_secret("keyring:sb-never-stored")


def test_local_token_is_stable_and_regenerates(tmp_path: Path) -> None:
    first = local_token(tmp_path)
    assert first.startswith("sb-") and len(first) > 30
    assert local_token(tmp_path) == first
    second = local_token(tmp_path, regenerate=True)
    assert second != first and local_token(tmp_path) == second


def test_token_falls_back_to_a_private_file_without_a_keyring(tmp_path: Path) -> None:
    """With the 'fail' backend (no keyring on a headless server) the token lives in a 0600 file."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    config = tmp_path / "config.toml"
    run = [sys.executable, "-m", "app", "--config", str(config), "token"]
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=30, check=True)
    token_file = tmp_path / "local-token"
    assert token_file.read_text().strip() == first.stdout.strip()
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    again = subprocess.run(run, env=env, capture_output=True, text=True, timeout=30, check=True)
    assert again.stdout == first.stdout
