"""One login's tokens and what is known of the account, as stored in the keyring (JSON).

Token fields are left out of `repr` so that a credential printed or logged by accident shows
no token text.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import orjson

Storage = Literal["keyring", "file"]


@dataclass(slots=True)
class Credential:
    name: str  # the login's name: `login:NAME` in a provider's api_key
    preset: str  # the catalogue preset whose `login` describes how to refresh it
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)  # copilot: the GitHub token
    expires_at: float | None = None  # unix seconds; None: not known (treated as valid)
    account: str | None = None  # e-mail or user name, for display
    plan: str | None = None  # subscription plan, when the vendor says
    obtained_at: float = field(default_factory=time.time)
    last_refresh: float | None = None
    base_url: str | None = None  # an API base the login itself names (Qwen, Copilot)
    endpoints: dict[str, str] = field(default_factory=dict)  # URLs that differ from the preset
    extra: dict[str, str] = field(default_factory=dict)  # account id, device id, project…
    storage: Storage = field(default="keyring", compare=False)  # where it lives; not saved

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        if self.expires_at is None:
            return False
        return self.expires_at - (time.time() if now is None else now) <= seconds

    def to_json(self) -> str:
        data = asdict(self)
        del data["storage"]
        return orjson.dumps({k: v for k, v in data.items() if v not in (None, {})}).decode()

    @classmethod
    def from_json(cls, text: str, *, storage: Storage = "keyring") -> Credential:
        data: dict[str, Any] = orjson.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
            raise ValueError("not a stored login")
        known = set(cls.__dataclass_fields__) - {"storage"}
        return cls(**{k: v for k, v in data.items() if k in known}, storage=storage)
