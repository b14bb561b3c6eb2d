"""What the tray app remembers between runs that is not configuration: recent folders,
notification and terminal choices. A JSON file in the state dir; a broken file is ignored."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.config.store import state_dir, write_text_atomic
from app.ui.language import LANGUAGES

log = logging.getLogger(__name__)

PREFERENCES_FILE = "ui.json"
MAX_RECENT_FOLDERS = 8


@dataclass
class Preferences:
    recent_folders: list[str] = field(default_factory=list)  # most recent first
    notify_failover: bool = False  # opt-in: OS notifications on failover and breaker changes
    terminal: str | None = None  # a name from available_terminals(), a command with {}, or None
    appearance: str = "system"  # system | light | dark
    ui_scale: float = 1.0  # size of text and controls, from the next start
    language: str = "system"  # a key of LANGUAGES, from the next start

    default_folder: str | None = None  # where launches start when the app starts
    # the folder chosen since the app started (not saved: the default wins at the next start)
    chosen_folder: str | None = None

    def remember_folder(self, folder: Path) -> None:
        text = str(folder)
        self.chosen_folder = text
        self.recent_folders = [text, *(f for f in self.recent_folders if f != text)][
            :MAX_RECENT_FOLDERS
        ]

    def launch_folder(self) -> Path:
        """Where the next launch starts: the folder chosen since start, else the default
        folder, else the most recent folder that still exists, else home."""
        for text in (self.chosen_folder, self.default_folder, *self.recent_folders):
            if text and Path(text).is_dir():
                return Path(text)
        return Path.home()


def preferences_path() -> Path:
    return state_dir() / PREFERENCES_FILE


def load_preferences(path: Path | None = None) -> Preferences:
    path = path or preferences_path()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable preferences %s: %s", path, exc)
        return Preferences()
    prefs = Preferences()
    if not isinstance(data, dict):
        return prefs
    folders = data.get("recent_folders")
    if isinstance(folders, list):
        prefs.recent_folders = [f for f in folders if isinstance(f, str)][:MAX_RECENT_FOLDERS]
    if isinstance(data.get("notify_failover"), bool):
        prefs.notify_failover = data["notify_failover"]
    if isinstance(data.get("terminal"), str) and data["terminal"]:
        prefs.terminal = data["terminal"]
    if data.get("appearance") in ("system", "light", "dark"):
        prefs.appearance = data["appearance"]
    if isinstance(data.get("default_folder"), str) and data["default_folder"]:
        prefs.default_folder = data["default_folder"]
    if data.get("language") in LANGUAGES:
        prefs.language = data["language"]
    scale = data.get("ui_scale")
    if isinstance(scale, int | float) and 0.5 <= scale <= 3:
        prefs.ui_scale = float(scale)
    return prefs


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    path = path or preferences_path()
    try:
        saved = {k: v for k, v in asdict(prefs).items() if k != "chosen_folder"}
        write_text_atomic(path, json.dumps(saved, indent=2) + "\n")
    except OSError as exc:  # losing a recent folder is not worth an error dialog
        log.warning("cannot save preferences to %s: %s", path, exc)
