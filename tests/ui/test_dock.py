"""No Dock icon on macOS. AppKit cannot run here: a stand-in module records what the code asks
of it (the only mock in these tests; macOS's AppKit is the thing that cannot run on Linux)."""

from __future__ import annotations

import sys
import types
from typing import ClassVar

import pytest

from app.ui.dock import keep_out_of_dock

ACCESSORY = 1  # NSApplicationActivationPolicyAccessory's value in AppKit


class FakeApplication:
    policies: ClassVar[list[int]] = []

    @classmethod
    def sharedApplication(cls) -> FakeApplication:
        return cls()

    def setActivationPolicy_(self, policy: int) -> bool:
        self.policies.append(policy)
        return True


@pytest.fixture
def appkit(monkeypatch: pytest.MonkeyPatch) -> type[FakeApplication]:
    module = types.ModuleType("AppKit")
    module.NSApplication = FakeApplication  # type: ignore[attr-defined]
    module.NSApplicationActivationPolicyAccessory = ACCESSORY  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "AppKit", module)
    FakeApplication.policies = []
    return FakeApplication


def test_on_macos_from_source_the_app_becomes_an_accessory(appkit: type[FakeApplication]) -> None:
    assert keep_out_of_dock("darwin") is True
    assert appkit.policies == [ACCESSORY]


def test_the_bundle_leaves_it_to_its_info_plist(
    appkit: type[FakeApplication], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert keep_out_of_dock("darwin") is False
    assert appkit.policies == []


def test_other_systems_have_no_dock(appkit: type[FakeApplication]) -> None:
    assert keep_out_of_dock("linux") is False
    assert keep_out_of_dock("win32") is False
    assert appkit.policies == []


def test_without_pyobjc_the_app_still_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "AppKit", None)  # import fails as if not installed
    assert keep_out_of_dock("darwin") is False
