"""`switchboard profile list|show|add|remove` as real processes on real files, with a real
keyring (run under .ci/with_keyring), a real pseudo-terminal and a real running proxy."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.config.secrets import SERVICE, delete_secret, has_real_keyring
from app.config.store import parse_config
from tests.support.cli import switchboard
from tests.support.terminal import Terminal

SAMPLE = textwrap.dedent(
    """\
    [settings]
    default_profile = "home"

    [[providers]]
    name = "deepseek"
    kind = "openai-chat"
    base_url = "https://api.deepseek.com/v1"
    api_key = "env:SAMPLE_DEEPSEEK_KEY"

    [[providers]]
    name = "anthropic"
    kind = "anthropic"
    base_url = "https://api.anthropic.com"

    [[profiles]]
    name = "work"
    env = { API_TIMEOUT_MS = "600000" }
    [profiles.models]
    default = ["deepseek/deepseek-chat", "anthropic/claude-sonnet-4-5"]
    haiku = "deepseek/deepseek-chat"
    [profiles.routing.long_context]
    threshold = 90000
    route = "anthropic/claude-sonnet-4-5"
    [profiles.routing.thinking]
    route = "deepseek/deepseek-reasoner"

    [[profiles]]
    name = "home"
    [profiles.models]
    default = "anthropic/claude-sonnet-4-5"
    [profiles.routing.auto]
    classifier = "deepseek/deepseek-chat"
    routes = { code = "anthropic/claude-sonnet-4-5", quick = "deepseek/deepseek-chat" }
    """
)
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def keyring_name() -> Iterator[str]:
    """A fresh provider name whose keyring entry is removed afterwards. Fails (never skips)
    without a real keyring: run the suite under .ci/with_keyring."""
    if not has_real_keyring():
        pytest.fail(f"no real keyring backend ({keyring.get_keyring()!r}): use .ci/with_keyring")
    name = f"sbtest-{uuid.uuid4().hex[:10]}"
    yield name
    delete_secret(name)


# -- list ------------------------------------------------------------------------------------


def test_list_shows_each_profile_with_its_slots_and_the_default(config: Path) -> None:
    result = switchboard("profile", "list", config=config)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "DEFAULT", "HAIKU", "SONNET", "OPUS"]
    work = lines[1].split()
    assert work[:4] == ["work", "deepseek/deepseek-chat", "(+1)", "deepseek/deepseek-chat"]
    assert lines[2].split()[:3] == ["*", "home", "anthropic/claude-sonnet-4-5"]

    as_json = json.loads(switchboard("profile", "list", "--json", config=config).stdout)
    assert [(p["name"], p["default"]) for p in as_json] == [("work", False), ("home", True)]


def test_list_without_a_config_file_says_how_to_start(tmp_path: Path) -> None:
    result = switchboard("profile", "list", config=tmp_path / "none.toml")
    assert result.returncode == 0
    assert "profile add" in result.stdout
    assert not (tmp_path / "none.toml").exists()


# -- show ------------------------------------------------------------------------------------


def test_show_prints_routes_per_slot_rules_and_providers(config: Path) -> None:
    result = switchboard("profile", "show", "work", config=config)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"default\s+deepseek/deepseek-chat -> anthropic/claude-sonnet-4-5", out), out
    assert re.search(r"haiku\s+deepseek/deepseek-chat", out)
    assert re.search(r"sonnet\s+the default route", out)
    assert "long context (over 90000 input tokens): anthropic/claude-sonnet-4-5" in out
    assert "thinking (enabled): deepseek/deepseek-reasoner" in out
    assert "extra environment: API_TIMEOUT_MS" in out
    assert re.search(r"deepseek\s+openai-chat https://api.deepseek.com/v1", out)
    assert "no proxy is running" in out


def test_show_prints_the_auto_rules_named_routes(config: Path) -> None:
    result = switchboard("profile", "show", "home", config=config)

    assert result.returncode == 0, result.stderr
    assert "(the default profile)" in result.stdout
    assert "auto: deepseek/deepseek-chat picks a named route:" in result.stdout
    assert re.search(r"code: anthropic/claude-sonnet-4-5\n", result.stdout)
    assert re.search(r"quick: deepseek/deepseek-chat\n", result.stdout)


def test_show_an_unknown_profile_exits_2(config: Path) -> None:
    result = switchboard("profile", "show", "play", config=config)
    assert result.returncode == 2
    assert "no profile named 'play' (configured: work, home)" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_show_reports_live_health_from_a_running_proxy(tmp_path: Path) -> None:
    port, dead = _free_port(), _free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        textwrap.dedent(
            f"""\
            [settings]
            port = {port}
            [[providers]]
            name = "gone"
            kind = "openai-chat"
            base_url = "http://127.0.0.1:{dead}/v1"
            api_key = "sk-unused"
            [[profiles]]
            name = "work"
            [profiles.models]
            default = "gone/some-model"
            """
        ),
        encoding="utf-8",
    )
    serve = subprocess.Popen(
        [sys.executable, "-m", "app", "--config", str(config), "serve", "--no-log-file"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stderr is not None
        while "proxy on" not in (line := serve.stderr.readline()):
            assert line, "serve did not start"
        token = switchboard("token", config=config).stdout.strip()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/proxy/work/v1/messages",
            data=json.dumps(
                {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
            ).encode(),
            headers={"x-api-key": token, "content-type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        refused.value.close()  # its socket: left to the GC it warns in a later test

        result = switchboard("profile", "show", "work", config=config)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.communicate(timeout=20)

    assert result.returncode == 0, result.stderr
    assert f"live health from the proxy on http://127.0.0.1:{port}" in result.stdout
    gone = next(line for line in result.stdout.splitlines() if line.strip().startswith("gone"))
    assert "last error:" in gone


# -- add -------------------------------------------------------------------------------------


def test_add_from_a_preset_with_flags(config: Path) -> None:
    result = switchboard(
        "profile",
        "add",
        "fast",
        "--preset",
        "groq",
        "--key-env",
        "MY_GROQ_KEY",
        "--model",
        "default=llama-3.3-70b-versatile",
        "--model",
        "sonnet=deepseek/deepseek-chat",
        "--model",
        "sonnet=llama-3.3-70b-versatile",
        "--default",
        config=config,
    )

    assert result.returncode == 0, result.stderr
    saved = parse_config(config.read_text(encoding="utf-8"))
    groq = saved.provider("groq")
    assert groq is not None
    assert (groq.kind, groq.base_url, groq.api_key, groq.preset) == (
        "openai-chat",
        "https://api.groq.com/openai/v1",
        "env:MY_GROQ_KEY",
        "groq",
    )
    fast = saved.profile("fast")
    assert fast is not None
    assert fast.models.default == ["groq/llama-3.3-70b-versatile"]
    assert fast.models.sonnet == ["deepseek/deepseek-chat", "groq/llama-3.3-70b-versatile"]
    assert fast.models.haiku  # the preset's default model for the slot
    assert saved.settings.default_profile == "fast"
    assert [p.name for p in saved.profiles] == ["work", "home", "fast"]


def test_add_on_an_existing_provider(config: Path) -> None:
    result = switchboard(
        "profile",
        "add",
        "cheap",
        "--provider",
        "deepseek",
        "--model",
        "default=deepseek-chat",
        config=config,
    )
    assert result.returncode == 0, result.stderr
    saved = parse_config(config.read_text(encoding="utf-8"))
    assert [p.name for p in saved.providers] == ["deepseek", "anthropic"]
    cheap = saved.profile("cheap")
    assert cheap is not None and cheap.models.default == ["deepseek/deepseek-chat"]


def test_add_stores_the_key_in_the_keyring(config: Path, keyring_name: str) -> None:
    secret = f"sk-{uuid.uuid4().hex}"
    result = switchboard(
        "profile",
        "add",
        "kr",
        "--preset",
        "deepseek",
        "--provider-name",
        keyring_name,
        "--key-stdin",
        config=config,
        stdin=secret + "\n",
    )

    assert result.returncode == 0, result.stderr
    text = config.read_text(encoding="utf-8")
    provider = parse_config(text).provider(keyring_name)
    assert provider is not None and provider.api_key == f"keyring:{keyring_name}"
    assert keyring.get_password(SERVICE, keyring_name) == secret
    assert secret not in text + result.stdout + result.stderr


def test_add_without_a_keyring_refuses_unless_the_user_agrees(config: Path) -> None:
    before = config.read_bytes()
    refused = switchboard(
        "profile",
        "add",
        "nokr",
        "--preset",
        "deepseek",
        "--provider-name",
        "ds2",
        "--key-stdin",
        config=config,
        stdin="sk-typed\n",
        env=NO_KEYRING,
    )
    assert refused.returncode == 2
    assert "no usable OS keyring" in refused.stderr
    assert "--keys-in-file" in refused.stderr
    assert config.read_bytes() == before

    agreed = switchboard(
        "profile",
        "add",
        "nokr",
        "--preset",
        "deepseek",
        "--provider-name",
        "ds2",
        "--key-stdin",
        "--keys-in-file",
        config=config,
        stdin="sk-typed\n",
        env=NO_KEYRING,
    )
    assert agreed.returncode == 0, agreed.stderr
    provider = parse_config(config.read_text(encoding="utf-8")).provider("ds2")
    assert provider is not None and provider.api_key == "sk-typed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--preset", "no-such-preset"], "no preset 'no-such-preset'"),
        (["x", "--provider", "nobody", "--model", "default=m"], "no provider named 'nobody'"),
        (["work", "--provider", "deepseek", "--model", "default=m"], "'work' exists"),
        (["x", "--provider", "deepseek", "--model", "large=m"], "the slots are"),
        (["x", "--provider", "deepseek", "--model", "default"], "write NAME=VALUE"),
        (["x", "--provider", "deepseek"], "no model for the default slot"),
        (["bad name", "--provider", "deepseek", "--model", "default=m"], "not a valid name"),
        (["x", "--preset", "azure-openai", "--model", "default=m"], "--param resource=VALUE"),
        (["x", "--preset", "deepseek", "--provider-name", "anthropic"], "provider named"),
        (["x"], "give --preset ID or --provider NAME"),
    ],
)
def test_add_refuses_bad_input_with_status_2_and_writes_nothing(
    config: Path, args: list[str], message: str
) -> None:
    before = config.read_bytes()
    result = switchboard("profile", "add", *args, config=config)

    assert result.returncode == 2, result.stdout
    assert message in result.stderr
    assert config.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_add_interactively_in_a_terminal(config: Path) -> None:
    terminal = Terminal(
        [sys.executable, "-m", "app", "--config", str(config), "profile", "add"],
        env={**os.environ, **NO_KEYRING},
    )
    terminal.expect("Preset (number, id or search words)")
    terminal.send("api.groq.com")  # search words that match one preset
    terminal.expect("Provider name [groq]")
    terminal.send("")
    terminal.expect("API key (Enter to add it later): ")  # getpass: no echo
    terminal.send("")  # add it later
    terminal.expect("Profile name [groq]")
    terminal.send("quick")
    terminal.expect("Main model [")
    terminal.send("llama-3.3-70b-versatile")
    terminal.expect("haiku model")
    terminal.send("")
    terminal.expect("sonnet model")
    terminal.send("deepseek/deepseek-chat")
    terminal.expect("opus model")
    terminal.send("")
    terminal.expect("Save? (Y/n)")
    terminal.send("y")
    terminal.expect("added profile 'quick'")

    assert terminal.finish() == 0
    saved = parse_config(config.read_text(encoding="utf-8"))
    quick = saved.profile("quick")
    assert quick is not None
    assert quick.models.default == ["groq/llama-3.3-70b-versatile"]
    assert quick.models.sonnet == ["deepseek/deepseek-chat"]
    groq = saved.provider("groq")
    assert groq is not None and groq.api_key is None


# -- remove ----------------------------------------------------------------------------------


def test_remove_drops_the_profile_and_its_default_mark(config: Path) -> None:
    result = switchboard("profile", "remove", "home", config=config)

    assert result.returncode == 0, result.stderr
    saved = parse_config(config.read_text(encoding="utf-8"))
    assert [p.name for p in saved.profiles] == ["work"]
    assert saved.settings.default_profile is None
    assert [p.name for p in saved.providers] == ["deepseek", "anthropic"]  # providers stay


def test_remove_an_unknown_profile_exits_2(config: Path) -> None:
    before = config.read_bytes()
    result = switchboard("profile", "remove", "play", config=config)
    assert result.returncode == 2
    assert "no profile named 'play'" in result.stderr
    assert config.read_bytes() == before
