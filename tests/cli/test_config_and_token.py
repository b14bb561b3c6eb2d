"""The CLI as a new user meets it: config errors, a missing file, the token, no keyring, and
what a running `serve` takes up from a changed file or a regenerated token.

Every test runs `python -m app` as a real process; the keyring is the 'fail' backend of a
headless server, so the local token lives in its file (the real fallback).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

_APP = (sys.executable, "-m", "app")
HEADLESS = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def _run(*args: str, config: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_APP, "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, **HEADLESS},
    )


class Serve:
    """`switchboard serve --port 0` in the background, and what it printed at start."""

    def __init__(self, config: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [*_APP, "--config", str(config), "serve", "--port", "0", "--no-log-file", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **HEADLESS},
        )
        self.lines: list[str] = []
        assert self.process.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            self.lines.append(line)
            if match := re.search(r"proxy on (http://\S+)", line):
                self.url = match.group(1)
                self._reader = threading.Thread(target=self._read, daemon=True)
                self._reader.start()
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError(f"serve did not start: {''.join(self.lines)}")

    def post(self, token: str, text: str = "hi") -> tuple[int, dict[str, object]]:
        body = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": []}
        if text != "hi":
            body["messages"] = [{"role": "user", "content": text}]
        request = urllib.request.Request(
            self.url + "/v1/messages",
            data=json.dumps(body).encode(),
            headers={"x-api-key": token, "content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.load(exc)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
        self.process.stderr.close()

    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, seconds: float = 20) -> None:
        """Until `text` shows on stderr (the config file is polled each second)."""
        deadline = time.monotonic() + seconds
        while text not in self.output():
            assert time.monotonic() < deadline, f"{text!r} not seen in: {self.output()}"
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=15)
        self._reader.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[list[Serve]]:
    started: list[Serve] = []
    yield started
    for server in started:
        server.stop()


UNKNOWN = """\
[settings]
prot = 17356

[[providers]]
name = "deepseek"
kind = "openai-chat"
base_url = "https://api.deepseek.com/v1"

[providers.quirks]
stream_usag = false

[[providers]]
name = "deepseek"
kind = "anthropic"
base_url = "https://api.anthropic.com"

