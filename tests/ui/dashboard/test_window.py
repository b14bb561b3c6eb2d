"""The dashboard fed by the proxy's observer while real requests go through it."""

from __future__ import annotations

import logging

import pytest

from tests.support.anthropic_upstream import AnthropicUpstream
from tests.ui.conftest import upstream_config
from tests.ui.helpers import post_message, settle


@pytest.mark.asyncio
async def test_the_dashboard_shows_requests_as_they_happen(
    make_controller, anthropic_upstream: AnthropicUpstream, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # the app logs at INFO; pytest's root logger is at WARNING
    controller = await make_controller(upstream_config(anthropic_upstream.url))
    controller.open_dashboard()
    dashboard = controller.dashboard
    assert dashboard.requests.rowCount() == 0
    base = controller.proxy.server.url
    for _ in range(3):
        assert (await post_message(base, "main"))[0] == 200
    anthropic_upstream.mode = "error"
    await post_message(base, "main")
    await settle(1.4)  # the view refreshes at most once a second

    assert dashboard.requests.rowCount() == 4
    newest = [dashboard.requests.item(0, c).text() for c in range(dashboard.requests.columnCount())]
    assert newest[1] == "main"
    assert newest[3] == "up/claude-upstream"
    assert newest[4] == "500"
    assert newest[-1] == "up: boom"
    cards = {card.title.text(): card.value.text() for card in dashboard.cards}
    assert next(v for t, v in cards.items() if t.startswith("Requests since")) == "4"
    assert cards["Errors"] == "1 (25%)"
    assert cards["Tokens today in / out"] == "3.7k / 168"
    provider = [dashboard.providers.item(0, c).text() for c in range(3)]
    assert provider[:1] == ["up"]
    assert provider[2] == "4"
    assert dashboard.rate_chart.values[-1] == 4
    assert "main claude-sonnet-4-5 -> up/claude-upstream 500" in dashboard.log.toPlainText()
