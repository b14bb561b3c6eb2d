"""Subscription logins: browser (PKCE) and device flows, token storage and refresh, import of
other CLIs' logins. Below the proxy and the UI, above config; no Qt."""
