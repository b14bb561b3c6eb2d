"""One module per upstream API kind, each with `async def forward(call) -> web.StreamResponse`.

A dialect raises UpstreamError while nothing has reached the client (failover may try the next
candidate); once the first byte is out it ends the stream itself with an Anthropic error event.
"""
