"""Finding the Switchboard proxy that is actually running, and proving it is ours.

A running proxy (`serve` or the tray app) announces itself in a small runtime file in the state
dir, one per config file: pid, host, port, version, start time. `run` and `env` read it to reach
the port the proxy really listens on (`serve --port N`), and fall back to the config's port.

Whatever answers on that port must prove it holds the local token before it gets the token or a
prompt: the client sends a random nonce in `X-Switchboard-Challenge` to the unauthenticated
`/health`, and only a proxy that knows the token can answer with HMAC-SHA256(token, nonce) in
`X-Switchboard-Proof`. A program squatting on the port learns nothing it could replay.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import os
import secrets
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

CHALLENGE_HEADER = "X-Switchboard-Challenge"
PROOF_HEADER = "X-Switchboard-Proof"
MAX_NONCE = 128  # characters: the proxy refuses to hash more
PROBE_TIMEOUT_S = 0.5
_MAX_ANSWER = 1_000_000


def proof(token: str, nonce: str) -> str:
    """The answer to a challenge: HMAC-SHA256 keyed with the local token, hex."""
    return hmac.new(token.encode(), nonce.encode(), hashlib.sha256).hexdigest()


# -- the runtime file --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProxyRecord:
    """What a running proxy announces about itself."""

    pid: int
    host: str  # where a client on this machine reaches it (a wildcard bind is loopback)
    port: int
    version: str
    started_at: float  # time.time()
    config: str  # the config file it serves
    owner: str = "serve"  # "serve" (`switchboard serve`, `proxy start`) or "tray" (the tray app)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def record_path(directory: Path, config_path: Path) -> Path:
    """The runtime file of the proxy that serves `config_path`."""
    key = hashlib.sha256(str(config_path.resolve()).encode()).hexdigest()[:16]
    return directory / f"proxy-{key}.json"


def write_record(directory: Path, record: ProxyRecord) -> Path:
    """Announce a running proxy: written atomically, readable by the user alone."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = record_path(directory, Path(record.config))
    fd, temp = tempfile.mkstemp(prefix=".proxy-", dir=directory)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(orjson.dumps(asdict(record)))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return path


def read_record(directory: Path, config_path: Path) -> ProxyRecord | None:
    """The announced proxy for `config_path`, or None (none announced, or a broken file)."""
    try:
        data = orjson.loads(record_path(directory, config_path).read_bytes())
        return ProxyRecord(
            pid=int(data["pid"]),
            host=str(data["host"]),
            port=int(data["port"]),
            version=str(data["version"]),
            started_at=float(data["started_at"]),
            config=str(data["config"]),
            owner=str(data.get("owner", "serve")),
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def clear_record(directory: Path, config_path: Path, *, pid: int | None = None) -> None:
    """Remove the runtime file if it is this process's (`pid`, default ours): a proxy that
    stops must not remove the announcement of another one that has started since."""
    path = record_path(directory, config_path)
    found = read_record(directory, config_path)
    if found is not None and found.pid != (os.getpid() if pid is None else pid):
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def new_record(
    *, host: str, port: int, version: str, config: Path, owner: str = "serve"
) -> ProxyRecord:
    return ProxyRecord(os.getpid(), host, port, version, time.time(), str(config.resolve()), owner)


# -- the challenge -----------------------------------------------------------------------------

Verdict = Literal["absent", "verified", "foreign", "other-switchboard"]


@dataclass(frozen=True)
class Probe:
    """What answered on host:port. Only `verified` may be sent the token."""

    verdict: Verdict
    detail: str = ""  # why it is not verified, for the user
    version: str = ""


def probe(host: str, port: int, token: str, *, timeout: float = PROBE_TIMEOUT_S) -> Probe:
    """Challenge whatever listens on host:port. Sends no token and no prompt."""
    nonce = secrets.token_hex(16)
    try:
        status, headers, body = _get(
            host, port, "/health", {CHALLENGE_HEADER: nonce}, timeout=timeout
        )
    except _Unreachable:
        return Probe("absent")
    except (OSError, http.client.HTTPException) as exc:
        return Probe("foreign", f"it does not answer HTTP ({exc!r})")
    answer = _json(body)
    service = answer.get("service") if isinstance(answer, dict) else None
    if status != 200 or service != "switchboard":
        return Probe("foreign", f"not a Switchboard proxy (HTTP {status})")
    version = str(answer.get("version", "")) if isinstance(answer, dict) else ""
    presented = headers.get(PROOF_HEADER.lower(), "")
    if not hmac.compare_digest(presented.encode(), proof(token, nonce).encode()):
        return Probe(
            "other-switchboard",
            "a Switchboard proxy that does not hold this config's local token "
            "(another config, a token regenerated since it started, or an older version)",
            version,
        )
    return Probe("verified", version=version)


def health(host: str, port: int, token: str, *, timeout: float = 2.0) -> dict[str, Any]:
    """The full /health of a proxy `probe` verified (it takes the token)."""
    try:
        status, _, body = _get(host, port, "/health", {"x-api-key": token}, timeout=timeout)
    except (OSError, http.client.HTTPException):
        return {}
    answer = _json(body)
    return answer if status == 200 and isinstance(answer, dict) else {}


class _Unreachable(Exception):
    """Nothing listens (connect failed)."""


def _get(
    host: str, port: int, path: str, headers: dict[str, str], *, timeout: float
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(host.strip("[]"), port, timeout=timeout)
    try:
        try:
            connection.connect()
        except OSError as exc:
            raise _Unreachable from exc
        connection.request("GET", path, headers={"Accept": "application/json", **headers})
        response = connection.getresponse()
        body = response.read(_MAX_ANSWER)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def _json(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
