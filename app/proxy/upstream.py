"""The one aiohttp ClientSession every provider call goes through, and its error classification.

`open()` returns a response whose status is below 300 with the body unread, so the caller can
stream it; anything else becomes an UpstreamError that says whether another candidate may try.
Redirects are never followed: the request carries the provider's key (x-api-key, api-key,
Authorization, the provider's own headers), and a 3xx could hand it to any host.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Mapping

import aiohttp
from yarl import URL

from app.config.schema import Network, Provider, Timeouts
from app.errors import PromptTooLong, UpstreamError
from app.system.network import proxy_for, tls_context
from app.translate.context_errors import context_overflow
from app.translate.sse import MAX_UPSTREAM_BYTES, size_text
from app.translate.upstream_errors import is_overloaded_body, upstream_error_message

# 408 timeout, 409 conflict/lock, 429 rate limit and 5xx are worth another candidate;
# other 4xx are caused by the request itself and would fail anywhere.
RETRYABLE_STATUSES = frozenset({408, 409, 429})
_MAX_ERROR_BODY = 64 * 1024
_LARGE_BODY = 1024 * 1024


class Upstream:
    """Owns the shared ClientSession (keep-alive, bounded pool)."""

    def __init__(self, *, connections: int = 256, per_host: int = 64) -> None:
        self._connections = connections
        self._per_host = per_host
        self._session: aiohttp.ClientSession | None = None
        # settings.network, set by ProxyState on every (re)load: applied per request, so a
        # change needs no restart and cuts no stream
        self.network = Network()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._connections, limit_per_host=self._per_host, keepalive_timeout=30
            )
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=True, skip_auto_headers=("User-Agent",)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def open(
        self,
        provider: Provider,
        url: str,
        *,
        body: bytes,
        headers: Mapping[str, str],
        timeouts: Timeouts,
    ) -> aiohttp.ClientResponse:
        timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=timeouts.connect, sock_read=timeouts.idle
        )
        name = provider.name
        network = self.network
        target = URL(url)
        try:
            async with asyncio.timeout(timeouts.first_byte):
                response = await self.session.post(
                    url,
                    ssl=tls_context(network.system_trust_store),
                    proxy=proxy_for(target.scheme, target.host or "")
                    if network.system_proxy
                    else None,
                    # aiohttp writes a large bytes body in one go; a stream yields between chunks
                    data=body if len(body) < _LARGE_BODY else io.BytesIO(body),
                    headers=headers,
                    params=provider.query or None,
                    timeout=timeout,
                    allow_redirects=False,
                )
        except TimeoutError as exc:
            raise UpstreamError(
                f"{name}: no answer within {timeouts.first_byte:g} s",
                provider=name,
                status=504,
                retryable=True,
            ) from exc
        except aiohttp.ClientConnectorError as exc:
            raise UpstreamError(
                f"{name}: cannot connect to {url} ({exc.os_error or exc})",
                provider=name,
                status=502,
                retryable=True,
            ) from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise UpstreamError(
                f"{name}: connection failed ({type(exc).__name__}: {exc})",
                provider=name,
                status=502,
                retryable=True,
            ) from exc
        if response.status < 300:
            return response
        if response.status < 400:
            raise redirect_error(name, response)
        raise await error_from_response(name, response)


async def read_answer(provider: str, response: aiohttp.ClientResponse) -> bytes:
    """A whole answer body, at most MAX_UPSTREAM_BYTES of it. Past that, or when the connection
    drops, an UpstreamError: another candidate may serve the request."""
    limit = MAX_UPSTREAM_BYTES
    if (response.content_length or 0) > limit:
        raise _too_large(provider, limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.content.iter_any():
            size += len(chunk)
            if size > limit:
                # The error's traceback keeps this frame alive until the next collection (a
                # cycle through failover's list of failures): it must not keep the data.
                chunks.clear()
                raise _too_large(provider, limit)
            chunks.append(chunk)
    except (aiohttp.ClientError, TimeoutError) as exc:
        chunks.clear()
        raise UpstreamError(
            f"{provider}: connection lost mid-answer ({type(exc).__name__}: {exc})",
            provider=provider,
            retryable=True,
        ) from exc
    return b"".join(chunks)  # one chunk is returned as it is, not copied


def _too_large(provider: str, limit: int) -> UpstreamError:
    return UpstreamError(
        f"{provider}: the answer is over the {size_text(limit)} limit for an upstream answer",
        provider=provider,
        retryable=True,
    )


def redirect_error(provider: str, response: aiohttp.ClientResponse) -> UpstreamError:
    """A 3xx: name where it points, so the user can fix the base URL. Another candidate may
    serve the request; this one would only redirect again."""
    location = response.headers.get("Location") or "no Location given"
    status = response.status
    response.release()
    return UpstreamError(
        f"{provider}: the provider redirects (HTTP {status}) to {location}; Switchboard does not "
        "follow redirects, which would send the API key there: set the base URL to the new "
        "address if you trust it",
        provider=provider,
        status=502,
        retryable=True,
    )


async def error_from_response(provider: str, response: aiohttp.ClientResponse) -> UpstreamError:
    """Read (a bounded part of) an error answer and release the connection."""
    try:
        body = await response.content.read(_MAX_ERROR_BODY)
    except (aiohttp.ClientError, OSError, TimeoutError):
        body = b""
    finally:
        response.release()
    status = response.status
    overflow = context_overflow(status, body)
    if overflow is not None:
        # Anthropic's own words, without our "provider:" prefix: Claude Code matches them.
        return PromptTooLong(
            overflow.message, provider=provider, tokens=overflow.tokens, maximum=overflow.maximum
        )
    overloaded = is_overloaded_body(body)
    retry_after = _retry_after(response.headers.get("Retry-After"))
    message = upstream_error_message(status, body)
    return UpstreamError(
        f"{provider}: {message}",
        provider=provider,
        status=529 if overloaded and status < 500 else status,
        retryable=status in RETRYABLE_STATUSES or status >= 500 or overloaded,
        retry_after=retry_after,
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from APIs; the backoff applies instead
