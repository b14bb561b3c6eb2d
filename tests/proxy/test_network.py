"""Provider calls honour the user's HTTP proxy (HTTP_PROXY, NO_PROXY) and the OS trust store,
each unless the settings turn it off. Real loopback servers: a forward proxy that records what
passes through it, and an HTTPS upstream whose certificate only a test CA vouches for."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import anthropic
import pytest
import pytest_asyncio
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.system import network
from tests.support.anthropic_upstream import AnthropicUpstream
from tests.support.proxy import TOKEN, ProxyFactory, anthropic_config


class ForwardProxy:
    """An HTTP forward proxy (absolute-form requests), recording the URLs it forwarded."""

    def __init__(self) -> None:
        self.forwarded: list[str] = []
        self.hosts: dict[str, str] = {}  # names only this proxy can resolve
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        target = str(request.url)
        self.forwarded.append(target)
        host = request.url.host or ""
        if host in self.hosts:
            target = str(request.url.with_host(self.hosts[host]))
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host",)}
        async with (
            aiohttp.ClientSession() as session,
            session.request(
                request.method, target, data=await request.read(), headers=headers
            ) as answer,
        ):
            body = await answer.read()
            return web.Response(
                status=answer.status,
                body=body,
                headers={"Content-Type": answer.headers.get("Content-Type", "application/json")},
            )


@pytest.fixture(autouse=True)
def _fresh_network_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy",
                 "https_proxy", "all_proxy", "no_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    network.forget()
    yield
    network.forget()


@pytest_asyncio.fixture
async def forward_proxy() -> AsyncIterator[ForwardProxy]:
    server = ForwardProxy()
    await server.start()
    yield server
    await server.stop()


@pytest.mark.asyncio
@pytest.mark.parametrize("system_proxy", [True, False], ids=["HTTP_PROXY honoured", "turned off"])
async def test_provider_calls_follow_the_users_proxy_settings(
    anthropic_upstream: AnthropicUpstream,
    forward_proxy: ForwardProxy,
    start_proxy: ProxyFactory,
    monkeypatch: pytest.MonkeyPatch,
    system_proxy: bool,
) -> None:
    # The provider's name resolves only inside the "company network": at the forward proxy.
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.url)
    network.forget()
    port = anthropic_upstream.url.rsplit(":", 1)[1]
    forward_proxy.hosts["provider.corp.test"] = "127.0.0.1"
    config = anthropic_config(
        f"http://provider.corp.test:{port}", network={"system_proxy": system_proxy}
    )
    proxy = await start_proxy(config)
    if system_proxy:
        await _ask(proxy)
        assert forward_proxy.forwarded == [f"http://provider.corp.test:{port}/v1/messages"]
        assert len(anthropic_upstream.requests) == 1
    else:
        with pytest.raises(anthropic.APIStatusError) as caught:
            await _ask(proxy)  # straight to a name this machine cannot resolve
        assert caught.value.status_code == 502 and "cannot connect" in str(caught.value)
        assert forward_proxy.forwarded == [] and anthropic_upstream.requests == []


def test_no_proxy_and_this_machines_own_addresses_bypass_the_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "proxy.corp.test:3128")
    monkeypatch.setenv("NO_PROXY", "internal.corp.test,.svc.test")
    network.forget()
    assert network.proxy_for("https", "api.deepseek.com") == "http://proxy.corp.test:3128"
    assert network.proxy_for("https", "internal.corp.test") is None
    assert network.proxy_for("https", "llm.svc.test") is None
    for local in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.53"):
        assert network.proxy_for("http", local) is None  # a local Ollama is reached directly
    assert network.proxy_for("http", "api.deepseek.com") is None  # only HTTPS_PROXY is set


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A test CA, and a certificate it signs for 127.0.0.1: (CA file, cert file, key file)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Switchboard Test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


@pytest_asyncio.fixture
async def tls_upstream(tmp_path: Path) -> AsyncIterator[tuple[AnthropicUpstream, Path]]:
    """An Anthropic upstream served over TLS with a certificate of the test CA."""
    ca_file, cert_file, key_file = _certificates(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    upstream = AnthropicUpstream()
    app = web.Application()
    app.router.add_post("/v1/messages", upstream._messages)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context).start()
    upstream.url = f"https://127.0.0.1:{runner.addresses[0][1]}"
    yield upstream, ca_file
    await runner.cleanup()


@pytest.mark.asyncio
async def test_a_ca_the_os_trusts_is_trusted_unless_turned_off(
    tls_upstream: tuple[AnthropicUpstream, Path],
    start_proxy: ProxyFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstream, ca_file = tls_upstream
    # The "OS trust store" of this Linux process: OpenSSL's default file, which the company CA
    # was added to (here: only the test CA).
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    network.forget()
    proxy = await start_proxy(anthropic_config(upstream.url))
    await _ask(proxy)
    assert len(upstream.requests) == 1

    strict = await start_proxy(
        anthropic_config(upstream.url, network={"system_trust_store": False})
    )
    with pytest.raises(anthropic.APIStatusError) as caught:
        await _ask(strict)
    assert caught.value.status_code == 502
    assert "certificate" in str(caught.value).lower()
    assert len(upstream.requests) == 1


async def _ask(proxy: Any) -> None:
    # the client reaches the local proxy directly (as a launch's NO_PROXY makes Claude Code do)
    async with anthropic.AsyncAnthropic(
        base_url=f"{proxy.url}/proxy/main",
        api_key=TOKEN,
        max_retries=0,
        http_client=anthropic.DefaultAsyncHttpxClient(trust_env=False),
    ) as sdk:
        await sdk.messages.create(
            model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
        )
