"""A command run in a real pseudo-terminal, answered like a user would (POSIX only).

The pty is the child's controlling terminal, so `input()` and `getpass()` both read from it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence


class Terminal:
    def __init__(self, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(os.environ if env is None else env),
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.master = master
        self.output = ""
        self._seen = 0

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait for `text` after what an earlier expect consumed; return what came before it."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.output.find(text, self._seen)
            if found >= 0:
                before = self.output[self._seen : found]
                self._seen = found + len(text)
                return before
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                self.close()
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.output}")

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\r").encode())

    def finish(self, timeout: float = 30) -> int:
        """Read to the end and return the exit status."""
        deadline = time.monotonic() + timeout
        while self._read(max(0.0, deadline - time.monotonic())):
            pass
        code = self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.master)
        return code

    def close(self) -> None:
        """Stop the program (a test that failed half way)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not chunk:
            return False
        self.output += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return True
