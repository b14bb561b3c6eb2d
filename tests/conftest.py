"""Suite-wide setup: Qt offscreen, an isolated config dir, the loopback proxy fixtures, and
what keeps a run on several xdist workers honest (tests/support/workers.py)."""

from __future__ import annotations

import gc
import os
from contextlib import nullcontext

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Generator
from pathlib import Path

import pytest

from tests.support.proxy import (  # noqa: F401  (fixtures)
    anthropic_upstream,
    isolated_dirs,
    start_proxy,
)
from tests.support.workers import SecretService, Turns, worker_id

SECRET_SERVICE = pytest.StashKey[SecretService]()
TURNS = pytest.StashKey[Turns]()


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("ANTHROPIC_API_KEY", None)
    os.environ.pop("ANTHROPIC_AUTH_TOKEN", None)
    if worker_id() is None:
        return
    if SecretService.wanted():
        config.stash[SECRET_SERVICE] = SecretService()
    # the workers' base temp dirs sit side by side in the run's own
    config.stash[TURNS] = Turns(Path(config.option.basetemp).parent)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is imported and collected by now lives as long as the run: keep the cycle collector
    from walking it all again at each collection (~0.25 s for ~400k objects; the UI tests
    collect after each test on purpose, and Python collects on its own as tests allocate)."""
    # Hypothesis, once imported, registers trio's PRNG and checks with gc.get_referrers that
    # something holds it; that check cannot see frozen objects: import it before the freeze.
    import hypothesis  # noqa: F401

    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)  # after the session's fixtures are torn down
def pytest_sessionfinish(session: pytest.Session) -> None:
    # not pytest_unconfigure: an xdist worker ends without it
    config = session.config
    if TURNS in config.stash:
        config.stash[TURNS].close()
    if SECRET_SERVICE in config.stash:
        config.stash[SECRET_SERVICE].stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    turns = item.config.stash.get(TURNS, None)
    if turns is None:
        return (yield)
    if item.get_closest_marker("exclusive"):
        with turns.exclusive():
            return (yield)
    with (
        turns.shared(),
        turns.fixed_ports() if item.get_closest_marker("fixed_ports") else nullcontext(),
    ):
        return (yield)
