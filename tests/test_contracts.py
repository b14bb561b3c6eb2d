"""The "only the UI touches Qt" contract names every package but the UI, so a new package is
covered the day it is added (pyproject.toml, checked by lint-imports)."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import app

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_the_qt_contract_covers_every_package_but_the_ui() -> None:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    qt = next(c for c in contracts["contracts"] if c["name"].startswith("Only the UI touches Qt"))
    top_level = {f"app.{m.name}" for m in pkgutil.iter_modules(app.__path__)}
    assert top_level - {"app.ui"} == set(qt["source_modules"])
    assert qt.get("ignore_imports") == ["app.main -> app.ui.entry"]  # the one door to the UI
