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
    merge_plan,
    plan_import,
    rename_refs,
)
from app.config.schema import SLOTS, Config, Provider
from app.config.secrets import has_real_keyring
from app.config.store import save_config
from app.errors import ConfigError
from app.ui.settings.fields import field_label, schema_text

ARROW = " -> "  # between the candidates of a route, first serving


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
        self.setWindowTitle(self.tr("Import from {source}").format(source=self.format_name(source)))
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
            self.tr(
                "No usable keyring here: write the API keys into the config file (readable by "
                "you only). Unticked, the providers are imported without their keys."
            )
        )
        self.keys_in_file.setObjectName("keysInFile")
        self.keys_in_file.hide()
        self.keys_in_file.toggled.connect(self._describe)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("From <b>{path}</b>:").format(path=html.escape(str(path)))))
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

    def format_name(self, source: str) -> str:
        if source == "claude-settings":
            return self.tr("Claude Code settings.json (env block)")
        return FORMATS[source]

    def _describe(self) -> None:
        if self.plan is not None and self.merged is not None:
            self.summary.setPlainText("\n".join(self.plan_lines(self.plan, self.merged)))

    def plan_lines(self, plan: ImportPlan, merged: Merged) -> list[str]:
        """What the import adds, line by line (as `switchboard import --dry-run` says it, in
        the user's language); keys are named by where they go, never shown."""
        lines = [self._provider_line(provider, plan, merged) for provider in plan.providers]
        for profile in plan.profiles:
            lines.append(
                self.tr("+ profile {name}:").format(name=merged.name("profile", profile.name))
            )
            for slot in SLOTS:
                if route := getattr(profile.models, slot):
                    refs = ARROW.join(rename_refs(route, merged.renamed))
                    lines.append(f"    {schema_text(field_label(slot))}: {refs}")
            long_context = profile.routing.long_context
            for rule, route in profile.routing.routes().items():
                name = rule.removesuffix(".route")
                label = schema_text(field_label(name)) if name != rule else rule
                if name == "long_context" and long_context is not None:
                    label = self.tr("{rule} (over {tokens} tokens)").format(
                        rule=label, tokens=long_context.threshold
                    )
                refs = ARROW.join(rename_refs(route, merged.renamed))
                lines.append(f"    {label}: {refs}")
            if profile.env:
                names = ", ".join(sorted(profile.env))
                lines.append("    " + self.tr("environment: {names}").format(names=names))
        lines += [self.tr("note: {note}").format(note=note) for note in plan.notes]
        return lines

    def _provider_line(self, provider: Provider, plan: ImportPlan, merged: Merged) -> str:
        name = merged.name("provider", provider.name)
        if provider.name in plan.keys:
            if self.destination == "none":
                key = self.tr("key: left out")
            elif self.destination == "file":
                key = self.tr("key: written into the config file")
            elif self.keyring_ok:
                key = self.tr("key: to the OS keyring as keyring:{name}").format(name=name)
            else:
                key = self.tr(
                    "key: to the OS keyring as keyring:{name} (no usable keyring here!)"
                ).format(name=name)
        elif provider.api_key:
            key = self.tr("key: {reference}").format(reference=provider.api_key)
        else:
            key = self.tr("key: none")
        if name != provider.name:
            line = self.tr(
                "+ provider {name} (renamed from {old}: the name is taken): {kind} {url}; {key}"
            )
        else:
            line = self.tr("+ provider {name}: {kind} {url}; {key}")
        url = (
            provider.base_url
            if provider.enabled
            else f"{provider.base_url} {self.tr('[disabled]')}"
        )
        return line.format(name=name, old=provider.name, kind=provider.kind, url=url, key=key)

    def _import(self) -> None:
        assert self.plan is not None
        assert self.merged is not None
        try:
            apply_keys(self.plan, self.merged, self.destination)
            save_config(self.config_path, self.merged.config)
        except (ConfigError, OSError) as exc:
            self.error.setText(self.tr("Not imported: {error}").format(error=exc))
            return
        except Exception as exc:  # keyring backends raise their own types
            self.error.setText(
                self.tr("The API keys could not be stored: {error}").format(error=exc)
            )
            return
        self.imported = self.merged.config
        self.accept()

    def first_profile(self) -> str | None:
        if self.plan is None or self.merged is None or not self.plan.profiles:
            return None
        return self.merged.name("profile", self.plan.profiles[0].name)
