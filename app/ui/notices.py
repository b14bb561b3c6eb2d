"""OS notification texts for failovers and circuit breakers, and the throttle that keeps a
flapping provider from flooding the desktop. No widgets: the tray shows what these return, in
the user's language (context "notices")."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from app.launch.env import EnvOverride
from app.proxy.observer import RequestRecord

DEFAULT_INTERVAL_S = 60.0


@dataclass(frozen=True)
class Notice:
    key: str  # what the throttle de-duplicates on
    title: str
    body: str


@dataclass
class Throttle:
    """At most one notice per key per `interval_s`."""

    interval_s: float = DEFAULT_INTERVAL_S
    _last: dict[str, float] = field(default_factory=dict)

    def allow(self, key: str, now: float) -> bool:
        last = self._last.get(key)
        if last is not None and now - last < self.interval_s:
            return False
        self._last[key] = now
        return True


def failover_notice(record: RequestRecord) -> Notice | None:
    """A request that needed more than one candidate; None when the first one served it."""
    if len(record.attempts) < 2:
        return None
    first = record.attempts[0]
    failed = first.rpartition(": ")[0]
    if record.error:
        title = QCoreApplication.translate("notices", "Switchboard: request failed")
        body = QCoreApplication.translate(
            "notices", "{profile}: every candidate failed ({attempts})"
        ).format(profile=record.profile, attempts="; ".join(record.attempts))
        return Notice(f"failover:{record.profile}:failed", title, body)
    served = f"{record.provider}/{record.model}"
    if failed == served:
        return None  # retried on the same candidate: no other provider stepped in
    title = QCoreApplication.translate("notices", "Switchboard: failover")
    body = QCoreApplication.translate(
        "notices", "{profile}: {attempt} — served by {served} instead"
    ).format(profile=record.profile, attempt=first, served=served)
    return Notice(f"failover:{failed}->{served}", title, body)


def breaker_notice(key: str, old: str, new: str) -> Notice | None:
    """A breaker that opened or closed again; half-open probes are not worth a notice."""
    if new == "open":
        title = QCoreApplication.translate("notices", "Switchboard: provider paused")
        body = QCoreApplication.translate(
            "notices", "{provider} keeps failing: requests skip it for a while"
        ).format(provider=key)
        return Notice(f"breaker:{key}:open", title, body)
    if new == "closed" and old != "closed":
        title = QCoreApplication.translate("notices", "Switchboard: provider back")
        body = QCoreApplication.translate("notices", "{provider} works again").format(provider=key)
        return Notice(f"breaker:{key}:closed", title, body)
    return None


def override_notice(profile: str, override: EnvOverride) -> Notice:
    """What bends a launch of `profile` (as `switchboard run` warns), in the user's words."""
    names = ", ".join(override.names)
    if override.settings_file is not None:
        body = QCoreApplication.translate(
            "notices",
            '{file} sets {names} in its "env" block, which Claude Code applies over '
            "Switchboard's values; remove them there for this profile to work",
        ).format(file=override.settings_file, names=names)
    else:
        body = QCoreApplication.translate(
            "notices",
            "your environment sets {names}, which Claude Code will also use with this profile; "
            "unset them in your shell if they are not meant for it",
        ).format(names=names)
    return Notice(f"launch:{profile}", f"Claude Code ({profile})", body)
