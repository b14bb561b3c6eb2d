"""Where Switchboard keeps its files. Light on purpose: every CLI verb imports it at start,
so even platformdirs (which pulls in tempfile and shutil) waits until a folder is asked for."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "switchboard"
ENV_CONFIG = "SWITCHBOARD_CONFIG"


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """`--config` wins, then $SWITCHBOARD_CONFIG, then the platform's config dir."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get(ENV_CONFIG):
        return Path(env).expanduser()
    return config_dir() / "config.toml"
