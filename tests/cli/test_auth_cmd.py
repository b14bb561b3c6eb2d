"""`switchboard auth …` in-process against the loopback authorization server: login (browser and
device), status, refresh, logout, import; the keyring is a real Secret Service (the suite runs
under .ci/with_keyring), and the no-keyring path refuses until the user agrees to a file."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import keyring
import keyring.backends.fail
import pytest

from app.auth.store import TokenStore
from app.config.store import load_config
from app.main import main
from tests.support.logins import approve, catalogue_pointing_at, use_catalogue
from tests.support.oauth_server import OAuthServer
from tests.support.threaded import LoopThread
from tests.support.workers import FIXED_PORTS

pytestmark = FIXED_PORTS  # logins here bind a vendor's fixed callback port


class World:
    """The authorization server on a background loop, and the user at a browser."""

    def __init__(self, thread: LoopThread, server: OAuthServer) -> None:
        self.thread = thread
        self.server = server
        self.opened: list[str] = []
        self.acts: list[concurrent.futures.Future[None]] = []

    def browser(self, url: str) -> bool:
        """Stands in for the system browser: approves the consent page and follows the
        redirect to Switchboard's callback (or approves a device code)."""
        self.opened.append(url)
        self.acts.append(asyncio.run_coroutine_threadsafe(self._act(url), self.thread.loop))
        return True

    def finish(self) -> None:
        """Let the user's steps end (and close their connections) before the loop stops."""
        for act in self.acts:
            with contextlib.suppress(Exception):
                act.result(timeout=15)

    async def _act(self, url: str) -> None:
        async with aiohttp.ClientSession() as session:
            if "/device" in url:
                code = parse_qs(urlsplit(url).query)["user_code"][0]
                await asyncio.sleep(0.3)
                async with session.post(url.split("?")[0], data={"user_code": code}):
                    return
            async with session.get(await approve(session, url)) as page:
                assert page.status == 200


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    thread = LoopThread()
    server = OAuthServer()
    thread.run(server.start())
    for preset in ("claude-max", "kimi-code", "copilot"):
        from app.config.presets import load_catalogue

        spec = load_catalogue()[preset].login
        assert spec is not None
        uris = [u for u in (spec.redirect_uri, spec.paste_redirect_uri) if u]
        server.client(spec.client_id, uris)
    use_catalogue(monkeypatch, catalogue_pointing_at(server.url, tmp_path))
    state = World(thread, server)
    monkeypatch.setattr("app.auth.login.open_in_browser", state.browser)
    try:
        yield state
    finally:
        state.finish()
        thread.run(server.stop())
        thread.close()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


def run(config: Path, *argv: str) -> int:
    return main(["--config", str(config), *argv])


