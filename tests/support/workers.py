"""The suite on several pytest-xdist workers (`.ci/test` runs it so) is as honest as on one.

- Each worker gets a Secret Service of its own, as `.ci/with_keyring` gives a whole run: keyring
  entries are per machine (the local token above all), and tests on two workers would otherwise
  read and replace each other's.
- Tests marked `exclusive` run while no other worker runs a test: those that time this machine.
- Tests that bind a port the product fixes (a vendor's OAuth callback) run one at a time over
  all workers: `pytestmark = FIXED_PORTS` in their modules. (Not an xdist group: pytest 9.2
  keeps node ids where xdist 3.8's loadgroup can no longer tag them, and the groups were
  silently ignored.)
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# The Claude and ChatGPT logins' loopback callbacks (resources/providers.toml, redirect_uri).
FIXED_PORTS = pytest.mark.fixed_ports


def worker_id() -> str | None:
    """ "gw0", "gw1"… in an xdist worker, None in a run on one process."""
    return os.environ.get("PYTEST_XDIST_WORKER")


class SecretService:
    """A private D-Bus session bus with an unlocked gnome-keyring on it; this process and the
    ones it starts use it from now on (DBUS_SESSION_BUS_ADDRESS)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="switchboard-keyring-"))
        self.bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # "Failed to set fd limit" when not allowed to: harmless
        )
        assert self.bus.stdout is not None
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().decode().strip()
        data, run = self.folder / "data", self.folder / "run"
        data.mkdir()
        run.mkdir(mode=0o700)
        # the daemon keeps its keyrings and control socket here, apart from other workers'
        env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_RUNTIME_DIR": str(run)}
        subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input=b"test",
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
            timeout=30,
        )
        deadline = time.monotonic() + 10
        while not self._served() and time.monotonic() < deadline:
            time.sleep(0.05)

    @staticmethod
    def _served() -> bool:
        answer = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
             "string:org.freedesktop.secrets"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return "boolean true" in answer.stdout

    def stop(self) -> None:
        self.bus.terminate()  # the keyring daemon leaves with its bus
        self.bus.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def wanted() -> bool:
        """In a worker of a run that has a Secret Service (.ci/with_keyring), with the tools to
        start another."""
        tools = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")
        return (
            worker_id() is not None
            and "DBUS_SESSION_BUS_ADDRESS" in os.environ
            and all(shutil.which(tool) for tool in tools)
        )


class Turns:
    """Whose turn it is across the workers: a readers-writer lock on files in a folder they
    share. Ordinary tests hold it shared; an `exclusive` test holds it alone. A test waiting to
    go alone holds the turnstile, so the other workers' next tests wait behind it."""

    def __init__(self, folder: Path) -> None:
        self._turnstile = os.open(folder / "turnstile.lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._running = os.open(folder / "running.lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._ports = os.open(folder / "fixed-ports.lock", os.O_RDWR | os.O_CREAT, 0o600)

    @contextmanager
    def shared(self) -> Iterator[None]:
        fcntl.flock(self._turnstile, fcntl.LOCK_EX)
        fcntl.flock(self._running, fcntl.LOCK_SH)
        fcntl.flock(self._turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(self._running, fcntl.LOCK_UN)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        fcntl.flock(self._turnstile, fcntl.LOCK_EX)
        try:
            fcntl.flock(self._running, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._running, fcntl.LOCK_UN)
        finally:
            fcntl.flock(self._turnstile, fcntl.LOCK_UN)

    @contextmanager
    def fixed_ports(self) -> Iterator[None]:
        """Within a shared turn: no other worker's test binds the fixed ports meanwhile."""
        fcntl.flock(self._ports, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._ports, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self._turnstile)
        os.close(self._running)
        os.close(self._ports)
