"""Provider and model names the pickers offer: the draft's providers, their catalogue
models and whatever "Fetch models" found."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from app.config.presets import Preset, load_catalogue, preset_for
from app.config.schema import Provider
from app.ui.settings.draft import NEW_KEY, Draft

PASS_THROUGH = "*"  # "provider/*": the model name Claude Code asked for


class ModelCatalog(QObject):
    changed = Signal()

    def __init__(self, draft: Draft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.fetched: dict[str, list[str]] = {}

    def provider_names(self) -> list[str]:
        return [str(p.get("name", "")) for p in self.draft.providers if p.get("name")]

    def models_for(self, provider: str, data: dict[str, Any] | None = None) -> list[str]:
        """Fetched names first (what the account really has), then the catalogue's. `data`:
        the provider's draft data, when it is not in the draft (yet)."""
        names = dict.fromkeys(self.fetched.get(provider, []))
        if data is None:
            data = next((p for p in self.draft.providers if p.get("name") == provider), None)
        preset = preset_of(data) if data is not None else None
        if preset is not None:
            names.update(dict.fromkeys(preset.models))
        names.setdefault(PASS_THROUGH)
        return list(names)

    def set_fetched(self, provider: str, models: list[str]) -> None:
        self.fetched[provider] = models
        self.changed.emit()


def preset_of(data: dict[str, Any]) -> Preset | None:
    """The catalogue preset a provider (as draft data) was made from, if any."""
    catalogue = load_catalogue()
    preset_id = data.get("preset")
    if isinstance(preset_id, str) and preset_id in catalogue:
        return catalogue[preset_id]
    try:
        provider = Provider.model_validate({k: v for k, v in data.items() if k != NEW_KEY})
    except ValidationError:
        return None
    return preset_for(provider)
