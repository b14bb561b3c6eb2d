"""The runtime file a running proxy announces itself in, and the challenge that proves it."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import sys
from pathlib import Path

import pytest

from app.system import discovery


def _record(config: Path, *, port: int = 41234, pid: int | None = None) -> discovery.ProxyRecord:
    found = discovery.new_record(host="127.0.0.1", port=port, version="1.2.3", config=config)
    return found if pid is None else discovery.ProxyRecord(**{**found.__dict__, "pid": pid})


def test_write_read_clear(tmp_path: Path) -> None:
    config = tmp_path / "cfg" / "config.toml"
    state = tmp_path / "state"
    assert discovery.read_record(state, config) is None
    written = _record(config)
    path = discovery.write_record(state, written)
    assert discovery.read_record(state, config) == written
    assert written.url == "http://127.0.0.1:41234" and written.pid == os.getpid()
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert [p.name for p in state.iterdir()] == [path.name]  # no temporary file left
    discovery.clear_record(state, config)
    assert discovery.read_record(state, config) is None
    discovery.clear_record(state, config)  # nothing to clear: fine


def test_each_config_has_its_own_file_and_a_proxy_clears_only_its_own(tmp_path: Path) -> None:
    state = tmp_path / "state"
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    discovery.write_record(state, _record(one, port=1001))
    discovery.write_record(state, _record(two, port=1002, pid=os.getpid() + 1))
    assert discovery.read_record(state, one).port == 1001  # type: ignore[union-attr]
    discovery.clear_record(state, two)  # another process's announcement: left alone
    assert discovery.read_record(state, two) is not None
    discovery.clear_record(state, two, pid=os.getpid() + 1)
    assert discovery.read_record(state, two) is None
    assert discovery.read_record(state, one) is not None


def test_a_broken_runtime_file_reads_as_none(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    path = discovery.record_path(tmp_path, config)
    for text in ("", "{", '{"pid": 1}', '{"pid": "x", "host": 1, "port": 2, "version": 3}'):
        path.write_text(text)
        assert discovery.read_record(tmp_path, config) is None


def test_the_proof_is_hmac_sha256_of_the_nonce_keyed_by_the_token() -> None:
    expected = hmac.new(b"sb-token", b"nonce", hashlib.sha256).hexdigest()
    assert discovery.proof("sb-token", "nonce") == expected
    assert discovery.proof("sb-other", "nonce") != expected


def test_probe_of_a_port_nobody_listens_on_is_absent(unused_tcp_port: int) -> None:
    assert discovery.probe("127.0.0.1", unused_tcp_port, "t").verdict == "absent"


@pytest.mark.parametrize("host", ["::1"])
def test_an_ipv6_record_has_a_bracketed_url(tmp_path: Path, host: str) -> None:
    found = discovery.new_record(host=host, port=5, version="1", config=tmp_path / "c.toml")
    assert found.url == "http://[::1]:5"
