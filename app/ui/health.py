"""Provider and profile health as the tray shows it.

The proxy's breakers keep what traffic told about each provider (`Breakers.health_report()`:
breaker state, last error, last success); this reads that report as ok / degraded / down, the
tray icon's state and the tooltip's one-line summary. No widgets, no I/O: the words are
translated (QCoreApplication.translate, context "health"), the states stay English keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication

from app.config.schema import SLOTS, Config, ModelRef, Profile
from app.ui.language import QT_TRANSLATE_NOOP

Health = Literal["ok", "degraded", "down"]
HealthReport = Mapping[str, Mapping[str, Any]]  # provider -> state, last_error, ...


# The health words as the tray, the mini window and the dashboard show them.
HEALTH_WORDS: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("health", "ok"),
    "degraded": QT_TRANSLATE_NOOP("health", "degraded"),
    "down": QT_TRANSLATE_NOOP("health", "down"),
    "disabled": QT_TRANSLATE_NOOP("health", "disabled"),
}
BREAKER_WORDS: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("health", "breaker open"),
    "half-open": QT_TRANSLATE_NOOP("health", "breaker half-open"),
}


def health_word(health: str) -> str:
    """ "ok", "degraded", "down" (or "disabled") in the user's language."""
    return QCoreApplication.translate("health", HEALTH_WORDS.get(health, health))


class TrayState(Enum):
    OK = "ok"
    DEGRADED = "degraded"
    STOPPED = "stopped"


class HealthView:
    def __init__(self, report: HealthReport) -> None:
        self.report = report

    def provider(self, name: str) -> Health:
        entry = self.report.get(name)
        if entry is None:
            return "ok"
        if entry.get("state") == "open":
            return "down"
        if entry.get("state") == "half-open" or self._failing_now(entry):
            return "degraded"
        return "ok"

    def problem(self, name: str) -> str | None:
        """A short phrase for a provider that is not ok, e.g. "breaker open"."""
        entry = self.report.get(name)
        if entry is None or self.provider(name) == "ok":
            return None
        state = entry.get("state")
        if state in BREAKER_WORDS:
            return QCoreApplication.translate("health", BREAKER_WORDS[state])
        error = str(entry.get("last_error") or QCoreApplication.translate("health", "failing"))
        return error.removeprefix(f"{name}: ")  # the proxy's messages start with the name

    def profile_status(self, profile: Profile) -> Health:
        """down: no candidate of the default route can serve; degraded: some provider of the
        profile is not ok; else ok."""
        statuses = {name: self.provider(name) for name in profile_providers(profile)}
        default = {ModelRef.parse(ref).provider for ref in profile.models.default}
        if default and all(statuses[name] == "down" for name in default):
            return "down"
        return "degraded" if any(s != "ok" for s in statuses.values()) else "ok"

    def tray_state(self, config: Config, *, running: bool) -> TrayState:
        if not running:
            return TrayState.STOPPED
        used = [p.name for p in config.providers if p.enabled]
        if any(self.provider(name) != "ok" for name in used):
            return TrayState.DEGRADED
        return TrayState.OK

    def problems(self, config: Config) -> list[str]:
        return [
            f"{p.name}: {problem}"
            for p in config.providers
            if (problem := self.problem(p.name)) is not None
        ]

    @staticmethod
    def _failing_now(entry: Mapping[str, Any]) -> bool:
        """Its last call failed (an error newer than its last success)."""
        if not entry.get("last_error"):
            return False
        error_at, ok_at = entry.get("last_error_at"), entry.get("last_ok_at")
        return ok_at is None or (error_at is not None and error_at >= ok_at)


def profile_providers(profile: Profile) -> list[str]:
    """Every provider a profile's routes name, in first-seen order."""
    routes = [getattr(profile.models, slot) or [] for slot in SLOTS]
    routes += profile.routing.routes().values()
    names = {ModelRef.parse(ref).provider: None for route in routes for ref in route}
    return list(names)


def summary_line(
    health: HealthView, config: Config, *, running: bool, address: str, failure: str = ""
) -> str:
    """The tooltip's one line: where the proxy listens and whether anything is wrong."""
    if not running:
        if failure:
            return QCoreApplication.translate("health", "Proxy stopped: {failure}").format(
                failure=failure
            )
        return QCoreApplication.translate("health", "Proxy stopped")
    count = len(config.profiles)
    parts = [
        QCoreApplication.translate("health", "Proxy on {address}").format(address=address),
        QCoreApplication.translate("health", "1 profile")
        if count == 1
        else QCoreApplication.translate("health", "{count} profiles").format(count=count),
    ]
    problems = health.problems(config)
    if not config.providers:
        parts.append(QCoreApplication.translate("health", "no providers yet"))
    elif not problems:
        parts.append(QCoreApplication.translate("health", "all providers healthy"))
    elif len(problems) == 1:
        parts.append(problems[0][:80])
    else:
        more = QCoreApplication.translate("health", "{problem} (+{count} more)")
        parts.append(more.format(problem=problems[0][:80], count=len(problems) - 1))
    return " · ".join(parts)
