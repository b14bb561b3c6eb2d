"""Fixtures for launch tests: a loaded config with three profiles, and a private X server."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.store import LoadedConfig, load_config
from tests.launch.fakes import free_port, write_config


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return write_config(tmp_path / "cfg" / "config.toml", free_port())


@pytest.fixture
def loaded(config_path: Path) -> LoadedConfig:
    return load_config(config_path, create=False)


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private Xvfb (`-displayfd` picks a free display), like a desktop session's X server."""
    missing = [p for p in ("Xvfb", "xterm") if shutil.which(p) is None]
    assert not missing, (
        f"{', '.join(missing)} not installed: apt-get install -y --no-install-recommends "
        "xvfb xauth x11-utils xterm"
    )
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as displayfd:
        number = displayfd.readline().strip()
    try:
        assert number.isdigit(), f"Xvfb did not start (exit {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
