"""A user at a browser without a browser: fetch the consent page, press Approve, and follow
(or report) the redirect — for tests where the browser itself is not the point."""

from __future__ import annotations

import re

import aiohttp


async def approve(session: aiohttp.ClientSession, authorize_url: str) -> str:
    """Approve on the test server's consent page; the redirect URL the browser would follow."""
    async with session.get(authorize_url) as page:
        text = await page.text()
        assert page.status == 200, text
    action = re.search(r"action='([^']+)'", text)
    assert action, text
    base = authorize_url.split("/authorize", 1)[0]
    async with session.post(
        base + action.group(1).replace("&amp;", "&"),
        data={"decision": "approve"},
        allow_redirects=False,
    ) as answer:
        assert answer.status == 302, await answer.text()
        return answer.headers["Location"]