def test_browser_login_status_refresh_logout(
    world: World, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "auth", "login", "claude-max") == 0
    out = capsys.readouterr()
    assert "Logged in to Claude Pro/Max" in out.out and "OS keyring" in out.out
    stored = TokenStore(config.parent).load("claude-max")
    assert stored is not None and stored.storage == "keyring"
    assert world.server.is_valid(stored.access_token)
    provider = load_config(config, create=False).config.provider("claude-max")
    assert provider is not None and provider.api_key == "login:claude-max"
    assert provider.auth_style == "bearer"

    assert run(config, "auth", "status", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["state"] == "logged in" and row["stored_in"] == "OS keyring"
    assert row["providers"] == ["claude-max"] and row["expires"]

    assert run(config, "auth", "refresh", "claude-max") == 0
    assert world.server.refreshes() == 1
    refreshed = TokenStore(config.parent).load("claude-max")
    assert refreshed is not None and refreshed.refresh_token != stored.refresh_token
    assert run(config, "auth", "status") == 0
    text = capsys.readouterr().out
    assert "last refresh" in text
    for secret in (stored.access_token, refreshed.access_token, refreshed.refresh_token):
        assert secret and secret not in text + out.out + out.err

    assert run(config, "auth", "logout", "claude-max") == 0
    assert TokenStore(config.parent).load("claude-max") is None
    assert run(config, "auth", "status") == 0
    assert "claude-max: not logged in" in capsys.readouterr().out


def test_device_login_for_another_account_name(
    world: World, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "auth", "login", "kimi-code", "--profile", "kimi-work") == 0
    err = capsys.readouterr().err
    assert "Enter this code:" in err
    stored = TokenStore(config.parent).load("kimi-work")
    assert stored is not None and world.server.is_valid(stored.access_token)
    provider = load_config(config, create=False).config.provider("kimi-work")
    assert provider is not None and provider.api_key == "login:kimi-work"
    assert provider.preset == "kimi-code"


def test_without_a_keyring_it_refuses_then_uses_a_file_when_told(
    world: World, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        assert run(config, "auth", "login", "kimi-code") == 1
        err = capsys.readouterr().err
        assert "no usable OS keyring" in err and "--store-in-file" in err
        assert not world.opened  # refused before any login started
        assert not (config.parent / "logins").exists()

        assert run(config, "auth", "login", "kimi-code", "--store-in-file") == 0
        file = config.parent / "logins" / "kimi-code.json"
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
        assert run(config, "auth", "status") == 0
        assert "file (0600)" in capsys.readouterr().out
    finally:
        keyring.set_keyring(real)


def test_import_claude_code_and_copilot_logins(
    world: World, config: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a GitHub token the server issued, as the Copilot editor plugin keeps it
    github = world.thread.run(_device_token(world.server, "Iv1.b507a08c87ecfe98"))
    plugin = isolated_dirs / ".config" / "github-copilot" / "hosts.json"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(json.dumps({"github.com": {"oauth_token": github, "user": "ada"}}))
    claude = isolated_dirs / ".claude" / ".credentials.json"
    claude.parent.mkdir(parents=True)
    claude.write_text(
        json.dumps(
            {
                "claudeAiOauth": {
                    "accessToken": "sk-ant-oat01-imported",
                    "refreshToken": "sk-ant-ort01-imported",
                    "expiresAt": 4102444800000,
                    "subscriptionType": "max",
                }
            }
        )
    )
    before = {p: p.read_bytes() for p in (plugin, claude)}
    assert run(config, "auth", "import", "--yes") == 0
    store = TokenStore(config.parent)
    copilot = store.load("copilot")
    assert copilot is not None and world.server.copilot_token_valid(copilot.access_token)
    assert copilot.account == "ada"
    imported = store.load("claude-max")
    assert imported is not None and imported.plan == "max"
    assert {p: p.read_bytes() for p in before} == before  # read, never changed
    assert "sk-ant-" not in capsys.readouterr().out


def test_a_denied_login_is_a_clear_error(
    world: World, config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def deny(url: str) -> bool:
        code = parse_qs(urlsplit(url).query)["user_code"][0]
        world.server.approve(code, approved=False)
        return True

    monkeypatch.setattr("app.auth.login.open_in_browser", deny)
    assert run(config, "auth", "login", "kimi-code", "--profile", "kimi-denied") == 1
    assert "login failed: the login was denied" in capsys.readouterr().err
    assert TokenStore(config.parent).load("kimi-denied") is None
    assert not config.exists()  # nothing half-made


def test_gitlab_duo_login_with_a_personal_access_token(
    world: World, config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pat = world.server.personal_access_token()
    monkeypatch.setattr("sys.stdin", io.StringIO(pat + "\n"))
    assert run(config, "auth", "login", "gitlab-duo") == 0
    stored = TokenStore(config.parent).load("gitlab-duo")
    assert stored is not None and stored.refresh_token == pat
    assert world.server.copilot_token_valid(stored.access_token)  # the Duo token
    assert stored.extra["header:x-gitlab-realm"] == "saas"
    out = capsys.readouterr()
    assert pat not in out.out + out.err
    assert run(config, "auth", "refresh", "gitlab-duo") == 0
    assert world.server.gitlab_exchanges == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("glpat-wrong\n"))
    assert run(config, "auth", "login", "gitlab-duo", "--profile", "other") == 1
    assert "refused" in capsys.readouterr().err


def test_unknown_provider_lists_the_logins(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "auth", "login", "nope") == 1
    assert "claude-max" in capsys.readouterr().err


async def _device_token(
    server: OAuthServer, client_id: str, *, secret: str | None = None, field: str = "access_token"
) -> str:
    """A token the server issued to `client_id` (through the device grant, approved at once)."""
    client = {"client_id": client_id, **({"client_secret": secret} if secret else {})}
    async with aiohttp.ClientSession() as session:
        async with session.post(server.url + "/device/code", data=client) as r:
            device = await r.json()
        server.approve(device["user_code"])
        grant = "urn:ietf:params:oauth:grant-type:device_code"
        async with session.post(
            server.url + "/token",
            data={"grant_type": grant, "device_code": device["device_code"], **client},
        ) as r:
            token: str = (await r.json())[field]
            return token


def test_import_a_gemini_cli_login_finds_its_code_assist_project(
    world: World,
    config: Path,
    isolated_dirs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Gemini CLI's expired login: refreshed (with the installed app's secret) against the
    loopback server, then the account's project found on a loopback Code Assist API."""
    from app.config.presets import load_catalogue
    from tests.support.code_assist_upstream import CodeAssistUpstream

    spec = load_catalogue()["gemini-code-assist"].login
    assert spec is not None and spec.client_secret
    world.server.client(
        spec.client_id, ["http://127.0.0.1/oauth2callback"], secret=spec.client_secret
    )
    refresh = world.thread.run(
        _device_token(
            world.server, spec.client_id, secret=spec.client_secret, field="refresh_token"
        )
    )
    code_assist = CodeAssistUpstream(world.server.is_valid)
    world.thread.run(code_assist.start())
    folder = tmp_path / "with-code-assist"  # a catalogue file of its own (loads are cached)
    folder.mkdir()
    try:
        use_catalogue(
            monkeypatch,
            catalogue_pointing_at(world.server.url, folder, code_assist_url=code_assist.url),
        )
        creds = isolated_dirs / ".gemini" / "oauth_creds.json"
        creds.parent.mkdir(parents=True)
        creds.write_text(
            json.dumps(
                {
                    "access_token": "ya29.expired",
                    "refresh_token": refresh,
                    "token_type": "Bearer",
                    "expiry_date": 1_000_000_000_000,  # long gone: refreshed first
                }
            )
        )
        assert run(config, "auth", "import", "--yes") == 0
        imported = TokenStore(config.parent).load("gemini-code-assist")
        assert imported is not None and world.server.is_valid(imported.access_token)
        assert imported.extra["quirk:code_assist_project"] == "proj-free-77"
        assert imported.plan == "free-tier"
    finally:
        world.thread.run(code_assist.stop())


def test_import_a_codex_cli_login(
    world: World, config: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from joserfc import jwt
    from joserfc.jwk import OctKey

    key = OctKey.generate_key(256)
    auth = {"chatgpt_account_id": "acct-9", "chatgpt_plan_type": "pro"}
    id_token = jwt.encode(
        {"alg": "HS256"}, {"email": "ada@example.com", "https://api.openai.com/auth": auth}, key
    )
    access = jwt.encode({"alg": "HS256"}, {"exp": 4102444800}, key)
    codex = isolated_dirs / ".codex" / "auth.json"
    codex.parent.mkdir(parents=True)
    tokens = {"id_token": id_token, "access_token": access, "refresh_token": "rt-codex"}
    codex.write_text(json.dumps({"auth_mode": "chatgpt", "tokens": tokens}))
    assert run(config, "auth", "import", "--yes") == 0
    imported = TokenStore(config.parent).load("chatgpt-codex")
    assert imported is not None
    assert (imported.account, imported.plan) == ("ada@example.com", "pro")
    assert imported.extra == {"header:ChatGPT-Account-ID": "acct-9"}
    assert imported.expires_at == 4102444800
    assert access not in capsys.readouterr().out
