"""End to end with a real browser: `switchboard auth login claude-max` opens the system browser
(Python's webbrowser, pointed by $BROWSER at headless Chromium driven by selenium), Chromium
approves on the loopback authorization server's consent page, the redirect lands on
Switchboard's callback server on Claude's fixed port, and the tokens end up in the keyring
(a real Secret Service under .ci/with_keyring)."""

from __future__ import annotations

import shlex
import sys
import time
import webbrowser
from pathlib import Path

import keyring
import pytest

from app.auth.store import TokenStore
from app.config.presets import load_catalogue
from app.config.secrets import has_real_keyring
from app.main import main
from tests.support.logins import catalogue_pointing_at, use_catalogue
from tests.support.oauth_server import OAuthServer
from tests.support.threaded import LoopThread
from tests.support.workers import FIXED_PORTS

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port

APPROVER = Path(__file__).resolve().parents[1] / "support" / "chromium_approve.py"


@pytest.mark.timeout(120)
def test_chromium_completes_the_login_and_the_tokens_land_in_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert has_real_keyring(), f"run under .ci/with_keyring (backend {keyring.get_keyring()!r})"
    assert Path("/usr/bin/chromium").exists(), "apt-get install chromium chromium-driver"
    thread = LoopThread()
    server = OAuthServer()
    thread.run(server.start())
    try:
        spec = load_catalogue()["claude-max"].login
        assert spec is not None and spec.redirect_uri
        server.client(spec.client_id, [spec.redirect_uri])
        use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
        log = tmp_path / "browser.log"
        # $BROWSER runs a command per URL; it must return at once (like xdg-open does), so
        # the approver runs in the background while the login waits for the callback.
        command = f'{shlex.quote(sys.executable)} {shlex.quote(str(APPROVER))} "$0" &'
        monkeypatch.setenv("BROWSER", f"sh -c {shlex.quote(command)} %s")
        monkeypatch.setenv("APPROVE_LOG", str(log))
        monkeypatch.setattr(webbrowser, "_tryorder", None)  # re-read $BROWSER
        monkeypatch.setattr(webbrowser, "_browsers", {})
        config = tmp_path / "config" / "config.toml"

        assert main(["--config", str(config), "auth", "login", "claude-max"]) == 0, (
            capsys.readouterr().err
        )

        stored = TokenStore(config.parent).load("claude-max")
        assert stored is not None and stored.storage == "keyring"
        assert server.is_valid(stored.access_token)
        raw = keyring.get_password("switchboard", "login:claude-max")
        assert raw is not None and stored.access_token in raw  # in the Secret Service itself
        assert not (config.parent / "logins").exists()  # and nowhere else
        for _ in range(300):  # the browser reports once it has shut down
            if log.exists() and log.stat().st_size:
                break
            time.sleep(0.1)
        page = log.read_text()
        assert page.startswith("http://localhost:53692/callback?code="), page
        assert "You are logged in" in page
        sent = server.authorize_requests[-1]
        assert sent["code_challenge_method"] == "S256" and sent["state"]
    finally:
        thread.run(server.stop())
        thread.close()
