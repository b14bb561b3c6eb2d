"""How a subscription login works, as catalogue data (`[presets.login]` in providers.toml).

Every vendor fact of a login (endpoints, public client id, scopes, redirect URI, request
format, headers) is data here, so it can be checked against a loopback authorization server
and fixed without touching code. `app/auth/` runs the flows these describe.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LoginFlow = Literal["browser", "device", "copilot", "token", "adc"]
BodyFormat = Literal["form", "json"]
LOGIN_PREFIX = "login:"

_URL = re.compile(r"^https?://[^\s/]+")


class LoginSpec(BaseModel):
    """One provider's login. `browser`: authorization code + PKCE with a loopback callback
    (or a pasted code); `device`: RFC 8628 device authorization; `copilot`: GitHub's device
    flow, then the GitHub token is exchanged for short-lived Copilot tokens; `token`: the user
    gives a long-lived token (GitLab's personal access token), exchanged the same way; `adc`:
    Google Application Default Credentials (Vertex AI), no login page at all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    flow: LoginFlow
    client_id: str = Field("", description="The vendor CLI's public client id.")
    client_secret: str | None = Field(
        None, description="An installed app's published secret (not a secret in practice)."
    )
    scopes: tuple[str, ...] = ()
    authorize_url: str | None = Field(None, description="browser: the authorization endpoint.")
    token_url: str | None = Field(
        None, description="Code exchange, device polling and refresh endpoint."
    )
    device_url: str | None = Field(None, description="device/copilot: device authorization.")
    exchange_url: str | None = Field(
        None, description="copilot, token: where the long-lived token buys a short-lived one."
    )
    exchange_method: Literal["GET", "POST"] = "GET"
    exchange_body: str | None = Field(None, description="JSON body of a POST exchange.")
    exchange_auth: Literal["token", "bearer"] = Field(
        "token", description="How the long-lived token is sent: `token X` (GitHub) or Bearer."
    )
    exchange_lifetime: float = Field(
        1500.0, gt=0, description="Seconds an exchanged token is used when the answer says not."
    )
    token_hint: str | None = Field(None, description="token: where the user makes the token.")
    redirect_uri: str | None = Field(
        None,
        description="browser: the registered loopback redirect (fixed port); none: any free "
        "loopback port with the path /callback.",
    )
    paste_redirect_uri: str | None = Field(
        None,
        description="browser, headless: a vendor page that shows the code for the user to "
        "paste; none: the loopback redirect, whose URL the user pastes from the address bar.",
    )
    authorize_params: dict[str, str] = Field(default_factory=dict)
    token_format: BodyFormat = Field("form", description="Body format of token requests.")
    refresh_format: BodyFormat | None = Field(
        None, description="Body format of refresh requests, when it differs (Codex: JSON)."
    )
    pkce: bool = Field(True, description="Send an S256 code challenge (also on device flows).")
    state_is_verifier: bool = Field(
        False, description="The vendor expects the PKCE verifier as the state value."
    )
    send_state_on_exchange: bool = Field(False, description="Add `state` to the code exchange.")
    headers: dict[str, str] = Field(
        default_factory=dict, description="Headers sent on every login and refresh request."
    )
    refresh_lead: float = Field(
        300.0, ge=0, description="Refresh this many seconds before the access token expires."
    )
    base_url_field: str | None = Field(
        None, description="A token-response field that names the API base URL (Qwen)."
    )
    base_url_suffix: str = Field("", description="Appended to that base URL when missing.")
    adc_base_url: str | None = Field(
        None,
        description="adc: the API root with {host}, {project} and {location} (Vertex AI).",
    )
    adc_location: str = Field("global", description="adc: the location unless the user names one.")
    code_assist_url: str | None = Field(
        None, description="Gemini Code Assist API: the login finds the account's project there."
    )
    account_claim: tuple[str, ...] = Field(
        (), description="Path to the account id in the id token's claims (ChatGPT)."
    )
    plan_claim: tuple[str, ...] = Field((), description="Path to the plan in those claims.")
    account_header: str | None = Field(
        None, description="Header that carries the account id on API calls (ChatGPT-Account-ID)."
    )
    enterprise_hosts: dict[str, str] = Field(
        default_factory=dict,
        description="copilot: URL templates with {domain} for GitHub Enterprise "
        "(device_url, token_url, exchange_url, base_url).",
    )

    @property
    def token_endpoint(self) -> str:
        assert self.token_url is not None  # required of every flow that calls it
        return self.token_url

    @field_validator(
        "authorize_url",
        "token_url",
        "device_url",
        "exchange_url",
        "redirect_uri",
        "code_assist_url",
    )
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError(f"{value!r} is not an http(s) URL with a host")
        return value

    @model_validator(mode="after")
    def _complete(self) -> LoginSpec:
        if self.flow == "browser" and not self.authorize_url:
            raise ValueError("a browser login needs authorize_url")
        if self.flow in ("device", "copilot") and not self.device_url:
            raise ValueError(f"a {self.flow} login needs device_url")
        if self.flow in ("copilot", "token") and not self.exchange_url:
            raise ValueError(f"a {self.flow} login needs exchange_url")
        if self.flow == "adc" and not self.adc_base_url:
            raise ValueError("an adc login needs adc_base_url")
        if self.flow not in ("token", "adc") and not (self.token_url and self.client_id):
            raise ValueError(f"a {self.flow} login needs token_url and client_id")
        return self


def login_name(api_key: str | None) -> str | None:
    """The login a provider's key refers to (`login:NAME`), or None for any other key."""
    if api_key and api_key.startswith(LOGIN_PREFIX):
        return api_key[len(LOGIN_PREFIX) :] or None
    return None