[[profiles]]
name = "main"
[profiles.models]
default = "gpt-4o"
haiku = "nobody/x"
"""


def test_validate_shows_every_error_once_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "unknown.toml"
    config.write_text(UNKNOWN)
    result = _run("config", "validate", config=config)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"switchboard: config error: {config}:2: settings.prot: unknown key 'prot' "
        "(did you mean 'port'?)",
        f"{config}:10: providers[0].quirks.stream_usag: unknown quirk 'stream_usag' "
        "(did you mean 'stream_usage'?)",
        f"{config}:20: profiles[0].models.default: model reference 'gpt-4o' must look like "
        "'provider/model'",
    ]
    assert config.read_text() == UNKNOWN


def test_cross_field_errors_name_their_line_once(tmp_path: Path) -> None:
    config = tmp_path / "unknown.toml"
    config.write_text(
        UNKNOWN.replace("prot", "port")
        .replace("stream_usag", "stream_usage")
        .replace('default = "gpt-4o"', 'default = "deepseek/deepseek-chat"')
    )
    result = _run("config", "validate", config=config)
    assert result.returncode == 1
    assert result.stderr == (
        f"switchboard: config error: {config}:13: providers[1].name: the name 'deepseek' is "
        "used twice (first by providers[0])\n"
    )
    config.write_text(
        config.read_text().replace(
            'name = "deepseek"\nkind = "anthropic"', 'name = "claude"\nkind = "anthropic"'
        )
    )
    result = _run("config", "validate", config=config)
    assert result.stderr == (
        f"switchboard: config error: {config}:21: profiles[0].models.haiku: unknown provider "
        "'nobody' in 'nobody/x' (known: claude, deepseek)\n"
    )


def test_no_token_on_an_open_address_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[settings]\nhost = "0.0.0.0"\nrequire_token = false\n')
    validate = _run("config", "validate", config=config)
    assert validate.returncode == 1
    assert f"{config}:3: settings.require_token: require_token = false" in validate.stderr
    assert "use your API keys" in validate.stderr

    config.write_text("[settings]\nrequire_token = false\n")  # fine on 127.0.0.1
    assert _run("config", "validate", config=config).returncode == 0
    serve = _run("serve", "--port", "0", "--host", "0.0.0.0", "--no-log-file", config=config)
    assert serve.returncode == 1
    assert "--host 0.0.0.0" in serve.stderr and "use your API keys" in serve.stderr


def test_validate_and_serve_agree_that_the_file_is_missing(
    tmp_path: Path, serve: list[Serve]
) -> None:
    config = tmp_path / "missing.toml"
    validate = _run("config", "validate", config=config)
    assert validate.returncode == 1
    assert f"{config}: no config file here" in validate.stderr
    assert "`switchboard serve` and the tray app write a commented default" in validate.stderr
    assert not config.exists()

    serve.append(Serve(config))
    serve[0].wait_for("No profiles yet")
    said = serve[0].output()
    assert f"no config file at {config}: wrote a commented default there" in said
    # no profile yet: the hint speaks of the file, not of a tray-only window
    assert f"No profiles yet: add a provider and a profile to {config}" in said
    token = _run("token", config=config).stdout.strip()
    status, body = serve[0].post(token)
    assert status == 404
    assert str(config) in json.dumps(body) and "no profile is configured" in json.dumps(body)
    assert _run("config", "validate", config=config).returncode == 0


def test_a_regenerated_token_reaches_a_running_serve(tmp_path: Path, serve: list[Serve]) -> None:
    config = tmp_path / "config.toml"
    old = _run("token", config=config).stdout.strip()
    serve.append(Serve(config))
    assert serve[0].post(old)[0] == 404  # past the token check: no profile configured

    regenerated = _run("token", "--regenerate", config=config)
    new = regenerated.stdout.strip()
    assert new != old and "start Claude Code sessions again" in regenerated.stderr
    deadline = time.monotonic() + 30  # polled each second; generous for a loaded machine
    while serve[0].post(new)[0] == 401:
        assert time.monotonic() < deadline, "serve kept the old token"
        time.sleep(0.2)
    status, body = serve[0].post(old)
    assert status == 401
    message = json.dumps(body)
    assert "regenerated" in message and "switchboard run PROFILE" in message


def test_token_works_while_the_config_has_an_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    first = _run("token", config=config).stdout.strip()
    config.write_text("[settings]\nprot = 1\n")
    result = _run("token", config=config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == first


def test_set_key_without_a_keyring_points_to_env_references(tmp_path: Path) -> None:
    result = _run("provider", "set-key", "deepseek", config=tmp_path / "c.toml", stdin="sk-x\n")
    assert result.returncode == 1
    assert "no usable OS keyring" in result.stderr
    assert "headless server" in result.stderr
    assert 'api_key = "env:DEEPSEEK_API_KEY"' in result.stderr


LOGGING = """\
[settings]
log_level = "{level}"
log_bodies = {bodies}

[[providers]]
name = "nowhere"
kind = "anthropic"
base_url = "http://127.0.0.1:9"

[[profiles]]
name = "main"
[profiles.models]
default = "nowhere/claude-sonnet-4-5"
"""


def test_serve_applies_log_settings_on_the_reload_that_sets_them(
    tmp_path: Path, serve: list[Serve]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(LOGGING.format(level="INFO", bodies="false"))
    token = _run("token", config=config).stdout.strip()
    serve.append(Serve(config))
    serve[0].post(token, "before: secret-plan-alpha")

    config.write_text(LOGGING.format(level="DEBUG", bodies="true"))
    serve[0].wait_for("config reloaded")
    serve[0].post(token, "after: plan-bravo")
    serve[0].wait_for("plan-bravo")  # the body, logged at DEBUG on the same reload
    assert "secret-plan-alpha" not in serve[0].output()
