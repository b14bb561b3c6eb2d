"""A private X server with a tray host (Xvfb + trayer), and helpers to poke at it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

TOOLS = ("Xvfb", "trayer", "xdotool", "xwininfo")
_GEOMETRY = re.compile(r"(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)")


@dataclass(frozen=True)
class XSession:
    display: str

    @property
    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def run(self, *args: str) -> str:
        result = subprocess.run(
            args,
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return result.stdout

    def tray_icon(self) -> tuple[int, int, int, int] | None:
        """(width, height, x, y) of the first icon embedded in trayer's panel."""
        in_panel = False
        for line in self.run("xwininfo", "-root", "-tree").splitlines():
            if '"panel": ("panel" "trayer")' in line:
                in_panel = True
                continue
            if in_panel and line.startswith("     0x"):
                return None  # the next top-level window: no icon in the panel
            embedded = in_panel and line.startswith("        0x") and " 1x1+" not in line
            if embedded and (match := _GEOMETRY.search(line)):
                w, h, x, y = (int(g) for g in match.groups())
                return w, h, x, y
        return None

    def wait_for_tray_icon(self, timeout: float = 20.0) -> tuple[int, int]:
        """The icon's centre, once embedded."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (found := self.tray_icon()) is not None:
                w, h, x, y = found
                return x + w // 2, y + h // 2
            time.sleep(0.2)
        raise AssertionError("no tray icon was embedded")

    def visible_windows(self, name: str) -> list[str]:
        return self.run("xdotool", "search", "--onlyvisible", "--name", name).split()


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@contextmanager
def x_session() -> Iterator[XSession]:
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    trayer: subprocess.Popen[bytes] | None = None
    try:
        with os.fdopen(read_end) as numbers:
            display = f":{numbers.readline().strip()}"
        session = XSession(display)
        trayer = subprocess.Popen(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                "--transparent",
                "false",
                "--tint",
                "0x333333",
                "--SetDockType",
                "true",
                "--SetPartialStrut",
                "true",
            ],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while '"panel": ("panel" "trayer")' not in session.run("xwininfo", "-root", "-tree"):
            assert time.monotonic() < deadline, "trayer did not start"
            time.sleep(0.1)
        yield session
    finally:
        for process in (trayer, xvfb):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
