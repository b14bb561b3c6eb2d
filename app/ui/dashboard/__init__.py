"""The dashboard: live proxy health, traffic, latency, tokens and cost, recent requests."""
