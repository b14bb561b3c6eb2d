"""`switchboard update --check` against a release feed served on loopback (GitHub's releases
API shape): it tells, it never installs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from app import __version__
from app.system.updates import is_newer, newest_release, version_key
from tests.support.cli import switchboard


class Feed:
    """A loopback HTTP server answering every GET with `payload` (or `status`)."""

    def __init__(self) -> None:
        self.payload: Any = []
        self.status = 200
        self.raw: bytes | None = None
        self.requests: list[dict[str, str]] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests.append({"path": self.path, **dict(self.headers)})
                body = feed.raw if feed.raw is not None else json.dumps(feed.payload).encode()
                self.send_response(feed.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/repos/o/switchboard/releases"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(5)


@pytest.fixture
def feed() -> Iterator[Feed]:
    server = Feed()
    yield server
    server.close()


def _release(tag: str, *, draft: bool = False, prerelease: bool = False) -> dict[str, Any]:
    return {
        "tag_name": tag,
        "name": f"Switchboard {tag}",
        "html_url": f"https://example.test/releases/{tag}",
        "draft": draft,
        "prerelease": prerelease,
    }


def _bump(version: str, by: int = 1) -> str:
    major, minor = (int(p) for p in version.split(".")[:2])
    return f"{major}.{minor + by}.0"


def test_a_newer_release_is_announced_with_its_page(feed: Feed, tmp_path: Path) -> None:
    newer = _bump(__version__)
    feed.payload = [_release(f"v{__version__}"), _release(f"v{newer}")]
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\nupdate_feed_url = "{feed.url}"\n', encoding="utf-8")
    installed_before = sorted(p.name for p in tmp_path.iterdir())

    result = switchboard("update", "--check", config=config)

    assert result.returncode == 0, result.stderr
    assert f"Switchboard {newer} is out (you have {__version__})" in result.stdout
    assert f"https://example.test/releases/v{newer}" in result.stdout
    assert feed.requests[0]["User-Agent"] == f"switchboard/{__version__}"
    assert sorted(p.name for p in tmp_path.iterdir()) == installed_before  # nothing fetched


def test_up_to_date_when_the_feed_has_nothing_newer(feed: Feed, tmp_path: Path) -> None:
    feed.payload = _release(f"v{__version__}")  # the releases/latest shape: one object
    result = switchboard("update", "--feed", feed.url, config=tmp_path / "none.toml")

    assert result.returncode == 0, result.stderr
    assert f"Switchboard {__version__} is up to date" in result.stdout
    assert not (tmp_path / "none.toml").exists()


def test_drafts_and_prereleases_are_not_offered_unless_asked(feed: Feed, tmp_path: Path) -> None:
    feed.payload = [
        _release(f"v{_bump(__version__, 2)}", draft=True),
        _release(f"v{_bump(__version__)}-rc.1", prerelease=True),
        _release(f"v{__version__}"),
    ]
    config = tmp_path / "none.toml"
    plain = switchboard("update", "--check", "--feed", feed.url, "--json", config=config)
    pre = switchboard("update", "--check", "--feed", feed.url, "--json", "--pre", config=config)

    assert json.loads(plain.stdout)["newer"] is False
    answer = json.loads(pre.stdout)
    assert (answer["newer"], answer["latest"], answer["prerelease"]) == (
        True,
        f"{_bump(__version__)}-rc.1",
        True,
    )


def test_a_feed_that_fails_is_reported(feed: Feed, tmp_path: Path) -> None:
    config = tmp_path / "none.toml"
    feed.status = 404
    not_found = switchboard("update", "--check", "--feed", feed.url, config=config)
    assert not_found.returncode == 1
    assert "update check failed: the release feed answered HTTP 404" in not_found.stderr

    feed.status, feed.raw = 200, b"<html>not json</html>"
    garbage = switchboard("update", "--check", "--feed", feed.url, config=config)
    assert garbage.returncode == 1
    assert "did not send JSON" in garbage.stderr

    feed.raw, feed.payload = None, []
    empty = switchboard("update", "--check", "--feed", feed.url, config=config)
    assert empty.returncode == 1
    assert "no releases in the feed" in empty.stderr

    feed.close()
    down = switchboard("update", "--check", "--feed", feed.url, config=config)
    assert down.returncode == 1
    assert "cannot reach the release feed" in down.stderr


def test_no_feed_configured_is_bad_input(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[settings]\n", encoding="utf-8")
    result = switchboard("update", "--check", config=config)
    assert result.returncode == 2
    assert "no release feed is configured" in result.stderr
    assert "settings.update_feed_url" in result.stderr


def test_the_feed_url_setting_is_validated(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[settings]\n", encoding="utf-8")
    bad = switchboard("config", "set", "settings.update_feed_url", "ftp://x", config=config)
    assert bad.returncode == 2
    good = switchboard(
        "config", "set", "settings.update_feed_url", "https://example.test/feed", config=config
    )
    assert good.returncode == 0, good.stderr


@pytest.mark.parametrize(
    ("newer", "older"),
    [("1.10.0", "1.9.9"), ("v2.0", "1.99.99"), ("1.3.0", "1.3.0-rc.2"), ("0.2.0", "0.1.0")],
)
def test_versions_compare_as_numbers(newer: str, older: str) -> None:
    assert is_newer(newer, older)
    assert not is_newer(older, newer)


def test_tags_that_are_no_version_are_skipped() -> None:
    assert version_key("nightly") is None
    release = newest_release([{"tag_name": "nightly"}, _release("v0.3.0")])
    assert release is not None and release.version == "0.3.0"


def test_the_check_goes_through_the_users_proxy_unless_turned_off(
    feed: Feed, tmp_path: Path
) -> None:
    """The feed server plays the company proxy: the feed's host resolves nowhere else."""
    feed.payload = [_release(f"v{_bump(__version__)}")]
    proxy = feed.url.split("/repos/")[0]
    config = tmp_path / "config.toml"
    config.write_text(
        '[settings]\nupdate_feed_url = "http://releases.switchboard.invalid/feed"\n',
        encoding="utf-8",
    )
    env = {"HTTP_PROXY": proxy, "http_proxy": proxy, "NO_PROXY": "", "no_proxy": ""}

    through = switchboard("update", "--check", config=config, env=env)
    assert through.returncode == 0, through.stderr
    assert "is out" in through.stdout
    assert feed.requests[0]["path"] == "http://releases.switchboard.invalid/feed"

    off = switchboard(
        "config", "set", "settings.network.system_proxy", "false", config=config, env=env
    )
    assert off.returncode == 0, off.stderr
    direct = switchboard("update", "--check", config=config, env=env)
    assert direct.returncode == 1
    assert "cannot reach the release feed" in direct.stderr
    assert len(feed.requests) == 1
