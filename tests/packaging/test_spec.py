"""build.spec for each OS, run with PyInstaller's spec classes recorded instead of building
(only the Linux bundle can be built here; tests/packaging/test_bundle.py builds it for real)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class _Analysis:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.binaries: list[tuple[str, str, str]] = []
        self.datas: list[tuple[str, str, str]] = []
        self.pure: list[Any] = []
        self.scripts: list[Any] = []


def _run_spec(platform: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    made: dict[str, list[Any]] = {"EXE": [], "COLLECT": [], "BUNDLE": []}

    def record(kind: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            made[kind].append((args, kwargs))
            return kwargs.get("name", kind)

        return call

    importlib.import_module("PyInstaller.utils.hooks")  # for this OS, before faking another
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {
        "SPECPATH": str(ROOT),
        "Analysis": _Analysis,
        "PYZ": lambda *args, **kwargs: "pyz",
        "EXE": record("EXE"),
        "COLLECT": record("COLLECT"),
        "BUNDLE": record("BUNDLE"),
    }
    exec(compile((ROOT / "build.spec").read_text(), "build.spec", "exec"), namespace)
    return made


def test_windows_gets_a_console_twin_beside_the_windowed_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _run_spec("win32", monkeypatch)
    exes = [(kw["name"], kw["console"]) for _, kw in made["EXE"]]
    assert exes == [("switchboard", False), ("switchboard-console", True)]
    ((collected, _),) = made["COLLECT"]
    assert collected[:2] == ("switchboard", "switchboard-console")  # both in one folder
    assert all(str(kw["icon"]).endswith("switchboard.ico") for _, kw in made["EXE"])
    # the installer puts the twin where a console looks first, and the folder on PATH
    iss = (ROOT / "installer" / "windows" / "switchboard.iss").read_text()
    assert 'DestName: "switchboard.com"' in iss
    assert 'Excludes: "switchboard-console.exe"' in iss
    assert 'ValueName: "Path"' in iss


def test_linux_is_one_stripped_windowed_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _run_spec("linux", monkeypatch)
    ((_, exe),) = made["EXE"]
    assert (exe["name"], exe["console"], exe["strip"]) == ("switchboard", False, True)
    assert made["COLLECT"][0][1]["strip"] is True


def test_macos_is_a_menu_bar_app_without_a_dock_icon(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _run_spec("darwin", monkeypatch)
    assert len(made["EXE"]) == 1
    ((_, bundle),) = made["BUNDLE"]
    assert bundle["name"] == "Switchboard.app"
    assert bundle["info_plist"]["LSUIElement"] is True
