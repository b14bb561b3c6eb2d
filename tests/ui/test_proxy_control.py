"""The tray's proxy lifecycle: start, a port in use, stop, restart, apply, new token."""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.core
import pytest

from app.config.schema import Config
from app.config.secrets import local_token
from app.config.store import LoadedConfig, state_dir
from app.proxy.observer import RequestRecord
from app.system import discovery
from app.ui.proxy_control import ProxyControl
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN
from tests.ui.conftest import upstream_config
from tests.ui.helpers import get_json, post_message


class Recorder:
    def __init__(self) -> None:
        self.records: list[RequestRecord] = []

    def on_request(self, record: RequestRecord) -> None:
        self.records.append(record)

    def on_config_reloaded(self, ok: bool, message: str) -> None:
        pass

    def on_breaker_change(self, key: str, old: str, new: str) -> None:
        pass


def loaded(data: dict[str, object], tmp_path: Path) -> LoadedConfig:
    return LoadedConfig(Config.model_validate(data), tmp_path / "config.toml")


@pytest.mark.asyncio
async def test_a_port_in_use_is_a_failure_with_a_reason(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        control = ProxyControl(loaded({}, tmp_path), token=TOKEN, observer=Recorder(), port=port)
        assert not await control.start()
    assert control.status == "failed"
    assert control.failure.startswith(f"cannot listen on 127.0.0.1:{port}")
    assert await control.restart()  # the port is free again
    assert control.status == "running"
    await control.stop()
    assert control.status == "stopped"


@pytest.mark.asyncio
async def test_the_tray_proxy_announces_its_address_while_it_runs(tmp_path: Path) -> None:
    """`switchboard run` and `env` find the tray's proxy through its runtime file."""
    config = loaded({}, tmp_path)
    control = ProxyControl(config, token=TOKEN, observer=Recorder(), port=0)
    assert await control.start()
    record = discovery.read_record(state_dir(), config.path)
    assert record is not None and record.url == control.server.url
    assert record.pid == os.getpid()
    await control.stop()
    assert discovery.read_record(state_dir(), config.path) is None


@pytest.mark.asyncio
async def test_apply_serves_new_requests_and_a_new_token_applies_in_place(
    anthropic_upstream: AnthropicUpstream, tmp_path: Path
) -> None:
    observer = Recorder()
    control = ProxyControl(loaded({}, tmp_path), token=TOKEN, observer=observer, port=0)
    assert await control.start()
    assert control.apply(Config.model_validate(upstream_config(anthropic_upstream.url)))
    base = control.server.url
    assert (await get_json(f"{base}/health"))["providers"][0]["name"] == "up"
    assert (await post_message(base, "main"))[0] == 200
    assert len(observer.records) == 1

    server = control.server
    assert await control.change_token("sb-another-token-0123456789")
    assert control.server is server  # no restart: metrics and breakers carry on
    assert (await post_message(base, "main"))[0] == 401
    assert (await post_message(base, "main", token="sb-another-token-0123456789"))[0] == 200
    assert len(observer.records) == 2  # a 401 is no record
    assert server.state.metrics.snapshot()["totals"]["requests"] == 2
    await control.stop()


@pytest.mark.asyncio
async def test_the_tray_takes_up_a_token_regenerated_on_the_command_line(
    anthropic_upstream: AnthropicUpstream, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no keyring (the token in its file), as on the machines where `token` is run by hand
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    old = local_token(tmp_path)
    data = upstream_config(anthropic_upstream.url)
    control = ProxyControl(loaded(data, tmp_path), token=old, observer=Recorder(), port=0)
    assert await control.start()
    base = control.server.url
    assert (await post_message(base, "main", token=old))[0] == 200

    # `switchboard token --regenerate` in a terminal, while the tray runs:
    new = await asyncio.to_thread(local_token, tmp_path, regenerate=True)
    for _ in range(300):
        if control.token == new:
            break
        await asyncio.sleep(0.02)
    assert control.token == new  # what the settings page shows and launches send
    assert (await post_message(base, "main", token=new))[0] == 200
    assert (await post_message(base, "main", token=old))[0] == 401
    await control.stop()
