"""Is there a newer Switchboard? Asks a release feed; never downloads or installs anything.

The feed is GitHub's releases API shape: `…/releases/latest` (one release object) or
`…/releases` (a list). A release has `tag_name` (`v1.2.0`), `html_url`, and the `draft` and
`prerelease` flags. It goes through the user's proxy and trusts the OS trust store as provider
calls do (settings.network, `app.system.network`).
"""

from __future__ import annotations

import json
import re
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT_S = 10.0
MAX_BYTES = 4 * 1024 * 1024
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)(?:[-.+]?(.+))?$", re.IGNORECASE)


class UpdateCheckFailed(Exception):
    """The feed could not be asked or did not answer with releases."""


@dataclass(frozen=True)
class Release:
    version: str
    url: str
    name: str
    prerelease: bool


def version_key(text: str) -> tuple[tuple[int, ...], int, str] | None:
    """A sortable key for `v1.2.3`, `1.2`, `1.3.0-rc.1`; a pre-release sorts before its release.
    None for a tag that is no version."""
    match = _VERSION.match(text.strip())
    if match is None:
        return None
    numbers = tuple(int(part) for part in match.group(1).split("."))
    numbers += (0,) * (3 - len(numbers))
    suffix = match.group(2) or ""
    return numbers, 0 if suffix else 1, suffix.lower()


def newest_release(payload: Any, *, prereleases: bool = False) -> Release | None:
    """The newest release in a feed payload (an object or a list), drafts left out."""
    items = payload if isinstance(payload, list) else [payload]
    best: tuple[tuple[tuple[int, ...], int, str], Release] | None = None
    for item in items:
        if not isinstance(item, dict) or item.get("draft"):
            continue
        tag = str(item.get("tag_name") or item.get("version") or "")
        key = version_key(tag)
        prerelease = bool(item.get("prerelease")) or (key is not None and key[1] == 0)
        if key is None or (prerelease and not prereleases):
            continue
        release = Release(
            version=tag.lstrip("vV"),
            url=str(item.get("html_url") or item.get("url") or ""),
            name=str(item.get("name") or tag),
            prerelease=prerelease,
        )
        if best is None or key > best[0]:
            best = (key, release)
    return best[1] if best else None


def is_newer(candidate: str, current: str) -> bool:
    new, old = version_key(candidate), version_key(current)
    return new is not None and old is not None and new > old


def fetch_feed(
    url: str,
    user_agent: str,
    *,
    tls: ssl.SSLContext | None = None,
    system_proxy: bool = True,
    timeout: float = TIMEOUT_S,
) -> Any:
    """The feed's JSON; raises UpdateCheckFailed with a message a user can act on."""
    if not url.startswith(("https://", "http://")):
        raise UpdateCheckFailed(f"the release feed {url!r} is not an http(s) URL")
    request = urllib.request.Request(
        url, headers={"Accept": "application/vnd.github+json", "User-Agent": user_agent}
    )
    handlers: list[urllib.request.BaseHandler] = []
    if tls is not None:
        handlers.append(urllib.request.HTTPSHandler(context=tls))
    if not system_proxy:
        handlers.append(urllib.request.ProxyHandler({}))  # no proxy, whatever the environment
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection
        raise UpdateCheckFailed(f"the release feed answered HTTP {exc.code} ({url})") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateCheckFailed(f"cannot reach the release feed {url}: {reason}") from exc
    if len(body) > MAX_BYTES:
        raise UpdateCheckFailed(f"the release feed sent more than {MAX_BYTES} bytes ({url})")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UpdateCheckFailed(f"the release feed did not send JSON ({url})") from exc


def latest_release(
    feed: str,
    user_agent: str,
    *,
    tls: ssl.SSLContext | None = None,
    system_proxy: bool = True,
    prereleases: bool = False,
) -> Release:
    """The newest release the feed lists; raises UpdateCheckFailed (also for an empty feed)."""
    payload = fetch_feed(feed, user_agent, tls=tls, system_proxy=system_proxy)
    release = newest_release(payload, prereleases=prereleases)
    if release is None:
        raise UpdateCheckFailed(f"no releases in the feed {feed}")
    return release
