"""The Providers page's "Fetch models": GET {base_url}/models with the provider's key.

Understands the OpenAI (`{"data": [{"id": ...}]}`), Anthropic (the same, paged with
`has_more`) and Gemini-native (`{"models": [{"name": "models/..."}]}`, paged with
`nextPageToken`; models that cannot generate content are left out) shapes, and turns the
usual failures (bad key, wrong URL, no answer) into one sentence that says what to do.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import orjson
from PySide6.QtCore import QCoreApplication
from yarl import URL

from app.config.schema import Provider
from app.proxy.dialects.call import auth_headers, join_url
from app.system import redact
from app.system.network import proxy_for, tls_context
from app.translate.upstream_errors import upstream_error_message

FETCH_TIMEOUT_S = 15.0
ANTHROPIC_VERSION = "2023-06-01"
_MAX_PAGES = 10


class FetchModelsError(Exception):
    """Why the model list could not be fetched, worded for the user."""


def models_url(provider: Provider) -> str:
    # Anthropic base URLs stop before /v1 (the proxy appends /v1/messages); others include it.
    path = "/v1/models" if provider.kind == "anthropic" else "/models"
    return join_url(provider.base_url, path)


def model_names(payload: Any) -> list[str]:
    """Model ids from any of the known list shapes, in the provider's order, deduplicated."""
    items: Any = payload
    if isinstance(payload, dict):
        items = payload.get("data", payload.get("models"))
    if not isinstance(items, list):
        raise FetchModelsError(
            QCoreApplication.translate("FetchModels", "the answer is not a model list")
        )
    names: dict[str, None] = {}
    for item in items:
        name = item if isinstance(item, str) else None
        if isinstance(item, dict):
            methods = item.get("supportedGenerationMethods")
            if isinstance(methods, list) and "generateContent" not in methods:
                continue  # a Gemini embedding or other model no chat can use
            raw = item.get("id") or item.get("name")
            name = raw.removeprefix("models/") if isinstance(raw, str) else None
        if name:
            names.setdefault(name)
    return list(names)


async def fetch_models(
    provider: Provider, api_key: str | None, *, limit_s: float = FETCH_TIMEOUT_S
) -> list[str]:
    """The provider's model names. Raises FetchModelsError with a readable reason (never with
    the key: a provider may echo it in its refusal)."""
    redact.remember(api_key)
    try:
        return await _fetch(provider, api_key, limit_s)
    except FetchModelsError as exc:
        raise FetchModelsError(redact.scrub(str(exc))) from exc.__cause__


async def _fetch(provider: Provider, api_key: str | None, limit_s: float) -> list[str]:
    url = models_url(provider)
    headers = {"Accept": "application/json", **provider.headers}
    headers.update(auth_headers(provider, api_key))
    if provider.kind == "anthropic":
        headers.setdefault("anthropic-version", ANTHROPIC_VERSION)
    names: list[str] = []
    params: dict[str, str] = dict(provider.query)
    client_timeout = aiohttp.ClientTimeout(total=limit_s)
    try:
        async with aiohttp.ClientSession(timeout=client_timeout) as session:
            for _ in range(_MAX_PAGES):
                payload = await _get(session, url, headers, params)
                names += [n for n in model_names(payload) if n not in names]
                if not isinstance(payload, dict):
                    break
                last_id, token = payload.get("last_id"), payload.get("nextPageToken")
                if payload.get("has_more") and last_id:
                    params["after_id"] = str(last_id)  # Anthropic's paging
                elif token:
                    params["pageToken"] = str(token)  # Gemini's paging
                else:
                    break
    except TimeoutError as exc:
        raise FetchModelsError(
            QCoreApplication.translate(
                "FetchModels", "no answer from {url} within {seconds} s"
            ).format(url=url, seconds=f"{limit_s:g}")
        ) from exc
    except aiohttp.ClientConnectionError as exc:
        raise FetchModelsError(
            QCoreApplication.translate("FetchModels", "cannot reach {url}: {error}").format(
                url=url, error=exc
            )
        ) from exc
    if not names:
        raise FetchModelsError(
            QCoreApplication.translate("FetchModels", "{url} lists no models").format(url=url)
        )
    return names


async def _get(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str], params: dict[str, str]
) -> Any:
    # never follow a redirect: it would send the key to whatever host it names
    target = URL(url)
    async with session.get(
        url,
        headers=headers,
        params=params or None,
        allow_redirects=False,
        # the user's proxy and trust store, as provider calls in the proxy use by default
        ssl=tls_context(system_store=True),
        proxy=proxy_for(target.scheme, target.host or ""),
    ) as response:
        status = response.status
        location = response.headers.get("Location") or QCoreApplication.translate(
            "FetchModels", "no Location given"
        )
        body = b"" if 300 <= status < 400 else await response.read()
    if 300 <= status < 400:
        raise FetchModelsError(
            QCoreApplication.translate(
                "FetchModels",
                "{url} redirects (HTTP {status}) to {location}; Switchboard does not follow "
                "redirects with the API key: set the base URL to the new address if you trust it",
            ).format(url=url, status=status, location=location)
        )
    if status in (401, 403):
        raise FetchModelsError(
            QCoreApplication.translate(
                "FetchModels",
                "the provider refused the API key (HTTP {status}: {reason}); check the key",
            ).format(status=status, reason=upstream_error_message(status, body))
        )
    if status == 404:
        raise FetchModelsError(
            QCoreApplication.translate(
                "FetchModels",
                "{url} has no model list (HTTP 404): check the base URL, or type model names "
                "by hand",
            ).format(url=url)
        )
    if status >= 400:
        raise FetchModelsError(
            QCoreApplication.translate("FetchModels", "HTTP {status} from {url}: {reason}").format(
                status=status, url=url, reason=upstream_error_message(status, body)
            )
        )
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise FetchModelsError(
            QCoreApplication.translate("FetchModels", "{url} did not answer with JSON").format(
                url=url
            )
        ) from exc
