"""One app per user and config (app/ui/single_instance.py)."""

from __future__ import annotations

import socket
import sys
import tempfile
from pathlib import Path

import pytest

from app.ui.single_instance import SingleInstance, instance_key
from tests.ui.helpers import settle


def test_keys_differ_per_config_and_hold_no_path() -> None:
    first, second = instance_key("/a/config.toml"), instance_key("/b/config.toml")
    assert first != second
    assert "/" not in first
    assert first == instance_key("/a/config.toml")


@pytest.mark.asyncio
async def test_a_second_instance_hands_its_message_to_the_first(tmp_path: object) -> None:
    key = instance_key(str(tmp_path))
    first = SingleInstance(key)
    assert not first.notify_running("hello", timeout_ms=200)  # nobody is running yet
    assert first.listen()
    received: list[str] = []
    first.message_received.connect(received.append)
    second = SingleInstance(key)
    # the first instance answers from the event loop, which this blocking call holds: the
    # short timeout only bounds the wait for its acknowledgement
    assert second.notify_running("open-settings", timeout_ms=200)
    await settle(0.1)
    assert received == ["open-settings"]
    assert not second.listen()  # the first is alive: the second must not take over
    first.close()
    assert SingleInstance(key).listen()  # after it closed, the name is free again


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="Windows named pipes leave no socket file behind after a crash: nothing to take over",
)
@pytest.mark.asyncio
async def test_a_socket_file_left_by_a_crash_is_taken_over(tmp_path: object) -> None:
    key = instance_key(f"{tmp_path}/crashed")
    path = Path(tempfile.gettempdir()) / key  # where QLocalServer puts it (QDir::tempPath)
    with socket.socket(socket.AF_UNIX) as crashed:
        crashed.bind(str(path))  # closed without unlinking: what a crash leaves
    assert path.exists()
    fresh = SingleInstance(key)
    assert fresh.listen()
    received: list[str] = []
    fresh.message_received.connect(received.append)
    assert SingleInstance(key).notify_running("open-settings", timeout_ms=200)
    await settle(0.1)
    assert received == ["open-settings"]
    fresh.close()
