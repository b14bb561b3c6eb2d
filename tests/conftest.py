"""Suite-wide setup: Qt offscreen, an isolated config dir, and the loopback proxy fixtures."""

from __future__ import annotations

import os

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.support.proxy import (  # noqa: F401  (fixtures)
    anthropic_upstream,
    isolated_dirs,
    start_proxy,
)


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("ANTHROPIC_API_KEY", None)
    os.environ.pop("ANTHROPIC_AUTH_TOKEN", None)
