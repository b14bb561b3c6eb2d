"""How provider calls reach the network: the user's HTTP(S) proxy and the trust store.

Corporate networks put a proxy (HTTPS_PROXY, NO_PROXY, or the OS settings on macOS/Windows)
and a TLS-inspecting CA (in the OS trust store) between the user and the providers. Both are
honoured unless the settings turn them off. The bundled CA list (certifi) is always trusted
too, so a frozen app whose system store cannot be found still reaches public providers.
"""

from __future__ import annotations

import ipaddress
import ssl
import urllib.request
from functools import lru_cache

import certifi


@lru_cache(maxsize=2)
def tls_context(system_store: bool) -> ssl.SSLContext:
    """A verifying client context: the OS trust store plus certifi's, or certifi's alone."""
    if system_store:
        import truststore

        context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cafile=certifi.where())
        return context
    return ssl.create_default_context(cafile=certifi.where())


@lru_cache(maxsize=256)
def proxy_for(scheme: str, host: str) -> str | None:
    """The proxy URL for calls to `host` (None: connect directly). Environment variables win;
    on macOS and Windows the OS settings are read when none is set. NO_PROXY is honoured, and
    this machine's own addresses (a local Ollama) are always reached directly."""
    if _is_loopback(host):
        return None
    proxies = urllib.request.getproxies()
    chosen = proxies.get(scheme) or proxies.get("all")
    if not chosen or urllib.request.proxy_bypass(host):
        return None
    return chosen if "://" in chosen else f"http://{chosen}"


def _is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def forget() -> None:
    """Read the trust store and proxy settings again (after they changed)."""
    tls_context.cache_clear()
    proxy_for.cache_clear()
