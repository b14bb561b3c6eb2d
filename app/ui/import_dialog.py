"""Import from the tool the user comes from (claude-code-router, claudex, claude-code-mux,
Claude Code's settings.json): the plan shown first, nothing written until Import.

Keys go to the OS keyring; with none usable, into the config file only if the user ticks the
box, else they are left out (the providers are imported without them).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.config.importers import (
    FORMATS,
    ImportPlan,
    ImportProblem,
    KeyDestination,
    Merged,
    apply_keys,
    describe_plan,
    merge_plan,
    plan_import,
)
from app.config.schema import Config
from app.config.secrets import has_real_keyring
from app.config.store import save_config
from app.errors import ConfigError


class ImportDialog(QDialog):
    """Shows what importing `path` adds to `current`; `imported` holds the saved config."""

    def __init__(
        self,
        source: str,
        path: Path,
        current: Config,
        config_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import from {FORMATS[source]}")
        self.resize(720, 460)
        self.config_path = config_path
        self.imported: Config | None = None
        self.plan: ImportPlan | None = None
        self.merged: Merged | None = None
        self.keyring_ok = True
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.keys_in_file = QCheckBox(
            "No usable keyring here: write the API keys into the config file (readable by you "
            "only). Unticked, the providers are imported without their keys."
        )
        self.keys_in_file.setObjectName("keysInFile")
        self.keys_in_file.hide()
        self.keys_in_file.toggled.connect(self._describe)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"From <b>{html.escape(str(path))}</b>:"))
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.keys_in_file)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        try:
            self.plan = plan_import(path, source)
            self.merged = merge_plan(current, self.plan)
        except ImportProblem as exc:
            self.error.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        if self.plan.keys and not has_real_keyring():
            self.keyring_ok = False
            self.keys_in_file.show()
        self._describe()

    @property
    def destination(self) -> KeyDestination:
        if self.keyring_ok:
            return "keyring"
        return "file" if self.keys_in_file.isChecked() else "none"

    def _describe(self) -> None:
        if self.plan is not None and self.merged is not None:
            lines = describe_plan(self.plan, self.merged, self.destination, self.keyring_ok)
            self.summary.setPlainText("\n".join(lines))

    def _import(self) -> None:
        assert self.plan is not None
        assert self.merged is not None
        try:
            apply_keys(self.plan, self.merged, self.destination)
            save_config(self.config_path, self.merged.config)
        except (ConfigError, OSError) as exc:
            self.error.setText(f"Not imported: {exc}")
            return
        except Exception as exc:  # keyring backends raise their own types
            self.error.setText(f"The API keys could not be stored: {exc}")
            return
        self.imported = self.merged.config
        self.accept()

    def first_profile(self) -> str | None:
        if self.plan is None or self.merged is None or not self.plan.profiles:
            return None
        return self.merged.name("profile", self.plan.profiles[0].name)
